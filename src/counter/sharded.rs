//! Per-thread slots on separate cache lines: Java's `LongAdder`, Linux's percpu counters.
//!
//! Each thread adds to the slot picked by [`slot_hint`](super::rt::thread::slot_hint);
//! `get` sums all slots. With at least as many slots as running threads, no two threads
//! write the same cache line, so adds scale with cores. The price: `get` is O(slots), it is
//! not a snapshot, and there is no single total to return from `fetch_add`.
//!
//! Each slot is [`CachePadded`]: 128 bytes on x86_64, because the L2 prefetcher fetches
//! cache lines in adjacent pairs, so two slots 64 bytes apart still share traffic.
//! Unpadded slots measured 140–190 Mops/s at 2 threads against 1,077–1,116 padded
//! (`docs/measurements.md`).

use super::{Counter, rt};
use crate::error::ConfigError;
use crossbeam_utils::CachePadded;
use rt::sync::atomic::{AtomicU64, Ordering::Relaxed};

/// A counter spread over cache-padded per-thread slots.
///
/// `get` while writers run: for a workload that only adds (and does not wrap), the result
/// lies between the total when `get` was called and the total when it returned, and one
/// thread's successive `get`s never go down; it may match no instant's exact total.
///
/// ```
/// use synclab::counter::{Counter, ShardedCounter};
/// let c = ShardedCounter::with_shards(4)?;
/// c.add(5);
/// assert_eq!(c.fetch_add(1), None); // no single total to return
/// assert_eq!(c.get(), 6);
/// # Ok::<(), synclab::error::ConfigError>(())
/// ```
#[derive(Debug)]
pub struct ShardedCounter {
    slots: Box<[CachePadded<AtomicU64>]>,
    /// `slots.len() - 1`; the length is a power of two so a mask picks the slot.
    mask: usize,
}

impl ShardedCounter {
    /// One slot per hardware thread, times four to make collisions between threads rare,
    /// rounded up to a power of two.
    pub fn new() -> Self {
        let cores = std::thread::available_parallelism().map_or(4, |n| n.get());
        Self::build(cores.saturating_mul(4).next_power_of_two())
    }

    /// `shards` slots, rounded up to a power of two. Zero shards is an error, and so are
    /// more than [`MAX_SHARDS`](Self::MAX_SHARDS).
    pub fn with_shards(shards: usize) -> Result<Self, ConfigError> {
        if shards == 0 {
            return Err(ConfigError::too_small("shards", 1, 0));
        }
        if shards > Self::MAX_SHARDS {
            return Err(ConfigError::too_large(
                "shards",
                Self::MAX_SHARDS as u64,
                shards as u64,
            ));
        }
        Ok(Self::build(shards.next_power_of_two()))
    }

    /// The most slots [`with_shards`](Self::with_shards) accepts: 2^20, which
    /// are 128 MiB of padded slots (on x86_64) that every `get` reads. No machine runs
    /// that many threads at once, so more slots could only make `get` slower: a larger
    /// request is an error, not rounded down behind the caller's back.
    pub const MAX_SHARDS: usize = 1 << 20;

    /// The number of slots.
    pub fn shards(&self) -> usize {
        self.slots.len()
    }

    fn build(len: usize) -> Self {
        Self {
            slots: (0..len).map(|_| CachePadded::new(AtomicU64::new(0))).collect(),
            mask: len - 1,
        }
    }
}

impl Default for ShardedCounter {
    fn default() -> Self {
        Self::new()
    }
}

impl Counter for ShardedCounter {
    fn add(&self, n: u64) {
        let slot = &self.slots[rt::thread::slot_hint() & self.mask];
        // fetch_add, not load + store: two threads may share a slot (more threads than
        // slots, or a hash collision). Relaxed: per-slot modification order is all a sum
        // needs; nothing else is published.
        slot.fetch_add(n, Relaxed);
    }

    fn fetch_add(&self, n: u64) -> Option<u64> {
        self.add(n);
        None
    }

    fn get(&self) -> u64 {
        // Each Relaxed load returns a value between the slot's value at the start and at
        // the end of this call (coherence), hence the bound on the sum documented above.
        self.slots
            .iter()
            .fold(0u64, |sum, slot| sum.wrapping_add(slot.load(Relaxed)))
    }
}
