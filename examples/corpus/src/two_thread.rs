//! Two-thread locks: Peterson's (all `SeqCst`, and C11 with an RMW tie-breaker), Dekker's,
//! and a Peterson with acquire/release only (buggy).
//!
//! | field | meaning |
//! |---|---|
//! | `flags[i]` | thread `i` wants the lock (or holds it) |
//! | `turn` | Peterson: who yields when both want it (thread `turn` waits); Dekker: who may insist |
//!
//! A thread is `rt::thread::index()`, 0 or 1: the suite's index of the thread
//! (`synclab::conformance::raw_lock_threads(2)` runs at most two; the main thread, also
//! 0, uses the lock only after joining them).
//!
//! `try_lock` by the thread that holds the lock must fail (rule 1 of `RawLock`: otherwise
//! `Mutex::try_lock` would hand out a second `&mut`), so it first checks its own flag,
//! which only this thread writes.

use super::rt;
use rt::sync::atomic::{
    AtomicBool, AtomicUsize,
    Ordering::{AcqRel, Acquire, Relaxed, Release, SeqCst},
};
use synclab::lock::RawLock;

/// (this thread, the other one).
fn me() -> (usize, usize) {
    let me = rt::thread::index();
    assert!(me < 2, "a two-thread lock used by thread {me}");
    (me, 1 - me)
}

/// The fields of every lock here.
#[derive(Debug)]
struct Flags {
    flags: [AtomicBool; 2],
    turn: AtomicUsize,
}

impl Flags {
    fn new() -> Self {
        Self {
            flags: [AtomicBool::new(false), AtomicBool::new(false)],
            turn: AtomicUsize::new(0),
        }
    }

    fn is_locked(&self) -> bool {
        // Relaxed: a snapshot, for reporting only.
        self.flags.iter().any(|f| f.load(Relaxed))
    }
}

/// Implements `RawLock` for a two-thread lock from its `enter(blocking) -> bool` and
/// `release()`; `$guard`, if given, runs first in `new`.
macro_rules! two_thread_lock {
    ($name:ident $(, $guard:expr)?) => {
        unsafe impl RawLock for $name {
            fn new() -> Self {
                $($guard;)?
                Self(Flags::new())
            }
            fn lock(&self) {
                let entered = self.enter(true);
                debug_assert!(entered);
            }
            fn try_lock(&self) -> bool {
                // Relaxed: this thread's own flag, written only by this thread.
                !self.0.flags[me().0].load(Relaxed) && self.enter(false)
            }
            unsafe fn unlock(&self) {
                self.release();
            }
            fn is_locked(&self) -> bool {
                self.0.is_locked()
            }
        }
    };
}

/// Correct: Peterson's lock, every access `SeqCst`, as the textbook writes it.
#[derive(Debug)]
pub struct SeqCstPeterson(Flags);

impl SeqCstPeterson {
    fn enter(&self, blocking: bool) -> bool {
        let (me, other) = me();
        let f = &self.0;
        f.flags[me].store(true, SeqCst);
        f.turn.store(other, SeqCst);
        while f.flags[other].load(SeqCst) && f.turn.load(SeqCst) == other {
            if !blocking {
                f.flags[me].store(false, SeqCst);
                return false;
            }
            rt::hint::spin_loop();
        }
        true
    }
    fn release(&self) {
        self.0.flags[me().0].store(false, SeqCst);
    }
}

// SAFETY: in the single total order of the SeqCst accesses, the later `turn` store leaves
// the turn to the thread that wrote first; that thread's flag store precedes its `turn`
// store, so the later thread reads the flag up and the turn the other's, and waits. A
// waiter leaves by reading the holder's `false` (or a later `turn`) with a SeqCst load,
// which synchronises with it. Two threads only (module docs).
two_thread_lock!(SeqCstPeterson);

/// Correct under C11: Peterson's lock with the turn taken by `swap(other, AcqRel)` (an
/// RMW tie-breaker), the flags stored `Relaxed`/`Release` and read `Acquire`. Two
/// overlapping `try_lock`s can both fail on a free lock, which `RawLock` rule 3 allows.
#[derive(Debug)]
pub struct C11Peterson(Flags);

