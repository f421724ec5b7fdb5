//! Runs the searches of all partitions in turns, on all cores, until every one is
//! linearizable, one is not, or the budget runs out.
//!
//! Each partition's [`Search`] runs in slices of a few thousand steps from one
//! queue, round-robin, so a partition that is hard to decide cannot starve the
//! others: if any partition is not linearizable and easy to show so, that verdict
//! comes as fast as if it had been checked alone, and ends the check (the other
//! searches are cancelled). The calling thread works first, alone; only if the
//! check is still going after a few milliseconds are more threads started (as many
//! as the machine has cores, at most one per undecided partition), so small checks
//! pay nothing for threads. A worker leaves when it finds the queue empty: every
//! search still running is then held by another worker, which carries it on.

use std::collections::VecDeque;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use super::Model;
use super::meter::Meter;
use super::search::{Outcome, Poll, Search};

/// Steps per turn: a few milliseconds of work at most.
const SLICE: u64 = 4096;
/// How long the calling thread works alone before others join it.
const ALONE: Duration = Duration::from_millis(5);

/// How the searches ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Verdict {
    /// Every partition is linearizable.
    Linearizable,
    /// Partition `part` is not; the longest prefix its search found.
    NotLinearizable { part: usize, longest: Vec<usize> },
    /// The meter stopped the searches with this many partitions undecided.
    Undecided(usize),
}

/// What the workers share.
struct Shared<'a, M: Model> {
    queue: Mutex<VecDeque<(usize, Search<'a, M>)>>,
    /// The first partition found not linearizable, with its longest prefix.
    failed: Mutex<Option<(usize, Vec<usize>)>>,
}

/// Decides every search (`searches[i]` is partition `i`) within the meter's budget.
pub(super) fn decide<M: Model>(searches: Vec<Search<'_, M>>, meter: &Meter) -> Verdict {
    let partitions = searches.len();
    let shared = Shared {
        queue: Mutex::new(searches.into_iter().enumerate().collect()),
        failed: Mutex::new(None),
    };
    work(&shared, meter, Some(Instant::now() + ALONE));
    let left = lock(&shared.queue).len();
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    if left > 0 && !meter.should_stop() {
        std::thread::scope(|scope| {
            for _ in 1..threads.min(left) {
                scope.spawn(|| work(&shared, meter, None));
            }
            work(&shared, meter, None);
        });
    }
    if let Some((part, longest)) = lock(&shared.failed).take() {
        return Verdict::NotLinearizable { part, longest };
    }
    match lock(&shared.queue).len() {
        0 => Verdict::Linearizable,
        undecided => {
            debug_assert!(partitions >= undecided);
            Verdict::Undecided(undecided)
        }
    }
}

/// Takes searches from the queue and runs a slice of each, until the queue is
/// empty, the meter says stop, or `until` has passed.
fn work<M: Model>(shared: &Shared<'_, M>, meter: &Meter, until: Option<Instant>) {
    loop {
        if meter.should_stop() || until.is_some_and(|u| Instant::now() >= u) {
            return;
        }
        let Some((part, mut search)) = lock(&shared.queue).pop_front() else {
            return;
        };
        match search.run(meter, SLICE) {
            Poll::Done(Outcome::Linearizable(_)) => {}
            Poll::Done(Outcome::Stuck(longest)) => {
                let mut failed = lock(&shared.failed);
                if failed.is_none() {
                    *failed = Some((part, longest));
                }
                meter.cancel();
            }
            Poll::Pending => lock(&shared.queue).push_back((part, search)),
        }
    }
}

/// Locks, ignoring poisoning: a panicking worker has already failed the check.
fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}
