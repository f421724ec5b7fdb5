//! A countdown latch: how a joiner learns that its jobs have finished.

use super::{Shared, rt};
use rt::sync::atomic::{AtomicUsize, Ordering};

/// Counts unfinished jobs; released when the count reaches zero.
///
/// Orderings, and why they suffice:
/// * `add` is `Relaxed`: the job it counts is pushed afterwards under the queue lock, and
///   popped under the same lock, so the increment happens-before the job's `count_down`;
///   coherence then puts it before that decrement, and the count never underflows.
/// * `count_down` is `Release` and [`is_released`](Self::is_released) is `Acquire`: a
///   waiter that reads zero synchronises with the last decrement, and every earlier
///   decrement is part of that release sequence (read-modify-writes continue it). So
///   everything every job wrote — results, output slots — is visible to the waiter.
pub(super) struct Latch {
    pending: AtomicUsize,
}

impl Latch {
    pub(super) fn new(count: usize) -> Self {
        Self {
            pending: AtomicUsize::new(count),
        }
    }

    /// One more job to wait for.
    pub(super) fn add(&self) {
        self.pending.fetch_add(1, Ordering::Relaxed);
    }

    /// True once every counted job has finished.
    pub(super) fn is_released(&self) -> bool {
        self.pending.load(Ordering::Acquire) == 0
    }

    /// One job finished; the last one wakes the waiters.
    ///
    /// Callers hold the latch through an `Arc` clone for as long as this runs: a waiter
    /// that sees zero may return and drop its own reference at once, and a latch borrowed
    /// from the waiter's stack could be freed in the middle of this call (the bug that
    /// `std::thread::scope` fixed by moving its counter into an `Arc`).
    pub(super) fn count_down(&self, shared: &Shared) {
        if self.pending.fetch_sub(1, Ordering::Release) == 1 {
            shared.notify_all();
        }
    }
}
