//! The check harness: run one scenario under a named checker, and say how to replay a
//! failure.
//!
//! | checker | what it explores | sees memory-ordering bugs | replay |
//! |---|---|---|---|
//! | [`Checker::Loom`] | every interleaving and every C11-permitted reordering, up to a preemption bound | yes | loom checkpoint file + `LOOM_LOG` |
//! | [`Checker::ShuttleRandom`] | random schedules | no (sequential consistency) | schedule string |
//! | [`Checker::ShuttlePct`] | PCT: random priorities with `depth - 1` priority changes | no | schedule string |
//! | [`Checker::Stress`] | whatever the OS and hardware do, many times | only what the CPU does | none: rerun |
//!
//! [`run_shrinking`] runs a scenario built from per-thread programs and, when it fails,
//! shrinks the programs to the fewest threads and operations that still fail.
//!
//! The scenario closure must be compiled against the matching runtime: code from
//! `synclab::loom::*` under `Loom`, from `synclab::shuttle::*` under the shuttle checkers,
//! and from the std crate root under `Stress`.
//!
//! ## Environment overrides
//! | variable | effect |
//! |---|---|
//! | `SYNCLAB_ITERATIONS` | shuttle and stress iterations |
//! | `SYNCLAB_PREEMPTION_BOUND` | loom preemption bound |
//! | `SYNCLAB_PCT_DEPTH` | shuttle PCT depth |
//! | `SYNCLAB_SEED` | shuttle seed (default: a fixed seed, so CI is reproducible) |
//! | `SYNCLAB_REPLAY` | replay this shuttle schedule (string, or a file holding it) instead of exploring |
//! | `SYNCLAB_SHRINK_RUNS` | the most extra runs [`run_shrinking`] makes (default [`MAX_SHRINK_RUNS`]; `0`: no shrinking) |
//!
//! ```
//! use synclab::check::{self, Checker};
//! use synclab::counter::{scenario, scenario::Op, AtomicCounter};
//!
//! let report = check::run("doc::atomic::stress", Checker::Stress { iterations: 10 }, || {
//!     let programs = scenario::uniform(2, &[Op::FetchAdd(1), Op::Get]);
//!     scenario::run(AtomicCounter::new(), &programs).unwrap();
//! })
//! .unwrap();
//! assert_eq!(report.executions, 10);
//! ```

#[cfg(feature = "loom")]
mod loom;
mod shrink;
#[cfg(feature = "shuttle")]
mod shuttle;

pub use shrink::{MAX_SHRINK_RUNS, Shrunk, run_shrinking};

use std::fmt;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::time::{Duration, Instant};

/// A checker and its budget.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Checker {
    /// loom: exhaustive up to `preemption_bound` preemptions per execution (feature `loom`).
    Loom {
        /// How many times a thread may be preempted in one execution.
        preemption_bound: usize,
    },
    /// shuttle's random scheduler (feature `shuttle`).
    ShuttleRandom {
        /// Executions to run.
        iterations: usize,
    },
    /// shuttle's PCT scheduler (feature `shuttle`).
    ShuttlePct {
        /// Executions to run.
        iterations: usize,
        /// Bug depth: PCT makes `depth - 1` priority changes. A lost update needs 2.
        depth: usize,
    },
    /// Run the scenario on real std threads, `iterations` times.
    Stress {
        /// Executions to run.
        iterations: usize,
    },
}

impl Checker {
    /// The checker's short name, as used in test names: `loom`, `shuttle_random`,
    /// `shuttle_pct`, `stress`.
    pub fn name(&self) -> &'static str {
        match self {
            Checker::Loom { .. } => "loom",
            Checker::ShuttleRandom { .. } => "shuttle_random",
            Checker::ShuttlePct { .. } => "shuttle_pct",
            Checker::Stress { .. } => "stress",
        }
    }

    /// This checker with the `SYNCLAB_*` environment overrides applied.
    pub fn with_env_overrides(self) -> Self {
        let var = |name: &str| std::env::var(name).ok().and_then(|v| v.trim().parse().ok());
        let iterations = var("SYNCLAB_ITERATIONS");
        match self {
            Checker::Loom { preemption_bound } => Checker::Loom {
                preemption_bound: var("SYNCLAB_PREEMPTION_BOUND").unwrap_or(preemption_bound),
            },
            Checker::ShuttleRandom { iterations: i } => Checker::ShuttleRandom {
                iterations: iterations.unwrap_or(i),
            },
            Checker::ShuttlePct {
                iterations: i,
                depth,
            } => Checker::ShuttlePct {
                iterations: iterations.unwrap_or(i),
                depth: var("SYNCLAB_PCT_DEPTH").unwrap_or(depth),
            },
            Checker::Stress { iterations: i } => Checker::Stress {
                iterations: iterations.unwrap_or(i),
            },
        }
    }
}

