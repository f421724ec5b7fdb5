//! `lazy01` — SCTBench `lazy01_bad.c` and `lazy01_ok.c`.
//!
//! Three threads share `data` under one mutex: one adds 1, one adds 2, and a checker
//! (started first) looks at `data`.
//!
//! The bug: the bad checker fails when it finds `data >= 3`, that is, whenever it runs
//! after both others. The ok twin's checker asserts nothing (and its adders start in the
//! other order, as in the C).

use super::{lock, rt};

/// The bad version.
pub fn bad() {
    let data = rt::sync::Mutex::new(0);
    rt::thread::scope(|s| {
        s.spawn(|| {
            assert!(
                *lock(&data) < 3,
                "lazy01: the checker ran after both adders"
            );
        });
        s.spawn(|| *lock(&data) += 2);
        s.spawn(|| *lock(&data) += 1);
    });
}

/// The ok twin.
pub fn ok() {
    let data = rt::sync::Mutex::new(0);
    rt::thread::scope(|s| {
        s.spawn(|| {
            let _ = *lock(&data) >= 3;
        });
        s.spawn(|| *lock(&data) += 1);
        s.spawn(|| *lock(&data) += 2);
    });
}
