//! Two spin locks, written once against `super::rt` and compiled per runtime.
//!
//! Both implement synclab's [`RawLock`] trait, one trait for every runtime flavour, so
//! this one `unsafe impl` serves the std, loom and shuttle copies of the file alike.

use super::rt;
use rt::sync::atomic::{
    AtomicBool,
    Ordering::{Acquire, Relaxed, Release},
};
use synclab::lock::RawLock;

/// A correct test-and-test-and-set spin lock.
#[derive(Debug)]
pub struct SpinLock {
    locked: AtomicBool,
}

// SAFETY: mutual exclusion: `lock` and `try_lock` return holding the lock only after their
// `compare_exchange` changed `false` to `true`, which one thread at a time can do, and
// only the holder stores `false` again. Ordering: that `compare_exchange` succeeds with
// `Acquire` and reads the `Release` store of the previous `unlock`, so each critical
// section happens before the next. `try_lock` fails only if it finds the lock taken.
unsafe impl RawLock for SpinLock {
    fn new() -> Self {
        Self {
            locked: AtomicBool::new(false),
        }
    }

    fn lock(&self) {
        while self
            .locked
            .compare_exchange(false, true, Acquire, Relaxed)
            .is_err()
        {
            // Wait with plain loads (no writes to the contended line), then retry.
            while self.locked.load(Relaxed) {
                rt::hint::spin_loop();
            }
        }
    }

    fn try_lock(&self) -> bool {
        self.locked
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

/// **Buggy on purpose** (the example's tests check that the lock suite catches it): it
/// checks that the lock is free, then takes it, in two separate atomic steps.
///
/// Two threads can both see `false` and both store `true`: both are inside. Because that
/// would be a real data race on whatever the lock guards, [`new`](RawLock::new) refuses to
/// run outside a model checker (`rt::MODEL`), which runs one thread at a time and reports
/// the overlap instead of performing it.
#[derive(Debug)]
pub struct CheckThenSetLock {
    locked: AtomicBool,
}

// SAFETY: this is NOT a valid `RawLock`: mutual exclusion is broken on purpose, as a
// bug for the tests to find. `new` panics unless it runs inside loom or shuttle, so it is
// never used where the broken exclusion could race for real.
unsafe impl RawLock for CheckThenSetLock {
    fn new() -> Self {
        // A run-time check, not `const { assert!(..) }`: this file is compiled for every
        // runtime, and only constructing the lock outside a model is the error.
        if !rt::MODEL {
            panic!("CheckThenSetLock is a planted bug: it may only run inside loom or shuttle");
        }
        Self {
            locked: AtomicBool::new(false),
        }
    }

    fn lock(&self) {
        while self.locked.load(Acquire) {
            rt::hint::spin_loop();
        }
        // BUG: another thread can also have seen `false` and be about to store `true`.
        self.locked.store(true, Relaxed);
    }

    fn try_lock(&self) -> bool {
        if self.locked.load(Acquire) {
            return false;
        }
        // BUG: the same gap as in `lock`.
        self.locked.store(true, Relaxed);
        true
    }

    unsafe fn unlock(&self) {
        self.locked.store(false, Release);
    }

    fn is_locked(&self) -> bool {
        self.locked.load(Relaxed)
    }
}
