//! A writer-preferring reader-writer lock on one atomic word; waiters spin, then sleep.
//!
//! Readers share the lock, a writer holds it alone. **Writer-preferring:** as soon as a
//! writer is waiting, new readers wait too, so a steady stream of readers cannot starve
//! writers. The price is the opposite risk (a steady stream of writers starves readers)
//! and one classic deadlock: a thread that holds a read lock and asks for another one
//! blocks behind a waiting writer, which waits for the first read lock. Never re-acquire
//! a read lock you hold.
//!
//! Every state change is a read-modify-write on `state` (there is no plain store), so
//! the Release RMW of each unlock heads a release sequence that every later acquirer's
//! Acquire RMW reads from: each unlock happens before every later acquisition.
//!
//! Sleeping follows the `PARKED`-bit protocol (`parked.rs`): a thread about to sleep
//! sets the bit by a CAS on the exact state it saw, so it never sleeps on a state that
//! has changed, and an unlock that clears the bit wakes every sleeper, which re-check.
//! Only two unlocks can unblock anyone: a writer's, and the last reader's; both clear
//! the bit (the protocol's rule (b)). Whether a thread waits never looks at the bit
//! (rule (a)), and every change is an RMW (rule (c)).
//!
//! The safe wrapper is [`RwLock<ParkingRwLock, T>`](super::RwLock).

use super::backoff::Backoff;
use super::parked::Parking;
use super::{RawLock, RawRwLock, rt};
use rt::sync::atomic::{
    AtomicU64,
    Ordering::{Acquire, Relaxed, Release},
};

/// Bit 0: a writer holds the lock.
const WRITER: u64 = 1;
/// Bit 1: some thread may be asleep in the futex; the next unlock that could unblock it
/// clears the bit and wakes every sleeper.
const PARKED: u64 = 1 << 1;
/// Bits 2..32: the number of writers waiting. One waiting writer is this much.
const WRITER_WAITING: u64 = 1 << 2;
const WAITING_MASK: u64 = ((1 << 30) - 1) << 2;
/// Bits 32..64: the number of readers holding the lock. One reader is this much.
const READER: u64 = 1 << 32;

fn readers(state: u64) -> u64 {
    state >> 32
}

fn writers_waiting(state: u64) -> u64 {
    (state & WAITING_MASK) >> 2
}

/// New readers enter only when no writer holds the lock *or waits for it*.
fn readable(state: u64) -> bool {
    state & (WRITER | WAITING_MASK) == 0
}

/// A writer enters only when nobody holds the lock.
fn writable(state: u64) -> bool {
    state & WRITER == 0 && readers(state) == 0
}

/// A writer-preferring raw reader-writer lock whose waiters spin, then sleep. As a
/// [`RawLock`] it is its write (exclusive) mode; [`RawRwLock`] adds the read (shared)
/// mode.
///
/// | `state` bits | meaning |
/// |---|---|
/// | 0 (`WRITER`) | a writer holds the lock |
/// | 1 (`PARKED`) | some thread may sleep; the next unblocking unlock wakes all |
/// | 2..32 | writers waiting (while non-zero, new readers wait) |
/// | 32..64 | readers holding the lock |
/// | all zero | unlocked, nobody waiting |
///
/// ```
/// use synclab::lock::{ParkingRwLock, RwLock};
/// let config = RwLock::<ParkingRwLock, _>::new(vec![1, 2]);
/// {
///     let a = config.read();
///     let b = config.read(); // readers share
///     assert_eq!(a.len() + b.len(), 4);
/// }
/// config.write().push(3);
/// assert_eq!(*config.read(), [1, 2, 3]);
/// assert_eq!(config.raw().writers_waiting(), 0);
/// ```
#[derive(Debug, Default)]
pub struct ParkingRwLock {
    state: AtomicU64,
    parking: Parking,
}

impl ParkingRwLock {
    /// The number of writers waiting right now (a snapshot). While it is non-zero, new
    /// readers wait.
    pub fn writers_waiting(&self) -> usize {
        writers_waiting(self.state.load(Relaxed)) as usize
    }

    #[cold]
    fn lock_shared_slow(&self) {
        let backoff = Backoff::new();
        loop {
            let state = self.state.load(Relaxed);
            if readable(state) {
                assert!(readers(state) < u64::from(u32::MAX), "too many readers");
                if self
                    .state
                    .compare_exchange(state, state + READER, Acquire, Relaxed)
                    .is_ok()
                {
                    return;
                }
                // Another thread changed the state (often another reader entering): retry.
                backoff.spin();
            } else if !backoff.should_sleep() {
                backoff.snooze();
            } else {
                self.parking.sleep_on(&self.state, state, PARKED);
            }
        }
    }

