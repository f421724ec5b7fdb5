//! **Planted bug — teaching material, do not use.**
//!
//! A job's result slot published with a Relaxed flag: the memory-ordering twin of the
//! pool's [`JobHandle`](super::JobHandle). It refuses to run outside a model checker,
//! where the missing happens-before would be a real data race on the slot.

use super::rt;
use rt::cell::UnsafeCell;
use rt::sync::Arc;
use rt::sync::atomic::{AtomicBool, Ordering::Relaxed};

/// **PLANTED BUG: the result is published with Relaxed, and read after a Relaxed flag.**
///
/// What is wrong: the worker writes the result into the slot and sets `done` with
/// `store(true, Relaxed)`; the joiner waits for `done` with `load(Relaxed)` and reads the
/// slot.
///
/// What goes wrong: seeing `done == true` says nothing about the slot: without a
/// Release/Acquire pair the joiner may read the slot as it was before the worker wrote
/// it (on ARM or POWER for real; the compiler may also reorder the worker's two writes).
/// loom reports the unordered accesses to the slot; shuttle runs sequentially consistent
/// executions and misses it.
///
/// What prevents it in the pool: the job's latch counts down with
/// `self.pending.fetch_sub(1, Ordering::Release)` and `JobHandle::join` waits for
/// `self.pending.load(Ordering::Acquire) == 0` before it reads the slot.
#[derive(Debug)]
pub struct RelaxedResultSlot<T> {
    done: AtomicBool,
    result: UnsafeCell<Option<T>>,
}

// SAFETY: it is NOT sound (the bug): the flag orders nothing. `new` refuses to run outside
// a model checker, where loom reports the race instead of performing it.
unsafe impl<T: Send> Sync for RelaxedResultSlot<T> {}

impl<T> RelaxedResultSlot<T> {
    /// An empty slot (inside a model checker only).
    pub fn new() -> Self {
        // A runtime check: this source is compiled for every flavour, and only
        // constructing a planted type outside a model is the error.
        if !rt::MODEL {
            panic!("RelaxedResultSlot is a planted bug: it may only be constructed inside loom or shuttle");
        }
        Self {
            done: AtomicBool::new(false),
            result: UnsafeCell::new(None),
        }
    }

    /// The worker's side: stores the result and raises the flag.
    pub fn publish(&self, value: T) {
        // SAFETY: NOT guaranteed (the bug); under loom this access is checked, not done.
        self.result.with_mut(|p| unsafe { *p = Some(value) });
        // BUG: Relaxed; must be Release.
        self.done.store(true, Relaxed);
    }

    /// The joiner's side: waits for the flag and takes the result.
    pub fn join(&self) -> T {
        // BUG: Relaxed; must be Acquire.
        while !self.done.load(Relaxed) {
            rt::hint::spin_loop();
        }
        // SAFETY: NOT guaranteed (the bug); under loom this access is checked, not done.
        let taken = self.result.with_mut(|p| unsafe { (*p).take() });
        taken.expect("the flag is raised after the result is stored")
    }
}

impl<T> Default for RelaxedResultSlot<T> {
    fn default() -> Self {
        Self::new()
    }
}

/// The scenario: a worker thread publishes a result that the main thread joins.
pub fn relaxed_result_slot() {
    let slot = Arc::new(RelaxedResultSlot::new());
    let worker = {
        let slot = Arc::clone(&slot);
        rt::thread::spawn(move || slot.publish(7_u64))
    };
    assert_eq!(slot.join(), 7);
    worker.join().expect("the worker panicked");
}
