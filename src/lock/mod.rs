//! Locks, a semaphore, a condition variable and a barrier: reference implementations,
//! each one short file, all written once against `rt` and checked under loom, shuttle,
//! std stress, Miri and proptest.
//!
//! ## Raw locks and the one safe wrapper
//! Every lock algorithm implements [`RawLock`] (`lock`, `try_lock`, `unsafe unlock`),
//! in the spirit of `lock_api::RawMutex`. [`Mutex<R, T>`](Mutex) turns any of them into
//! a safe mutex with an RAII guard, so an algorithm file holds the algorithm and nothing
//! else.
//!
//! | raw lock | file | acquire | fair | waiting | when threads outnumber cores |
//! |---|---|---|---|---|---|
//! | [`TasLock`] | `tas.rs` | `compare_exchange` in a loop | no | spin | the naive baseline |
//! | [`TtasLock`] | `ttas.rs` | load until free, then CAS | no | spin, then yield ([`Backoff`](super::backoff::Backoff)) | waiters yield to the holder |
//! | [`TicketLock`] | `ticket.rs` | `fetch_add` a ticket | FIFO | spin if next, else yield | fair but slow: see the file |
//! | [`McsLock`] | `mcs.rs` | `swap` the queue tail | FIFO | spin on an own node, then yield | fair but slow: see the file |
//! | [`ParkingLock`] | `parking.rs` | CAS `0 → 1` | no | spin, then sleep | sleepers free the cores |
//! | [`RawRwLock`] | `rwlock.rs` | CAS on a reader count + writer bit | writers first | spin, then sleep | sleepers free the cores |
//!
//! The registry [`raw_locks!`](crate::raw_locks) lists them for the checks and the
//! benchmarks; every lock also runs through the counter checks as
//! [`LockCounter<R>`](super::counter::LockCounter).
//!
//! ## Built on the locks
//! | primitive | file | state |
//! |---|---|---|
//! | [`Semaphore`] (+ [`Permit`]) | `semaphore.rs` | one word: available permits and a "sleepers" bit |
//! | [`Condition`] | `condvar.rs` | a notification sequence number |
//! | [`Barrier`] | `barrier.rs` | arrivals and opened generations |
//! | [`RwLock<T>`](RwLock) | `rwlock.rs` | [`RawRwLock`] + data |
//!
//! The blocking primitives sleep through a small futex emulation (`futex.rs`): an
//! `rt::sync::{Mutex, Condvar}` pair on which a thread waits *while a condition on the
//! primitive's atomic word still holds*, checked under that mutex. The primitive's whole
//! algorithm lives in its atomics; the pair only puts threads to sleep and wakes them.
//! It is used instead of `rt::thread::park` because park needs a queue of waiting
//! threads, which itself needs a lock (that is what `parking_lot_core` builds); a
//! mutex-guarded condition check is the smallest piece that has no lost wakeup, and loom
//! and shuttle model it.
//!
//! ## Poisoning
//! None of these primitives poisons. A panic while a [`MutexGuard`] is held drops the
//! guard, which releases the lock; the next owner sees whatever the panicking critical
//! section left behind (as with `parking_lot`). Restore your invariants yourself where a
//! critical section can panic half-way.
//!
//! [`scenario`] holds the check bodies, written once; [`planted`] holds deliberately
//! broken locks that the checks must catch.

use super::{backoff, rt};

mod barrier;
mod condvar;
mod futex;
mod mcs;
mod mutex;
mod parking;
pub mod planted;
mod rwlock;
pub mod scenario;
mod semaphore;
mod tas;
mod ticket;
mod ttas;

pub use barrier::{Barrier, BarrierWaitResult};
pub use condvar::Condition;
pub use mcs::McsLock;
pub use mutex::{Mutex, MutexGuard};
pub use parking::ParkingLock;
pub use rwlock::{RawRwLock, RwLock, RwLockReadGuard, RwLockWriteGuard};
pub use semaphore::{Permit, Semaphore};
pub use tas::TasLock;
pub use ticket::TicketLock;
pub use ttas::TtasLock;

/// A raw mutual-exclusion lock: no data, no guard, just `lock` and `unlock`.
///
/// Implement this for a lock algorithm and [`Mutex<R, T>`](Mutex) gives it a safe API.
/// Most code wants the [`Mutex`]; the raw interface is for building primitives.
///
/// # Safety
/// An implementation must provide, for every instance:
///
/// 1. **Mutual exclusion.** Between a return from [`lock`](Self::lock) (or a `true`
///    from [`try_lock`](Self::try_lock)) and the matching [`unlock`](Self::unlock), no
///    other `lock` returns and no other `try_lock` returns `true`.
/// 2. **Acquire/release.** Everything the owner did before `unlock` *happens before*
///    everything the next owner does after its `lock`/`try_lock` returns. (Without
///    this, the next owner may read stale data even though the lock excluded it.)
/// 3. **No spurious success, no lasting spurious failure.** `try_lock` may fail only
///    while the lock is held or another thread is acquiring it; `lock` returns once the
///    lock is free and this thread's turn has come.
///
/// [`Mutex`] hands out `&mut T` on the strength of 1 and 2, so an implementation that
/// breaks them makes safe code unsound: hence `unsafe trait`.
pub unsafe trait RawLock: Send + Sync {
    /// A new, unlocked lock.
    fn new() -> Self
    where
        Self: Sized;

    /// Acquires the lock, waiting as long as it takes.
    ///
    /// Calling `lock` while this thread already holds the lock deadlocks (none of these
    /// locks is re-entrant).
    fn lock(&self);

    /// Acquires the lock if that needs no waiting; `true` if this thread now holds it.
    fn try_lock(&self) -> bool;

    /// Releases the lock.
    ///
    /// # Safety
    /// The calling thread must hold the lock: it acquired it with [`lock`](Self::lock)
    /// or a successful [`try_lock`](Self::try_lock) and has not released it since.
    /// Releasing a lock that another thread holds (or nobody holds) breaks that
    /// thread's exclusion.
    unsafe fn unlock(&self);

    /// Whether some thread holds the lock (or is in the middle of acquiring it). Only a
    /// snapshot: it may be stale by the time it is read, so use it for assertions and
    /// statistics, never for synchronisation.
    fn is_locked(&self) -> bool;
}

/// A [`RawLock`] that grants the lock in arrival order (FIFO).
///
/// *Arrival* is one atomic step inside `lock`, the lock's *doorway*: the ticket lock's
/// `fetch_add` of a ticket, the MCS lock's `swap` of the queue tail. A thread that has
/// passed the doorway acquires the lock before every thread that passes it later.
pub trait FifoLock: RawLock {
    /// A value that changes each time a thread passes the doorway (the ticket lock's next
    /// ticket, the MCS lock's tail node address). Lets a check wait until a thread it
    /// started is queued, and then verify that the queue order is kept.
    fn last_arrival(&self) -> usize;
}
