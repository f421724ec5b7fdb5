//! `arithmetic_prog` — SCTBench `arithmetic_prog_bad.c` and `arithmetic_prog_ok.c`.
//!
//! A producer and a consumer hand `N` items over a one-place buffer (`num`, guarded by a
//! mutex, with the condition variables `empty` and `full`); the consumer adds its loop
//! index to `total` for each item, then `N` more. The main thread joins both.
//!
//! The bug: the bad version (`N = 3`) asserts `total != N(N+1)/2`, the sum that every
//! complete run computes, so every execution fails: the benchmark's error is reachable
//! on the first schedule. The ok twin (`N = 4`) asserts `total == N(N+1)/2`.

use super::{lock, rt};
use rt::sync::{Condvar, Mutex};

/// Runs the handover of `n` items; returns the consumer's `total`.
fn run(n: u64) -> u64 {
    let num = Mutex::new(0u64);
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
        let consumer = s.spawn(|| {
            let mut total = 0;
            for j in 0..n {
                let mut guard = lock(&num);
                while *guard == 0 {
                    guard = full.wait(guard).unwrap();
                }
                total += j;
                *guard -= 1;
                drop(guard);
                empty.notify_one();
            }
            total + n
        });
        consumer.join().unwrap()
    })
}

/// The bad version: asserts that the total is *not* `N(N+1)/2`, with `N = 3`.
pub fn bad() {
    let total = run(3);
    assert_ne!(
        total,
        3 * 4 / 2,
        "arithmetic_prog: the total of 0..3 plus 3"
    );
}

/// The ok twin: asserts that the total is `N(N+1)/2`, with `N = 4`.
pub fn ok() {
    let total = run(4);
    assert_eq!(
        total,
        4 * 5 / 2,
        "arithmetic_prog: the total of 0..4 plus 4"
    );
}
