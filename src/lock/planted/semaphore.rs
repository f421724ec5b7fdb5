//! **Planted bug: a check-then-act semaphore.**

use super::super::{RawSemaphore, rt};
use rt::sync::atomic::{
    AtomicUsize,
    Ordering::{Acquire, Release},
};

/// **PLANTED BUG: looks for a permit, then takes it, in two separate steps.**
///
/// What is wrong: `try_acquire` loads the count, and if it is positive, decrements it
/// with a second atomic operation. Each step is atomic; the pair is not.
///
/// What goes wrong: two threads both see the last permit (`1`), and both take it: two
/// holders of a one-permit semaphore, and the count wraps below zero. Any checker that
/// runs a thread between the other's check and its act finds it (PCT at depth 1 never
/// preempts a thread between two of its steps; the depth it needs is measured in
/// `docs/gallery.md`). It is safe Rust (`RawSemaphore` is a safe trait), so std stress
/// can run it too.
///
/// What prevents it in [`Semaphore`](crate::lock::Semaphore): the check and the take
/// are one `compare_exchange` on the count, which fails if another thread took a permit
/// in between.
#[derive(Debug)]
pub struct CheckThenActSemaphore {
    permits: AtomicUsize,
}

impl RawSemaphore for CheckThenActSemaphore {
    fn new(permits: usize) -> Self {
        Self {
            permits: AtomicUsize::new(permits),
        }
    }

    fn acquire(&self) {
        while !self.try_acquire() {
            rt::hint::spin_loop();
        }
    }

    fn try_acquire(&self) -> bool {
        // BUG: check ...
        if self.permits.load(Acquire) == 0 {
            return false;
        }
        // ... then act: another thread may have taken the permit in between.
        self.permits.fetch_sub(1, Acquire);
        true
    }

    fn release(&self) {
        self.permits.fetch_add(1, Release);
    }

    fn available_permits(&self) -> usize {
        self.permits.load(Acquire)
    }
}
