//! Counting semaphores: one correct, three buggy (one of them the racy over-release).
//!
//! | `available` | meaning |
//! |---|---|
//! | `0..=max` | permits available; `max - available` are out |

use super::rt;
use rt::sync::atomic::{
    AtomicUsize,
    Ordering::{self, Acquire, Relaxed, Release},
};
use synclab::error::SemaphoreError;
use synclab::lock::RawSemaphore;

/// The fields of every semaphore here.
#[derive(Debug)]
struct Count {
    available: AtomicUsize,
    max: usize,
}

impl Count {
    fn new(max: usize) -> Self {
        Self {
            available: AtomicUsize::new(max),
            max,
        }
    }

    /// One permit if one is available: the check and the take are one CAS.
    fn take(&self) -> bool {
        let mut seen = self.available.load(Relaxed);
        while seen > 0 {
            match (self.available).compare_exchange(seen, seen - 1, Acquire, Relaxed) {
                Ok(_) => return true,
                Err(actual) => seen = actual,
            }
        }
        false
    }

    /// One permit back unless all are: the check and the add are one CAS; `publish` is
    /// the ordering of the add.
    fn give(&self, publish: Ordering) -> Result<(), SemaphoreError> {
        let mut seen = self.available.load(Relaxed);
        loop {
            if seen >= self.max {
                return Err(self.over_release(seen));
            }
            match (self.available).compare_exchange(seen, seen + 1, publish, Relaxed) {
                Ok(_) => return Ok(()),
                Err(actual) => seen = actual,
            }
        }
    }

    fn over_release(&self, available: usize) -> SemaphoreError {
        SemaphoreError::OverRelease {
            released: 1,
            available,
            max: self.max,
        }
    }
}

/// Declares a semaphore over [`Count`] from its `try_acquire` and `release` bodies.
macro_rules! semaphore {
    ($(#[$doc:meta])* $name:ident, |$c:ident| try_acquire: $take:expr, release: $give:expr) => {
        $(#[$doc])*
        #[derive(Debug)]
        pub struct $name(Count);

        impl RawSemaphore for $name {
            fn new(permits: usize) -> Self {
                Self(Count::new(permits))
            }
            fn acquire(&self) {
                while !self.try_acquire() {
                    rt::hint::spin_loop();
                }
            }
            fn try_acquire(&self) -> bool {
                let $c = &self.0;
                $take
            }
            fn release(&self) -> Result<(), SemaphoreError> {
                let $c = &self.0;
                $give
            }
            fn available_permits(&self) -> usize {
                self.0.available.load(Relaxed)
            }
        }
    };
}

semaphore!(
    /// Correct: a CAS takes a permit (`Acquire`), a CAS returns one (`Release`) unless
    /// all are back.
    CasSemaphore,
    |c| try_acquire: c.take(),
    release: c.give(Release)
);

semaphore!(
    /// **Buggy**: `release` checks the maximum with a load, then adds: two racing
    /// releases with room for one both get through (the over-release the issue found
    /// missed).
    RacyOverRelease,
    |c| try_acquire: c.take(),
    release: {
        let seen = c.available.load(Relaxed);
        if seen >= c.max {
            return Err(c.over_release(seen));
        }
        // BUG: another release may fill the room between the check and the add.
        c.available.fetch_add(1, Release);
        Ok(())
    }
);

semaphore!(
    /// **Buggy**: `try_acquire` checks for a permit, then takes it, in two steps: two
    /// threads take the last permit.
    CheckThenTake,
    |c| try_acquire: c.available.load(Acquire) > 0 && {
        // BUG: another thread may take the permit between the check and the take.
        c.available.fetch_sub(1, Acquire);
        true
    },
    release: c.give(Release)
);

semaphore!(
    /// **Buggy**: `release` returns the permit with `Relaxed`: the next holder need not
    /// see what the last one did under it (an ordering bug: loom only).
    RelaxedRelease,
    |c| try_acquire: c.take(),
    release: c.give(Relaxed)
);
