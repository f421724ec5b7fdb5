//! Thread-local batching: add to a private buffer, publish once per `batch`.
//!
//! The fastest strategy when many small adds are counted and the total is read rarely
//! (statistics, metrics): an add is a thread-local `+=`, and only every `batch`-th unit
//! touches the shared atomic. The price is staleness, stated exactly here:
//!
//! **What a reader sees.** `get` returns the sum of all *flushed* amounts. A thread's adds
//! are flushed when its buffered amount for this counter reaches `batch`, when it calls
//! [`BatchedCounter::flush`], and when the thread exits (its thread-local destructor
//! flushes). So while writers run, `get` misses at most `batch - 1` per writer thread;
//! after every writer has been joined it is exact.

use super::{Counter, rt};
use crate::error::ConfigError;
use rt::sync::Arc;
use rt::sync::atomic::{AtomicU64, Ordering::Relaxed};
use std::cell::RefCell;

/// A counter whose adds are buffered per thread and flushed every `batch` units.
///
/// ```
/// use synclab::counter::{BatchedCounter, Counter};
/// let c = BatchedCounter::with_batch(10)?;
/// c.add(3);
/// assert_eq!(c.get(), 0); // still in this thread's buffer
/// c.flush();
/// assert_eq!(c.get(), 3);
/// # Ok::<(), synclab::error::ConfigError>(())
/// ```
#[derive(Debug)]
pub struct BatchedCounter {
    total: Arc<AtomicU64>,
    batch: u64,
    /// Tells this counter's buffer apart from other counters' in the thread-local list.
    id: u64,
}

/// Amounts this thread has added but not yet published, one entry per counter.
struct Pending {
    id: u64,
    total: Arc<AtomicU64>,
    amount: u64,
}

impl Pending {
    fn flush(&mut self) {
        if self.amount != 0 {
            // Relaxed: see AtomicCounter; the total publishes nothing else.
            self.total.fetch_add(std::mem::take(&mut self.amount), Relaxed);
        }
    }
}

impl Drop for Pending {
    /// Thread exit: publish what is left, so joined threads leave an exact total.
    fn drop(&mut self) {
        self.flush();
    }
}

// loom's `thread_local!` takes no `const { }` initialiser, so the same source cannot use one.
#[allow(clippy::missing_const_for_thread_local)]
mod pending_list {
    use super::*;
    rt::thread_local! {
        pub(super) static PENDING: RefCell<Vec<Pending>> = RefCell::new(Vec::new());
    }
}
use pending_list::PENDING;

impl BatchedCounter {
    /// Flush every 64 units.
    pub fn new() -> Self {
        Self::build(64)
    }

    /// Flush every `batch` units; `batch = 1` publishes every add. Zero is an error.
    pub fn with_batch(batch: u64) -> Result<Self, ConfigError> {
        if batch == 0 {
            return Err(ConfigError::too_small("batch", 1, 0));
        }
        Ok(Self::build(batch))
    }

    fn build(batch: u64) -> Self {
        // Ids only tell counters apart; they are not part of the algorithm being checked,
        // so a std atomic is fine under every runtime.
        static NEXT_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        Self {
            total: Arc::new(AtomicU64::new(0)),
            batch,
            id: NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
        }
    }

    /// Publishes the calling thread's buffered adds to this counter now.
    pub fn flush(&self) {
        PENDING.with(|list| {
            if let Some(p) = list.borrow_mut().iter_mut().find(|p| p.id == self.id) {
                p.flush();
            }
        });
    }

    /// The flush threshold.
    pub fn batch(&self) -> u64 {
        self.batch
    }
}

impl Default for BatchedCounter {
    fn default() -> Self {
        Self::new()
    }
}

impl Counter for BatchedCounter {
    fn add(&self, n: u64) {
        PENDING.with(|list| {
            let mut list = list.borrow_mut();
            let index = match list.iter().position(|p| p.id == self.id) {
                Some(i) => i,
                None => {
                    // Forget buffers of counters that no longer exist (only we hold them).
                    list.retain(|p| Arc::strong_count(&p.total) > 1);
                    list.push(Pending {
                        id: self.id,
                        total: Arc::clone(&self.total),
                        amount: 0,
                    });
                    list.len() - 1
                }
            };
            let p = &mut list[index];
            let (amount, wrapped) = p.amount.overflowing_add(n);
            p.amount = amount;
            // Arithmetic is modulo 2^64 throughout, so a wrapped buffer is still exact
            // once flushed; flush it at once rather than let it look small.
            if wrapped || amount >= self.batch {
                p.flush();
            }
        });
    }

    fn fetch_add(&self, n: u64) -> Option<u64> {
        self.add(n);
        None
    }

    fn get(&self) -> u64 {
        self.total.load(Relaxed)
    }
}