impl fmt::Display for Checker {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Checker::Loom { preemption_bound } => {
                write!(f, "loom (preemption bound {preemption_bound})")
            }
            Checker::ShuttleRandom { iterations } => {
                write!(f, "shuttle random ({iterations} iterations)")
            }
            Checker::ShuttlePct { iterations, depth } => {
                write!(f, "shuttle PCT (depth {depth}, {iterations} iterations)")
            }
            Checker::Stress { iterations } => write!(f, "std stress ({iterations} iterations)"),
        }
    }
}

/// A passing run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// The checker, after environment overrides.
    pub checker: Checker,
    /// How many executions ran (loom: interleavings explored).
    pub executions: usize,
    /// Wall time.
    pub elapsed: Duration,
}

/// A failing run: what broke, and how to see it again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// The checker, after environment overrides.
    pub checker: Checker,
    /// The panic message of the failing execution.
    pub message: String,
    /// How many executions ran, the failing one included.
    pub executions: usize,
    /// How to replay the failing execution: environment and command.
    pub replay: String,
    /// The failing execution step by step, when a model checker replayed it with recording
    /// on (loom and shuttle; `None` for stress runs and shrinking attempts).
    pub trace: Option<crate::trace::Trace>,
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{} found a failure in execution {}:",
            self.checker, self.executions
        )?;
        writeln!(f, "  {}", self.message.replace('\n', "\n  "))?;
        if let Some(trace) = &self.trace {
            writeln!(
                f,
                "the failing execution, step by step, up to the failure:\n{trace}"
            )?;
        }
        write!(f, "replay: {}", self.replay)
    }
}

impl std::error::Error for Failure {}

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
/// many runs that shrinking makes, whose failures are never replayed.
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
    let checker = checker.with_env_overrides();
    let start = Instant::now();
    let executions = match checker {
        Checker::Loom { preemption_bound } => {
            run_loom(test, checker, preemption_bound, None, replayable, scenario)?
        }
        Checker::ShuttleRandom { .. } | Checker::ShuttlePct { .. } => {
            let replay = std::env::var("SYNCLAB_REPLAY").ok().filter(|_| replayable);
            run_shuttle(test, checker, replay.as_deref(), scenario)?
        }
        Checker::Stress { iterations } => stress(test, checker, iterations, scenario)?,
    };
    Ok(Report {
        checker,
        executions,
        elapsed: start.elapsed(),
    })
}

/// Replays one shuttle `schedule` (as printed in a [`Failure`]'s replay command) instead
/// of exploring: what `SYNCLAB_REPLAY` does for [`run`].
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
    let executions = run_shuttle(test, checker, Some(schedule), scenario)?;
    Ok(Report {
        checker,
        executions,
        elapsed: start.elapsed(),
    })
}

