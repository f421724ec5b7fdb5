//! The lock-family properties, written once: the models, the conformance suites, the
//! gallery's fixed twins, std stress, Miri, proptest and the fuzz target all run these
//! same bodies, generic over the family's traits.
//!
//! | property | checks | what catches a violation |
//! |---|---|---|
//! | [`mutex::exclusion`] | one holder at a time; each critical section sees the previous one | an occupancy counter (any checker); loom's race detector on a non-atomic cell |
//! | [`mutex::fifo`] | a queued thread acquires before every later arrival | the acquisition log |
//! | [`mutex::sequential`] | `lock`/`try_lock`/`unlock`/`is_locked` agree with a one-thread model | the model |
//! | [`mutex::linearizable`] | recorded `lock`/`try_lock`/`unlock` fit one holder at a time | the history, checked against lincheck's [`Lock`](crate::lincheck::models::Lock) |
//! | [`semaphore::bound`] | never more than `max` permits out; a release happens before the acquisition that reuses its permit | a permits-in-use counter; with one permit under loom, its race detector |
//! | [`semaphore::releases`] | racing releases past the maximum: exactly as many succeed as there was room for | the results of the releases and the count |
//! | [`semaphore::linearizable`] | recorded `acquire`/`try_acquire`/`release` fit a counter of permits | the history, checked against lincheck's [`Semaphore`](crate::lincheck::models::Semaphore) |
//! | [`semaphore::sequential`] | one thread's results and `available_permits` agree with a model | the model |
//! | [`permits::many_bound`] | synclab's [`Semaphore`](super::Semaphore): `acquire_many` never over-grants | as `bound`, with loom's race detector when one thread holds all permits |
//! | [`permits::accounting`] | synclab's `Semaphore`: permits, errors, `forget`/`release` agree with a model | the model |
//! | [`condvar::producer_consumer`] | every item consumed once; no lost wakeup | sums; the checker's deadlock detection |
//! | [`condvar::notify_all_wakes_all`] | `notify_all` wakes every waiter | the checker's deadlock detection |
//! | [`barrier::generations`] | nobody leaves generation `g` before all arrived; one leader each | per-generation slots (values, and loom's race detector) |
//! | [`channel::linearizable`] | recorded sends and receives fit a bounded FIFO; every blocking call completes | the history, checked against lincheck's [`Channel`](crate::lincheck::models::Channel); the checker's deadlock detection |
//! | [`once::linearizable`] | recorded `get_or_init`/`get` fit one value, set once | the history, checked against lincheck's [`Once`](crate::lincheck::models::Once) |
//! | [`rwlock::linearizable`] | recorded read and write acquisitions and releases fit many readers or one writer | the history, checked against lincheck's [`RwLock`](crate::lincheck::models::RwLock) |
//! | [`once::single_init`] | one initialiser runs; every reader sees its value | a run counter; loom's race detector |
//! | [`rwlock::exclusion`] | a writer is alone; readers may share | an occupancy word; loom's race detector |
//! | [`rwlock::readers_overlap`] | two readers can hold the lock at once | the checker's deadlock/livelock detection |
//! | [`fuzz::run_fuzz_ops`] | semaphore and `RwLock` invariants under byte-decoded programs | all of the above |
//!
//! Each property spawns with `rt::thread::spawn`, so it runs under whichever runtime this
//! module was compiled for. A violated property panics (inside a checker, a failure) or,
//! where a function returns `Result`, is an `Err` describing it.

pub mod barrier;
pub mod channel;
pub mod condvar;
mod claims;
pub mod fuzz;
pub mod mutex;
pub mod once;
pub mod permits;
pub mod rwlock;
pub mod semaphore;

use super::rt;
use rt::cell::UnsafeCell;

/// An `rt::cell::UnsafeCell` that threads may share. The properties touch it only where
/// the primitive under test promises exclusive access (or happens-before), which is the
/// very claim they check; under loom a broken promise is reported as a data race.
/// Where the primitive implements a *safe* trait ([`RawSemaphore`](super::RawSemaphore)),
/// they touch it only under a model checker (`rt::MODEL`), so that a broken safe
/// implementation cannot cause a real data race.
struct SharedCell<T>(UnsafeCell<T>);

// SAFETY: every access goes through `with`/`with_mut` at a point where the primitive
// under test claims to order it against every other access (see each property). If the
// primitive is broken, that is the bug being looked for: loom reports it, and the model
// checkers run one thread at a time, so no hardware race occurs there. On real threads
// the cell is touched only behind an `unsafe` trait's promise (`RawLock`: breaking it is
// the implementor's undefined behaviour, as with `Mutex<R, T>` itself) or after joining.
unsafe impl<T: Send> Sync for SharedCell<T> {}

impl<T> SharedCell<T> {
    fn new(value: T) -> Self {
        Self(UnsafeCell::new(value))
    }
}

impl<T> std::ops::Deref for SharedCell<T> {
    type Target = UnsafeCell<T>;

    fn deref(&self) -> &UnsafeCell<T> {
        &self.0
    }
}

/// How a thread asks for the lock in a [`mutex::exclusion`] program.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Acquire {
    /// `lock()`: always enters the critical section.
    Lock,
    /// `try_lock()`: enters only if it succeeds.
    TryLock,
}

/// `threads` threads, each acquiring `per_thread` times, half with `lock`, half with
/// `try_lock`.
pub fn mixed_programs(threads: usize, per_thread: usize) -> Vec<Vec<Acquire>> {
    (0..threads)
        .map(|t| {
            (0..per_thread)
                .map(|i| {
                    if (t + i) % 2 == 0 {
                        Acquire::Lock
                    } else {
                        Acquire::TryLock
                    }
                })
                .collect()
        })
        .collect()
}
