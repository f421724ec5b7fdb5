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
    let seed = super::seed_override()
        .or_else(|| std::env::var("SYNCLAB_SEED").ok()?.trim().parse().ok())
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

    let scenario = Arc::new(scenario);
    let executions = Arc::new(AtomicUsize::new(0));
    let run = |scheduler: Box<dyn Scheduler + Send>| {
        let (count, scenario) = (Arc::clone(&executions), Arc::clone(&scenario));
        quiet_hook::while_in_shuttle(|| {
            catch_unwind(AssertUnwindSafe(|| {
                // The docs say once that shuttle models sequential consistency only;
                // shuttle's own warning would repeat it for every model.
                let mut config = Config::new();
                config.silence_warnings = true;
                Runner::new(scheduler, config).run(move || {
                    count.fetch_add(1, Ordering::Relaxed);
                    crate::trace::new_execution();
                    scenario();
                })
            }))
        })
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
                replay: format!("SYNCLAB_REPLAY='{schedule}' {}", super::rerun_command(test)),
                trace: Some(trace).filter(|t| !t.is_empty()),
            })
        }
    }
}

/// Keeps shuttle's panic hook to shuttle's own executions.
///
/// shuttle installs a process-wide panic hook the first time it runs, and from then on
/// reports *every* panic in the process as a failed shuttle task — including the panics
/// that loom throws and catches internally while exploring, so a passing loom model run
/// after a shuttle one would fill stderr with "Task failed" lines. This module wraps
/// shuttle's hook so that it only sees panics raised while a shuttle run is on the stack
/// of the current thread (shuttle runs every task on the caller's thread); any other
/// panic goes to the hook that was there before.
mod quiet_hook {
    use std::cell::Cell;
    use std::panic::{self, PanicHookInfo};
    use std::sync::{Arc, Mutex, Once};

    type Hook = Arc<dyn Fn(&PanicHookInfo<'_>) + Send + Sync>;

    thread_local! {
        static IN_SHUTTLE: Cell<bool> = const { Cell::new(false) };
    }

    static ORIGINAL: Mutex<Option<Hook>> = Mutex::new(None);
    static CAPTURE: Once = Once::new();
    static WRAP: Once = Once::new();

    /// Runs `f` (a shuttle run) with shuttle's hook active for this thread.
    pub(super) fn while_in_shuttle<R>(f: impl FnOnce() -> R) -> R {
        CAPTURE.call_once(|| {
            // Keep the hook that shuttle is about to wrap, and put it back for shuttle.
            let original: Hook = Arc::from(panic::take_hook());
            let for_shuttle = Arc::clone(&original);
            panic::set_hook(Box::new(move |info| for_shuttle(info)));
            *ORIGINAL.lock().unwrap_or_else(|e| e.into_inner()) = Some(original);
        });
        let was = IN_SHUTTLE.replace(true);
        let result = f();
        IN_SHUTTLE.set(was);
        WRAP.call_once(|| {
            // shuttle installed its hook during the run above: route around it.
            let shuttle_hook: Hook = Arc::from(panic::take_hook());
            let original = ORIGINAL.lock().unwrap_or_else(|e| e.into_inner()).clone();
            panic::set_hook(Box::new(move |info| match &original {
                Some(original) if !IN_SHUTTLE.get() => original(info),
                _ => shuttle_hook(info),
            }));
        });
        result
    }
}
