//! Queues, stacks and maps: four correct, four buggy, checked through `synclab::object`
//! with ready-made models (`tests/corpus.rs`, module `objects`).

use super::rt;
use rt::sync::Mutex;
use rt::sync::atomic::{
    AtomicBool, AtomicU32, AtomicUsize,
    Ordering::{Acquire, Relaxed, Release, SeqCst},
};
use std::collections::{HashMap, VecDeque};

/// Correct: a `VecDeque` behind a mutex.
#[derive(Debug, Default)]
pub struct LockedQueue(Mutex<VecDeque<u32>>);

impl LockedQueue {
    pub fn push(&self, v: u32) {
        self.0.lock().unwrap().push_back(v);
    }
    pub fn pop(&self) -> Option<u32> {
        self.0.lock().unwrap().pop_front()
    }
}

/// Correct: a queue behind a hand-written spinlock (swap to take, `Release` store to
/// give back); the data lives in a mutex that is never contended, for safe access.
#[derive(Debug, Default)]
pub struct SpinQueue {
    locked: AtomicBool,
    items: Mutex<VecDeque<u32>>,
}

impl SpinQueue {
    fn with<R>(&self, f: impl FnOnce(&mut VecDeque<u32>) -> R) -> R {
        while self.locked.swap(true, Acquire) {
            rt::hint::spin_loop();
        }
        let out = f(&mut self.items.lock().unwrap());
        self.locked.store(false, Release);
        out
    }
    pub fn push(&self, v: u32) {
        self.with(|q| q.push_back(v));
    }
    pub fn pop(&self) -> Option<u32> {
        self.with(VecDeque::pop_front)
    }
}

/// Correct: a bounded stack of 4 behind a mutex; a push onto a full stack gives its
/// value back.
#[derive(Debug, Default)]
pub struct BoundedStack(Mutex<Vec<u32>>);

impl BoundedStack {
    pub const CAPACITY: usize = 4;
    pub fn push(&self, v: u32) -> Result<(), u32> {
        let mut items = self.0.lock().unwrap();
        if items.len() == Self::CAPACITY {
            return Err(v);
        }
        items.push(v);
        Ok(())
    }
    pub fn pop(&self) -> Option<u32> {
        self.0.lock().unwrap().pop()
    }
}

/// Correct: a map in two shards by key parity, each behind its own lock.
#[derive(Debug, Default)]
pub struct ShardedMap([Mutex<HashMap<u32, u32>>; 2]);

impl ShardedMap {
    fn shard(&self, key: u32) -> &Mutex<HashMap<u32, u32>> {
        &self.0[(key % 2) as usize]
    }
    pub fn insert(&self, key: u32, value: u32) -> Option<u32> {
        self.shard(key).lock().unwrap().insert(key, value)
    }
    pub fn remove(&self, key: u32) -> Option<u32> {
        self.shard(key).lock().unwrap().remove(&key)
    }
    pub fn get(&self, key: u32) -> Option<u32> {
        self.shard(key).lock().unwrap().get(&key).copied()
    }
}

/// Node slots of an [`AbaStack`].
const NODES: usize = 32;
/// "No node".
const NIL: u32 = u32::MAX;

/// **Buggy (ABA)**: a Treiber stack over an array of nodes that recycles popped nodes
/// through a free list. `pop` reads the top node's value and successor, then swings the
/// top with a `compare_exchange`; if meanwhile the node was popped and recycled by a
/// push, the top is "the same" node again and the stale `compare_exchange` succeeds:
/// the pop returns the old value a second time and the new one is lost.
#[derive(Debug)]
pub struct AbaStack {
    top: AtomicU32,
    values: [AtomicU32; NODES],
    next: [AtomicU32; NODES],
    free: Mutex<Vec<u32>>,
}

impl Default for AbaStack {
    fn default() -> Self {
        AbaStack {
            top: AtomicU32::new(NIL),
            values: std::array::from_fn(|_| AtomicU32::new(0)),
            next: std::array::from_fn(|_| AtomicU32::new(NIL)),
            free: Mutex::new((0..NODES as u32).rev().collect()),
        }
    }
}

