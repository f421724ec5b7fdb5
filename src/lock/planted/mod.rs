//! **Planted bugs — teaching material, do not use.**
//!
//! Deliberately broken locks, kept in the library so that the checks can show they catch
//! them (the gallery, `synclab::gallery`): a check that cannot fail proves nothing.
//!
//! | planted | bug |
//! |---|---|
//! | [`RelaxedSpinLock`] | Relaxed acquire and release |
//! | [`EarlyReleaseLock`] | releases inside `lock`, before the critical section |
//! | [`BargingLock`] | claims FIFO, acquires by racing CAS |
//! | [`RelaxedTicketLock`] | publishes `serving` with a Relaxed store |
//! | [`RelaxedHandoverMcs`] | hands the MCS lock to the successor with a Relaxed store |
//! | [`CheckThenActSemaphore`] | checks for a permit, then takes it, in two steps |
//! | [`LoadThenAddSemaphore`] | checks the maximum with a load, then adds, in `release` |
//! | [`if_instead_of_while`] | waits on a condition variable with `if` |
//! | [`notify_before_change`] | notifies before changing the state |
//! | [`NoGenerationBarrier`] | a barrier that resets a count, without a generation |
//! | [`RelaxedOnceCell`] | double-checked initialisation, fast path without Acquire |
//! | [`DoubleInitOnceCell`] | checks for a value, then initialises, under two separate locks |
//! | [`CheckThenAddRwLock`] | a reader checks for a writer, then registers, in two steps |
//! | [`EarlyRecvChannel`] | a blocking receive that waits with `if` and can return early |
//!
//! Which checker catches which, is data: `synclab::gallery::all()` declares each bug's
//! claimed verdicts once, `cargo test` checks every claim (`gallery::BUG::CHECKER`), and
//! `synclab matrix` measures them into `docs/gallery.md` (a test fails when that table
//! goes stale).
//!
//! These types implement the `unsafe` trait [`RawLock`] *falsely*: using them with
//! [`Mutex`](super::Mutex) would be a data race. To keep that out of real programs, their
//! constructors panic unless they run under a model checker (`rt::MODEL`), which runs one
//! thread at a time and reports the race instead of performing it. Nothing here is
//! re-exported from [`lock`](super).

use super::{FifoLock, McsLock, RawLock, TasLock, TicketLock, rt};
use rt::sync::atomic::{AtomicBool, AtomicUsize, Ordering::Relaxed};

mod barrier;
mod channel;
mod condvar;
mod once;
mod rwlock;
mod semaphore;

pub use barrier::{NoGenerationBarrier, no_generation_barrier};
pub use condvar::{if_instead_of_while, notify_before_change, wait_in_a_loop};
pub use channel::EarlyRecvChannel;
pub use once::{DoubleInitOnceCell, RelaxedOnceCell, relaxed_once_cell};
pub use rwlock::CheckThenAddRwLock;
pub use semaphore::{CheckThenActSemaphore, LoadThenAddSemaphore};

/// Planted types exist only inside model checkers.
fn only_in_models(name: &str) {
    // A runtime check, not `const { assert!(..) }`: this source is compiled for every
    // flavour, and only constructing a planted type outside a model is the error.
    if !rt::MODEL {
        panic!("{name} is a planted bug: it may only be constructed inside loom or shuttle");
    }
}

/// **PLANTED BUG: Relaxed acquire and release.** Mutual exclusion holds, ordering does not.
///
/// What is wrong: `lock` acquires with `compare_exchange(false, true, Relaxed, Relaxed)`
/// and `unlock` releases with `store(false, Relaxed)`.
///
/// What goes wrong: only the lock word is ordered. The previous owner's writes to the
/// protected data need not be visible to the next owner (on ARM or POWER they really are
/// not; the compiler may also move them past the unlock), so the next owner reads stale
/// data and its update can be lost. loom reports the two unsynchronised accesses to the
/// protected `UnsafeCell` as a causality violation. shuttle never sees it: it explores
/// interleavings under sequential consistency, where every write is visible at once.
///
/// What prevents it in [`TasLock`]: the `Acquire` success ordering of the
/// `compare_exchange` in `lock` and the `Release` of `self.locked.store(false, Release)`
/// in `unlock`, which pair up so the critical sections happen one after another.
#[derive(Debug)]
pub struct RelaxedSpinLock {
    locked: AtomicBool,
}

