//! `sync02` — SCTBench `sync02_bad.c` and `sync02_ok.c`.
//!
//! A producer and a consumer hand `N` items over a one-place buffer (`num`, guarded by a
//! mutex, with the condition variables `empty` and `full`), `N` rounds each.
//!
//! The bug: the bad version starts with `num = 2` (`N = 2`): the consumer takes the two
//! items that were there and finishes, the producer adds one and then waits for an
//! empty buffer forever — a deadlock in every execution, which shuttle reports. The ok
//! twin starts at 0 (`N = 20`).

use super::{lock, rt};
use rt::sync::{Condvar, Mutex};

fn run(initial: u32, n: u32) {
    let num = Mutex::new(initial);
    let (empty, full) = (Condvar::new(), Condvar::new());
    rt::thread::scope(|s| {
        s.spawn(|| {
            for _ in 0..n {
                let mut guard = lock(&num);
                while *guard > 0 {
                    guard = empty.wait(guard).unwrap();
                }
                *guard += 1;
                drop(guard);
                full.notify_one();
            }
        });
        s.spawn(|| {
            for _ in 0..n {
                let mut guard = lock(&num);
                while *guard == 0 {
                    guard = full.wait(guard).unwrap();
                }
                *guard -= 1;
                drop(guard);
                empty.notify_one();
            }
        });
    });
}

/// The bad version: two items already in a one-place buffer.
pub fn bad() {
    run(2, 2);
}

/// The ok twin: an empty buffer, 20 items.
pub fn ok() {
    run(0, 20);
}
