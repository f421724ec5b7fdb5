//! The check harness: run one scenario under a named [`Checker`], and say how to replay a
//! failure.
//!
//! The vocabulary, used the same way everywhere in synclab:
//!
//! * a **property** is a check body written once per family, generic over the family's
//!   trait and compiled once per runtime (`synclab::lock::checks::exclusion`): it spawns
//!   `rt` threads, runs their programs, and panics (or returns `Err`) on a violation;
//! * a **case** ([`Case`]) is a property applied to one type under one checker with one
//!   budget: `lock::tas::loom` runs `exclusion::<TasLock>` under loom at bound 2;
//! * a **suite** ([`Suite`]) is a list of cases run together: synclab's own cases
//!   (`synclab::cases::all()`), or a family's conformance suite for a downstream type.
//!
//! [`run`] runs one scenario; [`run_shrinking`] runs one built from per-thread programs
//! and, when it fails, shrinks the programs to the fewest threads and operations that
//! still fail. Budgets live in [`budget`], settings and environment overrides in
//! [`config`].
//!
//! The scenario closure must be compiled against the matching runtime: code from
//! `synclab::loom::*` under [`Checker::Loom`], from `synclab::shuttle::*` under the
//! shuttle checkers, and from the std crate root under [`Checker::Stress`].
//!
//! ```
//! use synclab::check::{self, Checker};
//! use synclab::counter::{checks, checks::Op, AtomicCounter};
//!
//! let report = check::run("doc::atomic::stress", Checker::Stress { iterations: 10 }, || {
//!     let programs = checks::uniform(2, &[Op::FetchAdd(1), Op::Get]);
//!     checks::run(AtomicCounter::new(), &programs).unwrap();
//! })
//! .unwrap();
//! assert_eq!(report.executions, 10);
//! ```

pub mod budget;
mod case;
mod checker;
pub mod config;
#[cfg(feature = "loom")]
mod loom;
mod os_threads;
mod outcome;
mod planned;
#[cfg(feature = "shuttle")]
pub mod portfolio;
#[cfg(feature = "shuttle")]
pub mod progress;
mod replay;
#[cfg(feature = "shuttle")]
mod schedulers;
mod shard;
mod shrink;
#[cfg(feature = "shuttle")]
mod shuttle;
mod stress;
mod suite;

pub use case::Case;
pub use checker::Checker;
pub use config::{with_replay_command, with_seed, without_replay};
pub use outcome::{Failure, MAX_MESSAGE_LINES, Report};
pub use planned::PlannedPanic;
pub use replay::{MAX_PRINTED_SCHEDULE, Replay, Rerun};
pub use shard::Shard;
pub use shrink::{Shrunk, run_shrinking};
pub use suite::{CaseOutcome, Suite, SuiteFailure, SuiteReport};

pub(crate) use config::with_replay_key;
pub(crate) use outcome::panic_message;
pub(crate) use planned::inside_checker;

use std::time::Instant;

/// Runs `scenario` under `checker` (after [`Checker::with_env_overrides`]).
///
/// `test` names the test (e.g. `counter::sharded::loom`); it goes into the replay command.
/// A panic anywhere in the scenario, in any of its threads, is a failure.
pub fn run<F>(test: &str, checker: Checker, scenario: F) -> Result<Report, Failure>
where
    F: Fn() + Send + Sync + 'static,
{
    run_with(test, checker, scenario, true)
}

/// [`run`] without the replay work (no loom checkpoint, no `SYNCLAB_REPLAY`): one of the
/// many runs that shrinking and the sensitivity matrix make, whose failures are never
/// replayed.
pub(crate) fn run_attempt<F>(test: &str, checker: Checker, scenario: F) -> Result<Report, Failure>
where
    F: Fn() + Send + Sync + 'static,
{
    run_with(test, checker, scenario, false)
}

fn run_with<F>(
    test: &str,
    checker: Checker,
    scenario: F,
    replayable: bool,
) -> Result<Report, Failure>
where
    F: Fn() + Send + Sync + 'static,
{
    let overrides = config::Overrides::current();
    let checker = checker.with_overrides(&overrides);
    let replaying = replayable && overrides.replaying();
    let start = Instant::now();
    let shard = overrides.shard.unwrap_or_default();
    let schedule = overrides.replay.filter(|_| replaying);
    let executions = inside_checker(|| match checker {
        // loom has no seed to split: the first shard runs it whole (see `Shard`).
        Checker::Loom { .. } if !shard.is_first() && !replaying => Ok(0),
        Checker::Loom { .. } => run_loom(test, checker, None, replayable, replaying, scenario),
        Checker::Portfolio { .. } if schedule.is_none() => {
            run_portfolio(test, checker, config::shuttle_seed(), shard, scenario)
        }
        Checker::Stress { iterations } => stress(test, checker, iterations, scenario),
        _ => run_shuttle(test, checker, schedule.as_deref(), scenario),
    })?;
    Ok(Report {
        checker,
        executions,
        elapsed: start.elapsed(),
    })
}

