//! `stack` — SCTBench `stack_bad.c` and `stack_ok.c`.
//!
//! A pusher and a popper share a ten-slot stack under one mutex, ten rounds each.
//!
//! The bug: the bad popper pops in every round once the pusher has pushed anything
//! (`flag` stays set), and asserts that the pop does not underflow; as soon as it pops
//! more often than the pusher has pushed, it does. The ok twin pops only when the stack
//! is not empty, and asserts nothing.

use super::{lock, rt};

const SIZE: usize = 10;

struct Stack {
    arr: [u32; SIZE],
    top: usize,
    flag: bool,
}

impl Stack {
    /// `push`: `false` is the C's `OVERFLOW`.
    fn push(&mut self, x: u32) -> bool {
        if self.top == SIZE {
            return false;
        }
        self.arr[self.top] = x;
        self.top += 1;
        true
    }

    /// `pop`: `None` is the C's `UNDERFLOW`.
    fn pop(&mut self) -> Option<u32> {
        if self.top == 0 {
            return None;
        }
        self.top -= 1;
        Some(self.arr[self.top])
    }
}

/// `pop(stack)` is the popper's round.
fn run(pop: fn(&mut Stack)) {
    let m = rt::sync::Mutex::new(Stack {
        arr: [0; SIZE],
        top: 0,
        flag: false,
    });
    rt::thread::scope(|s| {
        s.spawn(|| {
            for i in 0..SIZE as u32 {
                let mut stack = lock(&m);
                assert!(stack.push(i), "stack: overflow");
                stack.flag = true;
            }
        });
        s.spawn(|| {
            for _ in 0..SIZE {
                pop(&mut lock(&m));
            }
        });
    });
}

/// The bad version: pops whenever `flag` is set.
pub fn bad() {
    run(|stack| {
        if stack.flag {
            assert!(stack.pop().is_some(), "stack: popped more than was pushed");
        }
    });
}

/// The ok twin: pops only from a non-empty stack.
pub fn ok() {
    run(|stack| {
        if stack.top > 0 {
            stack.pop();
        }
    });
}