/// Replays a loom failure from the checkpoint file named in its replay command: loom
/// starts at the stored (failing) execution instead of the first one. What
/// `LOOM_CHECKPOINT_FILE` does for [`run`].
pub fn replay_loom<F>(
    test: &str,
    checker: Checker,
    checkpoint: &std::path::Path,
    scenario: F,
) -> Result<Report, Failure>
where
    F: Fn() + Send + Sync + 'static,
{
    let Checker::Loom { preemption_bound } = checker else {
        panic!("replay_loom needs a loom checker, got {checker}");
    };
    let start = Instant::now();
    let executions = run_loom(
        test,
        checker,
        preemption_bound,
        Some(checkpoint),
        true,
        scenario,
    )?;
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

thread_local! {
    /// Set by [`with_replay_key`]: what tells one check's replay files from another's.
    static REPLAY_KEY: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
    /// Set by [`with_replay_command`]: the command a replay line ends with.
    static REPLAY_COMMAND: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
    /// Set by [`with_seed`]: the shuttle seed, ahead of `SYNCLAB_SEED`.
    static SEED: std::cell::Cell<Option<u64>> = const { std::cell::Cell::new(None) };
}

/// Runs `f` (which runs checks) with shuttle's seed set to `seed`, ahead of
/// `SYNCLAB_SEED`: how `synclab matrix` repeats a check over several seeds.
pub fn with_seed<R>(seed: u64, f: impl FnOnce() -> R) -> R {
    let previous = SEED.replace(Some(seed));
    let result = f();
    SEED.set(previous);
    result
}

/// The shuttle seed that [`with_seed`] set, if any.
#[cfg_attr(not(feature = "shuttle"), allow(dead_code))]
pub(crate) fn seed_override() -> Option<u64> {
    SEED.get()
}

/// Runs `f` (which runs checks) with replay lines that end in `command` instead of
/// `cargo test -- --exact TEST`: a failure found outside `cargo test` (by `synclab demo`,
/// say) says how to replay it with the command that found it.
pub fn with_replay_command<R>(command: &str, f: impl FnOnce() -> R) -> R {
    let previous = REPLAY_COMMAND.replace(Some(command.to_string()));
    let result = f();
    REPLAY_COMMAND.set(previous);
    result
}

/// The command that reruns `test`: `cargo test -- --exact TEST`, or what
/// [`with_replay_command`] set.
pub(crate) fn rerun_command(test: &str) -> String {
    REPLAY_COMMAND
        .with(|c| c.borrow().clone())
        .unwrap_or_else(|| format!("cargo test -- --exact {test}"))
}

/// Runs `f` (which runs checks) with replay files named after `key` as well as the test:
/// a conformance suite runs several loom checks inside one `#[test]`, and each failing
/// one needs its own checkpoint file.
#[cfg_attr(not(feature = "conformance"), allow(dead_code))]
pub(crate) fn with_replay_key<R>(key: &str, f: impl FnOnce() -> R) -> R {
    let previous = REPLAY_KEY.with(|k| k.replace(Some(key.to_string())));
    let result = f();
    REPLAY_KEY.with(|k| *k.borrow_mut() = previous);
    result
}

/// The file name (without extension) of `test`'s replay file: `a::b` becomes `a-b`, and
/// a [`with_replay_key`] key is appended.
#[cfg_attr(not(feature = "loom"), allow(dead_code))]
pub(crate) fn replay_file_stem(test: &str) -> String {
    let key = REPLAY_KEY.with(|k| k.borrow().clone());
    let name = match key {
        Some(key) => format!("{test}--{key}"),
        None => test.to_string(),
    };
    name.replace("::", "-")
}

/// The message inside a panic payload.
pub(crate) fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "a panic with a non-string payload".to_string()
    }
}

fn stress<F: Fn()>(
    test: &str,
    checker: Checker,
    iterations: usize,
    scenario: F,
) -> Result<usize, Failure> {
    for i in 1..=iterations {
        if let Err(payload) = catch_unwind(AssertUnwindSafe(&scenario)) {
            return Err(Failure {
                checker,
                message: panic_message(&*payload),
                executions: i,
                replay: format!(
                    "a stress failure depends on timing; rerun `{}` \
                     (raise SYNCLAB_ITERATIONS to make it likelier)",
                    rerun_command(test)
                ),
                trace: None,
            });
        }
    }
    Ok(iterations)
}

#[cfg(feature = "loom")]
use self::loom::run_loom;

#[cfg(not(feature = "loom"))]
fn run_loom<F>(
    _: &str,
    checker: Checker,
    _: usize,
    _: Option<&std::path::Path>,
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

#[cfg(not(all(feature = "loom", feature = "shuttle")))]
fn unavailable(checker: Checker, feature: &str) -> Failure {
    Failure {
        checker,
        message: format!("synclab was built without the `{feature}` feature"),
        executions: 0,
        replay: format!("enable the feature: synclab = {{ features = [\"{feature}\"] }}"),
        trace: None,
    }
}
