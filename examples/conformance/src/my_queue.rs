//! A queue of job ids, as a team might write one: a correct one behind a mutex, and a
//! "lock-free" one over an array of slots that hands one job to two workers.

use super::rt;
use rt::sync::Mutex;
use rt::sync::atomic::{AtomicU32, AtomicUsize, Ordering::SeqCst};
use std::collections::VecDeque;

/// Correct: one lock around a `VecDeque`.
#[derive(Debug, Default)]
pub struct JobQueue {
    jobs: Mutex<VecDeque<u32>>,
}

impl JobQueue {
    /// An empty queue.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a job at the back.
    pub fn push(&self, job: u32) {
        self.jobs.lock().unwrap().push_back(job);
    }

    /// Takes the job at the front.
    pub fn pop(&self) -> Option<u32> {
        self.jobs.lock().unwrap().pop_front()
    }
}

/// How many jobs a [`SlotQueue`] takes in its lifetime.
const SLOTS: usize = 32;

/// **Buggy**: jobs go into an array of slots, claimed with a `fetch_add` on `tail`; `pop`
/// reads `head`, reads the slot, then stores `head + 1`. Two workers that read the same
/// `head` both take its job; and a worker can read a slot whose `push` has claimed it
/// but not yet written it.
#[derive(Debug)]
pub struct SlotQueue {
    slots: [AtomicU32; SLOTS],
    head: AtomicUsize,
    tail: AtomicUsize,
}

impl Default for SlotQueue {
    fn default() -> Self {
        SlotQueue {
            slots: std::array::from_fn(|_| AtomicU32::new(0)),
            head: AtomicUsize::new(0),
            tail: AtomicUsize::new(0),
        }
    }
}

impl SlotQueue {
    /// An empty queue.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a job at the back (at most `SLOTS` in the queue's lifetime).
    pub fn push(&self, job: u32) {
        let slot = self.tail.fetch_add(1, SeqCst);
        self.slots[slot].store(job, SeqCst);
    }

    /// Takes the job at the front.
    pub fn pop(&self) -> Option<u32> {
        let head = self.head.load(SeqCst);
        if head == self.tail.load(SeqCst) {
            return None;
        }
        let job = self.slots[head].load(SeqCst);
        // BUG: another pop may have read the same `head` and take the same job.
        self.head.store(head + 1, SeqCst);
        Some(job)
    }
}
