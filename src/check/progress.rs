//! The progress check: a thread stopped in the middle of an operation must not stop the
//! others from finishing theirs (feature `shuttle`).
//!
//! A structure that claims to be lock-free (or obstruction-free) promises that no thread
//! waits for another: whatever a thread's scheduling, even if it is never scheduled again,
//! the others complete their operations. A structure that secretly takes a lock breaks
//! that promise only when its holder is descheduled for long, which an ordinary test
//! never arranges and a linearizability check never notices: the results are right.
//!
//! [`check_progress`] arranges it. It runs the scenario under shuttle's random scheduler,
//! wrapped in a scheduler that, once per execution, at a random step, picks a thread that
//! is inside an [`operation`] and **suspends** it: from then on it is offered to the
//! inner scheduler only if no other thread can run. Then, for every other thread:
//!
//! | what happens | verdict |
//! |---|---|
//! | no other thread can run, and one of them is inside an operation | **blocked**: it waits for the suspended thread |
//! | some thread stays inside one operation for more than `step_bound` steps | **cannot finish**: it spins, waiting for the suspended thread |
//! | no other thread can run and none is inside an operation (they finished, or wait to join the suspended one) | pass |
//! | `step_bound` steps pass with nobody stuck inside an operation | pass |
//!
//! Either way the suspended thread is then released and the execution runs to its end,
//! so the scenario's own checks (a recorded history, the final state) still run.
//!
//! **Why no false alarm on lock-free code, and the bounds.** With the suspended thread
//! frozen, a lock-free operation of another thread needs no step of it: each of its
//! retries fails only because some *other running* thread's operation succeeded, so the
//! steps inside one operation are bounded by (retries) × (steps per attempt), at most
//! (operations of the others) × (steps per attempt). A scenario of a few threads of a few
//! operations each, a few atomic steps per attempt, needs tens of steps; the default bound,
//! [`PROGRESS_STEP_BOUND`](super::budget::PROGRESS_STEP_BOUND), is 2,000. A structure
//! that blocks waits for the frozen thread *for ever*: it is caught whatever the bound,
//! so the bound only has to exceed what lock-free code needs. Only operations marked with
//! [`operation`] are judged, and only operations that may not wait by contract belong
//! there: a blocking `recv` on an empty channel waits, rightly, for a sender.
//!
//! What it does not prove: it tries one suspension point per execution, chosen at random
//! (uniformly over the steps of the first execution), so a blocking window it never hits
//! is missed; and it checks obstruction, not starvation (wait-freedom).

use std::cell::RefCell;
use std::collections::HashMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use ::shuttle::scheduler::{RandomScheduler, Schedule, Scheduler, Task, TaskId};
use ::shuttle::{Runner, current};

use super::shuttle::{Quiet, quiet_config};
use super::{Checker, Failure, Replay, Report, panic_message};

/// The budget of a progress check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// Executions to run; each suspends one thread once.
    pub iterations: usize,
    /// The most steps one operation of a running thread may take while another thread is
    /// suspended (see the [module docs](self) for why it is generous).
    pub step_bound: u64,
}

/// What the watched execution knows: who is inside which operation, and the verdict.
#[derive(Debug, Default)]
struct Watch {
    /// Scheduling steps so far in this execution.
    step: u64,
    /// Per task: the operation it is inside, and the step it entered it.
    inside: HashMap<usize, (String, u64)>,
    /// The suspended task, its operation, and the step it was suspended at.
    suspended: Option<(usize, String, u64)>,
    /// The failure, once decided.
    failure: Option<String>,
    /// Decided (pass or fail) in this execution: the suspended task runs again.
    decided: bool,
}

