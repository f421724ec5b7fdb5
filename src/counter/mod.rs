//! The shared counter, in several synchronisation strategies behind one [`Counter`] trait.
//!
//! | strategy | file | `add` | `fetch_add` | `get` while writers run |
//! |---|---|---|---|---|
//! | [`MutexCounter`] | `mutex.rs` | lock, `+=`, unlock | exact | linearizable |
//! | [`RwLockCounter`] | `rwlock.rs` | write lock | exact | linearizable (read lock) |
//! | [`LockCounter<R>`](LockCounter) | `lock.rs` | any synclab [`RawLock`](super::lock::RawLock) | exact | linearizable |
//! | [`AtomicCounter`] | `atomic.rs` | one `fetch_add` | exact | linearizable |
//! | [`CasCounter`] | `cas.rs` | CAS loop + backoff | exact | linearizable |
//! | [`ShardedCounter`] | `sharded.rs` | `fetch_add` on this thread's padded slot | `None` | between the totals at call start and end |
//! | [`BatchedCounter`] | `batched.rs` | thread-local, flushed every `batch` | `None` | only flushed adds |
//!
//! All counters count modulo 2^64: an add past `u64::MAX` wraps, like
//! `AtomicU64::fetch_add` (tested for every strategy).
//!
//! [`scenario`] holds the checks that every strategy runs under loom, shuttle, std stress
//! and proptest; [`planted`] holds a deliberately broken counter that they must catch.

use super::{backoff, record, rt};

mod atomic;
mod batched;
mod cas;
mod lock;
mod mutex;
pub mod planted;
mod rwlock;
pub mod scenario;
mod sharded;

pub use atomic::AtomicCounter;
pub use batched::BatchedCounter;
pub use cas::CasCounter;
pub use lock::LockCounter;
pub use mutex::MutexCounter;
pub use rwlock::RwLockCounter;
pub use sharded::ShardedCounter;

/// The raw locks that the [`counter_strategies!`](crate::counter_strategies) registry
/// instantiates [`LockCounter`] with, re-exported so that the registry's tokens resolve
/// wherever a flavour's `counter::*` is in scope.
#[doc(no_inline)]
pub use super::lock::{McsLock, ParkingLock, ParkingRwLock, TasLock, TicketLock, TtasLock};

// Defined once, outside `primitives!` (see `src/traits.rs`): the std, loom and shuttle
// copies of this module re-export the same trait, so one `impl Counter` serves them all.
pub use crate::traits::Counter;
