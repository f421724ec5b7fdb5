//! `phase01` — SCTBench `phase01_bad.c`.
//!
//! Two threads run the same code: lock `x`, unlock it, lock it again and never unlock
//! it (the C's unlock is commented out), then lock and unlock `y` twice.
//!
//! The bug: a deadlock. The first thread to take `x` the second time keeps it; the
//! other thread waits for `x` forever. shuttle reports it; no assertion. No ok twin.

use super::{lock, rt};
use rt::sync::Mutex;

/// The bad (and only) version.
pub fn bad() {
    let (x, y) = (Mutex::new(()), Mutex::new(()));
    rt::thread::scope(|s| {
        for _ in 0..2 {
            s.spawn(|| {
                drop(lock(&x));
                // BUG (the benchmark's): `x` is never unlocked again.
                std::mem::forget(lock(&x));
                drop(lock(&y));
                drop(lock(&y));
            });
        }
    });
}
