//! `token_ring` — SCTBench `token_ring_bad.c`.
//!
//! Four threads, each in one atomic section (one global mutex): the first sets
//! `x1 = (x3 + 1) % 4`, the second `x2 = x1`, the third `x3 = x2`, each raising its flag;
//! the fourth asserts, once all three flags are up, that `x1 == x2 == x3`.
//!
//! The bug: the values agree only if the first three ran in ring order (1, 2, 3); any
//! other order, followed by the checker, fails. No ok twin.

use super::{lock, rt};

struct Ring {
    x: [u32; 3],
    flags: [bool; 3],
}

/// The bad (and only) version.
pub fn bad() {
    let m = rt::sync::Mutex::new(Ring {
        x: [1, 2, 1],
        flags: [false; 3],
    });
    rt::thread::scope(|s| {
        s.spawn(|| {
            let mut ring = lock(&m);
            ring.x[0] = (ring.x[2] + 1) % 4;
            ring.flags[0] = true;
        });
        s.spawn(|| {
            let mut ring = lock(&m);
            ring.x[1] = ring.x[0];
            ring.flags[1] = true;
        });
        s.spawn(|| {
            let mut ring = lock(&m);
            ring.x[2] = ring.x[1];
            ring.flags[2] = true;
        });
        s.spawn(|| {
            let ring = lock(&m);
            if ring.flags.iter().all(|&f| f) {
                let [x1, x2, x3] = ring.x;
                assert!(
                    x1 == x2 && x2 == x3,
                    "token_ring: the token did not go round (x = {:?})",
                    ring.x
                );
            }
        });
    });
}
