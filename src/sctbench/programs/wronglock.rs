//! `wronglock`, `wronglock_3` — SCTBench `wronglock_bad.c` (1 thread A, 7 threads B)
//! and `wronglock_3_bad.c` (1, 3); one source with `iNum2` threads B.
//!
//! Thread A increments `dataValue` under `dataLock` and checks that nobody changed it
//! meanwhile; each thread B increments it under `thisLock`.
//!
//! The bug: two different locks guard the same variable, so a B increment can land
//! between A's read and its check: `assert(dataValue == x + 1)` fails. No ok twin.

use super::{lock, rt};
use rt::sync::Mutex;
use rt::sync::atomic::{AtomicI32, Ordering::SeqCst};

/// The bad (and only) version with `b_threads` threads B.
pub fn bad(b_threads: usize) {
    let (data_lock, this_lock) = (Mutex::new(()), Mutex::new(()));
    let data = AtomicI32::new(0);
    rt::thread::scope(|s| {
        s.spawn(|| {
            let _locked = lock(&data_lock);
            let x = data.load(SeqCst);
            data.store(data.load(SeqCst) + 1, SeqCst);
            assert_eq!(
                data.load(SeqCst),
                x + 1,
                "wronglock: another thread changed the value under another lock"
            );
        });
        for _ in 0..b_threads {
            s.spawn(|| {
                let _locked = lock(&this_lock);
                data.store(data.load(SeqCst) + 1, SeqCst);
            });
        }
    });
}
