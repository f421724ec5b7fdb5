//! Test-and-test-and-set with exponential backoff that falls back to yielding.
//!
//! Two fixes over [`TasLock`](super::TasLock):
//!
//! 1. **Test before test-and-set.** Waiters spin on a plain load. Loads share the cache
//!    line (every waiter keeps a read-only copy), so the spinning costs no coherence
//!    traffic until the holder's unlock invalidates the copies; only then does anyone
//!    try the CAS.
//! 2. **Backoff, then yield** ([`Backoff::snooze`]). A waiter spins `1, 2, 4, ... 64`
//!    hints between looks, then yields its time slice. Spinning alone collapses when
//!    threads outnumber cores: a spinning waiter burns the slice that the preempted
//!    holder needs to finish. Yielding gives it back. Measured on 2 cores
//!    (`docs/measurements.md`): spin-only backoff drops to 68–90 Mops/s at 4 threads with a
//!    fairness spread of 10⁴; spin-then-yield keeps 114–186 Mops/s with spread 1.4–1.5.

use super::backoff::Backoff;
use super::{RawLock, rt};
use rt::sync::atomic::{
    AtomicBool,
    Ordering::{Acquire, Relaxed, Release},
};

/// A test-and-test-and-set spinlock with spin-then-yield backoff.
///
/// | `locked` | meaning |
/// |---|---|
/// | `false` | unlocked |
/// | `true` | locked |
///
/// Not fair: a thread that just unlocked often re-acquires before a backed-off waiter
/// looks again. Yielding keeps that bounded in practice, not in theory.
///
/// ```
/// use synclab::lock::{Mutex, TtasLock};
/// let m = Mutex::<TtasLock, u32>::new(0);
/// *m.lock() += 1;
/// assert_eq!(m.try_lock().map(|g| *g), Some(1));
/// ```
#[derive(Debug, Default)]
pub struct TtasLock {
    locked: AtomicBool,
}

// SAFETY: as for `TasLock`: only a successful `false -> true` CAS acquires (one winner),
// it is Acquire, and `unlock` stores `false` with Release.
unsafe impl RawLock for TtasLock {
    fn new() -> Self {
        Self::default()
    }

    fn lock(&self) {
        let backoff = Backoff::new();
        loop {
            // Acquire on success pairs with `unlock`'s Release store; a failed CAS takes
            // nothing, so Relaxed.
            if self
                .locked
                .compare_exchange(false, true, Acquire, Relaxed)
                .is_ok()
            {
                return;
            }
            // Relaxed: only a hint that the lock looks free; the CAS above re-checks it
            // and provides the Acquire.
            while self.locked.load(Relaxed) {
                backoff.snooze();
            }
        }
    }

    fn try_lock(&self) -> bool {
        // Test first: a failing try_lock then costs a shared read, not an exclusive line.
        !self.locked.load(Relaxed)
            && self
                .locked
                .compare_exchange(false, true, Acquire, Relaxed)
                .is_ok()
    }

    unsafe fn unlock(&self) {
        // Release: publishes the critical section to the next owner's Acquire CAS.
        self.locked.store(false, Release);
    }

    fn is_locked(&self) -> bool {
        self.locked.load(Relaxed)
    }
}
