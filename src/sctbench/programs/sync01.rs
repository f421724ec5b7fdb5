//! `sync01` — SCTBench `sync01_bad.c` and `sync01_ok.c`.
//!
//! A producer waits (condition variable `empty`) until `num` is 0, then increments it
//! and signals `full`; a consumer waits (`full`) until `num` is positive, then signals
//! `empty`. `num` is guarded by one mutex.
//!
//! The bug: the bad version starts with `num = 1` and its consumer does not decrement
//! (the C's `num--` is commented out), so the producer waits for an empty buffer that
//! never comes: a deadlock in every execution, which shuttle reports. The ok twin starts
//! at 0 and its consumer decrements.

use super::{lock, rt};
use rt::sync::{Condvar, Mutex};

fn run(initial: u32, consume: bool) {
    let num = Mutex::new(initial);
    let (empty, full) = (Condvar::new(), Condvar::new());
    rt::thread::scope(|s| {
        s.spawn(|| {
            let mut guard = lock(&num);
            while *guard > 0 {
                guard = empty.wait(guard).unwrap();
            }
            *guard += 1;
            drop(guard);
            full.notify_one();
        });
        s.spawn(|| {
            let mut guard = lock(&num);
            while *guard == 0 {
                guard = full.wait(guard).unwrap();
            }
            if consume {
                *guard -= 1;
            }
            drop(guard);
            empty.notify_one();
        });
    });
}

/// The bad version: `num = 1`, no consumption.
pub fn bad() {
    run(1, false);
}

/// The ok twin.
pub fn ok() {
    run(0, true);
}
