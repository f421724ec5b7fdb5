//! A test-and-test-and-set spin lock that acquires with `swap(true, Acquire)`, the shape
//! of `spin::Mutex`, written once against `super::rt` as a downstream crate would.
//!
//! | `locked` | meaning |
//! |---|---|
//! | `false` | free |
//! | `true` | held |

use super::rt;
use rt::sync::atomic::{
    AtomicBool,
    Ordering::{Acquire, Relaxed, Release},
};
use synclab::lock::RawLock;

/// A correct TTAS lock: wait with plain loads, take the lock with a `swap`.
#[derive(Debug)]
pub struct SwapTtasLock {
    locked: AtomicBool,
}

impl SwapTtasLock {
    /// One attempt: test with a load (no write to a held lock), then test-and-set.
    fn attempt(&self) -> bool {
        // Relaxed: only a hint; the swap decides, and it is the Acquire.
        !self.locked.load(Relaxed) && !self.locked.swap(true, Acquire)
    }
}

// SAFETY: mutual exclusion: a thread holds the lock once its `swap` read `false`; swaps
// and the holder's `false` store are all writes to `locked`, in one modification order,
// and each swap reads the write just before it in that order, so between one `false` and
// the next only one swap can read `false`. Ordering: that swap is Acquire and reads the
// Release store of the previous `unlock`, so each critical section happens before the
// next. `try_lock` fails only if it saw the lock held.
unsafe impl RawLock for SwapTtasLock {
    fn new() -> Self {
        Self {
            locked: AtomicBool::new(false),
        }
    }

    fn lock(&self) {
        while !self.attempt() {
            rt::hint::spin_loop();
        }
    }

    fn try_lock(&self) -> bool {
        self.attempt()
    }

    unsafe fn unlock(&self) {
        self.locked.store(false, Release);
    }

    fn is_locked(&self) -> bool {
        self.locked.load(Relaxed)
    }
}
