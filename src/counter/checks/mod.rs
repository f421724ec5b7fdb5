//! The counter properties, written once: every checker runs these same bodies (the
//! models, the conformance suite, the gallery, the fuzz target).
//!
//! A scenario gives each thread a program of [`Op`]s, runs the programs on their own
//! `rt` threads against one counter, joins them, and [`verify`]s what was observed:
//!
//! 1. **No lost update:** the final `get` equals the sum of every amount added.
//! 2. **`fetch_add` is exact** (strategies that return `Some`): the intervals
//!    `[prev, prev + n)` of all `fetch_add`s are disjoint and lie inside `[0, total)`; when
//!    the programs hold only `fetch_add`s they tile `[0, total)` exactly, so with unit
//!    adds the returned values are distinct and cover `0..total`.
//! 3. **`get` is sane:** no read exceeds the final total, and one thread's reads never go
//!    down.
//!
//! Checks 2 and 3 assume the total does not wrap past `u64::MAX`; programs whose amounts
//! add up to 2^64 or more are checked for 1 only (modular arithmetic keeps 1 exact). The
//! fuzz target's decoder never makes such a program ([`LARGE`]), so that no input
//! switches checks off.
//!
//! [`linearizable`] is the stronger property that the [conformance
//! suite](crate::conformance::counter) runs: every call is recorded and the history is
//! checked against lincheck's sequential counter, wrap-around included. It holds for the
//! strategies whose `get` is exact while writers run (see the table in the
//! [module docs](super)), not for the sharded and batched ones, by design.

mod fuzz;
mod linearizable;

pub use fuzz::{LARGE, MAX_OPS, decode, fuzz_one};
pub use linearizable::linearizable;

use super::Counter;
use super::super::programs::on_threads;

/// One step of a thread's program.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    /// `counter.add(n)`.
    Add(u64),
    /// `counter.fetch_add(n)`, recording the returned previous total.
    FetchAdd(u64),
    /// `counter.get()`, recording the value read.
    Get,
}

/// What one thread observed while running its program.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ThreadLog {
    /// `(previous total, amount)` for each `fetch_add`, or `None` where it returned none.
    pub fetched: Vec<(Option<u64>, u64)>,
    /// The values this thread's `get`s returned, in program order.
    pub reads: Vec<u64>,
}

/// Runs `programs[i]` on thread `i`, all against `counter`, and verifies the outcome.
///
/// Spawns with `rt::thread::spawn`, so it runs under whichever runtime this module was
/// compiled for. `Err` carries a human-readable description of the violated property.
pub fn run<C: Counter>(counter: C, programs: &[Vec<Op>]) -> Result<(), String> {
    let logs = on_threads(programs, |_, program| run_program(&counter, program));
    verify(programs, &logs, counter.get())
}

/// Runs one thread's program and records what it saw.
pub fn run_program<C: Counter + ?Sized>(counter: &C, program: &[Op]) -> ThreadLog {
    let mut log = ThreadLog::default();
    for op in program {
        match *op {
            Op::Add(n) => counter.add(n),
            Op::FetchAdd(n) => log.fetched.push((counter.fetch_add(n), n)),
            Op::Get => log.reads.push(counter.get()),
        }
    }
    log
}

/// Checks the three properties in the [module docs](self).
pub fn verify(programs: &[Vec<Op>], logs: &[ThreadLog], final_total: u64) -> Result<(), String> {
    let amounts = programs.iter().flatten().filter_map(|op| match *op {
        Op::Add(n) | Op::FetchAdd(n) => Some(n),
        Op::Get => None,
    });
    let exact: u128 = amounts.clone().map(u128::from).sum();
    let expected = amounts.fold(0u64, u64::wrapping_add);
    if final_total != expected {
        return Err(format!(
            "lost update: final total is {final_total}, but the threads added {expected}"
        ));
    }
    if exact > u128::from(u64::MAX) {
        return Ok(());
    }

    let fetched: Vec<_> = logs.iter().flat_map(|l| l.fetched.iter().copied()).collect();
    let returned = fetched.iter().filter(|(prev, _)| prev.is_some()).count();
    if returned != 0 && returned != fetched.len() {
        return Err("fetch_add returned a previous total only some of the time".into());
    }
    if returned != 0 {
        let mut spans: Vec<(u64, u64)> = fetched.iter().map(|&(p, n)| (p.unwrap_or(0), n)).collect();
        spans.sort_unstable();
        let only_fetches = programs.iter().flatten().all(|op| !matches!(op, Op::Add(_)));
        let mut next = 0u64; // the first value not yet covered by a span
        for &(prev, n) in &spans {
            if prev < next {
                return Err(format!(
                    "fetch_add returned {prev} twice or inside another add's span: two adds saw the same total"
                ));
            }
            if only_fetches && prev != next {
                return Err(format!("no fetch_add returned {next}: an add was lost"));
            }
            next = prev + n;
        }
        if next > expected {
            return Err(format!("fetch_add returned {} past the final total {expected}", next - 1));
        }
    }

    for (thread, log) in logs.iter().enumerate() {
        if let Some(&read) = log.reads.iter().find(|&&r| r > expected) {
            return Err(format!("thread {thread} read {read}, more than the final total {expected}"));
        }
        if let Some(w) = log.reads.windows(2).find(|w| w[1] < w[0]) {
            return Err(format!("thread {thread} read {} after {}: the total went down", w[1], w[0]));
        }
    }
    Ok(())
}

/// The same `program` for each of `threads` threads.
pub fn uniform(threads: usize, program: &[Op]) -> Vec<Vec<Op>> {
    vec![program.to_vec(); threads]
}
