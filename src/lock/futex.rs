//! A futex emulation: sleep while a condition on an atomic word holds, wake sleepers.
//!
//! Linux's `futex(WAIT, addr, expected)` sleeps only if `*addr == expected`, checked
//! atomically with going to sleep, so a wake that follows a change of `*addr` is never
//! lost. Here the same guarantee comes from an `rt::sync::Mutex<()>` (the *bucket*) and
//! an `rt::sync::Condvar`:
//!
//! * a waiter locks the bucket, evaluates its condition, and if it still holds, waits on
//!   the condvar, which releases the bucket only once the waiter is registered;
//! * a waker first changes the atomic word, then locks the bucket and notifies.
//!
//! If the waker locks the bucket after the waiter did, the waiter is already registered
//! and is woken. If it locks the bucket first, its change to the word happens before the
//! waiter's check (bucket unlock → lock), so the waiter sees it and does not sleep.
//! Either way no wakeup is lost, with any memory ordering on the word itself.
//!
//! Everything comes from `rt`, so loom and shuttle see every step (a std `Mutex` inside a
//! model would hang it).

use super::rt;
use std::sync::PoisonError;

/// One wait queue: the bucket lock and the condition variable sleepers wait on.
#[derive(Debug, Default)]
pub(crate) struct Futex {
    bucket: rt::sync::Mutex<()>,
    sleepers: rt::sync::Condvar,
}

impl Futex {
    pub(crate) fn new() -> Self {
        Self::default()
    }

    /// Sleeps if `should_sleep()` is true, evaluated under the bucket lock. Returns after a
    /// wake, or at once if the condition was false. Callers re-check their state in a
    /// loop: a wake is a hint that the state changed, never a promise.
    pub(crate) fn wait_while(&self, should_sleep: impl FnOnce() -> bool) {
        // The bucket guards no data, so a poisoned bucket means nothing: ignore it.
        let bucket = self.bucket.lock().unwrap_or_else(PoisonError::into_inner);
        if should_sleep() {
            drop(self.sleepers.wait(bucket).unwrap_or_else(PoisonError::into_inner));
        }
    }

    /// Wakes one sleeper, if any. Call it after changing the word the sleepers test.
    pub(crate) fn wake_one(&self) {
        let _bucket = self.bucket.lock().unwrap_or_else(PoisonError::into_inner);
        self.sleepers.notify_one();
    }

    /// Wakes every sleeper. Call it after changing the word the sleepers test.
    pub(crate) fn wake_all(&self) {
        let _bucket = self.bucket.lock().unwrap_or_else(PoisonError::into_inner);
        self.sleepers.notify_all();
    }
}
