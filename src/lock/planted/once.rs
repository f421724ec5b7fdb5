//! **Planted bug: double-checked initialisation without Acquire.**

use super::super::rt;
use super::only_in_models;
use rt::cell::UnsafeCell;
use rt::sync::atomic::{
    AtomicBool,
    Ordering::{Relaxed, Release},
};
use rt::sync::{Arc, Mutex};
use std::sync::PoisonError;

/// **PLANTED BUG: the fast path reads the flag with Relaxed.**
///
/// What is wrong: [`OnceCell`](crate::lock::OnceCell)'s algorithm, but the fast path
/// checks `ready` with `load(Relaxed)`.
///
/// What goes wrong: a thread sees `ready == true` and reads the value, but nothing
/// orders the initialising thread's write of the value before its read: it may read the
/// memory as it was before initialisation (the classic broken double-checked locking of
/// Java before volatile and C++ before atomics). loom reports the unordered read of the
/// cell; shuttle runs sequentially consistent executions and misses it.
///
/// What prevents it in `OnceCell::get`: `self.ready.load(Acquire)`, which pairs with the
/// `Release` store that follows the write.
#[derive(Debug)]
pub struct RelaxedOnceCell<T> {
    ready: AtomicBool,
    init: Mutex<()>,
    value: UnsafeCell<Option<T>>,
}

// SAFETY: it is NOT sound: the Relaxed fast path breaks the happens-before that reading
// `value` needs, on purpose. `new` refuses to run outside a model checker, where threads
// run one at a time and loom reports the race instead of performing it.
unsafe impl<T: Send + Sync> Sync for RelaxedOnceCell<T> {}

impl<T: Copy> RelaxedOnceCell<T> {
    /// An empty cell (inside a model checker only).
    pub fn new() -> Self {
        only_in_models("RelaxedOnceCell");
        Self {
            ready: AtomicBool::new(false),
            init: Mutex::new(()),
            value: UnsafeCell::new(None),
        }
    }

    /// The value, computed by `init` if nobody has yet.
    pub fn get_or_init(&self, init: impl FnOnce() -> T) -> T {
        // BUG: Relaxed; must be Acquire.
        if !self.ready.load(Relaxed) {
            let _init = self.init.lock().unwrap_or_else(PoisonError::into_inner);
            if !self.ready.load(Relaxed) {
                let value = init();
                // SAFETY: under `init` with `ready` false, nobody else touches `value`.
                self.value.with_mut(|p| unsafe { *p = Some(value) });
                self.ready.store(true, Release);
            }
        }
        // SAFETY: NOT guaranteed (the bug): under loom this access is checked, not done.
        self.value
            .with(|p| unsafe { *p })
            .expect("ready implies initialised")
    }
}

impl<T: Copy> Default for RelaxedOnceCell<T> {
    fn default() -> Self {
        Self::new()
    }
}

/// The scenario: two threads initialise the same cell (with the same value) and read it.
pub fn relaxed_once_cell() {
    let cell = Arc::new(RelaxedOnceCell::new());
    let other = {
        let cell = Arc::clone(&cell);
        rt::thread::spawn(move || cell.get_or_init(|| 42))
    };
    assert_eq!(cell.get_or_init(|| 42), 42);
    assert_eq!(other.join().expect("the other thread panicked"), 42);
}

/// **PLANTED BUG: checks for a value, then initialises, under two separate locks.**
///
/// What is wrong: `get_or_init` takes the cell's mutex to see whether it is empty,
/// releases it, runs the initialiser, and takes the mutex again to store the value (so
/// that a slow initialiser does not hold the lock: the usual excuse).
///
/// What goes wrong: two threads both see the cell empty, both run their initialisers,
/// and the second store overwrites the first: the initialiser ran twice, and the two
/// callers return different values. The recorded history against the once-cell model
/// shows two `get_or_init`s that each returned their own value. Safe Rust (the value is
/// behind a mutex), so std stress can run it too.
///
/// What prevents it in [`OnceCell`](crate::lock::OnceCell): the second check of
/// `ready` happens under the same `init` lock as the initialisation.
#[derive(Debug, Default)]
pub struct DoubleInitOnceCell<T> {
    value: Mutex<Option<T>>,
}

impl<T: Copy> DoubleInitOnceCell<T> {
    /// An empty cell.
    pub fn new() -> Self {
        Self {
            value: Mutex::new(None),
        }
    }

    /// The value, if initialised.
    pub fn get(&self) -> Option<T> {
        *self.value.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The value, computed by `init` if the cell looked empty.
    pub fn get_or_init(&self, init: impl FnOnce() -> T) -> T {
        // BUG: the check and the store are under two separate acquisitions.
        if let Some(value) = self.get() {
            return value;
        }
        let value = init();
        *self.value.lock().unwrap_or_else(PoisonError::into_inner) = Some(value);
        value
    }
}

impl super::super::InitOnce for DoubleInitOnceCell<u32> {
    fn empty() -> Self {
        Self::new()
    }

    fn get_or_init(&self, init: &dyn Fn() -> u32) -> u32 {
        DoubleInitOnceCell::get_or_init(self, init)
    }

    fn get(&self) -> Option<u32> {
        DoubleInitOnceCell::get(self)
    }
}
