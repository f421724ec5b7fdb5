//! A bounded channel: a queue under a [`Mutex`], and two [`Condition`]s to wait on.
//!
//! The textbook design (a monitor): every operation takes the mutex; a sender waits on
//! `not_full` while the queue is full, a receiver on `not_empty` while it is empty, each
//! re-checking in a loop (`wait_while`), since a wakeup only means "look again". Each
//! successful operation notifies the other side: a send makes the queue not empty, a
//! receive makes it not full.

use super::{Condition, Mutex, ParkingLock};
use std::collections::VecDeque;

/// A bounded multi-producer multi-consumer FIFO channel.
///
/// | field | guards |
/// |---|---|
/// | `queue` | the items, at most `capacity` of them |
/// | `not_empty` | receivers waiting for an item |
/// | `not_full` | senders waiting for room |
///
/// ```
/// use synclab::lock::Channel;
///
/// let channel = Channel::new(1);
/// std::thread::scope(|s| {
///     s.spawn(|| (1..=3).for_each(|v| channel.send(v))); // waits for room
///     assert_eq!([channel.recv(), channel.recv(), channel.recv()], [1, 2, 3]);
/// });
/// assert_eq!(channel.try_recv(), None);
/// ```
#[derive(Debug)]
pub struct Channel<T> {
    queue: Mutex<ParkingLock, VecDeque<T>>,
    capacity: usize,
    not_empty: Condition,
    not_full: Condition,
}

impl<T> Channel<T> {
    /// An empty channel holding at most `capacity` items.
    ///
    /// # Panics
    /// If `capacity` is 0 (a rendezvous channel is another algorithm).
    pub fn new(capacity: usize) -> Self {
        assert!(capacity > 0, "a bounded channel needs room for one item");
        Self {
            queue: Mutex::new(VecDeque::with_capacity(capacity)),
            capacity,
            not_empty: Condition::new(),
            not_full: Condition::new(),
        }
    }

    /// Sends `item`, waiting while the channel is full.
    pub fn send(&self, item: T) {
        let mut queue = self.queue.lock();
        self.not_full
            .wait_while(&mut queue, |queue| queue.len() == self.capacity);
        queue.push_back(item);
        drop(queue);
        self.not_empty.notify_one();
    }

    /// Sends `item` if there is room; gives it back otherwise.
    ///
    /// # Errors
    /// The item, when the channel is full.
    pub fn try_send(&self, item: T) -> Result<(), T> {
        let mut queue = self.queue.lock();
        if queue.len() == self.capacity {
            return Err(item);
        }
        queue.push_back(item);
        drop(queue);
        self.not_empty.notify_one();
        Ok(())
    }

    /// Receives the oldest item, waiting while the channel is empty.
    pub fn recv(&self) -> T {
        let mut queue = self.queue.lock();
        // `while`, not `if`: another receiver may take the item between the wakeup and
        // this thread's turn on the mutex (the planted `EarlyRecvChannel` uses `if`).
        self.not_empty.wait_while(&mut queue, |queue| queue.is_empty());
        let item = queue.pop_front().expect("the wait ends on a non-empty queue");
        drop(queue);
        self.not_full.notify_one();
        item
    }

    /// Receives the oldest item if there is one.
    pub fn try_recv(&self) -> Option<T> {
        let item = self.queue.lock().pop_front()?;
        self.not_full.notify_one();
        Some(item)
    }
}

impl super::BoundedChannel for Channel<u32> {
    fn with_capacity(capacity: usize) -> Self {
        Self::new(capacity)
    }

    fn send(&self, item: u32) {
        Channel::send(self, item);
    }

    fn recv(&self) -> u32 {
        Channel::recv(self)
    }

    fn try_send(&self, item: u32) -> Result<(), u32> {
        Channel::try_send(self, item)
    }

    fn try_recv(&self) -> Option<u32> {
        Channel::try_recv(self)
    }
}
