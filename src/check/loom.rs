//! Running a scenario under loom, and recording the failing execution for replay.

use super::replay::replay_file;
use super::{Checker, Failure, Replay, Rerun, panic_message};
use crate::rt_shared::deadlock;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Explores `scenario` with loom at `checker`'s bound.
///
/// * `from`: start at the execution stored in this checkpoint ([`super::replay_loom`]).
/// * `replayable`: on failure, explore again writing a checkpoint after every execution,
///   so that the file ends up holding the failing one (not for shrinking attempts).
/// * `replaying`: a replay was requested (`LOOM_CHECKPOINT_FILE`, or `from`): record the
///   steps of the run. When `false`, a `LOOM_CHECKPOINT_FILE` in the environment is
///   ignored (see [`super::without_replay`]).
pub(crate) fn run_loom<F>(
    test: &str,
    checker: Checker,
    from: Option<&Path>,
    replayable: bool,
    replaying: bool,
    scenario: F,
) -> Result<usize, Failure>
where
    F: Fn() + Send + Sync + 'static,
{
    let Checker::Loom { preemption_bound } = checker else {
        unreachable!("{checker} is not loom")
    };
    let scenario = Arc::new(scenario);
    let explore = |checkpoint: Option<&PathBuf>| {
        let executions = Arc::new(AtomicUsize::new(0));
        // Builder::new reads loom's own LOOM_* variables (LOOM_LOG, LOOM_CHECKPOINT_FILE, ...).
        let mut builder = ::loom::model::Builder::new();
        builder.preemption_bound = Some(preemption_bound);
        if let Some(path) = checkpoint {
            builder.checkpoint_file = Some(path.clone());
            builder.checkpoint_interval = 1;
        } else if let Some(path) = from {
            builder.checkpoint_file = Some(path.to_path_buf());
        } else if !replaying {
            builder.checkpoint_file = None;
        }
        let (count, scenario) = (Arc::clone(&executions), Arc::clone(&scenario));
        // What `loom::model` does: print loom's step log, filtered by LOOM_LOG, to the test
        // output (nothing when LOOM_LOG is unset).
        let subscriber = tracing_subscriber::fmt::Subscriber::builder()
            .with_env_filter(tracing_subscriber::EnvFilter::from_env("LOOM_LOG"))
            .with_test_writer()
            .without_time()
            .finish();
        let outcome = tracing::subscriber::with_default(subscriber, || {
            catch_unwind(AssertUnwindSafe(|| {
                builder.check(move || {
                    count.fetch_add(1, Ordering::Relaxed);
                    crate::trace::new_execution();
                    crate::rt_shared::deadlock::new_execution();
                    scenario();
                })
            }))
        });
        (outcome, executions.load(Ordering::Relaxed))
    };

    // A run that starts at a stored execution replays a failure: record its steps.
    let ((outcome, executions), mut trace) = if replaying {
        crate::trace::recording(|| explore(None))
    } else {
        (explore(None), Default::default())
    };
    let Err(payload) = outcome else {
        return Ok(executions);
    };
    // A deadlock is told as the threads and the calls they are blocked in.
    let mut message = deadlock::explain(panic_message(&*payload));
    let deadlocked = message.starts_with(deadlock::DEADLOCK);

    // loom's exploration is deterministic: the second run fails at the same execution.
    let mut recorded = replaying;
    let file = (replayable && !replaying)
        .then(|| replay_file(test, "loom.json"))
        .flatten();
    let replay = match file {
        _ if !replayable => Replay::Unavailable("none: a shrinking run".to_string()),
        Some(file) => {
            let _ = std::fs::remove_file(&file);
            // The last execution of this second exploration is the failing one: record it.
            let ((again, _), steps) = crate::trace::recording(|| explore(Some(&file)));
            (trace, recorded) = (steps, true);
            if let Err(payload) = again
                && deadlocked
            {
                // The same deadlock, told with this run's addresses, which the trace shows.
                message = deadlock::explain(panic_message(&*payload));
            }
            Replay::Loom {
                checkpoint: Some(file),
                rerun: Rerun::of(test),
            }
        }
        // Replaying already, or no file could be made.
        None => Replay::Loom {
            checkpoint: None,
            rerun: Rerun::of(test),
        },
    };
    if deadlocked && recorded {
        // The trace ends with the call each blocked thread is blocked in.
        trace.steps.extend(deadlock::blocked_steps());
    }
    Err(Failure {
        checker,
        message,
        executions,
        replay,
        trace: Some(trace).filter(|t| !t.is_empty()),
    })
}
