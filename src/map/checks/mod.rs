//! The map properties, written once: the loom and shuttle models, the conformance
//! suite, the std stress tests, the proptest properties and the fuzz target all run
//! these same bodies.
//!
//! A [`Call`] describes one map call: the items, the number of workers, which item's
//! closure call panics (if any), and whether the items are borrowed or owned.
//!
//! | property | for | checks |
//! |---|---|---|
//! | [`strategy::check`] | synclab's chunked [`map`](super::map()) with a [`Strategy`](super::Strategy) | the six properties below |
//! | [`parallel_map::check`] | any [`ParallelMap`](super::ParallelMap) | 1-4 and 6 (a `ParallelMap` has no stats and maps borrowed items only) |
//!
//! 1. **Exactly once:** the closure saw every item once (after a panic: at most once).
//! 2. **Order:** result `i` is `mix(item i)`, computed from item `i`.
//! 3. **No leak, no double drop:** every value the closure returned is dropped exactly
//!    once (counted with an `rt` atomic; under loom each value also holds an `rt::Arc`,
//!    whose leak loom reports); owned items likewise.
//! 4. **Panics propagate:** the caller gets the closure's own payload
//!    ([`PlannedPanic`]), after all values produced so far were dropped.
//! 5. **The stats add up** (borrowed items): one entry per worker taking part, items and
//!    chunks summing to the input.
//! 6. **The pool survives** (with [`Call::reuse`]): a second map on it succeeds.

pub mod fuzz;
pub mod parallel_map;
pub mod strategy;

pub use crate::check::PlannedPanic;

use super::rt;
use rt::sync::Arc;
use rt::sync::atomic::{AtomicUsize, Ordering::Relaxed};

/// The function the checks map: cheap, and different for every input.
pub fn mix(x: u64) -> u64 {
    (x ^ (x >> 29)).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

/// One map call to check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Call {
    /// The input values.
    pub items: Vec<u64>,
    /// Pool size.
    pub workers: usize,
    /// The closure panics on this item.
    pub panic_at: Option<usize>,
    /// Map owned items (`map_iter`) instead of a borrowed slice (`map_with_stats`).
    pub owned: bool,
    /// Map again on the same pool afterwards.
    pub reuse: bool,
}

impl Call {
    /// Items `0..len` on `workers` workers, borrowed, no panic.
    pub fn new(workers: usize, len: usize) -> Self {
        Self::with_items(workers, (0..len as u64).collect())
    }

    /// These items on `workers` workers, borrowed, no panic.
    pub fn with_items(workers: usize, items: Vec<u64>) -> Self {
        Self {
            items,
            workers,
            panic_at: None,
            owned: false,
            reuse: false,
        }
    }

    /// The closure panics on item `index`.
    pub fn panic_at(mut self, index: usize) -> Self {
        self.panic_at = Some(index);
        self
    }

    /// Owned items, moved into the closure.
    pub fn owned(mut self) -> Self {
        self.owned = true;
        self
    }

    /// Check that the pool still works afterwards.
    pub fn reuse(mut self) -> Self {
        self.reuse = true;
        self
    }
}

/// A value that counts its drops. Used both as owned input and as output.
#[derive(Debug)]
pub(crate) struct Tracked {
    pub(crate) index: usize,
    pub(crate) value: u64,
    drops: Arc<AtomicUsize>,
}

impl Tracked {
    pub(crate) fn new(index: usize, value: u64, drops: &Arc<AtomicUsize>) -> Self {
        Self {
            index,
            value,
            drops: Arc::clone(drops),
        }
    }
}

impl Drop for Tracked {
    fn drop(&mut self) {
        // Relaxed: the counts are read after the map returned, which joined every task.
        self.drops.fetch_add(1, Relaxed);
    }
}


#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mix_differs_for_small_inputs() {
        let mut seen: Vec<u64> = (0..1000).map(mix).collect();
        seen.sort_unstable();
        seen.dedup();
        assert_eq!(seen.len(), 1000);
    }
}
