//! Spin locks for any number of threads: two correct, four buggy.
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

/// The body every lock here shares: spin on `attempt` until it succeeds.
fn spin_until(attempt: impl Fn() -> bool) {
    while !attempt() {
        rt::hint::spin_loop();
    }
}

/// Correct: `compare_exchange(false, true, Acquire, _)`, `store(false, Release)`.
#[derive(Debug)]
pub struct CasSpinLock {
    locked: AtomicBool,
}

// SAFETY: mutual exclusion: only a CAS from `false` to `true` acquires, one thread at a
// time, and only the holder stores `false`. Ordering: the Acquire CAS reads the Release
// store of the previous unlock. `try_lock` fails only if it found the lock held.
unsafe impl RawLock for CasSpinLock {
    fn new() -> Self {
        Self {
            locked: AtomicBool::new(false),
        }
    }
    fn lock(&self) {
        spin_until(|| self.try_lock());
    }
    fn try_lock(&self) -> bool {
        (self.locked)
            .compare_exchange(false, true, Acquire, Relaxed)
            .is_ok()
    }
    unsafe fn unlock(&self) {
        self.locked.store(false, Release);
    }
    fn is_locked(&self) -> bool {
        self.locked.load(Relaxed)
    }
}

/// Correct: test with a load, then test-and-set with `swap(true, Acquire)` (the shape of
/// `spin::Mutex`; plain loom 0.7 flags it, tokio-rs/loom#254).
#[derive(Debug)]
pub struct SwapTtasLock {
    locked: AtomicBool,
}

// SAFETY: as for `CasSpinLock`: the swap that reads `false` is the one acquisition
// between two `false` stores (RMWs read the latest value), and it is Acquire.
unsafe impl RawLock for SwapTtasLock {
    fn new() -> Self {
        Self {
            locked: AtomicBool::new(false),
        }
    }
    fn lock(&self) {
        spin_until(|| self.try_lock());
    }
    fn try_lock(&self) -> bool {
        !self.locked.load(Relaxed) && !self.locked.swap(true, Acquire)
    }
    unsafe fn unlock(&self) {
        self.locked.store(false, Release);
    }
    fn is_locked(&self) -> bool {
        self.locked.load(Relaxed)
    }
}

/// Declares a broken spin lock: `$try_lock` and `$unlock` are its bodies over `locked`.
macro_rules! broken_lock {
    ($(#[$doc:meta])* $name:ident, |$l:ident| try_lock: $try_lock:expr, unlock: $unlock:expr) => {
        $(#[$doc])*
        #[derive(Debug)]
        pub struct $name {
            locked: AtomicBool,
        }

        // SAFETY: NOT a valid `RawLock` (broken on purpose); `new` refuses to run outside
        // loom and shuttle, which run one thread at a time and report the race.
        unsafe impl RawLock for $name {
            fn new() -> Self {
                only_in_models(stringify!($name));
                Self {
                    locked: AtomicBool::new(false),
                }
            }
            fn lock(&self) {
                let $l = &self.locked;
                spin_until(|| $l.compare_exchange(false, true, Acquire, Relaxed).is_ok());
            }
            fn try_lock(&self) -> bool {
                let $l = &self.locked;
                $try_lock
            }
            unsafe fn unlock(&self) {
                let $l = &self.locked;
                $unlock
            }
            fn is_locked(&self) -> bool {
                self.locked.load(Relaxed)
            }
        }
    };
}

broken_lock!(
    /// **Buggy**: unlocks with a `Relaxed` store: exclusive, but the next holder need not
    /// see the last one's writes (an ordering bug: loom only).
    RelaxedUnlockLock,
    |l| try_lock: l.compare_exchange(false, true, Acquire, Relaxed).is_ok(),
    unlock: l.store(false, Relaxed)
);

broken_lock!(
    /// **Buggy**: `try_lock` checks that the lock is free, then sets it, in two steps.
    CheckThenSetLock,
    |l| try_lock: !l.load(Acquire) && {
        l.store(true, Relaxed);
        true
    },
    unlock: l.store(false, Release)
);

broken_lock!(
    /// **Buggy**: `try_lock` takes the lock with `swap(true, Relaxed)`: the holder's
    /// writes are not ordered before the next holder's (an ordering bug: loom only).
    RelaxedSwapLock,
    |l| try_lock: !l.swap(true, Relaxed),
    unlock: l.store(false, Release)
);

broken_lock!(
    /// **Buggy**: `try_lock` always fails, even on a free lock with nobody acquiring: a
    /// lasting spurious failure (rule 3 of `RawLock`). Exclusion holds.
    NeverTryLock,
    |l| try_lock: {
        let _ = l;
        false
    },
    unlock: l.store(false, Release)
);

/// Broken locks refuse to be built on real threads, where the bug would be a real data
/// race; loom and shuttle run one thread at a time and report it instead.
fn only_in_models(name: &str) {
    if !rt::MODEL {
        panic!("{name} is broken on purpose: it may only be constructed inside loom or shuttle");
    }
}