impl AbaStack {
    pub fn push(&self, v: u32) {
        let node = self.free.lock().unwrap().pop().expect("out of nodes");
        self.values[node as usize].store(v, Relaxed);
        let mut top = self.top.load(Acquire);
        loop {
            self.next[node as usize].store(top, Relaxed);
            match self.top.compare_exchange(top, node, Release, Acquire) {
                Ok(_) => return,
                Err(now) => top = now,
            }
        }
    }
    pub fn pop(&self) -> Option<u32> {
        let mut top = self.top.load(Acquire);
        loop {
            if top == NIL {
                return None;
            }
            let value = self.values[top as usize].load(Relaxed);
            let next = self.next[top as usize].load(Relaxed);
            // BUG: `top` may have been popped and pushed again since we read it.
            match self.top.compare_exchange(top, next, Acquire, Acquire) {
                Ok(_) => {
                    self.free.lock().unwrap().push(top);
                    return Some(value);
                }
                Err(now) => top = now,
            }
        }
    }
}

/// Slots of the array queues.
const SLOTS: usize = 32;

/// **Buggy (lost element)**: pushes claim a slot with a load and a separate store of
/// `tail`: two pushes claim the same slot and one value is overwritten.
#[derive(Debug)]
pub struct LoadStoreRing {
    slots: [AtomicU32; SLOTS],
    head: Mutex<usize>,
    tail: AtomicUsize,
}

impl Default for LoadStoreRing {
    fn default() -> Self {
        LoadStoreRing {
            slots: std::array::from_fn(|_| AtomicU32::new(0)),
            head: Mutex::new(0),
            tail: AtomicUsize::new(0),
        }
    }
}

impl LoadStoreRing {
    pub fn push(&self, v: u32) {
        let slot = self.tail.load(SeqCst);
        self.slots[slot].store(v, SeqCst);
        // BUG: another push may have claimed `slot` too.
        self.tail.store(slot + 1, SeqCst);
    }
    pub fn pop(&self) -> Option<u32> {
        let mut head = self.head.lock().unwrap();
        if *head == self.tail.load(SeqCst) {
            return None;
        }
        *head += 1;
        Some(self.slots[*head - 1].load(SeqCst))
    }
}

/// **Buggy (duplicate element)**: pops read `head`, take the slot and store `head + 1`
/// in three steps: two pops take one value.
#[derive(Debug)]
pub struct LoadStorePopQueue {
    slots: [AtomicU32; SLOTS],
    head: AtomicUsize,
    tail: Mutex<usize>,
    published: AtomicUsize,
}

impl Default for LoadStorePopQueue {
    fn default() -> Self {
        LoadStorePopQueue {
            slots: std::array::from_fn(|_| AtomicU32::new(0)),
            head: AtomicUsize::new(0),
            tail: Mutex::new(0),
            published: AtomicUsize::new(0),
        }
    }
}

impl LoadStorePopQueue {
    pub fn push(&self, v: u32) {
        let mut tail = self.tail.lock().unwrap();
        self.slots[*tail].store(v, SeqCst);
        *tail += 1;
        self.published.store(*tail, SeqCst);
    }
    pub fn pop(&self) -> Option<u32> {
        let head = self.head.load(SeqCst);
        if head == self.published.load(SeqCst) {
            return None;
        }
        let v = self.slots[head].load(SeqCst);
        // BUG: another pop may have read the same `head`.
        self.head.store(head + 1, SeqCst);
        Some(v)
    }
}

/// **Buggy (duplicate removal)**: `remove` looks the key up under one locking and
/// removes it under another, returning what it looked up: two removes of one key both
/// return its value.
#[derive(Debug, Default)]
pub struct TwoStepRemoveMap(Mutex<HashMap<u32, u32>>);

impl TwoStepRemoveMap {
    pub fn insert(&self, key: u32, value: u32) -> Option<u32> {
        self.0.lock().unwrap().insert(key, value)
    }
    pub fn remove(&self, key: u32) -> Option<u32> {
        let seen = self.0.lock().unwrap().get(&key).copied();
        // BUG: another remove may look the key up here too.
        self.0.lock().unwrap().remove(&key);
        seen
    }
    pub fn get(&self, key: u32) -> Option<u32> {
        self.0.lock().unwrap().get(&key).copied()
    }
}
