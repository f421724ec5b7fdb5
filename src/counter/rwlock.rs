//! A `u64` behind a reader-writer lock.
//!
//! Trade-off: readers (`get`) may run together, but every add takes the write lock, so
//! for an add-heavy counter it costs as much as a mutex or more (the lock state is bigger).
//! Worth it only when reads dominate.

use super::{Counter, rt};
use std::sync::PoisonError;

/// A counter protected by `rt::sync::RwLock`.
///
/// ```
/// use synclab::counter::{Counter, RwLockCounter};
/// let c = RwLockCounter::new();
/// c.add(1);
/// assert_eq!(c.get(), 1);
/// ```
#[derive(Debug, Default)]
pub struct RwLockCounter {
    value: rt::sync::RwLock<u64>,
}

impl RwLockCounter {
    /// A counter at zero.
    pub fn new() -> Self {
        Self::default()
    }
}

impl Counter for RwLockCounter {
    fn add(&self, n: u64) {
        self.fetch_add(n);
    }

    fn fetch_add(&self, n: u64) -> Option<u64> {
        // Writers exclude each other and readers; the lock orders the updates.
        let mut value = self.value.write().unwrap_or_else(PoisonError::into_inner);
        let prev = *value;
        *value = prev.wrapping_add(n);
        Some(prev)
    }

    fn get(&self) -> u64 {
        *self.value.read().unwrap_or_else(PoisonError::into_inner)
    }
}
