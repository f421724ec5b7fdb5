//! The `counter_ops` fuzz target's decoder: any bytes become per-thread programs.

use super::{Op, run};

/// The amount that operand 63 stands for: large enough to carry into the top byte of
/// the total, small enough that no decoded input can wrap it (at most 256 operations of
/// at most this each add up to less than 2^64), so that every invariant of
/// [`verify`](super::verify) is checked on every input. Wrapping past `u64::MAX` is a
/// test of its own for every strategy (`tests/counter.rs`, `wraps_past_u64_max`), and
/// part of the linearizability check of the conformance suite.
pub const LARGE: u64 = u64::MAX / MAX_OPS as u64;

/// The most operations [`decode`] keeps: 64 for each of at most 4 threads.
pub const MAX_OPS: usize = 4 * 64;

/// Decodes arbitrary bytes into per-thread programs (what the fuzz target does).
///
/// Byte 0's low two bits pick 1-4 threads (its other bits pick the strategy, in
/// [`fuzz_one`]); each following byte is one operation for the next thread
/// in turn: the low two bits choose `Add` / `FetchAdd` / `Get` (3 is `Add` too), the
/// other six bits are the amount, with amount 63 meaning [`LARGE`]. At most 64
/// operations per thread are kept. No program's total reaches 2^64.
pub fn decode(data: &[u8]) -> Vec<Vec<Op>> {
    let Some((&first, ops)) = data.split_first() else {
        return Vec::new();
    };
    let threads = usize::from(first % 4) + 1;
    let mut programs = vec![Vec::new(); threads];
    for (i, &byte) in ops.iter().take(threads * 64).enumerate() {
        let amount = match u64::from(byte >> 2) {
            63 => LARGE,
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

/// Runs the programs [`decode`]d from `data` on one registered strategy, picked by the
/// high six bits of byte 0 (registry order, modulo the number of strategies), and
/// verifies the outcome: the body of the `counter_ops` fuzz target. One strategy per
/// input, not all of them: an input costs a sixth as much, and the fuzzer reaches every
/// strategy through byte 0.
pub fn fuzz_one(data: &[u8]) -> Result<(), String> {
    use super::super::*;
    let programs = decode(data);
    let Some(&first) = data.first().filter(|_| !programs.is_empty()) else {
        return Ok(());
    };
    let mut strategies = 0;
    macro_rules! count {
        ($($name:ident => $model:expr, $bench:expr;)*) => {
            $( let _ = stringify!($name); strategies += 1; )*
        };
    }
    crate::counter_strategies!(count);
    let chosen = usize::from(first >> 2) % strategies;
    let mut index = 0;
    macro_rules! run_the_chosen {
        ($($name:ident => $model:expr, $bench:expr;)*) => {
            $(
                if index == chosen {
                    return run($model, &programs).map_err(|e| format!("{}: {e}", stringify!($name)));
                }
                index += 1;
            )*
        };
    }
    crate::counter_strategies!(run_the_chosen);
    unreachable!("{chosen} is below the number of strategies, {index}")
}
