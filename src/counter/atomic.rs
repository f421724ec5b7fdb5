//! One atomic `u64` updated with `fetch_add`.
//!
//! Trade-off: one instruction (`lock xadd` on x86) and wait-free, but all threads write the
//! same cache line, so under contention each add waits for the line to travel between
//! cores: throughput stays flat or falls as threads are added.

use super::{Counter, rt};
use rt::sync::atomic::{AtomicU64, Ordering::Relaxed};

/// A counter that is a single `AtomicU64`.
///
/// ```
/// use synclab::counter::{AtomicCounter, Counter};
/// let c = AtomicCounter::new();
/// assert_eq!(c.fetch_add(1), Some(0));
/// ```
#[derive(Debug, Default)]
pub struct AtomicCounter {
    value: AtomicU64,
}

impl AtomicCounter {
    /// A counter at zero.
    pub fn new() -> Self {
        Self::default()
    }
}

impl Counter for AtomicCounter {
    fn add(&self, n: u64) {
        self.fetch_add(n);
    }

    fn fetch_add(&self, n: u64) -> Option<u64> {
        // Relaxed is enough: read-modify-writes on one location always act on the latest
        // value in its modification order, so no add is lost. The counter publishes no
        // other data, so there is nothing for Acquire/Release to order.
        Some(self.value.fetch_add(n, Relaxed))
    }

    fn get(&self) -> u64 {
        // Relaxed: a value from the modification order; coherence keeps one thread's
        // successive reads from going backwards.
        self.value.load(Relaxed)
    }
}
