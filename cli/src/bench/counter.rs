//! `synclab bench counter`: every counter strategy and three peers, `add(1)` in a loop.
//!
//! Peers: `std::sync::Mutex<u64>`, `parking_lot::Mutex<u64>` and a bare
//! `AtomicU64::fetch_add(1, Relaxed)`. After each round the counter's total is checked
//! against the operations counted, so a benchmark can never report a broken counter fast.

use super::{BenchError, Case, Config, Iteration, Row, Stop, threads};
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use synclab::counter::*;

/// Measures every case of the counter family, reporting progress as (done, total).
pub fn run(
    config: &Config,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Vec<Row>, BenchError> {
    let mut rows = super::run_cases("counter", config, &cases(), progress)?;
    // Every thread runs the operation back to back and never idles: the self-check's
    // bound holds.
    super::plausible::flag(&mut rows, super::cpus());
    Ok(rows)
}

/// The cases: synclab's strategies (from the registry) and the peers.
pub fn cases() -> Vec<Case> {
    let mut cases = Vec::new();
    macro_rules! strategies {
        ($($name:ident => $model:expr, $bench:expr;)*) => {
            $( cases.push(counter_case(stringify!($name), || $bench, |c| c.add(1), |c| c.get())); )*
        };
    }
    synclab::counter_strategies!(strategies);
    cases.push(counter_case(
        "std::sync::Mutex",
        std::sync::Mutex::<u64>::default,
        |m| *m.lock().unwrap() += 1,
        |m| *m.lock().unwrap(),
    ));
    cases.push(counter_case(
        "parking_lot::Mutex",
        parking_lot::Mutex::<u64>::default,
        |m| *m.lock() += 1,
        |m| *m.lock(),
    ));
    cases.push(counter_case(
        "AtomicU64::fetch_add",
        AtomicU64::default,
        |a| {
            a.fetch_add(1, Relaxed);
        },
        |a| a.load(Relaxed),
    ));
    cases
}

/// A case: a strategy or peer made by `make`, `incr` adding one, `total` reading the sum.
fn counter_case<C: Sync + 'static>(
    name: &'static str,
    make: impl Fn() -> C + 'static,
    incr: fn(&C),
    total: fn(&C) -> u64,
) -> Case {
    Case {
        name: name.to_string(),
        workload: None,
        iteration: Iteration::OnEveryThread,
        measure: Box::new(move |n: usize, stop: Stop| {
            let counter = make();
            let (sample, counts) = threads::run(n, stop, |_| || incr(&counter))?;
            let ops: u64 = counts.iter().sum();
            assert_eq!(
                total(&counter),
                ops,
                "{name}: the counter lost or invented updates"
            );
            Ok(sample)
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every case runs a fixed number of adds per thread and keeps its total exact.
    #[test]
    #[cfg_attr(miri, ignore)] // pins threads with libc calls Miri does not model
    fn every_case_counts_exactly() {
        let cases = cases();
        assert!(cases.iter().any(|c| c.name == "sharded"));
        assert!(cases.iter().any(|c| c.name == "parking_lot::Mutex"));
        for case in &cases {
            for n in [1, 2] {
                // The case asserts the total; the sample counts the operations.
                let sample = (case.measure)(n, Stop::Iterations(1000)).unwrap();
                assert!(sample.ops_per_sec > 0.0, "{}", case.name);
                assert_eq!(case.ops_per_iteration(n), n as u64);
            }
        }
    }
}
