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

use super::{backoff, rt};

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
pub use super::lock::{McsLock, ParkingLock, RawRwLock, TasLock, TicketLock, TtasLock};

/// A counter shared between threads.
///
/// ```
/// use synclab::counter::{AtomicCounter, Counter};
///
/// let c = AtomicCounter::new();
/// c.add(2);
/// assert_eq!(c.fetch_add(3), Some(2));
/// assert_eq!(c.get(), 5);
/// ```
pub trait Counter: Send + Sync {
    /// Adds `n` (modulo 2^64).
    fn add(&self, n: u64);

    /// Adds `n` and returns the total just before this add, where the strategy has one
    /// total to return. Sharded and batched strategies have no such value and return
    /// `None` (the add still happens).
    fn fetch_add(&self, n: u64) -> Option<u64>;

    /// The current total; what it guarantees while writers run depends on the strategy
    /// (see the table in the [module docs](self)). Once every writer has finished (and
    /// been joined), every strategy returns the exact total.
    fn get(&self) -> u64;
}
