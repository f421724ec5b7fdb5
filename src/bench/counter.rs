//! `synclab bench counter`: every counter strategy and three peers, `add(1)` in a loop.
//!
//! Peers: `std::sync::Mutex<u64>`, `parking_lot::Mutex<u64>` and a bare
//! `AtomicU64::fetch_add(1, Relaxed)`. After each round the counter's total is checked
//! against the operations counted, so a benchmark can never report a broken counter fast.

use super::{Case, Config, Row, Sample, threads};
use crate::counter::*;
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use std::time::Duration;

/// Measures every case of the counter family, reporting progress as (done, total).
pub fn run(config: &Config, progress: &mut dyn FnMut(usize, usize)) -> Vec<Row> {
    super::run_cases("counter", config, &cases(), progress)
}

/// The cases: synclab's strategies (from the registry) and the peers.
pub fn cases() -> Vec<Case> {
    let mut cases = Vec::new();
    macro_rules! strategies {
        ($($name:ident => $model:expr, $bench:expr;)*) => {
            $( cases.push(counter_case(stringify!($name), || $bench)); )*
        };
    }
    crate::counter_strategies!(strategies);
    cases.push(counter_case(
        "std::sync::Mutex",
        std::sync::Mutex::<u64>::default,
    ));
    cases.push(counter_case(
        "parking_lot::Mutex",
        parking_lot::Mutex::<u64>::default,
    ));
    cases.push(counter_case("AtomicU64::fetch_add", AtomicU64::default));
    cases
}

/// A peer or strategy reduced to "add one; read the total".
trait Benched: Send + Sync + 'static {
    fn incr(&self);
    fn total(&self) -> u64;
}

impl<C: Counter + 'static> Benched for C {
    fn incr(&self) {
        self.add(1);
    }
    fn total(&self) -> u64 {
        self.get()
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

impl Benched for AtomicU64 {
    fn incr(&self) {
        self.fetch_add(1, Relaxed);
    }
    fn total(&self) -> u64 {
        self.load(Relaxed)
    }
}

fn counter_case<C: Benched>(name: &'static str, make: impl Fn() -> C + 'static) -> Case {
    Case {
        name: name.to_string(),
        workload: None,
        measure: Box::new(move |n: usize, time: Duration| -> Sample {
            let counter = make();
            let (sample, counts) = threads::run(n, time, |_| || counter.incr());
            let ops: u64 = counts.iter().sum();
            assert_eq!(
                counter.total(),
                ops,
                "{name}: the counter lost or invented updates"
            );
            sample
        }),
    }
}
