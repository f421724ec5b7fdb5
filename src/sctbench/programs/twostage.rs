//! `twostage`, `twostage_N` — SCTBench's `twostage_bad.c` family, read in PERIOD's copy
//! (`evaluation/CS/twostage_N/twostage_N_bad.c`): one source with `iTThreads` writers
//! and `iRThreads` readers, 99 and 1 in `twostage_100`, 40 and 10 in `twostage_50`, 10
//! and 10 in `twostage_20`, and 1 and 1 in `twostage` (three threads with `main`, as
//! SCTBench's `buggy.txt` lists it).
//!
//! Each writer sets `data1 = 1` under `data1Lock`, then `data2 = data1 + 1` under
//! `data2Lock` (reading `data1` without its lock, as the C does). Each reader reads
//! `data1` under its lock (and leaves if it is still 0), then `data2` under its lock, and
//! asserts `data2 == data1 + 1`.
//!
//! The bug: an atomicity violation. The two stages are two critical sections; a reader
//! that runs between a writer's stages sees `data1 = 1` and `data2 = 0`. No ok twin.

use super::{lock, rt};
use rt::sync::Mutex;
use rt::sync::atomic::{AtomicI32, Ordering::SeqCst};

/// The bad (and only) version with `writers` writers and `readers` readers.
pub fn bad(writers: usize, readers: usize) {
    let (data1_lock, data2_lock) = (Mutex::new(()), Mutex::new(()));
    let (data1, data2) = (AtomicI32::new(0), AtomicI32::new(0));
    rt::thread::scope(|s| {
        for _ in 0..writers {
            s.spawn(|| {
                {
                    let _locked = lock(&data1_lock);
                    data1.store(1, SeqCst);
                }
                let _locked = lock(&data2_lock);
                data2.store(data1.load(SeqCst) + 1, SeqCst);
            });
        }
        for _ in 0..readers {
            s.spawn(|| {
                let t1 = {
                    let _locked = lock(&data1_lock);
                    match data1.load(SeqCst) {
                        0 => return,
                        _ => data1.load(SeqCst),
                    }
                };
                let t2 = {
                    let _locked = lock(&data2_lock);
                    data2.load(SeqCst)
                };
                assert_eq!(
                    t2,
                    t1 + 1,
                    "twostage: a reader ran between a writer's stages"
                );
            });
        }
    });
}
