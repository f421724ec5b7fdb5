//! Raw reader-writer locks on one word: one correct, one that admits a reader beside a
//! writer.
//!
//! | `state` | meaning |
//! |---|---|
//! | `0` | free |
//! | `n < WRITER` | `n` readers |
//! | `WRITER` (+ a buggy reader) | held by a writer |

use super::rt;
use rt::sync::atomic::{
    AtomicUsize,
    Ordering::{Acquire, Relaxed, Release},
};
use synclab::lock::{RawLock, RawRwLock};

const WRITER: usize = 1 << 31;

/// The exclusive mode both locks share: CAS `0 → WRITER`.
macro_rules! exclusive {
    ($ty:ident) => {
        // SAFETY: (for `CasRwLock`; `CheckThenAddRwLock` is the buggy twin) only a CAS from
        // 0 (no reader, no writer) takes the write lock, with Acquire; `unlock` gives it
        // back with Release. `try_lock` fails only if it saw a holder.
        unsafe impl RawLock for $ty {
            fn new() -> Self {
                Self {
                    state: AtomicUsize::new(0),
                }
            }
            fn lock(&self) {
                while !self.try_lock() {
                    rt::hint::spin_loop();
                }
            }
            fn try_lock(&self) -> bool {
                (self.state)
                    .compare_exchange(0, WRITER, Acquire, Relaxed)
                    .is_ok()
            }
            unsafe fn unlock(&self) {
                self.state.fetch_sub(WRITER, Release);
            }
            fn is_locked(&self) -> bool {
                self.state.load(Relaxed) != 0
            }
        }
    };
}

/// Correct: a reader registers with a CAS from a state without a writer.
#[derive(Debug)]
pub struct CasRwLock {
    state: AtomicUsize,
}
exclusive!(CasRwLock);

impl CasRwLock {
    /// One attempt: `Some(true)` registered, `Some(false)` a writer holds it, `None` lost
    /// a race with another reader (try again).
    fn attempt(&self) -> Option<bool> {
        let seen = self.state.load(Relaxed);
        if seen & WRITER != 0 {
            return Some(false);
        }
        let cas = self
            .state
            .compare_exchange(seen, seen + 1, Acquire, Relaxed);
        cas.is_ok().then_some(true)
    }
}

// SAFETY: the CAS registers a reader only from a state it saw without a writer, so no
// writer holds the lock while a reader does (the writer's CAS needs 0), with Acquire
// pairing with the writer's Release unlock.
unsafe impl RawRwLock for CasRwLock {
    fn lock_shared(&self) {
        while self.attempt() != Some(true) {
            rt::hint::spin_loop();
        }
    }
    fn try_lock_shared(&self) -> bool {
        loop {
            if let Some(got) = self.attempt() {
                return got;
            }
        }
    }
    unsafe fn unlock_shared(&self) {
        self.state.fetch_sub(1, Release);
    }
}

/// Buggy: a reader waits until no writer holds it, then adds itself: a writer can get
/// in between.
#[derive(Debug)]
pub struct CheckThenAddRwLock {
    state: AtomicUsize,
}
exclusive!(CheckThenAddRwLock);

// SAFETY: NOT sound, on purpose (the corpus's buggy twin; its std checks are not run).
unsafe impl RawRwLock for CheckThenAddRwLock {
    fn lock_shared(&self) {
        while self.state.load(Acquire) & WRITER != 0 {
            rt::hint::spin_loop();
        }
        self.state.fetch_add(1, Acquire);
    }
    fn try_lock_shared(&self) -> bool {
        if self.state.load(Acquire) & WRITER != 0 {
            return false;
        }
        self.state.fetch_add(1, Acquire);
        true
    }
    unsafe fn unlock_shared(&self) {
        self.state.fetch_sub(1, Release);
    }
}
