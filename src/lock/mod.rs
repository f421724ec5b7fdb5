//! Locks, a semaphore, a condition variable and a barrier: reference implementations,
//! each one short file, all written once against `rt` and checked under loom, shuttle,
//! std stress, Miri and proptest.
//!
//! ## Raw locks and the safe wrappers
//! Every lock algorithm implements [`RawLock`] (`lock`, `try_lock`, `unsafe unlock`),
//! in the spirit of `lock_api::RawMutex`. [`Mutex<R, T>`](Mutex) turns any of them into
//! a safe mutex with an RAII guard, so an algorithm file holds the algorithm and nothing
//! else. A reader-writer algorithm also implements [`RawRwLock`] (`lock_shared`,
//! `try_lock_shared`, `unsafe unlock_shared`; its `RawLock` methods are the exclusive
//! mode), as `lock_api::RawRwLock` does, and [`RwLock<R, T>`](RwLock) gives it read and
//! write guards.
//!
//! | raw lock | file | acquire | fair | waiting | when threads outnumber cores |
//! |---|---|---|---|---|---|
//! | [`TasLock`] | `tas.rs` | `compare_exchange` in a loop | no | spin; yield after 2^7 tries ([`SpinWait`]) | the naive baseline |
//! | [`TtasLock`] | `ttas.rs` | load until free, then CAS | no | growing spin, then yield ([`Backoff`]) | waiters yield to the holder |
//! | [`TicketLock`] | `ticket.rs` | `fetch_add` a ticket | FIFO | poll if next ([`SpinWait`]), else yield | fair but slow: every hand-over waits for the next thread's core |
//! | [`McsLock`] | `mcs.rs` | `swap` the queue tail | FIFO | poll an own node ([`SpinWait`]) | as the ticket lock |
//! | [`ParkingLock`] | `parking.rs` | CAS `0 → 1` | no | spin, then sleep | sleepers free the cores |
//! | [`ParkingRwLock`] (also a [`RawRwLock`]) | `parking_rwlock.rs` | CAS on a reader count + writer bit | writers first | spin, then sleep | sleepers free the cores |
//!
//! [`SpinWait`]: super::backoff::SpinWait
//! [`Backoff`]: super::backoff::Backoff
//!
//! The registry [`raw_locks!`](crate::raw_locks) lists them, declares their modules and
//! hands them to the checks and the benchmarks; every lock also runs through the counter
//! checks as [`LockCounter<R>`](super::counter::LockCounter). A new lock is one file here
//! plus one line in the registry.
//!
//! ## Built on the locks
//! | primitive | file | state |
//! |---|---|---|
//! | [`Semaphore`] (+ [`Permit`]) | `semaphore.rs` | one word: available permits and a "sleepers" bit |
//! | [`Condition`] | `condvar.rs` | a notification sequence number |
//! | [`Barrier`] | `barrier.rs` | arrivals and opened generations |
//! | [`RwLock<R, T>`](RwLock) | `rwlock.rs` | any [`RawRwLock`] + data |
//! | [`Channel`] | `channel.rs` | a queue under a [`Mutex`] and two [`Condition`]s |
//!
//! The blocking primitives sleep through a small futex emulation (`futex.rs`): an
//! `rt::sync::{Mutex, Condvar}` pair on which a thread waits *while a condition on the
//! primitive's atomic word still holds*, checked under that mutex. The primitive's whole
//! algorithm lives in its atomics; the pair only puts threads to sleep and wakes them.
//! It is used instead of `rt::thread::park` because park needs a queue of waiting
//! threads, which itself needs a lock (that is what `parking_lot_core` builds); a
//! mutex-guarded condition check is the smallest piece that has no lost wakeup, and loom
//! and shuttle model it. [`ParkingRwLock`] and [`Semaphore`] sleep on the exact state of
//! their word with a `PARKED` bit, a protocol written once on top of it (`parked.rs`,
//! where the argument that no wake-up is lost sits); [`ParkingLock`]'s three states are
//! its own.
//!
//! ## Poisoning
//! None of these primitives poisons. A panic while a [`MutexGuard`] is held drops the
//! guard, which releases the lock; the next owner sees whatever the panicking critical
//! section left behind (as with `parking_lot`). Restore your invariants yourself where a
//! critical section can panic half-way.
//!
//! [`checks`] holds the properties, written once; [`planted`] holds deliberately broken
//! locks that the checks must catch.

use super::{backoff, programs, record, rt};

mod barrier;
mod channel;
pub mod checks;
mod condvar;
mod futex;
mod mutex;
mod once;
mod parked;
pub mod planted;
mod rwlock;
mod semaphore;

pub use barrier::{Barrier, BarrierWaitResult};
pub use channel::Channel;
pub use condvar::Condition;
pub use mutex::{Mutex, MutexGuard};
pub use once::OnceCell;
pub use rwlock::{RwLock, RwLockReadGuard, RwLockWriteGuard};
pub use semaphore::{Permit, Semaphore};

/// One module per registered raw lock, its type re-exported: `tas => TasLock` declares
/// `mod tas` (`tas.rs`) and `pub use tas::TasLock`. The list is
/// [`raw_locks!`](crate::raw_locks), so a new lock is its file plus one line there.
macro_rules! raw_lock_modules {
    ($($name:ident => $raw:ident, $kind:ident;)*) => {
        $(
            mod $name;
            pub use $name::$raw;
        )*
    };
}
crate::raw_locks!(raw_lock_modules);

// Defined once, outside `primitives!` (see `src/traits.rs`): the std, loom and shuttle
// copies of this module re-export the same traits, so one `unsafe impl RawLock` serves
// them all (a downstream lock's too).
pub use crate::traits::{BoundedChannel, FifoLock, InitOnce, RawLock, RawRwLock, RawSemaphore};
