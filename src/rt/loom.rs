//! The loom flavour of the runtime facade (feature `loom`).
//!
//! Same item names as the std flavour ([`crate::rt`]), backed by loom 0.7: every atomic
//! access, lock and `UnsafeCell` access becomes a point where loom explores the possible
//! interleavings and the C11 memory model's permitted reorderings. Code compiled against
//! this facade must run inside [`crate::check::run`] with `Checker::Loom` (or `loom::model`).
//!
//! Gaps bridged here: loom has no `thread::scope` (a shim over `spawn` that joins before
//! returning), and loom's `ThreadId` is hashed for [`thread::slot_hint`].

pub use ::loom::thread_local;

/// `true`: see `synclab::rt::MODEL`.
pub const MODEL: bool = true;

/// loom's shared-state primitives (the blocking ones report a deadlock instead of
/// aborting: `rt_shared::deadlock`).
pub mod sync {
    pub use crate::rt_shared::loom_sync::{
        Condvar, Mutex, MutexGuard, RwLock, RwLockReadGuard, RwLockWriteGuard,
    };
    pub use ::loom::sync::{Arc, LockResult};
    pub use std::sync::TryLockError;

    /// loom's atomics and fences, each access recorded for [`crate::trace`].
    pub use super::traced::atomic;
}

/// loom's race-detecting `UnsafeCell`, each access recorded for [`crate::trace`].
pub mod cell {
    pub use super::traced::cell::UnsafeCell;
}

/// loom's atomics and `UnsafeCell`, wrapped so that a failing execution can be printed
/// step by step ([`crate::trace`]).
mod traced {
    traced_flavour!(
        ::loom::sync::atomic,
        ::loom::cell::UnsafeCell<T>,
        crate::loom::rt::thread::slot_hint,
        crate::rt_shared::loom_c11
    );
}

/// loom's threads, plus a `scope` shim.
pub mod thread {
    pub use crate::rt_shared::loom_sync::{JoinHandle, park, spawn};
    pub use ::loom::thread::{Thread, current, yield_now};
    pub use scoped::{Scope, ScopedJoinHandle, scope};

    /// `scope` over the facade's `spawn` (see `rt_shared::scope_shim`), whose joins report
    /// a deadlock instead of aborting (`rt_shared::deadlock`).
    mod scoped {
        scope_shim!(crate::rt_shared::loom_sync);
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

    ::loom::thread_local! {
        static INDEX: std::cell::Cell<usize> = std::cell::Cell::new(0);
    }

    /// A small number per thread (see the std flavour): here loom's thread number
    /// (0 for the model's main thread, then 1, 2, ...).
    ///
    /// loom's `ThreadId` also holds an execution id, so hashing it would pick a
    /// different slot in every execution and break loom's deterministic replay of a
    /// path; the thread number is read from its `Debug` form, `ThreadId(n)`.
    pub fn slot_hint() -> usize {
        let id = format!("{:?}", current().id());
        id.bytes()
            .filter(u8::is_ascii_digit)
            .fold(0, |n, d| n * 10 + usize::from(d - b'0'))
    }
}

/// loom's hints: `spin_loop` yields to the model's scheduler.
pub mod hint {
    pub use ::loom::hint::spin_loop;
}
