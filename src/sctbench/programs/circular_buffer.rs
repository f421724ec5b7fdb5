//! `circular_buffer` — SCTBench `circular_buffer_bad.c` and `circular_buffer_ok.c`.
//!
//! A writer and a reader take turns on a ten-slot log under one mutex, seven rounds
//! each: the writer inserts when `send` is set (and hands the turn over), the reader
//! removes when `receive` is set (and hands it back). Each skips a round in which it
//! does not have the turn.
//!
//! The bug: the bad reader asserts that the element it removes equals *its own round
//! number*, but the rounds of the two threads drift apart as soon as one of them skips
//! a round (the reader's first round comes before the first insert, say). The ok twin
//! asserts that it removes the value the writer last inserted.

use super::{lock, rt};

const BUFFER_MAX: usize = 10;
const ROUNDS: i32 = 7;

struct Log {
    buffer: [i32; BUFFER_MAX],
    first: usize,
    next: usize,
    size: usize,
    send: bool,
    receive: bool,
    /// The value last inserted (the ok twin's check).
    value: i32,
}

impl Log {
    /// `removeLogElement`: `None` is the C's `ERROR`.
    fn remove(&mut self) -> Option<i32> {
        if self.next > 0 && self.first < self.size {
            self.first += 1;
            Some(self.buffer[self.first - 1])
        } else {
            None
        }
    }

    /// `insertLogElement`.
    fn insert(&mut self, b: i32) -> Option<i32> {
        if self.next < self.size && self.size > 0 {
            self.buffer[self.next] = b;
            self.next = (self.next + 1) % self.size;
            Some(b)
        } else {
            None
        }
    }
}

/// `check(removed, reader_round, last_value)` is the reader's assertion.
fn run(check: fn(Option<i32>, i32, i32)) {
    let m = rt::sync::Mutex::new(Log {
        buffer: [0; BUFFER_MAX],
        first: 0,
        next: 0,
        size: BUFFER_MAX,
        send: true,
        receive: false,
        value: 0,
    });
    rt::thread::scope(|s| {
        s.spawn(|| {
            for i in 0..ROUNDS {
                let mut log = lock(&m);
                if log.send {
                    assert_eq!(log.insert(i), Some(i), "circular_buffer: insert");
                    log.value = i;
                    log.send = false;
                    log.receive = true;
                }
            }
        });
        s.spawn(|| {
            for i in 0..ROUNDS {
                let mut log = lock(&m);
                if log.receive {
                    let last = log.value;
                    check(log.remove(), i, last);
                    log.receive = false;
                    log.send = true;
                }
            }
        });
    });
}

/// The bad version: the reader expects its own round number.
pub fn bad() {
    run(|removed, round, _| {
        assert_eq!(
            removed,
            Some(round),
            "circular_buffer: the element removed in the reader's round"
        );
    });
}

/// The ok twin: the reader expects the value last inserted.
pub fn ok() {
    run(|removed, _, last| {
        assert_eq!(
            removed,
            Some(last),
            "circular_buffer: the element last inserted"
        );
    });
}
