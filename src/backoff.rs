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
    ///
    /// Under a model checker ([`rt::MODEL`]) this is true after the first
    /// [`snooze`](Self::snooze): the spin phase is an optimisation, checked once, and each
    /// further round would only multiply the schedules to explore.
    pub fn is_completed(&self) -> bool {
        self.step.get() > if rt::MODEL { 0 } else { YIELD_LIMIT }
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
