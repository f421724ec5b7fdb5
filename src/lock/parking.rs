//! A blocking mutex: three states on one atomic word, waiters sleep (Drepper, "Futexes
//! Are Tricky", mutex 3; the algorithm of Rust's own `std::sync::Mutex` on Linux).
//!
//! Spinning wastes a core for as long as the holder keeps the lock; when threads
//! outnumber cores it also steals the holder's time slice. This lock spins briefly (most
//! critical sections are short), then puts the waiter to sleep in the futex emulation
//! (`futex.rs`; the [module docs](super) say why a mutex-and-condvar "futex" and not
//! `thread::park`). The third state exists so that `unlock` pays for a wake-up only when
//! somebody may be asleep: the uncontended lock/unlock is one CAS and one swap.

use super::futex::Futex;
use super::{RawLock, rt};
use rt::sync::atomic::{
    AtomicU32,
    Ordering::{Acquire, Relaxed, Release},
};

const UNLOCKED: u32 = 0;
const LOCKED: u32 = 1;
const CONTENDED: u32 = 2;

/// Load-and-look rounds before the first sleep: long enough for a short critical section
/// on another core to end (the same count as std's futex mutex). One under a model
/// checker, where each round is only another schedule to explore.
const SPINS: u32 = if rt::MODEL { 1 } else { 100 };

/// A mutex whose waiters sleep.
///
/// | `state` | meaning |
/// |---|---|
/// | 0 | unlocked |
/// | 1 | locked, nobody asleep |
/// | 2 | locked, and some thread may be asleep (or about to sleep): `unlock` must wake one |
///
/// State 2 is conservative: a woken thread that takes the lock sets 2 again, because it
/// cannot know whether other sleepers remain. That costs at most one unneeded wake-up.
///
/// ```
/// use synclab::lock::{Mutex, ParkingLock};
/// let m = std::sync::Arc::new(Mutex::<ParkingLock, u32>::new(0));
/// let m2 = m.clone();
/// let t = std::thread::spawn(move || *m2.lock() += 1);
/// *m.lock() += 1;
/// t.join().unwrap();
/// assert_eq!(*m.lock(), 2);
/// ```
#[derive(Debug, Default)]
pub struct ParkingLock {
    state: AtomicU32,
    futex: Futex,
}

impl ParkingLock {
    #[cold]
    fn lock_contended(&self) {
        // Phase 1: spin while the holder runs. Only while the state is 1: in state 2
        // others already sleep, and queueing behind them is fairer than barging.
        let mut state = self.state.load(Relaxed);
        for _ in 0..SPINS {
            if state != LOCKED {
                break;
            }
            rt::hint::spin_loop();
            state = self.state.load(Relaxed);
        }
        // Acquire on success: pairs with `unlock`'s Release swap.
        if state == UNLOCKED
            && self
                .state
                .compare_exchange(UNLOCKED, LOCKED, Acquire, Relaxed)
                .is_ok()
        {
            return;
        }
        // Phase 2: announce a sleeper by storing 2, and take the lock if the swap shows
        // it was free. The swap is never a spin: it either acquires or we sleep below.
        // Acquire: if it returns 0, this is our acquisition (pairs with `unlock`).
        while self.state.swap(CONTENDED, Acquire) != UNLOCKED {
            // Sleep only while the state is still 2: an `unlock` that ran since our swap
            // stored 0 (and will wake a sleeper, or find none and we retry at once).
            self.futex
                .wait_while(|| self.state.load(Relaxed) == CONTENDED);
        }
    }
}

// SAFETY: the lock is taken only by a CAS `0 -> 1` or a swap that returns 0, and exactly
// one RMW can read each 0 that `unlock` writes: mutual exclusion. Every acquiring RMW is
// Acquire and `unlock`'s swap is Release: acquire/release. A sleeper is woken by each
// unlock that sees 2 (and 2 stays set while anybody may sleep), so `lock` returns once
// the lock is free.
unsafe impl RawLock for ParkingLock {
    fn new() -> Self {
        Self::default()
    }

    fn lock(&self) {
        // Fast path: uncontended. Acquire pairs with `unlock`'s Release.
        if self
            .state
            .compare_exchange(UNLOCKED, LOCKED, Acquire, Relaxed)
            .is_err()
        {
            self.lock_contended();
        }
    }

    fn try_lock(&self) -> bool {
        self.state
            .compare_exchange(UNLOCKED, LOCKED, Acquire, Relaxed)
            .is_ok()
    }

    unsafe fn unlock(&self) {
        // Release: publishes the critical section to the next Acquire RMW. The swap (not a
        // store) tells us whether anybody announced a sleep.
        if self.state.swap(UNLOCKED, Release) == CONTENDED {
            self.futex.wake_one();
        }
    }

    fn is_locked(&self) -> bool {
        self.state.load(Relaxed) != UNLOCKED
    }
}
