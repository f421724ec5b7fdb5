//! **Planted bug — teaching material, do not use.**
//!
//! A counter that adds with a separate load and store instead of one read-modify-write.
//! It is kept in the library so that the checks can show they catch it: the loom and
//! shuttle-PCT checks of this module's counter MUST fail (see `models/tests/`).

use super::{Counter, rt};
use rt::sync::atomic::{AtomicU64, Ordering::Relaxed};

/// **PLANTED BUG: loses updates.** Two threads can both load 0 and both store 1.
///
/// What is wrong: `add` is `store(load() + n)`. What goes wrong: an add that runs between
/// another thread's load and store is overwritten (a lost update), and two `fetch_add`s
/// return the same previous value. What prevents it in [`AtomicCounter`](super::AtomicCounter):
/// the single `self.value.fetch_add(n, Relaxed)`, one indivisible read-modify-write.
#[derive(Debug, Default)]
pub struct LoadStoreCounter {
    value: AtomicU64,
}

impl LoadStoreCounter {
    /// A (broken) counter at zero.
    pub fn new() -> Self {
        Self::default()
    }
}

impl Counter for LoadStoreCounter {
    fn add(&self, n: u64) {
        self.fetch_add(n);
    }

    fn fetch_add(&self, n: u64) -> Option<u64> {
        let prev = self.value.load(Relaxed);
        // BUG: another thread's add between the load above and the store below is lost.
        self.value.store(prev.wrapping_add(n), Relaxed);
        Some(prev)
    }

    fn get(&self) -> u64 {
        self.value.load(Relaxed)
    }
}
