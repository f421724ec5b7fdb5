//! One atomic `u64` updated by a compare-and-swap loop with exponential backoff.
//!
//! Trade-off: a CAS loop can apply any function (saturating add, max, ...), not just `+`,
//! but under contention most CAS attempts fail and are retried. Backing off after a lost
//! race lets the winner's cache line settle; it helps throughput, never correctness.

use super::{Counter, rt};
use super::backoff::Backoff;
use rt::sync::atomic::{AtomicU64, Ordering::Relaxed};

/// A counter updated with `compare_exchange_weak` in a loop.
///
/// ```
/// use synclab::counter::{CasCounter, Counter};
/// let c = CasCounter::new();
/// assert_eq!(c.fetch_add(2), Some(0));
/// assert_eq!(c.get(), 2);
/// ```
#[derive(Debug, Default)]
pub struct CasCounter {
    value: AtomicU64,
}

impl CasCounter {
    /// A counter at zero.
    pub fn new() -> Self {
        Self::default()
    }
}

impl Counter for CasCounter {
    fn add(&self, n: u64) {
        self.fetch_add(n);
    }

    fn fetch_add(&self, n: u64) -> Option<u64> {
        let backoff = Backoff::new();
        // Relaxed everywhere: the CAS only succeeds if `current` is still the latest value,
        // so each success extends the modification order by exactly one add. Nothing else
        // is published through the counter.
        let mut current = self.value.load(Relaxed);
        loop {
            match self
                .value
                .compare_exchange_weak(current, current.wrapping_add(n), Relaxed, Relaxed)
            {
                Ok(prev) => return Some(prev),
                Err(actual) => {
                    current = actual;
                    backoff.spin();
                }
            }
        }
    }

    fn get(&self) -> u64 {
        self.value.load(Relaxed)
    }
}