thread_local! {
    // shuttle runs an execution's tasks and its scheduler on the thread that called
    // `Runner::run`, so one thread-local serves them all, and parallel tests do not meet.
    static WATCH: RefCell<Option<Watch>> = const { RefCell::new(None) };
    /// How many executions of the last check on this thread suspended a thread.
    static SUSPENSIONS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// How many executions of the last [`check_progress`] on this thread suspended a thread
/// inside an operation (the others found none in flight at or after their chosen step).
pub fn last_suspensions() -> usize {
    SUSPENSIONS.with(std::cell::Cell::get)
}

/// Runs `op`, telling a [`check_progress`] run around it that this thread is inside the
/// operation `name` meanwhile. Outside a progress check it just runs `op`.
pub fn operation<R>(name: &str, op: impl FnOnce() -> R) -> R {
    let Some(task) = current::try_get_current_task().map(usize::from) else {
        return op();
    };
    let watched = WATCH.with(|w| {
        let mut w = w.borrow_mut();
        let w = w.as_mut()?;
        let step = w.step;
        w.inside.insert(task, (name.to_string(), step));
        Some(())
    });
    let result = op();
    if watched.is_some() {
        WATCH.with(|w| {
            if let Some(w) = w.borrow_mut().as_mut() {
                w.inside.remove(&task);
            }
        });
    }
    result
}

/// Runs `scenario` under shuttle `progress.iterations` times, each time suspending one
/// thread inside an [`operation`] at a random step, and fails if another thread then
/// cannot finish its operation (see the [module docs](self)).
///
/// # Errors
/// A [`Failure`] naming the suspended thread and operation, and the thread that could not
/// finish and the operation it was in.
pub fn check_progress<F>(test: &str, progress: Progress, scenario: F) -> Result<Report, Failure>
where
    F: Fn() + Send + Sync + 'static,
{
    let seed = super::config::shuttle_seed();
    let checker = Checker::ShuttleRandom {
        iterations: progress.iterations,
    };
    let inner = Quiet(Some(RandomScheduler::new_from_seed(
        seed,
        progress.iterations,
    )));
    let scheduler = Suspending {
        inner,
        bound: progress.step_bound,
        rng: seed | 1,
        estimated: None,
        suspend_at: u64::MAX,
    };
    let executions = Arc::new(AtomicUsize::new(0));
    let count = Arc::clone(&executions);
    let start = Instant::now();
    SUSPENSIONS.with(|s| s.set(0));
    let outcome = super::inside_checker(|| {
        catch_unwind(AssertUnwindSafe(|| {
            Runner::new(scheduler, quiet_config()).run(move || {
                count.fetch_add(1, Ordering::Relaxed);
                scenario();
                let failure = WATCH.with(|w| w.borrow_mut().as_mut()?.failure.take());
                if let Some(failure) = failure {
                    panic!("{failure}");
                }
            })
        }))
    });
    let last = WATCH.with(|w| w.borrow_mut().take());
    if last.is_some_and(|last| last.suspended.is_some()) {
        SUSPENSIONS.with(|s| s.set(s.get() + 1));
    }
    let executions = executions.load(Ordering::Relaxed);
    match outcome {
        Ok(_) => Ok(Report {
            checker,
            executions,
            elapsed: start.elapsed(),
        }),
        Err(payload) => Err(Failure {
            checker,
            message: format!("progress: {}", panic_message(&*payload)),
            executions,
            replay: Replay::Unavailable(format!(
                "rerun `{test}`: the suspensions come from the seed ({seed}), so it fails \
                 again at the same execution"
            )),
            trace: None,
        }),
    }
}

/// Wraps `S`: suspends one thread per execution (see the [module docs](self)).
struct Suspending<S> {
    inner: S,
    bound: u64,
    /// xorshift state, for the suspension step.
    rng: u64,
    /// Steps of the first execution, which suspends nothing.
    estimated: Option<u64>,
    suspend_at: u64,
}

impl<S> Suspending<S> {
    fn next_random(&mut self) -> u64 {
        self.rng ^= self.rng << 13;
        self.rng ^= self.rng >> 7;
        self.rng ^= self.rng << 17;
        self.rng
    }
}

impl<S: Scheduler> Scheduler for Suspending<S> {
    fn new_execution(&mut self) -> Option<Schedule> {
        let previous = WATCH.with(|w| w.borrow_mut().replace(Watch::default()));
        if previous.as_ref().is_some_and(|p| p.suspended.is_some()) {
            SUSPENSIONS.with(|s| s.set(s.get() + 1));
        }
        if let Some(previous) = previous
            && self.estimated.is_none()
        {
            self.estimated = Some(previous.step.max(1));
        }
        self.suspend_at = match self.estimated {
            None => u64::MAX,
            Some(steps) => self.next_random() % steps,
        };
        self.inner.new_execution()
    }

    fn next_task(
        &mut self,
        runnable: &[&Task],
        current: Option<TaskId>,
        is_yielding: bool,
    ) -> Option<TaskId> {
        let suspend_at = self.suspend_at;
        let pick = self.next_random();
        let suspended = WATCH.with(|w| {
            let mut w = w.borrow_mut();
            let w = w.as_mut().expect("a watched execution");
            w.step += 1;
            if w.suspended.is_none() && !w.decided && w.step >= suspend_at {
                suspend_one(w, runnable, current, pick);
            }
            let suspended = match &w.suspended {
                Some((t, _, _)) if !w.decided => Some(*t),
                _ => None,
            };
            if let Some(t) = suspended {
                judge(w, runnable, t, self.bound);
            }
            suspended.filter(|_| !w.decided)
        });
        match suspended {
            Some(t) => {
                let others: Vec<&Task> = (runnable.iter().copied())
                    .filter(|task| usize::from(task.id()) != t)
                    .collect();
                self.inner.next_task(&others, current, is_yielding)
            }
            None => self.inner.next_task(runnable, current, is_yielding),
        }
    }

    fn next_u64(&mut self) -> u64 {
        self.inner.next_u64()
    }
}

/// Suspends a runnable task that is inside an operation, if there is one: the current
/// task if it is, or one picked by `pick`.
fn suspend_one(w: &mut Watch, runnable: &[&Task], current: Option<TaskId>, pick: u64) {
    let inside: Vec<usize> = (runnable.iter())
        .map(|task| usize::from(task.id()))
        .filter(|t| w.inside.contains_key(t))
        .collect();
    let current = current.map(usize::from).filter(|t| inside.contains(t));
    let chosen = current.or_else(|| inside.get((pick as usize) % inside.len().max(1)).copied());
    if let Some(t) = chosen {
        let name = w.inside[&t].0.clone();
        w.suspended = Some((t, name, w.step));
    }
}

/// Decides, if it can, whether the others progress while `t` is suspended.
fn judge(w: &mut Watch, runnable: &[&Task], t: usize, bound: u64) {
    let (_, op, at) = w.suspended.clone().expect("judged while suspended");
    let others_run = runnable.iter().any(|task| usize::from(task.id()) != t);
    let mut stuck: Vec<(usize, &(String, u64))> = (w.inside.iter())
        .filter(|(u, _)| **u != t)
        .map(|(u, i)| (*u, i))
        .collect();
    stuck.sort_by_key(|(u, _)| *u);
    let suspended = format!("thread {t} suspended inside {op} (at step {at})");
    if !others_run {
        w.decided = true;
        if let Some((u, (their_op, _))) = stuck.first() {
            w.failure = Some(format!(
                "{suspended}; thread {u} is blocked inside {their_op}: it waits for the \
                 suspended thread, so the structure is not lock-free (nor obstruction-free)"
            ));
        }
        return;
    }
    let too_long = stuck
        .iter()
        .find(|(_, (_, entered))| w.step - (*entered).max(at) > bound);
    if let Some((u, (their_op, _))) = too_long {
        w.decided = true;
        w.failure = Some(format!(
            "{suspended}; thread {u} could not finish {their_op} within {bound} steps: it \
             spins, waiting for the suspended thread, so the structure is not lock-free \
             (nor obstruction-free)"
        ));
    } else if w.step - at > bound && stuck.is_empty() {
        w.decided = true;
    }
}

#[cfg(test)]
#[path = "progress/tests.rs"]
mod tests;
