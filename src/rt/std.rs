//! The std flavour of the runtime facade: what the shipped library runs on.
//!
//! Every primitive in synclab is written once against `rt` (reached as `super::rt`, never
//! `crate::rt`) and compiled three times: here against std, and again in
//! `synclab::loom` and `synclab::shuttle` (features `loom`, `shuttle`) against the model checkers. The three facades
//! expose the same item names:
//!
//! | item | what it is |
//! |---|---|
//! | `rt::sync::{Arc, Mutex, Condvar, RwLock}` | std's, loom's or shuttle's |
//! | `rt::sync::atomic::*` | atomics and `fence` |
//! | `rt::cell::UnsafeCell` | loom's closure API (`with`, `with_mut`) on every runtime |
//! | `rt::thread::{spawn, scope, yield_now, park, current}` | threads; loom gets a `scope` shim |
//! | `rt::thread::slot_hint` | a small per-thread number, for sharding |
//! | `rt::thread_local!` | thread-local storage |
//! | `rt::hint::spin_loop` | a spin hint; the checkers turn it into a yield |
//!
//! The std flavour costs nothing: every item is std's own, or a `#[repr(transparent)]`
//! newtype whose methods are `#[inline]`.

pub use std::thread_local;

/// `false`: this is the real runtime. Under a model checker a spin hint is a yield to the
/// scheduler, and repeating it only multiplies the executions to explore, so backoff loops
/// shorten themselves when this is `true`.
pub const MODEL: bool = false;

/// Shared-state primitives (`std::sync` here).
pub mod sync {
    pub use std::sync::{
        Arc, Condvar, LockResult, Mutex, MutexGuard, RwLock, RwLockReadGuard, RwLockWriteGuard,
        TryLockError, Weak,
    };

    /// Atomics and fences (`std::sync::atomic` here).
    pub mod atomic {
        pub use std::sync::atomic::{
            AtomicBool, AtomicI32, AtomicI64, AtomicPtr, AtomicU32, AtomicU64, AtomicUsize,
            Ordering, fence,
        };
    }
}

/// Interior mutability with loom's closure API.
pub mod cell {
    pub use crate::rt_shared::cell::UnsafeCell;
}

/// Threads.
pub mod thread {
    pub use std::thread::{
        JoinHandle, Scope, ScopedJoinHandle, Thread, current, park, scope, spawn, yield_now,
    };

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

    std::thread_local! {
        static INDEX: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
    }

    /// A small number that is fixed for the calling thread and differs between threads
    /// created one after another: the first thread that asks gets 0, the next 1, and so on.
    ///
    /// Sharded primitives use it to pick a slot. It is a hint, not an identity: two
    /// threads may map to the same slot once it is reduced modulo the number of slots.
    #[inline]
    pub fn slot_hint() -> usize {
        use std::cell::Cell;
        use std::sync::atomic::{AtomicUsize, Ordering};
        // Relaxed: the counter only has to hand out distinct numbers; nothing is published
        // through it.
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        thread_local! {
            static SLOT: Cell<usize> = const { Cell::new(usize::MAX) };
        }
        SLOT.with(|slot| {
            let mut s = slot.get();
            if s == usize::MAX {
                s = NEXT.fetch_add(1, Ordering::Relaxed);
                slot.set(s);
            }
            s
        })
    }
}

/// Hints (`std::hint` here).
pub mod hint {
    pub use std::hint::spin_loop;
}
