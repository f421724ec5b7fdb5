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
//! ## Skipping the bucket when nobody waits
//! Locking the bucket and notifying costs a system call or two. A waker can skip both if
//! no thread is between "about to check" and "asleep", which `waiters` counts. That is
//! Dekker's handshake, and it needs sequential consistency: the waiter *registers, then
//! reads the word*; the waker *writes the word, then reads the registrations*. With only
//! acquire/release both could read the old values (store buffering) and the wake would be
//! lost. A `fence(SeqCst)` between the write and the read on each side forbids that: of
//! the two fences, one comes first in their single total order, and the thread after it
//! sees the other thread's write. So either the waiter sees the new word and does not
//! sleep, or the waker sees `waiters > 0` and takes the slow path above.
//! (`fence(SeqCst)`, not SeqCst accesses: the word is written and read by the caller,
//! with whatever ordering it uses, and only a fence orders those accesses too; C11
//! orders SeqCst accesses only among themselves.)
//!
//! Everything comes from `rt`, so loom and shuttle see every step (a std `Mutex` inside a
//! model would hang it).

use super::rt;
use rt::sync::atomic::{AtomicUsize, Ordering::Relaxed, Ordering::SeqCst, fence};
use std::sync::PoisonError;

/// One wait queue: the bucket lock, the condition variable sleepers wait on, and the
/// number of threads inside [`Futex::wait_while`].
#[derive(Debug, Default)]
pub(crate) struct Futex {
    bucket: rt::sync::Mutex<()>,
    sleepers: rt::sync::Condvar,
    waiters: AtomicUsize,
}

impl Futex {
    pub(crate) fn new() -> Self {
        Self::default()
    }

    /// Sleeps if `should_sleep()` is true, evaluated under the bucket lock. Returns after a
    /// wake, or at once if the condition was false. Callers re-check their state in a
    /// loop: a wake is a hint that the state changed, never a promise.
    pub(crate) fn wait_while(&self, should_sleep: impl FnOnce() -> bool) {
        // Register before looking at the word (see the module docs). Relaxed: the fence
        // orders it.
        self.waiters.fetch_add(1, Relaxed);
        fence(SeqCst);
        {
            // The bucket guards no data, so a poisoned bucket means nothing: ignore it.
            let bucket = self.bucket.lock().unwrap_or_else(PoisonError::into_inner);
            if should_sleep() {
                drop(self.sleepers.wait(bucket).unwrap_or_else(PoisonError::into_inner));
            }
        }
        self.waiters.fetch_sub(1, Relaxed);
    }

    /// Wakes one sleeper, if any. Call it after changing the word the sleepers test.
    pub(crate) fn wake_one(&self) {
        if self.anyone_waiting() {
            let _bucket = self.bucket.lock().unwrap_or_else(PoisonError::into_inner);
            self.sleepers.notify_one();
        }
    }

    /// Wakes every sleeper. Call it after changing the word the sleepers test.
    pub(crate) fn wake_all(&self) {
        if self.anyone_waiting() {
            let _bucket = self.bucket.lock().unwrap_or_else(PoisonError::into_inner);
            self.sleepers.notify_all();
        }
    }

    /// Whether a thread may be about to sleep on the word the caller just changed.
    fn anyone_waiting(&self) -> bool {
        // Orders the caller's change of the word before this read (see the module docs).
        fence(SeqCst);
        self.waiters.load(Relaxed) != 0
    }
}
