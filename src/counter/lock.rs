//! A `u64` behind any synclab raw lock: every lock of the [`lock`](super::super::lock)
//! family becomes a counter strategy, so the counter checks and benchmarks run on it.
//!
//! Trade-off: as [`MutexCounter`](super::MutexCounter), with the lock algorithm as a
//! type parameter: compare `LockCounter<TtasLock>` (spins) with
//! `LockCounter<ParkingLock>` (sleeps) on the same workload.

use super::super::lock::{Mutex, RawLock};
use super::Counter;
use std::fmt;

/// A counter protected by `Mutex<R, u64>`.
///
/// ```
/// use synclab::counter::{Counter, LockCounter};
/// use synclab::lock::TicketLock;
///
/// let c = LockCounter::<TicketLock>::new();
/// assert_eq!(c.fetch_add(2), Some(0));
/// assert_eq!(c.get(), 2);
/// ```
pub struct LockCounter<R: RawLock> {
    value: Mutex<R, u64>,
}

impl<R: RawLock> LockCounter<R> {
    /// A counter at zero.
    pub fn new() -> Self {
        Self {
            value: Mutex::new(0),
        }
    }
}

impl<R: RawLock> Default for LockCounter<R> {
    fn default() -> Self {
        Self::new()
    }
}

impl<R: RawLock> fmt::Debug for LockCounter<R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LockCounter")
            .field("lock", &std::any::type_name::<R>())
            .field("value", &self.value)
            .finish()
    }
}

impl<R: RawLock> Counter for LockCounter<R> {
    fn add(&self, n: u64) {
        self.fetch_add(n);
    }

    fn fetch_add(&self, n: u64) -> Option<u64> {
        // The raw lock's acquire/release pairing orders this update after every earlier
        // one (RawLock's safety contract). No poisoning: nothing here can panic.
        let mut value = self.value.lock();
        let prev = *value;
        *value = prev.wrapping_add(n);
        Some(prev)
    }

    fn get(&self) -> u64 {
        *self.value.lock()
    }
}
