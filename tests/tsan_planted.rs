//! A planted data race, for ThreadSanitizer to catch: the proof that the sanitizer step
//! of `.ci/run` can fail. Ignored by `cargo test`; only that step runs it, and it fails
//! unless ThreadSanitizer reports the race.
//!
//! The race is the one the gallery's `RelaxedSpinLock` plants for the model checkers
//! (which refuses to run outside them): a [`RawLock`] that acquires and releases with
//! Relaxed orderings, wrapped in synclab's [`Mutex`]. Mutual exclusion holds on the lock
//! word, but nothing orders one holder's writes to the protected value before the next
//! holder's reads. On x86 the count usually comes out right; ThreadSanitizer reports the
//! two unordered accesses all the same, as a downstream lock with this bug would be
//! reported.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering::Relaxed};
use synclab::lock::{Mutex, RawLock};

/// **PLANTED BUG**: a spinlock whose `lock` and `unlock` are Relaxed.
struct RelaxedLock(AtomicBool);

// SAFETY: NOT sound, on purpose: `lock` does not synchronise with the previous `unlock`,
// so the `Mutex` built on it has a data race. It is used only by the ignored test below,
// which runs only under ThreadSanitizer, to show that the sanitizer reports the race.
unsafe impl RawLock for RelaxedLock {
    fn new() -> Self {
        Self(AtomicBool::new(false))
    }

    fn lock(&self) {
        // The bug: Relaxed instead of Acquire.
        while self
            .0
            .compare_exchange_weak(false, true, Relaxed, Relaxed)
            .is_err()
        {
            std::hint::spin_loop();
        }
    }

    fn try_lock(&self) -> bool {
        self.0
            .compare_exchange(false, true, Relaxed, Relaxed)
            .is_ok()
    }

    unsafe fn unlock(&self) {
        // The bug: Relaxed instead of Release.
        self.0.store(false, Relaxed);
    }

    fn is_locked(&self) -> bool {
        self.0.load(Relaxed)
    }
}

#[test]
#[ignore = "a planted data race: run only by the ThreadSanitizer step of .ci/run, which fails unless the sanitizer reports it"]
fn relaxed_lock_races_on_the_protected_value() {
    let count = Mutex::<RelaxedLock, u64>::new(0);
    // Both threads must be inside their loops at the same time. Left alone, the first
    // thread can finish before the second one starts (CI saw the test end in 0.00 s with no
    // report): the thread's exit and the next spawn then order the two loops for the
    // sanitizer, and there is no race to see. The hand-shake is Relaxed on purpose, so that
    // it orders nothing itself.
    let started = AtomicUsize::new(0);
    std::thread::scope(|s| {
        for _ in 0..2 {
            s.spawn(|| {
                started.fetch_add(1, Relaxed);
                while started.load(Relaxed) < 2 {
                    std::hint::spin_loop();
                }
                for _ in 0..1000 {
                    *count.lock() += 1;
                }
            });
        }
    });
    // Whatever the count, the run is wrong: ThreadSanitizer must have reported the race.
    let _ = count.into_inner();
}