impl C11Peterson {
    fn enter(&self, blocking: bool) -> bool {
        let (me, other) = me();
        let f = &self.0;
        f.flags[me].store(true, Relaxed);
        // The swaps on `turn` are totally ordered; the later one reads the earlier (and
        // synchronises with it), so the later thread sees the earlier one's flag up.
        f.turn.swap(other, AcqRel);
        while f.flags[other].load(Acquire) && f.turn.load(Acquire) == other {
            if !blocking {
                f.flags[me].store(false, Release);
                return false;
            }
            rt::hint::spin_loop();
        }
        true
    }
    fn release(&self) {
        self.0.flags[me().0].store(false, Release);
    }
}

// SAFETY: mutual exclusion: of the two `turn` swaps the later reads the earlier's value
// and synchronises with it (AcqRel), so the later thread reads the earlier thread's flag
// up and the turn its own write (`other` for it): it waits until the earlier thread's
// Release `false` (or its next swap, which gives the turn back) is read with Acquire,
// which orders the critical sections. Two threads only (module docs).
two_thread_lock!(C11Peterson);

/// Correct: Dekker's lock, every access `SeqCst`: a thread that finds the other's flag up
/// backs off (lowers its flag) unless it has the turn; `unlock` hands the turn over.
#[derive(Debug)]
pub struct Dekker(Flags);

impl Dekker {
    fn enter(&self, blocking: bool) -> bool {
        let (me, other) = me();
        let f = &self.0;
        f.flags[me].store(true, SeqCst);
        while f.flags[other].load(SeqCst) {
            if !blocking {
                f.flags[me].store(false, SeqCst);
                return false;
            }
            if f.turn.load(SeqCst) != me {
                f.flags[me].store(false, SeqCst);
                while f.turn.load(SeqCst) != me && f.flags[other].load(SeqCst) {
                    rt::hint::spin_loop();
                }
                f.flags[me].store(true, SeqCst);
            } else {
                rt::hint::spin_loop();
            }
        }
        true
    }
    fn release(&self) {
        let (me, other) = me();
        self.0.turn.store(other, SeqCst);
        self.0.flags[me].store(false, SeqCst);
    }
}

// SAFETY: a thread enters only after its flag store and then a load of the other's flag
// as down; with SeqCst, of two such pairs the later load sees the earlier store (store
// buffering is forbidden), so both cannot enter. The loads that let a thread in are
// SeqCst (acquire) reads of the other's `false` store (release). Two threads only.
two_thread_lock!(Dekker);

/// **Buggy**: Peterson's lock with `Release` stores and `Acquire` loads: both threads can
/// read the other's flag as still down (store buffering) and enter together. No checker
/// that runs sequentially consistent executions (shuttle) can see it.
#[derive(Debug)]
pub struct AcqRelPeterson(Flags);

impl AcqRelPeterson {
    fn enter(&self, blocking: bool) -> bool {
        let (me, other) = me();
        let f = &self.0;
        f.flags[me].store(true, Release);
        f.turn.store(other, Release);
        // BUG: acquire/release does not forbid store buffering.
        while f.flags[other].load(Acquire) && f.turn.load(Acquire) == other {
            if !blocking {
                f.flags[me].store(false, Release);
                return false;
            }
            rt::hint::spin_loop();
        }
        true
    }
    fn release(&self) {
        self.0.flags[me().0].store(false, Release);
    }
}

// SAFETY: NOT a valid `RawLock` (broken on purpose); `new` refuses to run outside loom
// and shuttle.
two_thread_lock!(AcqRelPeterson, only_in_models("AcqRelPeterson"));

/// Broken locks refuse to be built on real threads, where the bug would be a real data
/// race; loom and shuttle run one thread at a time and report it instead.
fn only_in_models(name: &str) {
    if !rt::MODEL {
        panic!("{name} is broken on purpose: it may only be constructed inside loom or shuttle");
    }
}
