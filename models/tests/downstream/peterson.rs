//! Peterson's two-thread lock, written once against `super::rt` as a downstream crate
//! would, in two flavours of memory ordering.
//!
//! | field | meaning |
//! |---|---|
//! | `flags[i]` | thread `i` wants the lock (or holds it) |
//! | `turn` | who yields when both want it: thread `turn` waits |
//!
//! Thread `i` raises its flag, gives the turn to the other thread, then waits while the
//! other's flag is up and the turn is still the other's. Mutual exclusion rests on a
//! *store buffering* pair: each thread writes its flag, then reads the other's, and at
//! least one of the two must see the other's write. Sequential consistency guarantees
//! that; acquire/release does not.
//!
//! A thread is `rt::thread::slot_hint() % 2`: the lock is correct for two threads whose
//! hints differ modulo 2, as loom's threads 1 and 2 do (the main thread, 0, only uses it
//! after joining them). It is checked under loom only: the suites' shuttle and std checks
//! run more threads than two.

use super::rt;
use rt::sync::atomic::{
    AtomicBool, AtomicUsize,
    Ordering::{self, Acquire, Relaxed, Release, SeqCst},
};
use synclab::lock::RawLock;

/// The protocol, with the ordering of every store and of every load as parameters.
#[derive(Debug)]
struct Peterson<const SEQ_CST: bool> {
    flags: [AtomicBool; 2],
    turn: AtomicUsize,
}

impl<const SEQ_CST: bool> Peterson<SEQ_CST> {
    const STORE: Ordering = if SEQ_CST { SeqCst } else { Release };
    const LOAD: Ordering = if SEQ_CST { SeqCst } else { Acquire };

    fn new() -> Self {
        Self {
            flags: [AtomicBool::new(false), AtomicBool::new(false)],
            turn: AtomicUsize::new(0),
        }
    }

    /// (this thread, the other one).
    fn me() -> (usize, usize) {
        let me = rt::thread::slot_hint() % 2;
        (me, 1 - me)
    }

    /// Raises this thread's flag and yields the turn.
    fn announce(&self, me: usize, other: usize) {
        self.flags[me].store(true, Self::STORE);
        self.turn.store(other, Self::STORE);
    }

    /// The other thread wants the lock and has the turn.
    fn must_wait(&self, other: usize) -> bool {
        self.flags[other].load(Self::LOAD) && self.turn.load(Self::LOAD) == other
    }

    fn lock(&self) {
        let (me, other) = Self::me();
        self.announce(me, other);
        while self.must_wait(other) {
            rt::hint::spin_loop();
        }
    }

    fn try_lock(&self) -> bool {
        let (me, other) = Self::me();
        self.announce(me, other);
        if self.must_wait(other) {
            // Withdraw: the other thread holds the lock or is entering.
            self.flags[me].store(false, Self::STORE);
            return false;
        }
        true
    }

    fn unlock(&self) {
        let (me, _) = Self::me();
        self.flags[me].store(false, Self::STORE);
    }

    fn is_locked(&self) -> bool {
        // Relaxed: a snapshot, for reporting only.
        self.flags.iter().any(|f| f.load(Relaxed))
    }
}

/// Peterson's lock with every access `SeqCst`, as the textbook writes it: correct.
#[derive(Debug)]
pub struct SeqCstPeterson(Peterson<true>);

/// **Broken**: Peterson's lock with `Release` stores and `Acquire` loads. Both threads
/// can read the other's flag as still down (store buffering) and enter together.
/// [`new`](RawLock::new) refuses to run outside a model checker.
#[derive(Debug)]
pub struct AcqRelPeterson(Peterson<false>);

// SAFETY: mutual exclusion: a thread enters only after reading the other's flag down, or
// the turn back at itself after its own `turn` store. With all accesses SeqCst, in their
// single total order the later of the two `turn` stores leaves the turn to the thread that
// wrote first; that thread's flag store precedes its `turn` store, so the later thread
// reads the flag up and the turn the other's, and waits. Ordering: the waiter leaves the
// loop by reading the holder's `flags` store of `false` (or a later `turn` store) with a
// SeqCst (acquire) load, which synchronises with it, so each critical section happens
// before the next. Two threads only (see the module docs).
unsafe impl RawLock for SeqCstPeterson {
    fn new() -> Self {
        Self(Peterson::new())
    }
    fn lock(&self) {
        self.0.lock();
    }
    fn try_lock(&self) -> bool {
        self.0.try_lock()
    }
    unsafe fn unlock(&self) {
        self.0.unlock();
    }
    fn is_locked(&self) -> bool {
        self.0.is_locked()
    }
}

// SAFETY: this is NOT a valid `RawLock`: with acquire/release only, both threads can enter
// at once. It is a bug for the tests to find; `new` panics outside loom and shuttle.
unsafe impl RawLock for AcqRelPeterson {
    fn new() -> Self {
        if !rt::MODEL {
            panic!("AcqRelPeterson is broken on purpose: it may only run inside loom or shuttle");
        }
        Self(Peterson::new())
    }
    fn lock(&self) {
        self.0.lock();
    }
    fn try_lock(&self) -> bool {
        self.0.try_lock()
    }
    unsafe fn unlock(&self) {
        self.0.unlock();
    }
    fn is_locked(&self) -> bool {
        self.0.is_locked()
    }
}
