//! `queue` — SCTBench `queue_bad.c` (from PERIOD's copy of the set) and `queue_ok.c`.
//!
//! A producer and a consumer share a fixed-size queue and an array `stored_elements`
//! (what went in, by position) under one mutex, taking turns through two flags.
//!
//! The bug (bad, `SIZE = 20`): the producer enqueues one element first, then one per
//! round of its loop; the consumer, in its round `i`, dequeues and asserts that the
//! element equals `stored_elements[i]`. The rounds drift apart as soon as a thread
//! skips a round without the turn, and the dequeued element is compared with the wrong
//! position. The ok twin (`SIZE = 40`) enqueues everything in one turn and dequeues
//! everything in one turn, in the same order.

use super::{lock, rt};

/// `QType`, with the stored elements beside it.
struct Queue<const SIZE: usize> {
    element: [i32; SIZE],
    head: usize,
    tail: usize,
    amount: usize,
    stored: [i32; SIZE],
    enqueue_flag: bool,
    dequeue_flag: bool,
}

impl<const SIZE: usize> Queue<SIZE> {
    fn new() -> Self {
        Queue {
            element: [0; SIZE],
            head: 0,
            tail: 0,
            amount: 0,
            stored: [0; SIZE],
            enqueue_flag: true,
            dequeue_flag: false,
        }
    }

    fn is_empty(&self) -> bool {
        self.head == self.tail
    }

    fn enqueue(&mut self, x: i32) {
        self.element[self.tail] = x;
        self.amount += 1;
        self.tail = if self.tail == SIZE { 1 } else { self.tail + 1 };
    }

    fn dequeue(&mut self) -> i32 {
        let x = self.element[self.head];
        self.amount -= 1;
        self.head = if self.head == SIZE { 1 } else { self.head + 1 };
        x
    }
}

/// The bad version.
pub fn bad() {
    const SIZE: usize = 20;
    let m = rt::sync::Mutex::new(Queue::<SIZE>::new());
    rt::thread::scope(|s| {
        s.spawn(|| {
            let mut value = 0;
            {
                let mut q = lock(&m);
                q.enqueue(value);
                q.stored[0] = value;
                assert!(!q.is_empty(), "queue: empty after an enqueue");
            }
            for i in 0..SIZE - 1 {
                let mut q = lock(&m);
                if q.enqueue_flag {
                    value += 1;
                    q.enqueue(value);
                    q.stored[i + 1] = value;
                    q.enqueue_flag = false;
                    q.dequeue_flag = true;
                }
            }
        });
        s.spawn(|| {
            for i in 0..SIZE {
                let mut q = lock(&m);
                if q.dequeue_flag {
                    let (got, expected) = (q.dequeue(), q.stored[i]);
                    assert_eq!(got, expected, "queue: the element dequeued in round {i}");
                    q.dequeue_flag = false;
                    q.enqueue_flag = true;
                }
            }
        });
    });
}

/// The ok twin.
pub fn ok() {
    const SIZE: usize = 40;
    let m = rt::sync::Mutex::new(Queue::<SIZE>::new());
    rt::thread::scope(|s| {
        s.spawn(|| {
            let mut q = lock(&m);
            if q.enqueue_flag {
                for i in 0..SIZE {
                    let value = i as i32 + 1;
                    q.enqueue(value);
                    q.stored[i] = value;
                }
                q.enqueue_flag = false;
                q.dequeue_flag = true;
            }
        });
        s.spawn(|| {
            let mut q = lock(&m);
            if q.dequeue_flag {
                for i in 0..SIZE {
                    if !q.is_empty() {
                        let (got, expected) = (q.dequeue(), q.stored[i]);
                        assert_eq!(got, expected, "queue: the element dequeued at {i}");
                    }
                }
                q.dequeue_flag = false;
                q.enqueue_flag = true;
            }
        });
    });
}
