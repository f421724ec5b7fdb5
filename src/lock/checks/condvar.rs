//! The [`Condition`] properties: no lost wakeup, `notify_all` wakes everyone.

use super::super::{Condition, Mutex, RawLock, rt};
use rt::sync::Arc;
use std::collections::VecDeque;

/// `producers` threads each send `items` distinct numbers through a queue guarded by
/// `Mutex<R, _>`, notifying one consumer per item; `consumers` threads take items until
/// all are taken. Every item must be consumed exactly once; a lost wakeup leaves a
/// consumer asleep forever, which the checker reports as a deadlock (and std stress as a
/// hang).
pub fn producer_consumer<R: RawLock + 'static>(producers: usize, consumers: usize, items: usize) {
    struct Queue {
        items: VecDeque<usize>,
        taken: usize,
    }
    let total = producers * items;
    let shared = Arc::new((
        Mutex::<R, Queue>::new(Queue {
            items: VecDeque::new(),
            taken: 0,
        }),
        Condition::new(),
    ));
    let producer_handles: Vec<_> = (0..producers)
        .map(|p| {
            let shared = Arc::clone(&shared);
            rt::thread::spawn(move || {
                let (queue, ready) = &*shared;
                for i in 0..items {
                    queue.lock().items.push_back(p * items + i);
                    ready.notify_one();
                }
            })
        })
        .collect();
    let consumer_handles: Vec<_> = (0..consumers)
        .map(|_| {
            let shared = Arc::clone(&shared);
            rt::thread::spawn(move || {
                let (queue, ready) = &*shared;
                let mut got = Vec::new();
                let mut guard = queue.lock();
                loop {
                    ready.wait_while(&mut guard, |q| q.items.is_empty() && q.taken < total);
                    let Some(item) = guard.items.pop_front() else {
                        break; // everything has been taken
                    };
                    guard.taken += 1;
                    got.push(item);
                    if guard.taken == total {
                        // Release the consumers still waiting for items that will never come.
                        ready.notify_all();
                    }
                }
                got
            })
        })
        .collect();
    for h in producer_handles {
        h.join().expect("a producer panicked");
    }
    let mut consumed: Vec<usize> = consumer_handles
        .into_iter()
        .flat_map(|h| h.join().expect("a consumer panicked"))
        .collect();
    consumed.sort_unstable();
    let expected: Vec<usize> = (0..total).collect();
    assert_eq!(consumed, expected, "items lost or consumed twice");
}

/// `waiters` threads wait for a flag; the main thread sets it and calls `notify_all`
/// once. If any waiter is left asleep the checker reports a deadlock.
pub fn notify_all_wakes_all<R: RawLock + 'static>(waiters: usize) {
    let shared = Arc::new((Mutex::<R, bool>::new(false), Condition::new()));
    let handles: Vec<_> = (0..waiters)
        .map(|_| {
            let shared = Arc::clone(&shared);
            rt::thread::spawn(move || {
                let (flag, cond) = &*shared;
                let mut guard = flag.lock();
                cond.wait_while(&mut guard, |set| !*set);
            })
        })
        .collect();
    let (flag, cond) = &*shared;
    *flag.lock() = true;
    cond.notify_all();
    for h in handles {
        h.join().expect("a waiter panicked");
    }
}
