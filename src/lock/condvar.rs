//! A condition variable for [`Mutex<R, T>`](super::Mutex): a sequence number and a futex.
//!
//! The design of Rust's own futex-based `Condvar`. `seq` counts notifications. A waiter
//! reads `seq` *while it still holds the mutex*, releases the mutex, and sleeps only while
//! `seq` still has that value. A notifier bumps `seq`, then wakes sleepers. A notify that
//! comes after the waiter released the mutex changes `seq` first, so the waiter either
//! sees the new value and does not sleep, or is already asleep and gets woken: no lost
//! wakeup, with any raw lock.

//!
//! Spurious wakeups, and why callers loop: see [`Condition`].

use super::futex::Futex;
use super::{MutexGuard, RawLock, rt};
use rt::sync::atomic::{AtomicU32, Ordering::Relaxed};

/// A condition variable usable with any [`Mutex<R, T>`](super::Mutex).
///
/// | `seq` | meaning |
/// |---|---|
/// | `n` | `n` notifications so far (mod 2^32); a waiter that saw `n` sleeps while it is `n` |
///
/// ## Spurious wakeups: why callers loop
/// [`wait`](Condition::wait) may return although the condition the caller waits for is
/// still false:
/// * a notification meant for a different condition on the same `Condition`;
/// * `notify_one` may wake more than one waiter (a thread between reading `seq` and
///   sleeping sees the bump and returns, and one sleeper is woken as well);
/// * another thread may run first after the wake and make the condition false again.
///
/// So always wait in a loop that re-checks the condition under the mutex, or use
/// [`wait_while`](Condition::wait_while), which is that loop.
///
/// ```
/// use std::sync::Arc;
/// use synclab::lock::{Condition, Mutex, ParkingLock};
///
/// let pair = Arc::new((Mutex::<ParkingLock, bool>::new(false), Condition::new()));
/// let pair2 = Arc::clone(&pair);
/// std::thread::spawn(move || {
///     *pair2.0.lock() = true;
///     pair2.1.notify_one();
/// });
/// let (ready, cond) = &*pair;
/// let mut guard = ready.lock();
/// cond.wait_while(&mut guard, |ready| !*ready);
/// assert!(*guard);
/// ```
#[derive(Debug, Default)]
pub struct Condition {
    seq: AtomicU32,
    futex: Futex,
}

impl Condition {
    /// A condition variable nobody waits on.
    pub fn new() -> Self {
        Self::default()
    }

    /// Releases the guard's mutex, sleeps until notified, and locks the mutex again
    /// before returning. May return spuriously: call it in a loop that re-checks the
    /// condition (see [spurious wakeups](Condition#spurious-wakeups-why-callers-loop)).
    pub fn wait<R: RawLock, T: ?Sized>(&self, guard: &mut MutexGuard<'_, R, T>) {
        // Read while holding the mutex. Relaxed is enough: a notifier that changed the
        // condition did so under the mutex, after we release it below, so its bump of
        // `seq` comes later in `seq`'s modification order than this read (coherence,
        // ordered by the mutex's own acquire/release).
        let seen = self.seq.load(Relaxed);
        MutexGuard::unlocked(guard, || {
            // Sleep only while no notification arrived since `seen`.
            self.futex.wait_while(|| self.seq.load(Relaxed) == seen);
        });
    }

    /// Waits while `condition` returns true, re-checking it under the mutex after every
    /// wakeup. Returns with the mutex held and the condition false.
    pub fn wait_while<R: RawLock, T: ?Sized>(
        &self,
        guard: &mut MutexGuard<'_, R, T>,
        mut condition: impl FnMut(&mut T) -> bool,
    ) {
        while condition(&mut **guard) {
            self.wait(guard);
        }
    }

    /// Wakes at least one waiting thread, if any waits.
    pub fn notify_one(&self) {
        // Relaxed: `seq` carries no data (the data is under the mutex); the futex's own
        // lock orders this bump before the wake-up's check.
        self.seq.fetch_add(1, Relaxed);
        self.futex.wake_one();
    }

    /// Wakes every waiting thread.
    pub fn notify_all(&self) {
        self.seq.fetch_add(1, Relaxed);
        self.futex.wake_all();
    }
}
