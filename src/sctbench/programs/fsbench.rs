//! `fsbench` — SCTBench `fsbench_bad.c` and `fsbench_ok.c` (a file-system model).
//!
//! 27 threads (bad) or 26 (ok): thread `tid` takes inode `i = tid % 32` under its inode
//! lock and, if the inode is free, searches the block table from block `2i mod 26` for a
//! free block (each under its block lock) and assigns it.
//!
//! The bug: there are only 26 inode locks. In the bad version thread 26 gets `i = 26`,
//! and `assert(i < NUMBLOCKS)` (which guards the out-of-bounds lock) fails in every
//! execution that runs it, which is every execution. The ok twin has 26 threads.

use super::{lock, rt};
use rt::sync::Mutex;

const NUMBLOCKS: usize = 26;
const NUMINODE: usize = 32;

fn run(threads: usize) {
    // `inode[i]` under `locki[i]`; `busy[b]` under `lockb[b]`.
    let locki: Vec<Mutex<usize>> = (0..NUMBLOCKS).map(|_| Mutex::new(0)).collect();
    let lockb: Vec<Mutex<bool>> = (0..NUMBLOCKS).map(|_| Mutex::new(false)).collect();
    rt::thread::scope(|s| {
        for tid in 0..threads {
            let (locki, lockb) = (&locki, &lockb);
            s.spawn(move || {
                let i = tid % NUMINODE;
                assert!(i < NUMBLOCKS, "fsbench: inode {i} has no lock");
                let mut inode = lock(&locki[i]);
                if *inode == 0 {
                    let mut b = (i * 2) % NUMBLOCKS;
                    for _ in 0..NUMBLOCKS / 2 {
                        let mut busy = lock(&lockb[b]);
                        if !*busy {
                            *busy = true;
                            *inode = b + 1;
                            break;
                        }
                        drop(busy);
                        b = (b + 1) % NUMBLOCKS;
                    }
                }
            });
        }
    });
}

/// The bad version: 27 threads.
pub fn bad() {
    run(NUMBLOCKS + 1);
}

/// The ok twin: 26 threads.
pub fn ok() {
    run(NUMBLOCKS);
}
