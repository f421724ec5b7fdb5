//! **Planted bug: a reader-writer lock that admits a reader beside a writer.**

use super::super::{RawLock, RawRwLock, rt};
use super::only_in_models;
use rt::sync::atomic::{
    AtomicUsize,
    Ordering::{Acquire, Relaxed, Release},
};

/// The writer's bit in the state word; the rest counts readers.
const WRITER: usize = 1 << 31;

/// **PLANTED BUG: a reader checks for a writer, then registers, in two steps.**
///
/// What is wrong: `lock_shared` waits until the writer bit is clear (a load), then adds
/// itself to the reader count (a `fetch_add`). Each step is atomic; the pair is not.
///
/// What goes wrong: a writer's `compare_exchange(0, WRITER)` can succeed between the
/// reader's check and its add (the count is still 0): the reader then enters beside the
/// writer. The exclusion check's occupancy word sees a reader while a writer holds the
/// lock, and the recorded history has a `read()` that no order explains.
///
/// What prevents it in [`ParkingRwLock`](crate::lock::ParkingRwLock): the reader
/// registers with a `compare_exchange` from a state it has just seen free of writers,
/// which fails if a writer got in between.
#[derive(Debug)]
pub struct CheckThenAddRwLock {
    state: AtomicUsize,
}

// SAFETY: it is NOT a valid `RawLock`/`RawRwLock`: readers and a writer can hold it
// together, on purpose. `new` refuses to run outside a model checker (see `planted`).
unsafe impl RawLock for CheckThenAddRwLock {
    fn new() -> Self {
        only_in_models("CheckThenAddRwLock");
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

// SAFETY: as above: NOT valid, on purpose, and only inside a model checker.
unsafe impl RawRwLock for CheckThenAddRwLock {
    fn lock_shared(&self) {
        // BUG: the check and the add are two steps.
        while self.state.load(Acquire) & WRITER != 0 {
            rt::hint::spin_loop();
        }
        self.state.fetch_add(1, Acquire);
    }

    fn try_lock_shared(&self) -> bool {
        if self.state.load(Acquire) & WRITER != 0 {
            return false;
        }
        // BUG: as in `lock_shared`.
        self.state.fetch_add(1, Acquire);
        true
    }

    unsafe fn unlock_shared(&self) {
        self.state.fetch_sub(1, Release);
    }
}
