//! The counter checks, written once: every checker runs these same bodies.
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
//! add up to 2^64 or more are checked for 1 only (modular arithmetic keeps 1 exact).
//!
//! [`linearizable`] is the stronger check that the [conformance
//! suite](crate::conformance::counter) runs: every call is recorded and the history is
//! checked against lincheck's sequential counter, wrap-around included. It holds for the
//! strategies whose `get` is exact while writers run (see the table in the
//! [module docs](super)), not for the sharded and batched ones, by design.

use super::{Counter, record, rt};
use rt::sync::Arc;

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
pub fn run<C: Counter + 'static>(counter: C, programs: &[Vec<Op>]) -> Result<(), String> {
    let counter = Arc::new(counter);
    let handles: Vec<_> = programs
        .iter()
        .map(|program| {
            let counter = Arc::clone(&counter);
            let program = program.clone();
            rt::thread::spawn(move || run_program(&*counter, &program))
        })
        .collect();
    let logs: Vec<ThreadLog> = handles
        .into_iter()
        .map(|h| h.join().expect("a counter operation panicked"))
        .collect();
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

/// Decodes arbitrary bytes into per-thread programs (what the fuzz target does).
///
/// Byte 0 picks 1-4 threads; each following byte is one operation for the next thread
/// in turn: the low two bits choose `Add` / `FetchAdd` / `Get` (3 is `Add` too), the
/// other six bits are the amount, with amount 63 meaning `u64::MAX` so that wrapping
/// is exercised. At most 64 operations per thread are kept.
pub fn decode(data: &[u8]) -> Vec<Vec<Op>> {
    let Some((&first, ops)) = data.split_first() else {
        return Vec::new();
    };
    let threads = usize::from(first % 4) + 1;
    let mut programs = vec![Vec::new(); threads];
    for (i, &byte) in ops.iter().take(threads * 64).enumerate() {
        let amount = match u64::from(byte >> 2) {
            63 => u64::MAX,
            n => n,
        };
        programs[i % threads].push(match byte & 3 {
            1 => Op::FetchAdd(amount),
            2 => Op::Get,
            _ => Op::Add(amount),
        });
    }
    programs
}

/// Runs the programs [`decode`]d from `data` on every registered strategy and verifies
/// each outcome: the body of the `counter_ops` fuzz target.
pub fn fuzz_one(data: &[u8]) -> Result<(), String> {
    use super::*;
    let programs = decode(data);
    if programs.is_empty() {
        return Ok(());
    }
    macro_rules! each_strategy {
        ($($name:ident => $model:expr, $bench:expr;)*) => {
            $( run($model, &programs).map_err(|e| format!("{}: {e}", stringify!($name)))?; )*
        };
    }
    crate::counter_strategies!(each_strategy);
    Ok(())
}

/// Runs `programs[i]` on thread `i` against `counter`, recording every call, then reads
/// the total once more after joining them, and checks the history against lincheck's
/// sequential [`Counter`](crate::lincheck::models::Counter) model.
///
/// `add(n)` is recorded as a `fetch_add(n)` whose result is unknown, `get` as a `load`;
/// a `fetch_add` that returns `None` is recorded with an unknown result too. The final
/// read is client `programs.len()`, one past the last thread. `Err` explains, with a
/// per-client table, why no sequential order fits what the threads saw.
pub fn linearizable<C: Counter>(counter: C, programs: &[Vec<Op>]) -> Result<(), record::Violation> {
    use crate::lincheck::models::{Counter as Spec, CounterInput};
    let recorder = record::Recorder::new();
    let mut history = recorder.run(&counter, programs, |c, op, client| match *op {
        Op::Add(n) => client.call_with(CounterInput::FetchAdd(n), || c.add(n), |_| None),
        Op::FetchAdd(n) => {
            client.call_with(CounterInput::FetchAdd(n), || c.fetch_add(n), |&prev| prev);
        }
        Op::Get => {
            client.call(CounterInput::Load, || c.get());
        }
    });
    let mut after = recorder.client(programs.len());
    after.call(CounterInput::Load, || counter.get());
    history.extend(after.into_operations());
    history.check(&Spec)
}
