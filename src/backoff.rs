//! Exponential backoff for spin loops, written on `rt` so that it is model-checked too.
//!
//! `crossbeam_utils::Backoff` calls `std::thread::yield_now` directly, which a model
//! checker cannot see (a loom model that spins on it never terminates); this is the same
//! idea on the facade.

use super::rt;
use std::cell::Cell;

/// Spin `2^step` times per call, up to `2^SPIN_LIMIT`.
const SPIN_LIMIT: u32 = 6;
/// After this many steps, [`Backoff::snooze`] yields the time slice instead of spinning.
const YIELD_LIMIT: u32 = 10;

/// Exponential backoff: spin a little, then more, then give the core away.
///
/// `spin` is for a lost compare-and-swap race (the other thread is making progress, so
/// retry soon). `snooze` is for waiting on another thread: once spinning stops paying off
/// it yields, so that waiters do not starve the lock holder when threads outnumber cores.
///
/// ```
/// use synclab::backoff::Backoff;
/// use std::sync::atomic::{AtomicBool, Ordering};
///
/// let ready = AtomicBool::new(true);
/// let backoff = Backoff::new();
/// while !ready.load(Ordering::Acquire) {
///     backoff.snooze();
/// }
/// ```
#[derive(Debug, Default)]
pub struct Backoff {
    step: Cell<u32>,
}

impl Backoff {
    /// A fresh backoff at step 0.
    pub fn new() -> Self {
        Self::default()
    }

    /// Back off after a lost race: spin `2^step` hints (capped), then grow the step.
    pub fn spin(&self) {
        self.spin_hints(self.step.get().min(SPIN_LIMIT));
        if self.step.get() <= SPIN_LIMIT {
            self.step.set(self.step.get() + 1);
        }
    }

    /// Back off while waiting for another thread: spin while that is cheap, then yield.
    pub fn snooze(&self) {
        if self.step.get() <= SPIN_LIMIT {
            self.spin_hints(self.step.get());
        } else {
            rt::thread::yield_now();
        }
        if self.step.get() <= YIELD_LIMIT {
            self.step.set(self.step.get() + 1);
        }
    }

    /// True once spinning has stopped paying off: a blocking primitive should park now.
    pub fn is_completed(&self) -> bool {
        self.step.get() > YIELD_LIMIT
    }

    /// For a thread that can sleep: true once the spin phase of
    /// [`snooze`](Self::snooze) is over, before it would start yielding.
    ///
    /// A yield helps a spinner only when the machine has a core to spare; on a busy
    /// machine it can cost a whole time slice of another process, while a sleeper is
    /// woken the moment it is needed. So blocking primitives spin, then sleep, and skip
    /// the yields. Under a model checker ([`rt::MODEL`]) this is true after the first
    /// snooze: the spin phase is an optimisation, checked once, and more rounds would only
    /// multiply the schedules to explore.
    pub fn should_sleep(&self) -> bool {
        self.step.get() > if rt::MODEL { 0 } else { SPIN_LIMIT }
    }

    /// Back to step 0.
    pub fn reset(&self) {
        self.step.set(0);
    }

    fn spin_hints(&self, step: u32) {
        // Under a model checker one hint is one yield to the scheduler: more would only
        // multiply the interleavings to explore without adding any new behaviour.
        let n = if rt::MODEL { 1 } else { 1u32 << step };
        for _ in 0..n {
            rt::hint::spin_loop();
        }
    }
}

/// Polls of [`SpinWait::wait`] that only spin, before it starts yielding.
const POLL_LIMIT: u32 = 1 << 7;

/// Waiting for a hand-over addressed to this thread alone: a ticket being served, a
/// queue node's flag being cleared.
///
/// Unlike [`Backoff::snooze`], the pause between looks does not grow: the hand-over can
/// come any moment, and the whole queue waits until this thread notices it, so every
/// nanosecond of backoff here is a nanosecond of lost throughput. After `2^7` polls
/// without it (a few microseconds, about the cost of a context switch: the classic
/// competitive-spinning bound), the thread that should hand over has probably lost its
/// core (threads outnumber cores), and the waiter yields on every poll to give the core
/// back. Measured: with `2^10` polls, oversubscribed FIFO locks ran 10–25× slower.
///
/// ```
/// use synclab::backoff::SpinWait;
/// use std::sync::atomic::{AtomicBool, Ordering};
///
/// let my_turn = AtomicBool::new(true);
/// let wait = SpinWait::new();
/// while !my_turn.load(Ordering::Acquire) {
///     wait.wait();
/// }
/// ```
#[derive(Debug, Default)]
pub struct SpinWait {
    polls: Cell<u32>,
}

impl SpinWait {
    /// A fresh wait, spinning first.
    pub fn new() -> Self {
        Self::default()
    }

    /// One pause between two looks: a spin hint for the first `2^7` calls (one under a
    /// model checker), a yield after that.
    pub fn wait(&self) {
        let limit = if rt::MODEL { 1 } else { POLL_LIMIT };
        if self.polls.get() < limit {
            self.polls.set(self.polls.get() + 1);
            rt::hint::spin_loop();
        } else {
            rt::thread::yield_now();
        }
    }

    /// True once the wait has started yielding.
    pub fn is_yielding(&self) -> bool {
        self.polls.get() >= if rt::MODEL { 1 } else { POLL_LIMIT }
    }
}
