//! Hit counters: two correct, two buggy.

use super::rt;
use rt::sync::atomic::{
    AtomicU64,
    Ordering::{Relaxed, SeqCst},
};
use synclab::counter::Counter;

/// Correct: one `fetch_add` per add.
#[derive(Debug, Default)]
pub struct FetchAddCounter(AtomicU64);

impl Counter for FetchAddCounter {
    fn add(&self, n: u64) {
        self.0.fetch_add(n, Relaxed);
    }
    fn fetch_add(&self, n: u64) -> Option<u64> {
        Some(self.0.fetch_add(n, Relaxed))
    }
    fn get(&self) -> u64 {
        self.0.load(Relaxed)
    }
}

/// Correct: a `compare_exchange` loop (the shape of `fetch_update`).
#[derive(Debug, Default)]
pub struct CasLoopCounter(AtomicU64);

impl Counter for CasLoopCounter {
    fn add(&self, n: u64) {
        self.fetch_add(n);
    }
    fn fetch_add(&self, n: u64) -> Option<u64> {
        let mut seen = self.0.load(Relaxed);
        loop {
            match (self.0).compare_exchange_weak(seen, seen.wrapping_add(n), SeqCst, Relaxed) {
                Ok(previous) => return Some(previous),
                Err(actual) => seen = actual,
            }
        }
    }
    fn get(&self) -> u64 {
        self.0.load(SeqCst)
    }
}

/// **Buggy**: adds with a load and a separate store; two adds can read the same value.
#[derive(Debug, Default)]
pub struct LoadStoreCounter(AtomicU64);

impl Counter for LoadStoreCounter {
    fn add(&self, n: u64) {
        self.fetch_add(n);
    }
    fn fetch_add(&self, n: u64) -> Option<u64> {
        let seen = self.0.load(SeqCst);
        // BUG: another add may land between the load and the store, and is lost.
        self.0.store(seen.wrapping_add(n), SeqCst);
        Some(seen)
    }
    fn get(&self) -> u64 {
        self.0.load(SeqCst)
    }
}

/// **Buggy**: `fetch_add` adds, then loads the total to work out what it was before: a
/// concurrent add in between makes two calls return the same "previous" total.
#[derive(Debug, Default)]
pub struct AddThenLoadCounter(AtomicU64);

impl Counter for AddThenLoadCounter {
    fn add(&self, n: u64) {
        self.0.fetch_add(n, SeqCst);
    }
    fn fetch_add(&self, n: u64) -> Option<u64> {
        self.0.fetch_add(n, SeqCst);
        // BUG: not the value this add replaced.
        Some(self.0.load(SeqCst).wrapping_sub(n))
    }
    fn get(&self) -> u64 {
        self.0.load(SeqCst)
    }
}
