//! Bounded channels on the facade's `Mutex` and `Condvar`: one correct, one
//! whose blocking receive returns early.

use super::rt;
use rt::sync::{Condvar, Mutex};
use std::collections::VecDeque;
use synclab::lock::BoundedChannel;

/// The queue and its two conditions; `recv` is the only thing the two channels differ in.
#[derive(Debug)]
struct Monitor {
    queue: Mutex<VecDeque<u32>>,
    capacity: usize,
    not_empty: Condvar,
    not_full: Condvar,
}

impl Monitor {
    fn send(&self, item: u32) {
        let mut queue = self.queue.lock().unwrap();
        while queue.len() == self.capacity {
            queue = self.not_full.wait(queue).unwrap();
        }
        queue.push_back(item);
        self.not_empty.notify_one();
    }
    fn try_send(&self, item: u32) -> Result<(), u32> {
        let mut queue = self.queue.lock().unwrap();
        if queue.len() == self.capacity {
            return Err(item);
        }
        queue.push_back(item);
        self.not_empty.notify_one();
        Ok(())
    }
    fn try_recv(&self) -> Option<u32> {
        let item = self.queue.lock().unwrap().pop_front()?;
        self.not_full.notify_one();
        Some(item)
    }
}

/// Correct: waits in a loop on each condition.
#[derive(Debug)]
pub struct CondvarChannel(Monitor);

/// Buggy: `recv` waits once (`if`), then takes whatever is there, `0` if nothing.
#[derive(Debug)]
pub struct EarlyRecvChannel(Monitor);

macro_rules! channel {
    ($ty:ident, |$m:ident| $recv:block) => {
        impl BoundedChannel for $ty {
            fn with_capacity(capacity: usize) -> Self {
                $ty(Monitor {
                    queue: Mutex::new(VecDeque::new()),
                    capacity,
                    not_empty: Condvar::new(),
                    not_full: Condvar::new(),
                })
            }
            fn send(&self, item: u32) {
                self.0.send(item);
            }
            fn recv(&self) -> u32 {
                let $m = &self.0;
                $recv
            }
            fn try_send(&self, item: u32) -> Result<(), u32> {
                self.0.try_send(item)
            }
            fn try_recv(&self) -> Option<u32> {
                self.0.try_recv()
            }
        }
    };
}

channel!(CondvarChannel, |m| {
    let mut queue = m.queue.lock().unwrap();
    while queue.is_empty() {
        queue = m.not_empty.wait(queue).unwrap();
    }
    let item = queue.pop_front().unwrap();
    m.not_full.notify_one();
    item
});

channel!(EarlyRecvChannel, |m| {
    let mut queue = m.queue.lock().unwrap();
    if queue.is_empty() {
        queue = m.not_empty.wait(queue).unwrap();
    }
    let item = queue.pop_front().unwrap_or(0);
    m.not_full.notify_one();
    item
});
