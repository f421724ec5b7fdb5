//! **Planted bug: a channel whose blocking receive can return early.**

use super::super::{Condition, Mutex, ParkingLock};
use std::collections::VecDeque;

/// **PLANTED BUG: `recv` waits with `if`, and takes whatever is there.**
///
/// What is wrong: [`Channel`](crate::lock::Channel)'s algorithm, but `recv` waits on
/// `not_empty` once (`if queue.is_empty() { wait }`) instead of in a loop, and after the
/// wait pops the queue with `unwrap_or_default()`, as if a wakeup meant an item.
///
/// What goes wrong: a receiver waits on an empty channel; a sender pushes an item and
/// notifies it; before the woken receiver gets the mutex back, a second receiver arrives
/// and takes the item. The first one then finds the queue empty and returns `0`, an item
/// nobody sent: a blocking receive that returned without waiting for an item. The
/// linearizability check against the channel model sees `recv() -> 0`. It needs a
/// receiver woken and another one arriving before it runs (two receivers, a sender).
///
/// What prevents it in [`Channel::recv`](crate::lock::Channel::recv):
/// `self.not_empty.wait_while(&mut queue, |queue| queue.is_empty())`, which re-checks
/// after every wakeup.
#[derive(Debug)]
pub struct EarlyRecvChannel<T> {
    queue: Mutex<ParkingLock, VecDeque<T>>,
    capacity: usize,
    not_empty: Condition,
    not_full: Condition,
}

impl<T: Default> EarlyRecvChannel<T> {
    /// An empty channel holding at most `capacity` items.
    pub fn new(capacity: usize) -> Self {
        Self {
            queue: Mutex::new(VecDeque::new()),
            capacity,
            not_empty: Condition::new(),
            not_full: Condition::new(),
        }
    }

    /// Sends `item`, waiting while the channel is full (correct).
    pub fn send(&self, item: T) {
        let mut queue = self.queue.lock();
        self.not_full
            .wait_while(&mut queue, |queue| queue.len() == self.capacity);
        queue.push_back(item);
        drop(queue);
        self.not_empty.notify_one();
    }

    /// Sends `item` if there is room (correct).
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

    /// Receives an item, waiting at most once.
    pub fn recv(&self) -> T {
        let mut queue = self.queue.lock();
        // BUG: `if`, not a loop: another receiver may take the item first.
        if queue.is_empty() {
            self.not_empty.wait(&mut queue);
        }
        let item = queue.pop_front().unwrap_or_default();
        drop(queue);
        self.not_full.notify_one();
        item
    }

    /// Receives an item if there is one (correct).
    pub fn try_recv(&self) -> Option<T> {
        let item = self.queue.lock().pop_front()?;
        self.not_full.notify_one();
        Some(item)
    }
}

impl super::super::BoundedChannel for EarlyRecvChannel<u32> {
    fn with_capacity(capacity: usize) -> Self {
        Self::new(capacity)
    }

    fn send(&self, item: u32) {
        EarlyRecvChannel::send(self, item);
    }

    fn recv(&self) -> u32 {
        EarlyRecvChannel::recv(self)
    }

    fn try_send(&self, item: u32) -> Result<(), u32> {
        EarlyRecvChannel::try_send(self, item)
    }

    fn try_recv(&self) -> Option<u32> {
        EarlyRecvChannel::try_recv(self)
    }
}
