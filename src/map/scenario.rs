//! The map checks, written once: the loom and shuttle models, the std stress tests, the
//! proptest properties and the fuzz target all run these same bodies.
//!
//! A [`Case`] describes one map call: the items, the number of workers, which item's
//! closure call panics (if any), and whether the items are borrowed or owned. [`check`]
//! runs it on a fresh pool ([`check_on`] on a given one) and verifies:
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
//! 6. **The pool survives** (with [`Case::reuse`]): a second map on it succeeds.

use super::pool::ThreadPool;
use super::{Auto, Fixed, Guided, Static, Strategy, map, map_iter, map_with_stats, rt};
use rt::sync::Arc;
use rt::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::panic::{AssertUnwindSafe, catch_unwind};

/// The payload of a planned panic: the index of the item whose closure call panicked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlannedPanic(pub usize);

/// The function the checks map: cheap, and different for every input.
pub fn mix(x: u64) -> u64 {
    (x ^ (x >> 29)).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

/// One map call to check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Case {
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

impl Case {
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
struct Tracked {
    index: usize,
    value: u64,
    drops: Arc<AtomicUsize>,
}

impl Tracked {
    fn new(index: usize, value: u64, drops: &Arc<AtomicUsize>) -> Self {
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

/// Runs `case` with `strategy` on a fresh pool of `case.workers` workers.
pub fn check<S: Strategy>(case: &Case, strategy: S) -> Result<(), String> {
    let pool = ThreadPool::new(case.workers).map_err(|e| e.to_string())?;
    check_on(&pool, case, strategy)
}

/// Runs `case` with `strategy` on `pool` (`case.workers` is ignored) and verifies the
/// properties in the [module docs](self).
pub fn check_on<S: Strategy>(pool: &ThreadPool, case: &Case, strategy: S) -> Result<(), String> {
    let len = case.items.len();
    let calls: Vec<AtomicUsize> = (0..len).map(|_| AtomicUsize::new(0)).collect();
    let out_drops = Arc::new(AtomicUsize::new(0));
    let in_drops = Arc::new(AtomicUsize::new(0));
    let produce = |index: usize, value: u64| {
        calls[index].fetch_add(1, Relaxed);
        if case.panic_at == Some(index) {
            std::panic::panic_any(PlannedPanic(index));
        }
        Tracked::new(index, mix(value), &out_drops)
    };

    let outcome = catch_unwind(AssertUnwindSafe(|| {
        if case.owned {
            let items: Vec<Tracked> = (case.items.iter().enumerate())
                .map(|(i, &v)| Tracked::new(i, v, &in_drops))
                .collect();
            let out = map_iter(pool, items, &strategy, |t: Tracked| produce(t.index, t.value));
            (out, None)
        } else {
            let items: Vec<(usize, u64)> = case.items.iter().copied().enumerate().collect();
            let (out, stats) = map_with_stats(pool, &items, &strategy, |&(i, v)| produce(i, v));
            (out, Some(stats))
        }
    }));

    let calls: Vec<usize> = calls.iter().map(|c| c.load(Relaxed)).collect();
    if let Some((i, n)) = calls.iter().enumerate().find(|&(_, &n)| n > 1) {
        return Err(format!("item {i} was processed {n} times"));
    }
    match outcome {
        Ok((out, stats)) => {
            if let Some(i) = case.panic_at {
                return Err(format!("item {i} panicked, but the map returned normally"));
            }
            if let Some(i) = calls.iter().position(|&n| n == 0) {
                return Err(format!("item {i} was never processed"));
            }
            if out.len() != len {
                return Err(format!("{} results for {len} items", out.len()));
            }
            for (i, r) in out.iter().enumerate() {
                if r.index != i || r.value != mix(case.items[i]) {
                    return Err(format!(
                        "result {i} came from item {}: order not preserved",
                        r.index
                    ));
                }
            }
            if let Some(stats) = stats {
                let workers = pool.workers().min(len);
                let items: usize = stats.workers.iter().map(|w| w.items).sum();
                let chunks: usize = stats.workers.iter().map(|w| w.chunks).sum();
                if stats.workers.len() != workers || stats.items != len || items != len {
                    return Err(format!("stats do not add up to {len} items: {stats:?}"));
                }
                if chunks > len || (len > 0 && chunks == 0) {
                    return Err(format!("{chunks} chunks for {len} items: {stats:?}"));
                }
            }
            drop(out);
            let dropped = out_drops.load(Relaxed);
            if dropped != len {
                return Err(format!("{len} results, but {dropped} drops"));
            }
        }
        Err(payload) => {
            let Some(&PlannedPanic(i)) = payload.downcast_ref::<PlannedPanic>() else {
                let message = crate::check::panic_message(&*payload);
                return Err(format!("the map panicked: {message}"));
            };
            if case.panic_at != Some(i) {
                return Err(format!("a panic on item {i} was re-raised, but none was planned"));
            }
            let produced = calls.iter().sum::<usize>() - 1;
            let dropped = out_drops.load(Relaxed);
            if dropped != produced {
                return Err(format!(
                    "after a panic: {produced} values were produced, {dropped} dropped \
                     (a leak or a double drop)"
                ));
            }
        }
    }
    if case.owned {
        let dropped = in_drops.load(Relaxed);
        if dropped != len {
            return Err(format!("{len} owned items, {dropped} dropped"));
        }
    }
    if case.reuse {
        let again = map(pool, &[1u64, 2, 3], &strategy, |x| x + 1);
        if again != [2, 3, 4] {
            return Err(format!("the pool is broken after the map: {again:?}"));
        }
    }
    Ok(())
}

/// A strategy picked at run time (proptest and fuzz inputs).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pick {
    /// [`Static`].
    Static,
    /// [`Fixed`] with this chunk size.
    Fixed(usize),
    /// [`Guided`] with this minimum.
    Guided(usize),
    /// [`Auto`].
    Auto,
}

impl Pick {
    /// [`check_on`] with the picked strategy. A size of 0 must be rejected by the
    /// constructor: that is checked, and nothing is mapped.
    pub fn check_on(self, pool: &ThreadPool, case: &Case) -> Result<(), String> {
        let zero = || format!("{self:?} was accepted; a zero size must be a ConfigError");
        match self {
            Pick::Static => check_on(pool, case, Static),
            Pick::Auto => check_on(pool, case, Auto::new()),
            Pick::Fixed(0) => Fixed::new(0).map_or(Ok(()), |_| Err(zero())),
            Pick::Guided(0) => Guided::new(0).map_or(Ok(()), |_| Err(zero())),
            Pick::Fixed(n) => check_on(pool, case, Fixed::new(n).map_err(|e| e.to_string())?),
            Pick::Guided(n) => check_on(pool, case, Guided::new(n).map_err(|e| e.to_string())?),
        }
    }

    /// [`check`] with the picked strategy, on a fresh pool. Zero workers must be
    /// rejected by the pool: that is checked, and nothing is mapped.
    pub fn check(self, case: &Case) -> Result<(), String> {
        match ThreadPool::new(case.workers) {
            Ok(pool) => self.check_on(&pool, case),
            Err(_) if case.workers == 0 => Ok(()),
            Err(e) => Err(e.to_string()),
        }
    }
}

/// The fuzz target's body (`fuzz/fuzz_targets/map.rs`), also run by unit tests.
///
/// Decodes `data` as: byte 0 → length `0..=64`; byte 1 → workers `0..=4` (0 must be
/// rejected); byte 2 → chunk size `0..=8` (0 must be rejected); byte 3 → strategy;
/// byte 4 → the panicking index (none if `>= length`); byte 5 bit 0 → owned items;
/// bytes 6.. → item values (missing bytes read as 0). Then runs [`Pick::check`].
pub fn fuzz_one(data: &[u8]) -> Result<(), String> {
    let byte = |i: usize| data.get(i).copied().unwrap_or(0);
    let len = usize::from(byte(0) % 65);
    let workers = usize::from(byte(1) % 5);
    let chunk = usize::from(byte(2) % 9);
    let pick = match byte(3) % 4 {
        0 => Pick::Static,
        1 => Pick::Fixed(chunk),
        2 => Pick::Guided(chunk),
        _ => Pick::Auto,
    };
    let items = (0..len).map(|i| u64::from(byte(6 + i)) << 8 | i as u64).collect();
    let mut case = Case::with_items(workers, items);
    if usize::from(byte(4)) < len {
        case = case.panic_at(usize::from(byte(4)));
    }
    if byte(5) & 1 == 1 {
        case = case.owned();
    }
    pick.check(&case)
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
