//! Running a scenario under loom, and recording the failing execution for replay.

use super::{Checker, Failure, panic_message};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Explores `scenario` with loom (from the execution stored in `replay`, if given); on
/// failure, unless the run is not `replayable` (a shrinking attempt), explores it again
/// writing a checkpoint after every execution, so that the checkpoint file ends up
/// holding the failing one.
pub(crate) fn run_loom<F>(
    test: &str,
    checker: Checker,
    bound: usize,
    replay: Option<&std::path::Path>,
    replayable: bool,
    scenario: F,
) -> Result<usize, Failure>
where
    F: Fn() + Send + Sync + 'static,
{
    let scenario = Arc::new(scenario);
    let explore = |checkpoint: Option<&PathBuf>| {
        let executions = Arc::new(AtomicUsize::new(0));
        // Builder::new reads loom's own LOOM_* variables (LOOM_LOG, LOOM_CHECKPOINT_FILE, ...).
        let mut builder = ::loom::model::Builder::new();
        builder.preemption_bound = Some(bound);
        if let Some(path) = checkpoint {
            builder.checkpoint_file = Some(path.clone());
            builder.checkpoint_interval = 1;
        } else if let Some(path) = replay {
            // Start at the execution stored in the checkpoint (`check::replay_loom`).
            builder.checkpoint_file = Some(path.to_path_buf());
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
                    scenario();
                })
            }))
        });
        (outcome, executions.load(Ordering::Relaxed))
    };

    // A run that starts at a stored execution replays a failure: record its steps.
    let replaying = replay.is_some() || std::env::var_os("LOOM_CHECKPOINT_FILE").is_some();
    let ((outcome, executions), mut trace) = if replaying {
        crate::trace::recording(|| explore(None))
    } else {
        (explore(None), Default::default())
    };
    let Err(payload) = outcome else {
        return Ok(executions);
    };
    let message = panic_message(&*payload);

    // Loom's exploration is deterministic: the second run fails at the same execution.
    let dir = std::env::temp_dir().join("synclab-replay");
    let file = dir.join(format!("{}.loom.json", super::replay_file_stem(test)));
    let replay = if !replayable {
        "none: a shrinking run".to_string()
    } else if replaying {
        format!(
            "LOOM_LOG=trace LOOM_LOCATION=1 {}",
            super::rerun_command(test)
        )
    } else if std::fs::create_dir_all(&dir).is_ok() {
        let _ = std::fs::remove_file(&file);
        // The last execution of this second exploration is the failing one: record it.
        trace = crate::trace::recording(|| explore(Some(&file))).1;
        format!(
            "LOOM_CHECKPOINT_FILE={} LOOM_LOG=trace LOOM_LOCATION=1 {}\n  \
             (the checkpoint starts loom at the failing execution; LOOM_LOG prints its every step)",
            file.display(),
            super::rerun_command(test)
        )
    } else {
        format!(
            "LOOM_LOG=trace LOOM_LOCATION=1 {}",
            super::rerun_command(test)
        )
    };
    Err(Failure {
        checker,
        message,
        executions,
        replay,
        trace: Some(trace).filter(|t| !t.is_empty()),
    })
}
