//! **Planted bugs: a check-then-act semaphore, and one that checks the maximum, then adds.**

use super::super::{RawSemaphore, rt};
use crate::error::SemaphoreError;
use rt::sync::atomic::{
    AtomicUsize,
    Ordering::{Acquire, Relaxed, Release},
};

/// The correct release of both planted semaphores: the check against `max` and the add
/// are one `compare_exchange`, as in [`Semaphore::release`](crate::lock::Semaphore::release).
fn release_checked(permits: &AtomicUsize, max: usize) -> Result<(), SemaphoreError> {
    let mut available = permits.load(Relaxed);
    loop {
        if available >= max {
            return Err(over_release(available, max));
        }
        match permits.compare_exchange(available, available + 1, Release, Relaxed) {
            Ok(_) => return Ok(()),
            Err(actual) => available = actual,
        }
    }
}

fn over_release(available: usize, max: usize) -> SemaphoreError {
    SemaphoreError::OverRelease {
        released: 1,
        available,
        max,
    }
}

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
    max: usize,
}

impl RawSemaphore for CheckThenActSemaphore {
    fn new(permits: usize) -> Self {
        Self {
            permits: AtomicUsize::new(permits),
            max: permits,
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

    fn release(&self) -> Result<(), SemaphoreError> {
        release_checked(&self.permits, self.max)
    }

    fn available_permits(&self) -> usize {
        self.permits.load(Acquire)
    }
}

/// **PLANTED BUG: `release` checks the maximum with a load, then adds.**
///
/// What is wrong: `release` loads the count, refuses if it is at the maximum, and
/// otherwise adds one with a second atomic operation. Acquiring is correct (one
/// `compare_exchange`).
///
/// What goes wrong: with one permit out, two racing releases both see room for one more
/// and both add: the semaphore now has more permits than it was made with, and both
/// releases report success where the contract ([`RawSemaphore`], rule 4) says one must
/// be refused. A suite that only releases permits it holds never races two releases
/// against the maximum, so it cannot see this; `semaphore::releases` does. Any checker
/// that runs the second release between the first one's load and its add finds it.
///
/// What prevents it in [`Semaphore`](crate::lock::Semaphore): `release` checks
/// `n > self.max - available` on the value its `compare_exchange_weak` then replaces, so
/// the check and the add are one atomic step.
#[derive(Debug)]
pub struct LoadThenAddSemaphore {
    permits: AtomicUsize,
    max: usize,
}

impl RawSemaphore for LoadThenAddSemaphore {
    fn new(permits: usize) -> Self {
        Self {
            permits: AtomicUsize::new(permits),
            max: permits,
        }
    }

    fn acquire(&self) {
        while !self.try_acquire() {
            rt::hint::spin_loop();
        }
    }

    fn try_acquire(&self) -> bool {
        let mut available = self.permits.load(Relaxed);
        while available > 0 {
            match self
                .permits
                .compare_exchange(available, available - 1, Acquire, Relaxed)
            {
                Ok(_) => return true,
                Err(actual) => available = actual,
            }
        }
        false
    }

    fn release(&self) -> Result<(), SemaphoreError> {
        // BUG: check the maximum ...
        let available = self.permits.load(Relaxed);
        if available >= self.max {
            return Err(over_release(available, self.max));
        }
        // ... then add: another release may have filled the room in between.
        self.permits.fetch_add(1, Release);
        Ok(())
    }

    fn available_permits(&self) -> usize {
        self.permits.load(Relaxed)
    }
}
