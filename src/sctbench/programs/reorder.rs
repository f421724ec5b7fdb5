//! `reorder_N` — SCTBench `reorder_3_bad.c` ... `reorder_20_bad.c`, and PERIOD's
//! `reorder_50_bad.c` and `reorder_100_bad.c` (one source, `iSet = N - 1`).
//!
//! `N - 1` setter threads each write `a = 1` and then `b = -1` (two plain shared
//! variables); one checker thread, started last, asserts that it sees either neither
//! write or both: `(a == 0 && b == 0) || (a == 1 && b == -1)`.
//!
//! The bug: a setter preempted between its two writes (or the checker preempted between
//! its reads) shows the checker half an update. It needs one preemption at one exact
//! point among `N` threads, so random walk finds it less often as `N` grows. The
//! checker's expression reads `a` and `b` again for its second half, as the C does.
//! No ok twin.

use super::rt;
use rt::sync::atomic::{AtomicI32, Ordering::SeqCst};

/// The bad (and only) version with `n - 1` setters.
pub fn bad(n: usize) {
    let (a, b) = (AtomicI32::new(0), AtomicI32::new(0));
    rt::thread::scope(|s| {
        for _ in 0..n - 1 {
            s.spawn(|| {
                a.store(1, SeqCst);
                b.store(-1, SeqCst);
            });
        }
        s.spawn(|| {
            let consistent = (a.load(SeqCst) == 0 && b.load(SeqCst) == 0)
                || (a.load(SeqCst) == 1 && b.load(SeqCst) == -1);
            assert!(
                consistent,
                "reorder: the checker saw half of a setter's update"
            );
        });
    });
}
