//! A counting semaphore: at most `max` permits out at any time.
//!
//! One atomic word holds the available permits and a `PARKED` bit. Acquiring is a CAS
//! that subtracts permits while enough are available; a thread that must wait spins
//! briefly, then sleeps by the `PARKED`-bit protocol (`parked.rs`): it sets `PARKED` on
//! the exact state it saw and sleeps until a release clears the bit and wakes every
//! sleeper. Every release can unblock a waiter, so every release clears the bit (the
//! protocol's rule (b)); whether a thread waits depends on the permits alone (rule (a));
//! the word changes only by CAS (rule (c)). Waking all (not one) is needed anyway:
//! waiters ask for different amounts, and a single woken thread that needs more than was
//! released would strand the permits while a smaller request sleeps.
//!
//! Not fair: a newcomer can take permits before a sleeper that was woken for them, and a
//! large [`acquire_many`](Semaphore::acquire_many) can wait while small requests keep
//! succeeding.

use super::backoff::Backoff;
use super::parked::Parking;
use super::{RawSemaphore, rt};
use crate::error::SemaphoreError;
use rt::sync::atomic::{
    AtomicUsize,
    Ordering::{Acquire, Relaxed, Release},
};

/// Bit 0: some thread may be asleep waiting for permits.
const PARKED: usize = 1;
/// The available permits are stored shifted left by one.
const ONE: usize = 1 << 1;

/// A counting semaphore with RAII [`Permit`]s.
///
/// | `state` | meaning |
/// |---|---|
/// | `state >> 1` | permits available (`0..=max`) |
/// | bit 0 (`PARKED`) | some thread may sleep waiting; the next release wakes all |
///
/// Permits taken out: `max - available`. A release that would push `available` above
/// `max` is refused with [`SemaphoreError::OverRelease`], and a request for more than
/// `max` permits with [`SemaphoreError::TooManyPermits`] (it could never be granted).
///
/// ```
/// use synclab::lock::Semaphore;
///
/// let pool = Semaphore::new(2);
/// let a = pool.acquire()?;
/// let b = pool.try_acquire()?;
/// assert!(pool.try_acquire().is_err()); // both permits are out
/// drop(a);
/// assert_eq!(pool.available_permits(), 1);
/// # drop(b);
/// # Ok::<(), synclab::error::SemaphoreError>(())
/// ```
#[derive(Debug)]
pub struct Semaphore {
    state: AtomicUsize,
    max: usize,
    parking: Parking,
}

/// Permits held from a [`Semaphore`]; dropping it releases them.
#[derive(Debug)]
#[must_use = "the permits are released as soon as the permit is dropped"]
pub struct Permit<'a> {
    semaphore: &'a Semaphore,
    permits: usize,
}

impl Semaphore {
    /// The most permits a semaphore can have (one bit of the state word is a flag).
    pub const MAX_PERMITS: usize = usize::MAX >> 1;

    /// A semaphore with `permits` permits, all available.
    ///
    /// # Panics
    /// If `permits` exceeds [`Semaphore::MAX_PERMITS`].
    pub fn new(permits: usize) -> Self {
        assert!(
            permits <= Self::MAX_PERMITS,
            "a semaphore holds at most {} permits, asked for {permits}",
            Self::MAX_PERMITS
        );
        Self {
            state: AtomicUsize::new(permits * ONE),
            max: permits,
            parking: Parking::new(),
        }
    }

