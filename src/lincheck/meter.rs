//! The account of what a check has spent, shared by every search thread.
//!
//! Steps are charged in batches and the clock is read now and then, not at every
//! step: a step is far cheaper than an atomic add or a clock read. Memory is split
//! in two: the *fixed* bytes of every partition's search structures, known before
//! the search starts, and the *memo* bytes, which grow as situations are
//! remembered. Memos are caches, so when their total would pass what the limit
//! leaves them, the memo that is growing is emptied instead of the check failing.

use std::sync::Mutex;
use std::sync::atomic::{AtomicU8, AtomicU64, Ordering::Relaxed};
use std::time::Instant;

use super::budget::{Budget, Limit};

/// Nobody has asked the searches to stop.
const RUNNING: u8 = 0;
/// A verdict is known (a partition is not linearizable): the rest is moot.
const CANCELLED: u8 = 1;
/// A limit ran out; [`Meter::exhausted`] says which.
const EXHAUSTED: u8 = 2;

/// What a check has spent, against its [`Budget`].
#[derive(Debug)]
pub(super) struct Meter {
    budget: Budget,
    deadline: Option<Instant>,
    steps: AtomicU64,
    memo_bytes: AtomicU64,
    /// `max_memory` minus the fixed bytes: what all memos together may hold.
    memo_allowance: Option<u64>,
    run: AtomicU8,
    limit: Mutex<Option<Limit>>,
}

impl Meter {
    /// A meter for a check whose search structures take `fixed_bytes`; the memory
    /// limit has run out before the start if they alone exceed it.
    pub(super) fn new(budget: Budget, fixed_bytes: u64) -> Self {
        let deadline = budget
            .time_limit
            .and_then(|limit| Instant::now().checked_add(limit));
        let memo_allowance = budget.max_memory.map(|m| m.saturating_sub(fixed_bytes));
        let meter = Self {
            budget,
            deadline,
            steps: AtomicU64::new(0),
            memo_bytes: AtomicU64::new(0),
            memo_allowance,
            run: AtomicU8::new(RUNNING),
            limit: Mutex::new(None),
        };
        if let Some(max) = budget.max_memory.filter(|&max| fixed_bytes > max) {
            meter.exhaust(Limit::Memory(max));
        }
        meter
    }

    /// How many of `want` steps a search may take now, before it must come back;
    /// `0` once the budget or the check is over.
    pub(super) fn allowance(&self, want: u64) -> u64 {
        if self.should_stop() {
            return 0;
        }
        match self.budget.max_steps {
            None => want,
            Some(max) => {
                let left = max.saturating_sub(self.steps.load(Relaxed));
                if left == 0 {
                    self.exhaust(Limit::Steps(max));
                }
                want.min(left)
            }
        }
    }

    /// Records `steps` more steps taken.
    pub(super) fn charge(&self, steps: u64) {
        self.steps.fetch_add(steps, Relaxed);
    }

    /// Whether the searches should stop: a limit ran out, time is up, or the
    /// verdict is known. Reads the clock, so call it every few hundred steps.
    pub(super) fn should_stop_now(&self) -> bool {
        if self.should_stop() {
            return true;
        }
        if self.deadline.is_some_and(|d| Instant::now() >= d) {
            let limit = self.budget.time_limit.unwrap_or_default();
            self.exhaust(Limit::Time(limit));
            return true;
        }
        false
    }

    /// Whether the searches should stop, without reading the clock.
    pub(super) fn should_stop(&self) -> bool {
        self.run.load(Relaxed) != RUNNING
    }

    /// The verdict is known: every search may stop.
    pub(super) fn cancel(&self) {
        let _ = self
            .run
            .compare_exchange(RUNNING, CANCELLED, Relaxed, Relaxed);
    }

    fn exhaust(&self, limit: Limit) {
        let mut slot = self.limit.lock().unwrap_or_else(|e| e.into_inner());
        if slot.is_none() && self.run.load(Relaxed) == RUNNING {
            *slot = Some(limit);
            self.run.store(EXHAUSTED, Relaxed);
        }
    }

    /// The limit that ran out, if one did.
    pub(super) fn exhausted(&self) -> Option<Limit> {
        *self.limit.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Steps taken so far, over all searches.
    pub(super) fn steps(&self) -> u64 {
        self.steps.load(Relaxed)
    }

    /// A memo grew by `bytes`. Returns `false` if all memos together now hold more
    /// than the memory limit leaves them: the caller must empty its memo (and
    /// [`release`](Self::release) what it held).
    #[must_use]
    pub(super) fn reserve(&self, bytes: u64) -> bool {
        let total = self.memo_bytes.fetch_add(bytes, Relaxed) + bytes;
        self.memo_allowance
            .is_none_or(|allowance| total <= allowance)
    }

    /// A memo released `bytes`.
    pub(super) fn release(&self, bytes: u64) {
        self.memo_bytes.fetch_sub(bytes, Relaxed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn steps_run_out() {
        let meter = Meter::new(Budget::steps(10), 0);
        assert_eq!(meter.allowance(8), 8);
        meter.charge(8);
        assert_eq!(meter.allowance(8), 2);
        meter.charge(2);
        assert_eq!(meter.allowance(8), 0);
        assert!(meter.should_stop());
        assert_eq!(meter.exhausted(), Some(Limit::Steps(10)));
    }

    #[test]
    fn time_runs_out_and_cancelling_is_not_exhausting() {
        let meter = Meter::new(Budget::time(Duration::ZERO), 0);
        assert!(meter.should_stop_now());
        assert_eq!(meter.exhausted(), Some(Limit::Time(Duration::ZERO)));
        let meter = Meter::new(Budget::unlimited(), 0);
        meter.cancel();
        assert!(meter.should_stop());
        assert_eq!(meter.exhausted(), None);
    }

    #[test]
    fn memory_is_fixed_plus_memos() {
        let meter = Meter::new(Budget::memory(100), 200);
        assert_eq!(meter.exhausted(), Some(Limit::Memory(100)));
        let meter = Meter::new(Budget::memory(100), 60);
        assert!(meter.reserve(40));
        assert!(!meter.reserve(1));
        meter.release(41);
        assert!(meter.reserve(40));
        assert_eq!(meter.exhausted(), None);
    }
}
