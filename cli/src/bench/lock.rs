//! `synclab bench lock`: every synclab lock and three peers, `*u64 += 1` under the lock.
//!
//! Two workloads, reported in the `workload` field:
//! * `none`: lock, increment, unlock, repeat. Pure contention: measures the hand-over.
//! * `100ns`: the same plus about 100 ns of work *outside* the lock, calibrated at start.
//!   Closer to real code, where threads mostly do something else and meet at the lock.
//!
//! Cases: the synclab raw locks under their registry names (`tas`, `ttas`, `ticket`,
//! `mcs`, `parking`, `rwlock` = its write lock), each as [`Mutex<R, u64>`], and the peers
//! `std::sync::Mutex`, `parking_lot::Mutex` and `spin::Mutex` (a test-and-test-and-set
//! spinlock). `spread` (busiest thread's ops / least busy thread's) shows fairness: 1.0 is
//! perfectly even. After every round the protected total is checked against the
//! operations counted, so a broken lock can never be reported fast. Threads are pinned
//! to CPUs round robin ([`pin`](super::pin)).

use super::{BenchError, Case, Config, Iteration, Row, Stop, threads};
use std::hint::black_box;
use std::sync::OnceLock;
use std::time::Instant;
use synclab::lock::*;

/// The work outside the lock in the `100ns` workload, in nanoseconds.
const WORK_NS: f64 = 100.0;

/// Measures every case of the lock family, reporting progress as (done, total).
pub fn run(
    config: &Config,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Vec<Row>, BenchError> {
    let mut rows = super::run_cases("lock", config, &cases(), progress)?;
    // Every thread runs the operation back to back and never idles: the self-check's
    // bound holds.
    super::plausible::flag(&mut rows, super::cpus());
    Ok(rows)
}

/// The cases: both workloads × (synclab's locks from the registry, then the peers).
pub fn cases() -> Vec<Case> {
    let mut cases = Vec::new();
    for (workload, outside) in [("none", 0), ("100ns", work_rounds())] {
        macro_rules! locks {
            ($($name:ident => $raw:ident, $kind:ident;)*) => {
                $( cases.push(lock_case(stringify!($name), workload, outside, Mutex::<$raw, u64>::default)); )*
            };
        }
        synclab::raw_locks!(locks);
        cases.push(lock_case(
            "std::sync::Mutex",
            workload,
            outside,
            std::sync::Mutex::<u64>::default,
        ));
        cases.push(lock_case(
            "parking_lot::Mutex",
            workload,
            outside,
            parking_lot::Mutex::<u64>::default,
        ));
        cases.push(lock_case("spin::Mutex", workload, outside, || {
            spin::Mutex::<u64>::new(0)
        }));
    }
    cases
}

/// A lock reduced to "increment under the lock; read the total".
trait Benched: Send + Sync + 'static {
    fn incr(&self);
    fn total(&self) -> u64;
}

impl<R: RawLock + 'static> Benched for Mutex<R, u64> {
    fn incr(&self) {
        *self.lock() += 1;
    }
    fn total(&self) -> u64 {
        *self.lock()
    }
}

impl Benched for std::sync::Mutex<u64> {
    fn incr(&self) {
        *self.lock().unwrap() += 1;
    }
    fn total(&self) -> u64 {
        *self.lock().unwrap()
    }
}

impl Benched for parking_lot::Mutex<u64> {
    fn incr(&self) {
        *self.lock() += 1;
    }
    fn total(&self) -> u64 {
        *self.lock()
    }
}

impl Benched for spin::Mutex<u64> {
    fn incr(&self) {
        *self.lock() += 1;
    }
    fn total(&self) -> u64 {
        *self.lock()
    }
}

fn lock_case<L: Benched>(
    name: &'static str,
    workload: &'static str,
    outside: u32,
    make: impl Fn() -> L + 'static,
) -> Case {
    Case {
        name: name.to_string(),
        workload: Some(workload.to_string()),
        iteration: Iteration::OnEveryThread,
        measure: Box::new(move |n: usize, stop: Stop| {
            let lock = make();
            let (sample, counts) = threads::run(n, stop, |_| {
                || {
                    lock.incr();
                    work(outside);
                }
            })?;
            let ops: u64 = counts.iter().sum();
            assert_eq!(lock.total(), ops, "{name}: the lock lost updates");
            Ok(sample)
        }),
    }
}

/// Work the optimiser cannot remove: `rounds` dependent multiply-adds.
#[inline]
pub fn work(rounds: u32) {
    let mut x = 1u64;
    for i in 0..rounds {
        x = black_box(
            x.wrapping_mul(0x9E37_79B9_7F4A_7C15)
                .wrapping_add(u64::from(i)),
        );
    }
    black_box(x);
}

/// Rounds of [`work`] that take about 100 ns on this machine, measured once.
pub fn work_rounds() -> u32 {
    static ROUNDS: OnceLock<u32> = OnceLock::new();
    *ROUNDS.get_or_init(|| {
        const PROBE: u32 = 1_000;
        const REPEAT: u32 = 1_000;
        // The fastest of a few tries: background load only ever makes a try slower.
        let per_round = (0..5)
            .map(|_| {
                let start = Instant::now();
                for _ in 0..REPEAT {
                    work(PROBE);
                }
                start.elapsed().as_secs_f64() * 1e9 / f64::from(PROBE * REPEAT)
            })
            .fold(f64::INFINITY, f64::min);
        ((WORK_NS / per_round).round() as u32).max(1)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every case runs a fixed number of critical sections per thread and keeps its
    /// count exact (1 and 2 threads).
    #[test]
    #[cfg_attr(miri, ignore)] // timing loops: far too slow interpreted
    fn every_case_counts_exactly() {
        let cases = cases();
        assert!(cases.iter().any(|c| c.name == "mcs"));
        assert!(cases.iter().any(|c| c.name == "spin::Mutex"));
        for case in &cases {
            for n in [1, 2] {
                // The case asserts the protected total against the operations counted.
                let sample = (case.measure)(n, Stop::Iterations(500)).unwrap();
                assert!(sample.ops_per_sec > 0.0, "{}", case.name);
            }
        }
    }

    #[test]
    #[cfg_attr(miri, ignore)] // calibrates the work loop
    fn synclab_names_have_no_path() {
        let cases = cases();
        let ours: Vec<_> = cases.iter().filter(|c| !c.name.contains("::")).collect();
        assert_eq!(ours.len(), 2 * 6, "six locks in two workloads");
    }
}
