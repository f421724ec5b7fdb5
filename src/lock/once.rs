//! A cell initialised once, on first use, by whichever thread gets there first:
//! double-checked initialisation done right.
//!
//! The fast path is one `Acquire` load of `ready`; only threads that find the cell
//! uninitialised take the `init` mutex, check again under it (the *double* check: another
//! thread may have initialised it while they waited), and initialise it.

use super::rt;
use rt::cell::UnsafeCell;
use rt::sync::Mutex;
use rt::sync::atomic::{
    AtomicBool,
    Ordering::{Acquire, Relaxed, Release},
};
use std::sync::PoisonError;

/// A value computed once by the first caller of [`get_or_init`](OnceCell::get_or_init).
///
/// | `ready` | meaning |
/// |---|---|
/// | `false` | empty, or being initialised by the holder of `init` |
/// | `true` | initialised; `value` never changes again |
///
/// A panic in the initialiser leaves the cell empty; the next caller tries again.
///
/// ```
/// use synclab::lock::OnceCell;
///
/// let config = OnceCell::new();
/// let port = std::thread::scope(|s| {
///     let reader = s.spawn(|| *config.get_or_init(|| 8080));
///     let other = *config.get_or_init(|| 8080);
///     assert_eq!(reader.join().unwrap(), other);
///     other
/// });
/// assert_eq!(config.get(), Some(&port));
/// ```
#[derive(Debug, Default)]
pub struct OnceCell<T> {
    ready: AtomicBool,
    init: Mutex<()>,
    value: UnsafeCell<Option<T>>,
}

// SAFETY: `value` is written once, by the holder of `init` while `ready` is false, and
// read only after an Acquire load of `ready` returned true, which synchronises with the
// Release store that follows the write. Values cross threads, hence `T: Send + Sync`.
unsafe impl<T: Send + Sync> Sync for OnceCell<T> {}

impl<T> OnceCell<T> {
    /// An empty cell.
    pub fn new() -> Self {
        Self {
            ready: AtomicBool::new(false),
            init: Mutex::new(()),
            value: UnsafeCell::new(None),
        }
    }

    /// The value, if some thread has initialised the cell.
    pub fn get(&self) -> Option<&T> {
        // Acquire: pairs with the Release in `get_or_init`, so the value written before
        // it is visible here. (`Relaxed` would be the planted `RelaxedOnceCell` bug.)
        if self.ready.load(Acquire) {
            // SAFETY: `ready` is true: the value is written and never written again.
            Some(unsafe { self.read() })
        } else {
            None
        }
    }

    /// The value, computed by `init` if no thread has done so yet. Concurrent callers
    /// wait for the one that runs `init`; `init` runs at most once (unless it panics).
    pub fn get_or_init(&self, init: impl FnOnce() -> T) -> &T {
        if let Some(value) = self.get() {
            return value; // the fast path: one Acquire load
        }
        let _init = self.init.lock().unwrap_or_else(PoisonError::into_inner);
        // Relaxed: the mutex orders us after any thread that initialised under it.
        if !self.ready.load(Relaxed) {
            let value = init();
            // SAFETY: we hold `init` and `ready` is false: nobody reads or writes `value`.
            self.value.with_mut(|p| unsafe { *p = Some(value) });
            // Release: publishes the write above to every Acquire load of `ready`.
            self.ready.store(true, Release);
        }
        // SAFETY: `ready` is true (set above, or seen under the mutex).
        unsafe { self.read() }
    }

    /// # Safety
    /// `ready` must have been seen true (with Acquire, or under `init`).
    unsafe fn read(&self) -> &T {
        // SAFETY: the caller saw `ready`: the value is initialised and immutable from
        // now on, so a shared reference to it may outlive this call.
        self.value
            .with(|p| unsafe { (*p).as_ref() })
            .expect("ready implies initialised")
    }
}

impl super::InitOnce for OnceCell<u32> {
    fn empty() -> Self {
        Self::new()
    }

    fn get_or_init(&self, init: &dyn Fn() -> u32) -> u32 {
        *OnceCell::get_or_init(self, init)
    }

    fn get(&self) -> Option<u32> {
        OnceCell::get(self).copied()
    }
}
