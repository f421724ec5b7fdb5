//! The shuttle flavour of the runtime facade (feature `shuttle`).
//!
//! Same item names as the std flavour ([`crate::rt`]), backed by shuttle 0.9. shuttle
//! explores thread interleavings (randomly, or with PCT's priority changes) under
//! sequential consistency only: it cannot see memory-ordering bugs, but it scales to more
//! threads and steps than loom. Code compiled against this facade must run inside
//! [`crate::check::run`] with `Checker::ShuttleRandom` or `Checker::ShuttlePct` (or `shuttle::check_*`).

pub use ::shuttle::thread_local;

/// `true`: see `synclab::rt::MODEL`.
pub const MODEL: bool = true;

/// shuttle's shared-state primitives.
pub mod sync {
    pub use ::shuttle::sync::{
        Arc, Condvar, LockResult, Mutex, MutexGuard, RwLock, RwLockReadGuard, RwLockWriteGuard,
        TryLockError, Weak,
    };

    /// shuttle's atomics and fences, each access recorded for [`crate::trace`].
    pub use super::traced::atomic;
}

/// shuttle has no `UnsafeCell` of its own: the std newtype with loom's API, each access
/// recorded for [`crate::trace`].
pub mod cell {
    pub use super::traced::cell::UnsafeCell;
}

/// shuttle's atomics and the std-backed `UnsafeCell`, wrapped so that a failing execution
/// can be printed step by step ([`crate::trace`]).
mod traced {
    traced_flavour!(
        ::shuttle::sync::atomic,
        crate::rt_shared::cell::UnsafeCell<T>,
        crate::shuttle::rt::thread::slot_hint,
        crate::rt_shared::express::direct
    );
}

/// shuttle's threads, plus a `scope` over its plain `spawn` (see `rt_shared::scope_shim`:
/// shuttle's own scoped threads cannot run a thread-local destructor that switches tasks).
pub mod thread {
    pub use ::shuttle::thread::{JoinHandle, Thread, current, park, spawn, yield_now};
    pub use scoped::{Scope, ScopedJoinHandle, scope};

    /// `scope` over shuttle's `spawn`.
    mod scoped {
        scope_shim!(::shuttle::thread);
    }

    /// The index of the program the calling thread runs in a check (`0..threads`, as
    /// [`programs::on_threads`](crate::programs::on_threads) numbers them), and 0 on a
    /// thread that runs none (the main thread, which uses the object only after joining
    /// the others). A lock for a fixed number of threads (Peterson's, Dekker's) takes its
    /// slot from it; [`conformance::raw_lock_threads`](crate::conformance::raw_lock_threads)
    /// runs at most that many.
    pub fn index() -> usize {
        INDEX.with(|index| index.get())
    }

    /// Sets the calling thread's [`index`] (done by `on_threads` for each program).
    #[doc(hidden)]
    pub fn set_index(index: usize) {
        INDEX.with(|slot| slot.set(index));
    }

    ::shuttle::thread_local! {
        static INDEX: std::cell::Cell<usize> = std::cell::Cell::new(0);
    }

    /// A small number per thread (see the std flavour): here shuttle's task number.
    pub fn slot_hint() -> usize {
        usize::from(current().id())
    }
}

/// shuttle's hints: `spin_loop` yields to the scheduler.
pub mod hint {
    pub use ::shuttle::hint::spin_loop;
}
