//! Running a scenario under shuttle, and capturing the failing schedule for replay.

use super::replay::{MAX_PRINTED_SCHEDULE, replay_file};
use super::{Checker, Failure, Replay, Rerun, panic_message};
use ::shuttle::scheduler::{ReplayScheduler, Schedule, Scheduler, Task, TaskId};
use ::shuttle::{Config, FailurePersistence, Runner};
use shuttle_engine::runtime::execution::CurrentSchedule;
use shuttle_engine::scheduler::serialization::serialize_schedule;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Runs `scenario` under the scheduler of a shuttle checker (random, PCT, URW, DFS: see
/// `schedulers.rs`), or replays `replay` (a schedule, or the path of a file holding one).
pub(crate) fn run_shuttle<F>(
    test: &str,
    checker: Checker,
    replay: Option<&str>,
    scenario: F,
) -> Result<usize, Failure>
where
    F: Fn() + Send + Sync + 'static,
{
    let seed = super::config::shuttle_seed();
    let replaying = replay.map(|r| {
        // A path to a file that holds the schedule, or the schedule itself.
        std::fs::read_to_string(r)
            .unwrap_or_else(|_| r.to_string())
            .trim()
            .trim_matches('"')
            .to_string()
    });
    let scheduler: Box<dyn Scheduler + Send> = match &replaying {
        Some(schedule) => Box::new(ReplayScheduler::new_from_encoded(schedule)),
        None => {
            let shard = super::config::Overrides::current().shard;
            match super::schedulers::explorer(checker, seed, shard.unwrap_or_default()) {
                Some(explorer) => explorer,
                // Another shard runs this search (see `Shard`).
                None => return Ok(0),
            }
        }
    };

    let scenario = Arc::new(scenario);
    let executions = Arc::new(AtomicUsize::new(0));
    let run = |scheduler: Box<dyn Scheduler + Send>| {
        let (count, scenario) = (Arc::clone(&executions), Arc::clone(&scenario));
        catch_unwind(AssertUnwindSafe(|| {
            Runner::new(scheduler, quiet_config()).run(move || {
                count.fetch_add(1, Ordering::Relaxed);
                crate::trace::new_execution();
                scenario();
            })
        }))
    };
    // A replay is one execution: record its steps right away.
    let (outcome, trace) = if replaying.is_some() {
        crate::trace::recording(|| run(scheduler))
    } else {
        (run(scheduler), Default::default())
    };
    match outcome {
        Ok(n) => Ok(n),
        Err(payload) => {
            // shuttle keeps the schedule of the execution it ran last — the failing one —
            // in a thread-local of this thread until the next execution starts.
            // shuttle breaks long schedules into lines; one word is easier to copy (its
            // decoder ignores whitespace either way).
            let schedule: String = serialize_schedule(&CurrentSchedule::get_schedule())
                .split_whitespace()
                .collect();
            let executions = executions.load(Ordering::Relaxed);
            let trace = match replaying {
                Some(_) => trace,
                // Replay the failing schedule once, recording its steps.
                None => {
                    let replay = Box::new(ReplayScheduler::new_from_encoded(&schedule));
                    crate::trace::recording(|| run(replay)).1
                }
            };
            Err(Failure {
                checker,
                message: panic_message(&*payload),
                executions,
                replay: Replay::Shuttle {
                    schedule: printable(test, schedule),
                    rerun: Rerun::of(test),
                },
                trace: Some(trace).filter(|t| !t.is_empty()),
            })
        }
    }
}

/// `schedule`, or, if it is longer than [`MAX_PRINTED_SCHEDULE`] characters (a livelock
/// runs to shuttle's million-step bound), the path of a file that holds it: what
/// `SYNCLAB_REPLAY` takes either way.
fn printable(test: &str, schedule: String) -> String {
    if schedule.len() <= MAX_PRINTED_SCHEDULE {
        return schedule;
    }
    let written = replay_file(test, "shuttle.txt")
        .filter(|file| std::fs::write(file, &schedule).is_ok())
        .and_then(|file| file.to_str().map(str::to_string));
    written.unwrap_or(schedule)
}

/// shuttle's configuration for synclab's runs: no warnings (the docs say once that
/// shuttle models sequential consistency only; shuttle's own warning would repeat it for
/// every run) and no schedule printed on failure (the [`Failure`] carries it).
pub(crate) fn quiet_config() -> Config {
    let mut config = Config::new();
    config.silence_warnings = true;
    config.failure_persistence = FailurePersistence::None;
    config
}

/// A scheduler that is leaked, not dropped, when a failing run unwinds through it:
/// shuttle's random scheduler prints its seed (for shuttle's own replay API) when dropped
/// during a failure, and synclab reports the failing schedule itself.
pub(super) struct Quiet<S>(pub(super) Option<S>);

impl<S: Scheduler> Scheduler for Quiet<S> {
    fn new_execution(&mut self) -> Option<Schedule> {
        self.0.as_mut()?.new_execution()
    }

    fn next_task(
        &mut self,
        runnable_tasks: &[&Task],
        current_task: Option<TaskId>,
        is_yielding: bool,
    ) -> Option<TaskId> {
        (self.0.as_mut()?).next_task(runnable_tasks, current_task, is_yielding)
    }

    fn next_u64(&mut self) -> u64 {
        self.0.as_mut().map_or(0, Scheduler::next_u64)
    }
}

impl<S> Drop for Quiet<S> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            // A few bytes per failing run, instead of a misleading replay line.
            std::mem::forget(self.0.take());
        }
    }
}
