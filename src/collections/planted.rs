//! **Planted bugs — teaching material, do not use.**
//!
//! Broken twins of the collections, kept so that the object checks can show they catch
//! them (the gallery, `synclab::gallery`, lists each with the checkers that find it):
//!
//! | planted | bug | symptom in a history |
//! |---|---|---|
//! | [`DuplicatingQueue`] | `pop` reads the head under the lock, removes it under a second locking | two pops return the same value |
//! | [`RelaxedSpscRing`] | the producer publishes a slot with a `Relaxed` store | the consumer reads the slot before the value is visible (loom: a data race) |
//! | [`LostPushStack`] | `push` copies the stack, pushes onto the copy, writes the copy back | a concurrent push is lost |
//! | [`SplitInsertMap`] | `insert` reads the old value and writes the new one under two lockings | two inserts both return the old value |
//!
//! [`RelaxedSpscRing`] would be a real data race on real threads, so it may only be
//! constructed inside a model checker (`rt::MODEL`), which reports the race instead.

use super::{ConcurrentMap, ConcurrentQueue, ConcurrentStack, SpscRing, StripedMap, rt};
use rt::sync::Mutex;
use rt::sync::atomic::Ordering::Relaxed;
use std::collections::VecDeque;

/// **PLANTED BUG: a queue that can hand one value to two pops.**
///
/// What is wrong: `pop` clones the head under the lock, unlocks, and removes the head
/// under a second locking. What goes wrong: two pops both read the same head before
/// either removes it; both return it, and the value behind it is dropped unseen. What
/// prevents it in [`TwoLockQueue`](super::TwoLockQueue): the head is read and advanced
/// under one holding of the head lock.
#[derive(Debug, Default)]
pub struct DuplicatingQueue {
    values: Mutex<VecDeque<u32>>,
}

impl DuplicatingQueue {
    /// An empty queue.
    pub fn new() -> Self {
        Self::default()
    }
}

impl ConcurrentQueue<u32> for DuplicatingQueue {
    fn push(&self, value: u32) -> Result<(), u32> {
        self.values.lock().unwrap().push_back(value);
        Ok(())
    }
    fn pop(&self) -> Option<u32> {
        let head = self.values.lock().unwrap().front().copied();
        // BUG: another pop may read the same head here.
        self.values.lock().unwrap().pop_front();
        head
    }
}

/// **PLANTED BUG: an SPSC ring that publishes a slot with a `Relaxed` store.**
///
/// What is wrong: `push` advances `tail` with `Relaxed`. What goes wrong: the consumer's
/// `Acquire` load of `tail` synchronises with nothing, so its read of the slot is not
/// ordered after the producer's write: on ARM it may read garbage (and the compiler may
/// reorder the two). loom reports the two unordered accesses to the slot; shuttle, which
/// explores sequentially consistent interleavings only, cannot see it. What prevents it
/// in [`SpscRing`]: `self.tail.store(tail + 1, Release)`.
pub struct RelaxedSpscRing(SpscRing<u32, 2>);

impl RelaxedSpscRing {
    /// An empty ring of two slots.
    ///
    /// # Panics
    /// Outside loom and shuttle: on real threads it would be a data race.
    pub fn new() -> Self {
        if !rt::MODEL {
            panic!("RelaxedSpscRing is a planted bug: construct it only inside loom or shuttle");
        }
        RelaxedSpscRing(SpscRing::with_publish(Relaxed))
    }
}

impl Default for RelaxedSpscRing {
    fn default() -> Self {
        Self::new()
    }
}

impl ConcurrentQueue<u32> for RelaxedSpscRing {
    fn push(&self, value: u32) -> Result<(), u32> {
        self.0.push(value)
    }
    fn pop(&self) -> Option<u32> {
        self.0.pop()
    }
    const CAPACITY: Option<usize> = Some(2);
}

/// **PLANTED BUG: a stack whose push can lose a concurrent push.**
///
/// What is wrong: `push` copies the values under the lock, pushes onto the copy
/// unlocked, and writes the copy back under a second locking (the lock-based shape of
/// a Treiber push that stores the new top instead of `compare_exchange`-ing it). What
/// goes wrong: a push between the copy and the write-back is overwritten. What prevents
/// it in [`TreiberStack`](super::TreiberStack): the top moves by `compare_exchange` from
/// the value the new node links to.
#[derive(Debug, Default)]
pub struct LostPushStack {
    values: Mutex<Vec<u32>>,
}

impl LostPushStack {
    /// An empty stack.
    pub fn new() -> Self {
        Self::default()
    }
}

impl ConcurrentStack<u32> for LostPushStack {
    fn push(&self, value: u32) -> Result<(), u32> {
        let mut copy = self.values.lock().unwrap().clone();
        copy.push(value);
        // BUG: a push that ran since the copy is overwritten.
        *self.values.lock().unwrap() = copy;
        Ok(())
    }
    fn pop(&self) -> Option<u32> {
        self.values.lock().unwrap().pop()
    }
}

/// **PLANTED BUG: a map whose insert reads and writes under two lockings.**
///
/// What is wrong: `insert` reads the old value, unlocks, then writes the new one. What
/// goes wrong: two inserts of one key both read the old value and both return it, as if
/// each had replaced it. What prevents it in [`StripedMap`]: one `HashMap::insert` under
/// one holding of the stripe's lock.
#[derive(Default)]
pub struct SplitInsertMap {
    map: StripedMap<u32, u32>,
}

impl SplitInsertMap {
    /// An empty map.
    pub fn new() -> Self {
        Self::default()
    }
}

impl ConcurrentMap<u32, u32> for SplitInsertMap {
    fn insert(&self, key: u32, value: u32) -> Option<u32> {
        let old = self.map.get(key);
        // BUG: another insert of `key` may land here; both return `old`.
        self.map.insert(key, value);
        old
    }
    fn remove(&self, key: u32) -> Option<u32> {
        self.map.remove(key)
    }
    fn get(&self, key: u32) -> Option<u32> {
        self.map.get(key)
    }
}