    /// Takes one permit, waiting until one is available.
    ///
    /// # Errors
    /// [`SemaphoreError::TooManyPermits`] if the semaphore has no permits at all.
    pub fn acquire(&self) -> Result<Permit<'_>, SemaphoreError> {
        self.acquire_many(1)
    }

    /// Takes `n` permits at once, waiting until `n` are available together.
    ///
    /// # Errors
    /// [`SemaphoreError::TooManyPermits`] if `n` exceeds the maximum: it would wait forever.
    pub fn acquire_many(&self, n: usize) -> Result<Permit<'_>, SemaphoreError> {
        self.check_request(n)?;
        let backoff = Backoff::new();
        loop {
            let state = self.state.load(Relaxed);
            if state / ONE >= n {
                if self.take(state, n) {
                    return Ok(self.permit(n));
                }
                // Lost a race for the word: retry soon.
                backoff.spin();
            } else if !backoff.should_sleep() {
                backoff.snooze();
            } else {
                self.parking.sleep_on(&self.state, state, PARKED);
            }
        }
    }

    /// Takes one permit if one is available now.
    ///
    /// # Errors
    /// [`SemaphoreError::WouldBlock`] if none is available,
    /// [`SemaphoreError::TooManyPermits`] if the semaphore has none at all.
    pub fn try_acquire(&self) -> Result<Permit<'_>, SemaphoreError> {
        self.try_acquire_many(1)
    }

    /// Takes `n` permits if they are available now.
    ///
    /// # Errors
    /// [`SemaphoreError::WouldBlock`] if fewer than `n` are available,
    /// [`SemaphoreError::TooManyPermits`] if `n` exceeds the maximum.
    pub fn try_acquire_many(&self, n: usize) -> Result<Permit<'_>, SemaphoreError> {
        self.check_request(n)?;
        let mut state = self.state.load(Relaxed);
        // Loop only while enough permits are there: a CAS lost to another thread's
        // acquire or release is not a reason to fail.
        while state / ONE >= n {
            if self.take(state, n) {
                return Ok(self.permit(n));
            }
            state = self.state.load(Relaxed);
        }
        Err(SemaphoreError::WouldBlock { requested: n })
    }

    /// Returns `n` permits that were taken out and [forgotten](Permit::forget) (for
    /// example handed to another thread as a count).
    ///
    /// # Errors
    /// [`SemaphoreError::OverRelease`] if that would make more than the maximum
    /// available; nothing is released then.
    pub fn release(&self, n: usize) -> Result<(), SemaphoreError> {
        let mut state = self.state.load(Relaxed);
        loop {
            let available = state / ONE;
            if n > self.max - available {
                return Err(SemaphoreError::OverRelease {
                    released: n,
                    available,
                    max: self.max,
                });
            }
            // Release: whatever the releasing thread did while holding the permits happens
            // before the next acquirer's Acquire CAS. Clearing PARKED in the same RMW
            // means exactly one release wakes each batch of sleepers.
            match self.state.compare_exchange_weak(
                state,
                (state + n * ONE) & !PARKED,
                Release,
                Relaxed,
            ) {
                Ok(_) => break,
                Err(actual) => state = actual,
            }
        }
        // `state` is the value the CAS replaced.
        self.parking.wake_if_parked(state, PARKED);
        Ok(())
    }

    /// Permits available right now (a snapshot).
    pub fn available_permits(&self) -> usize {
        self.state.load(Relaxed) / ONE
    }

    /// Permits the semaphore has in all.
    pub fn max_permits(&self) -> usize {
        self.max
    }

    fn check_request(&self, n: usize) -> Result<(), SemaphoreError> {
        if n > self.max {
            return Err(SemaphoreError::TooManyPermits {
                requested: n,
                max: self.max,
            });
        }
        Ok(())
    }

    /// One attempt to take `n` permits from `state` (which has at least `n`).
    fn take(&self, state: usize, n: usize) -> bool {
        // Acquire: pairs with the Release of the releases that made these permits
        // available, so the previous holder's work happens before ours.
        self.state
            .compare_exchange(state, state - n * ONE, Acquire, Relaxed)
            .is_ok()
    }

    fn permit(&self, permits: usize) -> Permit<'_> {
        Permit {
            semaphore: self,
            permits,
        }
    }
}

impl RawSemaphore for Semaphore {
    /// [`Semaphore::new`].
    fn new(permits: usize) -> Self {
        Semaphore::new(permits)
    }

    /// [`Semaphore::acquire`], forgetting the [`Permit`].
    ///
    /// # Panics
    /// On a semaphore of 0 permits (it would wait forever).
    fn acquire(&self) {
        let permit = Semaphore::acquire(self).expect("a semaphore of 0 permits never grants one");
        permit.forget();
    }

    /// [`Semaphore::try_acquire`], forgetting the [`Permit`].
    fn try_acquire(&self) -> bool {
        Semaphore::try_acquire(self)
            .map(Permit::forget)
            .is_ok()
    }

    /// [`Semaphore::release`] of one permit.
    fn release(&self) -> Result<(), SemaphoreError> {
        Semaphore::release(self, 1)
    }

    fn available_permits(&self) -> usize {
        Semaphore::available_permits(self)
    }
}

impl Permit<'_> {
    /// How many permits this holds.
    pub fn permits(&self) -> usize {
        self.permits
    }

    /// Keeps the permits out of the semaphore without releasing them, and returns how
    /// many there were. Give them back later with [`Semaphore::release`].
    pub fn forget(self) -> usize {
        let permits = self.permits;
        std::mem::forget(self);
        permits
    }
}

impl Drop for Permit<'_> {
    fn drop(&mut self) {
        // Fails only if somebody `release`d permits that were still held by a `Permit`
        // (the count allowed it, so `release` could not tell). Then the semaphore is
        // already full; a debug build reports the misuse, unless a panic is unwinding.
        let returned = self.semaphore.release(self.permits);
        debug_assert!(
            returned.is_ok() || std::thread::panicking(),
            "a Permit was dropped after its permits were released by hand: {returned:?}"
        );
    }
}