    #[cold]
    fn lock_exclusive_slow(&self) {
        let backoff = Backoff::new();
        // Whether this writer is counted in the waiting-writers field.
        let mut counted = false;
        loop {
            let state = self.state.load(Relaxed);
            if writable(state) {
                let new = (state | WRITER) - if counted { WRITER_WAITING } else { 0 };
                // Acquire: pairs with the Release of every earlier unlock (release
                // sequence: all changes to `state` are RMWs).
                if self
                    .state
                    .compare_exchange(state, new, Acquire, Relaxed)
                    .is_ok()
                {
                    return;
                }
                backoff.spin();
            } else if !counted {
                // Announce the wait: from now on new readers stay out (writer preference).
                // Relaxed: the announcement publishes no data.
                assert!(writers_waiting(state) < (1 << 30) - 1, "too many writers");
                counted = self
                    .state
                    .compare_exchange(state, state + WRITER_WAITING, Relaxed, Relaxed)
                    .is_ok();
            } else if !backoff.should_sleep() {
                backoff.snooze();
            } else {
                self.parking.sleep_on(&self.state, state, PARKED);
            }
        }
    }
}

// SAFETY: a writer enters only through a CAS from a state with no writer and no readers,
// and readers only through a CAS from a state with no writer, so a writer is always alone
// (mutual exclusion of the write mode). All changes are RMWs; acquisitions are Acquire and
// unlocks Release, so every unlock happens before every later acquisition. Sleepers set
// PARKED on the exact state they saw; both unblocking unlocks clear it and wake all.
unsafe impl RawLock for ParkingRwLock {
    fn new() -> Self {
        Self::default()
    }

    fn lock(&self) {
        // Fast path: free and nobody waiting. Acquire pairs with earlier unlocks.
        if self
            .state
            .compare_exchange(0, WRITER, Acquire, Relaxed)
            .is_err()
        {
            self.lock_exclusive_slow();
        }
    }

    fn try_lock(&self) -> bool {
        let mut state = self.state.load(Relaxed);
        while writable(state) {
            match self
                .state
                .compare_exchange(state, state | WRITER, Acquire, Relaxed)
            {
                Ok(_) => return true,
                Err(actual) => state = actual,
            }
        }
        false
    }

    unsafe fn unlock(&self) {
        // Release: the writer's critical section happens before every later acquisition.
        // Clearing PARKED in the same RMW: this unlock wakes whoever sleeps.
        let prev = self.state.fetch_and(!(WRITER | PARKED), Release);
        self.parking.wake_if_parked(prev, PARKED);
    }

    fn is_locked(&self) -> bool {
        let state = self.state.load(Relaxed);
        state & WRITER != 0 || readers(state) != 0
    }
}

// SAFETY: readers enter only through a CAS from a state with no writer (and no writer
// waiting), and a writer only through a CAS from a state with no writer and no readers:
// a writer excludes readers, readers share. Each shared acquisition is an Acquire RMW
// and each unlock a Release RMW on the one word whose every change is an RMW, so every
// unlock happens before every later acquisition. `try_lock_shared` retries lost CAS
// races and fails only while a writer holds or waits; a sleeping reader is woken by the
// writer's unlock, which clears PARKED.
unsafe impl RawRwLock for ParkingRwLock {
    fn lock_shared(&self) {
        // Fast path. Acquire on success: pairs with the Release of the last writer's unlock.
        let state = self.state.load(Relaxed);
        if !(readable(state)
            && self
                .state
                .compare_exchange(state, state + READER, Acquire, Relaxed)
                .is_ok())
        {
            self.lock_shared_slow();
        }
    }

    fn try_lock_shared(&self) -> bool {
        let mut state = self.state.load(Relaxed);
        // A loop, not one CAS: another reader entering at the same moment is no reason to
        // fail.
        while readable(state) {
            assert!(readers(state) < u64::from(u32::MAX), "too many readers");
            match self
                .state
                .compare_exchange(state, state + READER, Acquire, Relaxed)
            {
                Ok(_) => return true,
                Err(actual) => state = actual,
            }
        }
        false
    }

    unsafe fn unlock_shared(&self) {
        // Release: this reader's critical section happens before the next writer's.
        let prev = self.state.fetch_sub(READER, Release);
        // Only the last reader out can unblock anybody (a writer waiting for readers). A
        // `fetch_sub` cannot clear PARKED as well, so a second RMW does, at once.
        if readers(prev) == 1 && prev & PARKED != 0 {
            self.parking.clear_and_wake(&self.state, PARKED);
        }
    }
}
