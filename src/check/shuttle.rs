//! Running a scenario under shuttle, and capturing the failing schedule for replay.

use super::{Checker, Failure, panic_message};
use ::shuttle::scheduler::{PctScheduler, RandomScheduler, ReplayScheduler, Scheduler};
use ::shuttle::{Config, Runner};
use shuttle_engine::runtime::execution::CurrentSchedule;
use shuttle_engine::scheduler::serialization::serialize_schedule;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The default seed: fixed, so that a CI run explores the same schedules every time.
const DEFAULT_SEED: u64 = 0x5EED_CAFE;

/// Runs `scenario` under shuttle's random or PCT scheduler, or replays `SYNCLAB_REPLAY`.
pub(crate) fn run_shuttle<F>(
    test: &str,
    checker: Checker,
    replay: Option<&str>,
    scenario: F,
) -> Result<usize, Failure>
where
    F: Fn() + Send + Sync + 'static,
{
    let seed = std::env::var("SYNCLAB_SEED")
        .ok()
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(DEFAULT_SEED);
    let replaying = replay.map(|r| {
        // A path to a file that holds the schedule, or the schedule itself.
        std::fs::read_to_string(r)
            .unwrap_or_else(|_| r.to_string())
            .trim()
            .trim_matches('"')
            .to_string()
    });
    let scheduler: Box<dyn Scheduler + Send> = match (&replaying, checker) {
        (Some(schedule), _) => Box::new(ReplayScheduler::new_from_encoded(schedule)),
        (None, Checker::ShuttlePct { iterations, depth }) => {
            Box::new(PctScheduler::new_from_seed(seed, depth, iterations))
        }
        (None, Checker::ShuttleRandom { iterations }) => {
            Box::new(RandomScheduler::new_from_seed(seed, iterations))
        }
        (None, other) => unreachable!("{other} is not a shuttle checker"),
    };

    let executions = Arc::new(AtomicUsize::new(0));
    let count = Arc::clone(&executions);
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        Runner::new(scheduler, Config::new()).run(move || {
            count.fetch_add(1, Ordering::Relaxed);
            scenario();
        })
    }));
    match outcome {
        Ok(n) => Ok(n),
        Err(payload) => {
            // shuttle keeps the schedule of the execution it ran last — the failing one —
            // in a thread-local of this thread until the next execution starts.
            let schedule = serialize_schedule(&CurrentSchedule::get_schedule());
            Err(Failure {
                checker,
                message: panic_message(&*payload),
                executions: executions.load(Ordering::Relaxed),
                replay: format!("SYNCLAB_REPLAY='{schedule}' cargo test -- --exact {test}"),
            })
        }
    }
}
