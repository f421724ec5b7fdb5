//! Two hit counters, written once against `super::rt` and compiled per runtime.
//!
//! Both implement synclab's [`Counter`] trait. It is one trait for every runtime flavour,
//! so this one `impl` serves the std, loom and shuttle copies of the file alike.

use super::rt;
use rt::sync::atomic::{AtomicU64, Ordering::Relaxed};
use synclab::counter::Counter;

/// A correct counter: every operation is one atomic instruction.
#[derive(Debug, Default)]
pub struct HitCounter {
    hits: AtomicU64,
}

impl Counter for HitCounter {
    fn add(&self, n: u64) {
        self.hits.fetch_add(n, Relaxed);
    }

    fn fetch_add(&self, n: u64) -> Option<u64> {
        // One read-modify-write: the value it returns is the one it added to.
        Some(self.hits.fetch_add(n, Relaxed))
    }

    fn get(&self) -> u64 {
        self.hits.load(Relaxed)
    }
}

/// **Buggy on purpose** (the example's tests check that the conformance suite catches
/// it): `fetch_add` reads the total, then adds, in two separate atomic steps.
///
/// The total is always right — no add is lost — so a test that only checks the final
/// count passes. But two threads can both read 5 and both add: both are told "the total
/// was 5 before your add", and a caller handing out tickets hands out ticket 5 twice.
/// Only a check of what each call *returned* sees it; the counter suite's recorded
/// history shows it as two overlapping `fetch_add`s that returned the same value.
#[derive(Debug, Default)]
pub struct SplitFetchCounter {
    hits: AtomicU64,
}

impl Counter for SplitFetchCounter {
    fn add(&self, n: u64) {
        self.hits.fetch_add(n, Relaxed);
    }

    fn fetch_add(&self, n: u64) -> Option<u64> {
        let before = self.hits.load(Relaxed);
        // BUG: another thread's add can land between the load above and this add.
        self.hits.fetch_add(n, Relaxed);
        Some(before)
    }

    fn get(&self) -> u64 {
        self.hits.load(Relaxed)
    }
}
