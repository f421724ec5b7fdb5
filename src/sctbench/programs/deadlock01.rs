//! `deadlock01` — SCTBench `deadlock01_bad.c`.
//!
//! Two threads update one counter under two mutexes `a` and `b`, taken in opposite
//! orders: `a` then `b`, and `b` then `a`.
//!
//! The bug: a lock-order deadlock: each thread holds its first lock and waits for the
//! other's. shuttle reports it; no assertion. No ok twin.

use super::{lock, rt};
use rt::sync::Mutex;

/// The bad (and only) version.
pub fn bad() {
    let a = Mutex::new(());
    // `counter`, which the C updates holding both locks.
    let b = Mutex::new(1i32);
    rt::thread::scope(|s| {
        s.spawn(|| {
            let _a = lock(&a);
            *lock(&b) += 1;
        });
        s.spawn(|| {
            let mut counter = lock(&b);
            let _a = lock(&a);
            *counter -= 1;
        });
    });
}
