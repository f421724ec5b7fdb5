//! A `u64` behind a mutex: the baseline every other strategy is measured against.
//!
//! Trade-off: simplest to reason about, and `fetch_add` / `get` are linearizable, but every
//! add is a lock round trip, and under contention the cache line holding the lock and the
//! value bounces between cores (and waiters may sleep in the kernel).

use super::{Counter, rt};
use std::sync::PoisonError;

/// A counter protected by `rt::sync::Mutex`.
///
/// ```
/// use synclab::counter::{Counter, MutexCounter};
/// let c = MutexCounter::new();
/// c.add(1);
/// assert_eq!(c.get(), 1);
/// ```
#[derive(Debug, Default)]
pub struct MutexCounter {
    value: rt::sync::Mutex<u64>,
}

impl MutexCounter {
    /// A counter at zero.
    pub fn new() -> Self {
        Self::default()
    }
}

impl Counter for MutexCounter {
    fn add(&self, n: u64) {
        self.fetch_add(n);
    }

    fn fetch_add(&self, n: u64) -> Option<u64> {
        // The lock's acquire/release pairing orders this update after every earlier one.
        // A panic cannot happen while the guard is held, so poisoning carries no meaning.
        let mut value = self.value.lock().unwrap_or_else(PoisonError::into_inner);
        let prev = *value;
        *value = prev.wrapping_add(n);
        Some(prev)
    }

    fn get(&self) -> u64 {
        *self.value.lock().unwrap_or_else(PoisonError::into_inner)
    }
}