// SAFETY: it is NOT a valid `RawLock`: the acquire/release clause is broken on purpose.
// `new` refuses to run outside a model checker, where threads run one at a time and the
// checker reports the race instead of performing it.
unsafe impl RawLock for RelaxedSpinLock {
    fn new() -> Self {
        only_in_models("RelaxedSpinLock");
        Self {
            locked: AtomicBool::new(false),
        }
    }

    fn lock(&self) {
        // BUG: Relaxed on success; must be Acquire.
        while self
            .locked
            .compare_exchange(false, true, Relaxed, Relaxed)
            .is_err()
        {
            rt::hint::spin_loop();
        }
    }

    fn try_lock(&self) -> bool {
        // BUG: Relaxed on success; must be Acquire.
        self.locked
            .compare_exchange(false, true, Relaxed, Relaxed)
            .is_ok()
    }

    unsafe fn unlock(&self) {
        // BUG: Relaxed; must be Release.
        self.locked.store(false, Relaxed);
    }

    fn is_locked(&self) -> bool {
        self.locked.load(Relaxed)
    }
}

/// **PLANTED BUG: the lock is released before the critical section starts.**
///
/// What is wrong: `lock` takes the inner lock through a scoped RAII guard, as if
/// returning from `lock` ended nothing; the guard is dropped when `lock` returns, so the
/// lock is already free when the caller's critical section begins (and `unlock` has
/// nothing left to release). The same bug in user code: `let _ = mutex.lock();` — `_`
/// does not bind, so the guard is dropped on the spot.
///
/// What goes wrong: two threads run their critical sections at the same time. Every
/// checker sees two threads inside (the scenario's occupancy counter), and loom also
/// reports the racing accesses to the protected cell.
///
/// What prevents it in [`Mutex`](super::Mutex): the guard is *returned* to the caller
/// and releases in `MutexGuard::drop` (`unsafe { self.mutex.raw.unlock() }`), which runs
/// only after the caller's last use of the data.
#[derive(Debug)]
pub struct EarlyReleaseLock {
    inner: TasLock,
}

/// Holds `inner` until dropped: the guard that `EarlyReleaseLock::lock` drops too soon.
struct Held<'a>(&'a TasLock);

impl Drop for Held<'_> {
    fn drop(&mut self) {
        // SAFETY: `Held` is created only right after acquiring the inner lock.
        unsafe { self.0.unlock() };
    }
}

// SAFETY: it is NOT a valid `RawLock`: mutual exclusion is broken on purpose. `new`
// refuses to run outside a model checker (see the module docs).
unsafe impl RawLock for EarlyReleaseLock {
    fn new() -> Self {
        only_in_models("EarlyReleaseLock");
        Self {
            inner: TasLock::new(),
        }
    }

    fn lock(&self) {
        self.inner.lock();
        let _held = Held(&self.inner);
        // BUG: `_held` is dropped here, when `lock` returns: the caller's critical section
        // runs unlocked.
    }

    fn try_lock(&self) -> bool {
        if !self.inner.try_lock() {
            return false;
        }
        let _held = Held(&self.inner);
        // BUG: as in `lock`.
        true
    }

    unsafe fn unlock(&self) {
        // Nothing left to release: `lock` already did (too early).
    }

    fn is_locked(&self) -> bool {
        self.inner.is_locked()
    }
}

/// **PLANTED BUG: claims FIFO, but waiters race for the lock.**
///
/// What is wrong: `lock` counts arrivals (its "doorway"), then acquires with a plain
/// test-and-set race, so the order of arrival decides nothing.
///
/// What goes wrong: a thread that arrived later can win the race against one that has
/// been waiting, so the FIFO check (`checks::mutex::fifo`) sees acquisitions out of arrival
/// order. Exclusion and ordering are fine; this is a fairness bug, which no memory-model
/// checker flags by itself: only a check of the FIFO property can.
///
/// What prevents it in [`TicketLock`]: the arrival *is* the place in
/// line (`let ticket = self.next.fetch_add(1, Relaxed)`), and only the thread whose
/// ticket equals `serving` may enter.
#[derive(Debug)]
pub struct BargingLock {
    arrivals: AtomicUsize,
    inner: TasLock,
}

