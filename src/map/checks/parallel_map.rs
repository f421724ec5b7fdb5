//! The [`ParallelMap`] contract, checked on any implementation: the property that the
//! [conformance](crate::conformance) map suite runs, written once and compiled per runtime
//! like the maps it checks.
//!
//! [`check`] runs one [`Call`] (the same description of a map call that synclab's own
//! [`strategy`](super::strategy) checks use): it maps a known function over the call's
//! items and verifies:
//!
//! 1. **Equals the sequential map:** result `i` is `mix(items[i])`, for every `i`.
//! 2. **Exactly once:** the closure saw every item once (after a panic: at most once).
//! 3. **No leak, no double drop:** every value the closure returned is dropped exactly
//!    once, after a panic too (counted with an `rt` atomic; under loom each value also
//!    holds an `rt::Arc`, whose leak loom reports).
//! 4. **Panics propagate:** a panic in the closure reaches the caller with its own
//!    payload ([`PlannedPanic`]).
//! 5. **The map survives** (with [`Call::reuse`]): mapping again on the same object
//!    afterwards works.
//!
//! These are the properties synclab's own [`strategy`](super::strategy) checks of its
//! chunked map, minus everything that depends on how the work is split.

use super::super::ParallelMap;
use super::{Call, PlannedPanic, mix};
use super::rt::sync::Arc;
use super::rt::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::panic::{AssertUnwindSafe, catch_unwind};

/// A result that counts its drops.
#[derive(Debug)]
struct Counted {
    index: usize,
    value: u64,
    drops: Arc<AtomicUsize>,
}

impl Drop for Counted {
    fn drop(&mut self) {
        // Relaxed: the count is read after the map returned, which joined every task.
        self.drops.fetch_add(1, Relaxed);
    }
}

/// Runs `call` on a fresh `M::with_workers(call.workers)` and verifies the properties in
/// the [module docs](self). `Err` describes the first violated property.
///
/// A [`ParallelMap`] maps borrowed items only, so an [`owned`](Call::owned) call is an
/// error.
pub fn check<M: ParallelMap>(call: &Call) -> Result<(), String> {
    if call.owned {
        return Err("a ParallelMap maps borrowed items: an owned call cannot run".into());
    }
    let (items, panic_at) = (&call.items, call.panic_at);
    let map = M::with_workers(call.workers);
    let len = items.len();
    let calls: Vec<AtomicUsize> = (0..len).map(|_| AtomicUsize::new(0)).collect();
    let drops = Arc::new(AtomicUsize::new(0));
    let indexed: Vec<(usize, u64)> = items.iter().copied().enumerate().collect();

    let outcome = catch_unwind(AssertUnwindSafe(|| {
        map.map(&indexed, |&(index, value)| {
            calls[index].fetch_add(1, Relaxed);
            if panic_at == Some(index) {
                std::panic::panic_any(PlannedPanic(index));
            }
            Counted {
                index,
                value: mix(value),
                drops: Arc::clone(&drops),
            }
        })
    }));

    let calls: Vec<usize> = calls.iter().map(|c| c.load(Relaxed)).collect();
    if let Some((i, n)) = calls.iter().enumerate().find(|&(_, &n)| n > 1) {
        return Err(format!("item {i} was processed {n} times"));
    }
    match outcome {
        Ok(out) => {
            if let Some(i) = panic_at {
                return Err(format!("item {i} panicked, but the map returned normally"));
            }
            if let Some(i) = calls.iter().position(|&n| n == 0) {
                return Err(format!("item {i} was never processed"));
            }
            if out.len() != len {
                return Err(format!("{} results for {len} items", out.len()));
            }
            if let Some((i, r)) =
                (out.iter().enumerate()).find(|&(i, r)| r.index != i || r.value != mix(items[i]))
            {
                return Err(format!(
                    "result {i} is {:#x} from item {}; the sequential map gives {:#x}",
                    r.value,
                    r.index,
                    mix(items[i])
                ));
            }
            drop(out);
            let dropped = drops.load(Relaxed);
            if dropped != len {
                return Err(format!("{len} results, but {dropped} drops"));
            }
        }
        Err(payload) => {
            let Some(&PlannedPanic(i)) = payload.downcast_ref::<PlannedPanic>() else {
                let message = crate::check::panic_message(&*payload);
                return Err(format!("the map panicked by itself: {message}"));
            };
            if panic_at != Some(i) {
                return Err(format!(
                    "a panic on item {i} was re-raised, but none was planned"
                ));
            }
            let produced = calls.iter().sum::<usize>() - 1;
            let dropped = drops.load(Relaxed);
            if dropped != produced {
                return Err(format!(
                    "after the panic: {produced} values were produced, {dropped} dropped \
                     (a leak or a double drop)"
                ));
            }
        }
    }

    if call.reuse {
        let again = map.map(&[1u64, 2, 3], |x| x + 1);
        if again != [2, 3, 4] {
            return Err(format!(
                "the map is broken afterwards: [1, 2, 3] + 1 gave {again:?}"
            ));
        }
    }
    Ok(())
}
