//! Test-and-set: the simplest spinlock, and the baseline the others improve on.
//!
//! Every waiter hammers the lock word with read-modify-writes. Each one needs the cache
//! line in exclusive state, so under contention the line ping-pongs between cores even
//! while the lock stays held, slowing down the holder's own unlock. [`TtasLock`]
//! (`ttas.rs`) fixes that; this file stays naive on purpose, except for one thing no
//! spinlock may skip: after `2^7` failed attempts it yields on every attempt
//! ([`SpinWait`]), because when threads outnumber cores a waiter that never yields can
//! burn the time slice that the preempted holder needs to finish.
//!
//! [`SpinWait`]: super::backoff::SpinWait
//!
//! [`TtasLock`]: super::TtasLock

use super::backoff::SpinWait;
use super::{RawLock, rt};
use rt::sync::atomic::{
    AtomicBool,
    Ordering::{Acquire, Relaxed, Release},
};

/// A test-and-set spinlock.
///
/// | `locked` | meaning |
/// |---|---|
/// | `false` | unlocked |
/// | `true` | locked |
///
/// Acquired with `compare_exchange(false, true)`, not `swap(true)`: both work on real
/// hardware, but a failed `swap` still *stores* `true`, so under loom every spin
/// iteration is a new write and the model never terminates (loom issue #162), and on
/// hardware it dirties the cache line for nothing.
///
/// ```
/// use synclab::lock::{Mutex, TasLock};
/// let m = Mutex::<TasLock, _>::new(vec![1]);
/// m.lock().push(2);
/// assert_eq!(*m.lock(), [1, 2]);
/// ```
#[derive(Debug, Default)]
pub struct TasLock {
    locked: AtomicBool,
}

// SAFETY: `locked` goes `false -> true` only through a successful compare_exchange, which
// exactly one thread can win while it is `true` (mutual exclusion); the winning CAS is
// Acquire and the unlocking store is Release, so the previous owner's critical section
// happens before the next one's (acquire/release).
unsafe impl RawLock for TasLock {
    fn new() -> Self {
        Self::default()
    }

    fn lock(&self) {
        let wait = SpinWait::new();
        // Acquire on success: pairs with the Release store in `unlock`, so this owner sees
        // every write of the previous one. Relaxed on failure: a failed CAS takes nothing.
        while self
            .locked
            .compare_exchange(false, true, Acquire, Relaxed)
            .is_err()
        {
            // A spin hint between attempts (it lets a hyper-threaded sibling run; loom
            // and shuttle turn it into a yield), and after 2^7 failed attempts a yield
            // per attempt: the holder has probably lost its core.
            wait.wait();
        }
    }

    fn try_lock(&self) -> bool {
        // Same orderings as `lock`.
        self.locked
            .compare_exchange(false, true, Acquire, Relaxed)
            .is_ok()
    }

    unsafe fn unlock(&self) {
        // Release: publishes the critical section to the next owner's Acquire CAS.
        self.locked.store(false, Release);
    }

    fn is_locked(&self) -> bool {
        // Relaxed: a snapshot, used for nothing but reporting.
        self.locked.load(Relaxed)
    }
}