// SAFETY: exclusion and acquire/release come from the inner `TasLock`, which is correct;
// only the `FifoLock` claim below is false. `new` still refuses to run outside a model
// checker, as for every planted type.
unsafe impl RawLock for BargingLock {
    fn new() -> Self {
        only_in_models("BargingLock");
        Self {
            arrivals: AtomicUsize::new(0),
            inner: TasLock::new(),
        }
    }

    fn lock(&self) {
        // BUG: the doorway records an arrival but grants no place in line.
        self.arrivals.fetch_add(1, Relaxed);
        self.inner.lock();
    }

    fn try_lock(&self) -> bool {
        self.inner.try_lock()
    }

    unsafe fn unlock(&self) {
        // SAFETY: the caller holds the lock, hence the inner lock.
        unsafe { self.inner.unlock() };
    }

    fn is_locked(&self) -> bool {
        self.inner.is_locked()
    }
}

impl FifoLock for BargingLock {
    fn last_arrival(&self) -> usize {
        self.arrivals.load(Relaxed)
    }
}

/// **PLANTED BUG: the ticket lock publishes `serving` with a Relaxed store.**
///
/// What is wrong: [`TicketLock`]'s own algorithm, except that `unlock` advances `serving`
/// with `store(.., Relaxed)` (`serve_next(Relaxed)`).
///
/// What goes wrong: the next ticket holder sees its number come up, but nothing orders
/// the previous critical section before its own: its reads of the protected data may
/// return stale values (on ARM or POWER for real; the compiler may also sink the
/// previous owner's writes below the store). loom reports the two unordered accesses to
/// the protected cell; shuttle runs sequentially consistent executions and misses it.
///
/// What prevents it in [`TicketLock`]: `self.serving.store(serving.wrapping_add(1),
/// publish)` with the `Release` that `unlock` passes to `serve_next`, read with `Acquire`
/// by the next ticket.
#[derive(Debug)]
pub struct RelaxedTicketLock(TicketLock);

// SAFETY: it is NOT a valid `RawLock`: the acquire/release clause is broken on purpose.
// `new` refuses to run outside a model checker (see the module docs).
unsafe impl RawLock for RelaxedTicketLock {
    fn new() -> Self {
        only_in_models("RelaxedTicketLock");
        Self(TicketLock::new())
    }

    fn lock(&self) {
        self.0.lock();
    }

    fn try_lock(&self) -> bool {
        self.0.try_lock()
    }

    unsafe fn unlock(&self) {
        // BUG: `serving` must be published with Release.
        // SAFETY: the caller holds the lock, hence the inner lock.
        unsafe { self.0.serve_next(Relaxed) };
    }

    fn is_locked(&self) -> bool {
        self.0.is_locked()
    }
}

/// **PLANTED BUG: the MCS lock hands over to its successor with a Relaxed store.**
///
/// What is wrong: [`McsLock`]'s own algorithm, except that `unlock` clears the
/// successor's `locked` flag with `Relaxed` (`unlock_handing_over(Relaxed)`).
///
/// What goes wrong: the successor stops spinning, but the previous owner's critical
/// section is not ordered before its own (as for [`RelaxedTicketLock`]). The bug hides
/// on the path where nobody queued (the tail CAS is still `Release`), so a checker must
/// explore a second thread queueing behind the owner: loom does, with two threads.
///
/// What prevents it in [`McsLock`]: `(*next).locked.store(false, Release)` (the
/// `Release` that `unlock` passes to `unlock_handing_over`).
#[derive(Debug)]
pub struct RelaxedHandoverMcs(McsLock);

// SAFETY: it is NOT a valid `RawLock`: the acquire/release clause is broken on purpose.
// `new` refuses to run outside a model checker (see the module docs).
unsafe impl RawLock for RelaxedHandoverMcs {
    fn new() -> Self {
        only_in_models("RelaxedHandoverMcs");
        Self(McsLock::new())
    }

    fn lock(&self) {
        self.0.lock();
    }

    fn try_lock(&self) -> bool {
        self.0.try_lock()
    }

    unsafe fn unlock(&self) {
        // BUG: the hand-over must be Release.
        // SAFETY: the caller holds the lock, hence the inner lock.
        unsafe { self.0.unlock_handing_over(Relaxed) };
    }

    fn is_locked(&self) -> bool {
        self.0.is_locked()
    }
}
