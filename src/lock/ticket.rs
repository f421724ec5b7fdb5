//! The ticket lock: take a number, wait until it is served. FIFO by construction.
//!
//! Like a bakery: `lock` draws a ticket with one `fetch_add` on `next` (the *doorway*)
//! and waits until `serving` shows it; `unlock` serves the next ticket. Threads are served
//! in the order they drew, so nobody starves and at two threads the fairness spread is
//! 1.00–1.01 (`docs/measurements.md`).
//!
//! ## Why a plain ticket lock collapses when threads outnumber cores, and the rule here
//! Strict FIFO means the lock can only go to *one* thread, the next ticket. If that
//! thread is not running (preempted, or waiting for a core), nobody can take the lock
//! until the scheduler runs it, while the other waiters burn their slices spinning. A
//! plain spinning ticket lock measured 0.14–0.21 Mops/s at 4 threads on 2 cores, about
//! 1/300 of `std::sync::Mutex`.
//!
//! The waiting rule here: **spin only when you are next** (`my_ticket - serving == 1`),
//! polling at a constant rate ([`SpinWait`]: a growing backoff would delay the hand-over
//! that everyone behind is waiting for) and yielding after `2^7` polls in case the
//! holder itself was preempted; **yield at once when two or more tickets are ahead**. A far waiter then never holds a core that the
//! holder or the next thread could use.
//!
//! The rule cannot remove the cost of FIFO itself. With 4 threads on 2 cores, two of the
//! four are always off a core, and strict FIFO hands the lock to each of them in turn:
//! every hand-over to a thread that is not running waits for a context switch, so the
//! lock runs at about one acquisition per switch. Measured on this project's 2-vCPU
//! machine (`synclab bench lock --quick`, 4 threads, shared with other jobs): a plain
//! spinning ticket lock 0.003–0.013 Mops/s with spread 54–207; this one 0.18–0.30 Mops/s
//! with spread ~2.5, 20–100× better and fair, yet still ~1/250 of `std::sync::Mutex`,
//! which lets a running thread re-acquire. Even at 2 threads strict alternation costs:
//! a cache line takes ~110 ns to move between the two cores here, and every hand-over
//! moves it, while an unfair lock keeps it on one core for many acquisitions. That is the
//! trade-off a FIFO lock makes; use it for fairness, not speed.

use super::backoff::SpinWait;
use super::{FifoLock, RawLock, rt};
use rt::sync::atomic::{
    AtomicU32, Ordering,
    Ordering::{Acquire, Relaxed, Release},
};

/// A FIFO ticket lock whose far-away waiters yield.
///
/// | field | meaning |
/// |---|---|
/// | `next` | the ticket the next arriving thread draws |
/// | `serving` | the ticket that may hold the lock now |
/// | `next == serving` | unlocked |
/// | `next - serving == 1` | locked, nobody waiting |
/// | `next - serving == k` | locked, `k - 1` threads waiting, in ticket order |
///
/// Tickets wrap modulo 2^32; distances are computed with wrapping subtraction, which is
/// exact while fewer than 2^32 threads wait.
///
/// ```
/// use synclab::lock::{Mutex, TicketLock};
/// let m = Mutex::<TicketLock, u32>::new(0);
/// *m.lock() += 1;
/// assert!(!m.is_locked());
/// ```
#[derive(Debug, Default)]
pub struct TicketLock {
    next: AtomicU32,
    serving: AtomicU32,
}

// SAFETY: each ticket is drawn by exactly one thread (fetch_add hands out distinct
// values), and only the thread whose ticket equals `serving` returns from `lock`, so one
// owner at a time. `serving` is advanced with a Release store only by the owner and read
// with Acquire by the next owner, so each critical section happens before the next.
unsafe impl RawLock for TicketLock {
    fn new() -> Self {
        Self::default()
    }

    fn lock(&self) {
        // Relaxed: the ticket only decides the order. No data is handed over through
        // `next`; the hand-over is the Release/Acquire pair on `serving`.
        let ticket = self.next.fetch_add(1, Relaxed);
        let wait = SpinWait::new();
        loop {
            // Acquire: when we see our ticket, we see everything the previous owner did
            // before its Release store in `unlock`.
            let serving = self.serving.load(Acquire);
            match ticket.wrapping_sub(serving) {
                0 => return,
                // Next in line: the lock is ours as soon as the holder leaves, and everyone
                // behind us waits until we notice. Poll at a constant rate (no growing
                // backoff), and yield if it takes long (the holder may have been preempted).
                1 => wait.wait(),
                // Others go first: our core is better used by them.
                _ => rt::thread::yield_now(),
            }
        }
    }

    fn try_lock(&self) -> bool {
        // Acquire: if `serving` shows the ticket we are about to draw, we synchronise
        // with the unlock that stored it.
        let serving = self.serving.load(Acquire);
        // Draw ticket `serving` only if nobody holds or waits (`next == serving`). The CAS
        // is the doorway; Relaxed for the same reason as the fetch_add in `lock`.
        self.next
            .compare_exchange(serving, serving.wrapping_add(1), Relaxed, Relaxed)
            .is_ok()
    }

    unsafe fn unlock(&self) {
        // Release: publishes this critical section to the next ticket's Acquire load.
        // SAFETY: the caller holds the lock (contract of `unlock`).
        unsafe { self.serve_next(Release) }
    }

    fn is_locked(&self) -> bool {
        self.next.load(Relaxed) != self.serving.load(Relaxed)
    }
}

impl TicketLock {
    /// `unlock` with the ordering of the store to `serving` as a parameter: `Release` in
    /// [`RawLock::unlock`]; the planted `RelaxedTicketLock` passes `Relaxed`.
    ///
    /// # Safety
    /// As [`RawLock::unlock`]: the caller holds the lock.
    pub(super) unsafe fn serve_next(&self, publish: Ordering) {
        // Only the owner writes `serving`, and it read the latest value in `lock`, so a
        // Relaxed load plus a store is enough (no read-modify-write needed).
        let serving = self.serving.load(Relaxed);
        self.serving.store(serving.wrapping_add(1), publish);
    }
}

impl FifoLock for TicketLock {
    fn last_arrival(&self) -> usize {
        self.next.load(Relaxed) as usize
    }
}
