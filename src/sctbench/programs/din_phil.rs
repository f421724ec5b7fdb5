//! `din_philN` — SCTBench `din_phil2_sat.c` ... `din_phil7_sat.c` (bad) and
//! `din_phil2_unsat.c` ... `din_phil7_unsat.c` (ok), for `N` = 2 to 7.
//!
//! `N` philosophers, one thread each, with a fork (a mutex) between neighbours. Each
//! takes its right fork, then its left, and puts both back, all inside one atomic
//! section (one global mutex), so they cannot deadlock.
//!
//! The bug (bad, "sat": the assertion is reachable): after eating, each philosopher
//! increments a shared counter `phil` without a lock (`++phil`: a load and a store) and
//! fails when it reads `phil == N`. That happens in every execution in which no
//! increment is lost, so nearly every schedule fails. The ok twins ("unsat") have no
//! counter and no assertion.

use super::{lock, rt};
use rt::sync::Mutex;
use rt::sync::atomic::{AtomicUsize, Ordering::SeqCst};

/// Every philosopher eats once; `after` runs after each meal, outside the atomic section.
fn dine(n: usize, after: &(dyn Fn() + Sync)) {
    let atomic = Mutex::new(());
    let forks: Vec<Mutex<()>> = (0..n).map(|_| Mutex::new(())).collect();
    rt::thread::scope(|s| {
        for id in 0..n {
            let (atomic, forks) = (&atomic, &forks);
            s.spawn(move || {
                let (left, right) = (id, (id + 1) % n);
                {
                    let _atomic = lock(atomic);
                    let right = lock(&forks[right]);
                    let left = lock(&forks[left]);
                    drop(left);
                    drop(right);
                }
                after();
            });
        }
    });
}

/// The bad ("sat") version with `n` philosophers.
pub fn bad(n: usize) {
    let phil = AtomicUsize::new(0);
    dine(n, &|| {
        let seen = phil.load(SeqCst);
        phil.store(seen + 1, SeqCst);
        assert_ne!(
            phil.load(SeqCst),
            n,
            "din_phil: every philosopher has eaten (the benchmark's reachable error)"
        );
    });
}

/// The ok ("unsat") twin with `n` philosophers: no counter, no assertion.
pub fn ok(n: usize) {
    dine(n, &|| {});
}
