//! [`SpscRing`]: a bounded single-producer single-consumer ring buffer.
//!
//! `N` slots and two ever-growing indices: the producer writes slot `tail % N` and then
//! publishes it by advancing `tail`; the consumer reads slot `head % N` and then frees it
//! by advancing `head`. Each index has one writer, so no read-modify-write is needed:
//!
//! | index | written by | `Release` store publishes | `Acquire` load by |
//! |---|---|---|---|
//! | `tail` | the producer | the value just written into the slot | the consumer, before it reads the slot |
//! | `head` | the consumer | that the slot was read, so it may be overwritten | the producer, before it reuses the slot |
//!
//! "One producer, one consumer" is checked, not assumed: each side holds a flag while it
//! runs (`swap(true, Acquire)`, `store(false, Release)`), and a second thread that pushes
//! (or pops) while another does panics instead of racing on a slot. The flag's
//! acquire/release also orders successive producers (the main thread, then a thread it
//! spawned), so the role may move between threads one after the other.

use super::{ConcurrentQueue, rt};
use rt::cell::UnsafeCell;
use rt::sync::atomic::{
    AtomicBool, AtomicUsize,
    Ordering::{self, Acquire, Relaxed, Release},
};
use std::mem::MaybeUninit;

/// A bounded SPSC FIFO queue of `N` values.
///
/// ```
/// use synclab::collections::SpscRing;
///
/// let q = SpscRing::<u32, 2>::new();
/// assert_eq!((q.push(1), q.push(2), q.push(3)), (Ok(()), Ok(()), Err(3))); // full
/// assert_eq!((q.pop(), q.pop(), q.pop()), (Some(1), Some(2), None));
/// ```
pub struct SpscRing<T, const N: usize> {
    slots: [UnsafeCell<MaybeUninit<T>>; N],
    /// Values popped so far: the next slot to read is `head % N`.
    head: AtomicUsize,
    /// Values pushed so far: the next slot to write is `tail % N`.
    tail: AtomicUsize,
    producing: AtomicBool,
    consuming: AtomicBool,
    /// How `push` publishes a slot: `Release` (a planted twin passes `Relaxed`).
    publish: Ordering,
}

// SAFETY: the ring owns the values in its slots and hands them from the producer to the
// consumer (`T: Send`). A slot is accessed by one side at a time: the producer only in
// `tail - head < N` slots not yet published, the consumer only in published ones, each
// ordered by the Release/Acquire pair on the index (see the module docs), and each side
// by one thread at a time (its flag).
unsafe impl<T: Send, const N: usize> Send for SpscRing<T, N> {}
// SAFETY: as above.
unsafe impl<T: Send, const N: usize> Sync for SpscRing<T, N> {}

impl<T, const N: usize> Default for SpscRing<T, N> {
    fn default() -> Self {
        Self::new()
    }
}

/// Holds one side's flag for the duration of a push or pop.
struct Side<'a>(&'a AtomicBool);

impl<'a> Side<'a> {
    fn enter(flag: &'a AtomicBool, what: &str) -> Self {
        assert!(
            !flag.swap(true, Acquire),
            "SpscRing: two threads {what} at once (it has one producer and one consumer)"
        );
        Side(flag)
    }
}

impl Drop for Side<'_> {
    fn drop(&mut self) {
        self.0.store(false, Release);
    }
}

impl<T, const N: usize> SpscRing<T, N> {
    /// An empty ring.
    ///
    /// # Panics
    /// If `N` is 0.
    pub fn new() -> Self {
        Self::with_publish(Release)
    }

    /// A ring whose `push` publishes with `publish` (`Release`; see the planted twin).
    pub(super) fn with_publish(publish: Ordering) -> Self {
        assert!(N > 0, "an SpscRing needs at least one slot");
        SpscRing {
            slots: std::array::from_fn(|_| UnsafeCell::new(MaybeUninit::uninit())),
            head: AtomicUsize::new(0),
            tail: AtomicUsize::new(0),
            producing: AtomicBool::new(false),
            consuming: AtomicBool::new(false),
            publish,
        }
    }

    /// Adds `value` at the tail, or gives it back if the ring is full.
    ///
    /// # Panics
    /// If another thread is pushing at the same time.
    pub fn push(&self, value: T) -> Result<(), T> {
        let _producer = Side::enter(&self.producing, "push");
        // Our own index: the last store to it was ours (or ordered before us by the flag).
        let tail = self.tail.load(Relaxed);
        // Acquire: the consumer has finished reading every slot it freed.
        if tail - self.head.load(Acquire) == N {
            return Err(value);
        }
        // SAFETY: slot `tail % N` is not published (`tail` has not passed it) and is free
        // (the consumer advanced `head` past its last value, and we acquired that), so no
        // other thread accesses it; we are the only producer (the flag).
        self.slots[tail % N].with_mut(|slot| unsafe { (*slot).write(value) });
        // Release: the value is written before the consumer can see the slot.
        self.tail.store(tail + 1, self.publish);
        Ok(())
    }

    /// Takes the value at the head, if any.
    ///
    /// # Panics
    /// If another thread is popping at the same time.
    pub fn pop(&self) -> Option<T> {
        let _consumer = Side::enter(&self.consuming, "pop");
        let head = self.head.load(Relaxed);
        // Acquire: pairs with the producer's Release, so the slot's value is visible.
        if head == self.tail.load(Acquire) {
            return None;
        }
        // SAFETY: slot `head % N` was published (`tail` passed it, acquired above) and not
        // yet freed, so it holds an initialised value no other thread touches; we are the
        // only consumer (the flag), and we move the value out exactly once.
        let value = self.slots[head % N].with(|slot| unsafe { (*slot).assume_init_read() });
        // Release: the read is done before the producer may reuse the slot.
        self.head.store(head + 1, Release);
        Some(value)
    }
}

impl<T, const N: usize> Drop for SpscRing<T, N> {
    fn drop(&mut self) {
        let (head, tail) = (self.head.load(Relaxed), self.tail.load(Relaxed));
        for i in head..tail {
            // SAFETY: `&mut self`; slots `head..tail` hold values not yet popped, each
            // dropped once here.
            self.slots[i % N].with_mut(|slot| unsafe { (*slot).assume_init_drop() });
        }
    }
}

impl<T: Send, const N: usize> ConcurrentQueue<T> for SpscRing<T, N> {
    fn push(&self, value: T) -> Result<(), T> {
        SpscRing::push(self, value)
    }
    fn pop(&self) -> Option<T> {
        SpscRing::pop(self)
    }
    const CAPACITY: Option<usize> = Some(N);
}