/// Replays one shuttle `schedule` (as a [`Failure`]'s [`Replay::schedule`] holds it)
/// instead of exploring: what `SYNCLAB_REPLAY` does for [`run`].
pub fn replay_shuttle<F>(
    test: &str,
    checker: Checker,
    schedule: &str,
    scenario: F,
) -> Result<Report, Failure>
where
    F: Fn() + Send + Sync + 'static,
{
    let start = Instant::now();
    let executions = inside_checker(|| run_shuttle(test, checker, Some(schedule), scenario))?;
    Ok(Report {
        checker,
        executions,
        elapsed: start.elapsed(),
    })
}

/// Replays a loom failure from its checkpoint file ([`Replay::checkpoint`]): loom starts
/// at the stored (failing) execution instead of the first one. What
/// `LOOM_CHECKPOINT_FILE` does for [`run`].
///
/// # Panics
/// If `checker` is not [`Checker::Loom`].
pub fn replay_loom<F>(
    test: &str,
    checker: Checker,
    checkpoint: &std::path::Path,
    scenario: F,
) -> Result<Report, Failure>
where
    F: Fn() + Send + Sync + 'static,
{
    assert!(
        matches!(checker, Checker::Loom { .. }),
        "replay_loom needs a loom checker, got {checker}"
    );
    let start = Instant::now();
    let executions =
        inside_checker(|| run_loom(test, checker, Some(checkpoint), true, true, scenario))?;
    Ok(Report {
        checker,
        executions,
        elapsed: start.elapsed(),
    })
}

/// [`run`], panicking with the failure (and its replay command) if there is one.
pub fn assert_passes<F>(test: &str, checker: Checker, scenario: F) -> Report
where
    F: Fn() + Send + Sync + 'static,
{
    match run(test, checker, scenario) {
        Ok(report) => report,
        Err(failure) => panic!("{test}: {failure}"),
    }
}

/// The name `cargo test` gives the test `test` written in the module `module` (as
/// `module_path!()` gives it: the crate's name first). Replay commands must use it.
///
/// ```
/// assert_eq!(
///     synclab::check::test_path("my_tests::conformance::counter", "loom"),
///     "conformance::counter::loom"
/// );
/// ```
pub fn test_path(module: &str, test: &str) -> String {
    match module.split_once("::") {
        Some((_, path)) => format!("{path}::{test}"),
        None => test.to_string(),
    }
}

use self::stress::stress;

#[cfg(feature = "loom")]
use self::loom::run_loom;

#[cfg(not(feature = "loom"))]
fn run_loom<F>(
    _: &str,
    checker: Checker,
    _: Option<&std::path::Path>,
    _: bool,
    _: bool,
    _: F,
) -> Result<usize, Failure> {
    Err(unavailable(checker, "loom"))
}

#[cfg(feature = "shuttle")]
use self::shuttle::run_shuttle;

#[cfg(not(feature = "shuttle"))]
fn run_shuttle<F>(_: &str, checker: Checker, _: Option<&str>, _: F) -> Result<usize, Failure> {
    Err(unavailable(checker, "shuttle"))
}

#[cfg(feature = "shuttle")]
use self::portfolio::run_portfolio;

#[cfg(not(feature = "shuttle"))]
fn run_portfolio<F>(_: &str, checker: Checker, _: u64, _: Shard, _: F) -> Result<usize, Failure> {
    Err(unavailable(checker, "shuttle"))
}

#[cfg(not(all(feature = "loom", feature = "shuttle")))]
fn unavailable(checker: Checker, feature: &str) -> Failure {
    Failure {
        checker,
        message: format!("synclab was built without the `{feature}` feature"),
        executions: 0,
        replay: Replay::Unavailable(format!(
            "enable the feature: synclab = {{ features = [\"{feature}\"] }}"
        )),
        trace: None,
    }
}
