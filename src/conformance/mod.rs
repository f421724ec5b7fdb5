//! Conformance suites: check *your* primitive the way synclab checks its own
//! (feature `conformance`).
//!
//! A suite is a list of checks of one family's contract — "`fetch_add` is linearizable",
//! "two threads are never inside the lock together" — each under one checker: loom,
//! shuttle PCT, shuttle random, std stress and proptest. You write your primitive once
//! against a facade module (`use super::rt;`), compile it three times, and hand the
//! three flavours of your type to the suite (a layout over two files, so not a doctest;
//! [`counter`] has a runnable example, and `examples/conformance/` is the whole crate):
//!
//! ```text
//! // src/lib.rs: the std flavour, what you ship
//! pub use synclab::rt;
//! #[path = "my_counter.rs"] pub mod my_counter;
//!
//! // tests/conformance.rs: the same file against loom and against shuttle
//! #[path = "."] // paths inside are relative to `tests/`
//! mod loom_flavour {
//!     pub use synclab::loom::rt;
//!     #[path = "../src/my_counter.rs"] pub mod my_counter;
//! }
//! #[path = "."] // paths inside are relative to `tests/`
//! mod shuttle_flavour {
//!     pub use synclab::shuttle::rt;
//!     #[path = "../src/my_counter.rs"] pub mod my_counter;
//! }
//!
//! #[test]
//! fn my_counter_conforms() {
//!     synclab::conformance::counter::<
//!         my_crate::my_counter::MyCounter,
//!         loom_flavour::my_counter::MyCounter,
//!         shuttle_flavour::my_counter::MyCounter,
//!     >()
//!     .run("my_counter_conforms")
//!     .unwrap(); // on failure: each failing check, its smallest scenario, a replay command
//! }
//! ```
//!
//! The scenario bodies the suites run are synclab's own check bodies (written once and
//! compiled per runtime, like your type), so the loom flavour of your type runs inside
//! `synclab::loom::*` code and so on. `examples/conformance/` is a complete downstream
//! crate doing exactly this, with a buggy counter the suite catches.
//!
//! ## Running and reading a suite
//! [`Suite::run`] runs every check (after a failure too: which checkers catch a bug is
//! worth knowing) and returns a [`SuiteReport`], or a [`SuiteFailure`] whose `Display`
//! (and `Debug`, so that `.unwrap()` prints it) shows, per failing check, the smallest
//! failing scenario that shrinking found, the failure (for a recorded history, the
//! lincheck explanation) and the command that replays it. [`Suite::only`] keeps some
//! checks, so that each checker can be its own `#[test]`; `SYNCLAB_CHECK=<part of a check
//! name>` does the same from the command line, which is how the replay commands pick the
//! failing check. Under Miri the loom and shuttle checks are skipped (they cannot run
//! there) and the std checks shrink themselves.
//!
//! | suite | checks |
//! |---|---|
//! | [`counter`] | `counter::linearizable::{loom, shuttle_pct, shuttle_random, stress, proptest}` |
//! | [`raw_lock`] | `lock::exclusion::{loom, shuttle_pct, shuttle_random, stress}`, `lock::linearizable::{loom, shuttle_pct, shuttle_random}`, `lock::sequential::proptest` |
//! | [`semaphore`] | `semaphore::bound::{loom, shuttle_pct, shuttle_random, stress}`, `semaphore::linearizable::{loom, shuttle_pct, shuttle_random}`, `semaphore::sequential::proptest` |
//! | [`map()`] | `map::{equals_sequential, panic_propagates}::{loom, shuttle_pct, shuttle_random, stress}`, `map::random_cases::proptest` |

mod counter;
mod lock;
mod map;

pub use counter::counter;
pub use lock::{raw_lock, semaphore};
pub use map::map;

use std::fmt;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use proptest::strategy::Strategy;
use proptest::test_runner::{Config, RngAlgorithm, TestCaseError, TestError, TestRng, TestRunner};

use crate::check::{self, Checker, Failure, Report};

/// Runs one check for the test named by the argument (which goes into replay commands).
type RunCheck = Box<dyn Fn(&str) -> Result<Report, Failure>>;

/// One check of a suite.
struct Check {
    /// `family::property::checker`, e.g. `counter::linearizable::loom`.
    name: String,
    /// The checker as configured (its budget may be overridden by the environment).
    checker: Checker,
    /// Whether the check runs on a model checker (loom or shuttle), which Miri cannot run.
    model: bool,
    run: RunCheck,
}

/// A conformance suite for one type: a list of named checks, built by a family function
/// such as [`counter`], run by [`run`](Self::run).
pub struct Suite {
    family: &'static str,
    checks: Vec<Check>,
}

impl fmt::Debug for Suite {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Suite")
            .field("family", &self.family)
            .field("checks", &self.names())
            .finish()
    }
}

impl Suite {
    pub(crate) fn new(family: &'static str) -> Self {
        Self {
            family,
            checks: Vec::new(),
        }
    }

    /// Adds a check whose failure is shrunk (see [`check::run_shrinking`]): `scenario`
    /// builds the closure to check from per-thread programs.
    pub(crate) fn shrinking<P, S, B>(
        &mut self,
        name: &str,
        checker: Checker,
        programs: Vec<Vec<P>>,
        scenario: B,
    ) where
        P: Clone + fmt::Debug + 'static,
        B: Fn(Vec<Vec<P>>) -> S + 'static,
        S: Fn() + Send + Sync + 'static,
    {
        let model = !matches!(checker, Checker::Stress { .. });
        let run = move |test: &str| {
            check::run_shrinking(test, checker, programs.clone(), &scenario)
                .map_err(|shrunk| Failure::from(*shrunk))
        };
        self.push(name, checker, model, Box::new(run));
    }

    /// Adds a check that runs as it is (std stress: a smaller scenario would rarely
    /// reproduce a timing-dependent failure, so it is not shrunk).
    pub(crate) fn plain<S>(&mut self, name: &str, checker: Checker, scenario: S)
    where
        S: Fn() + Send + Sync + Clone + 'static,
    {
        let model = !matches!(checker, Checker::Stress { .. });
        let run = move |test: &str| check::run(test, checker, scenario.clone());
        self.push(name, checker, model, Box::new(run));
    }

    /// Adds a check with its own runner (proptest).
    pub(crate) fn custom(&mut self, name: &str, checker: Checker, run: RunCheck) {
        self.push(name, checker, false, run);
    }

    fn push(&mut self, name: &str, checker: Checker, model: bool, run: RunCheck) {
        self.checks.push(Check {
            name: name.to_string(),
            checker,
            model,
            run,
        });
    }

    /// The names of the checks, in the order they run.
    pub fn names(&self) -> Vec<&str> {
        self.checks.iter().map(|c| c.name.as_str()).collect()
    }

    /// Keeps only the checks whose name contains `part` (`"loom"`, `"shuttle"`,
    /// `"linearizable::stress"`, ...), e.g. to give each checker its own `#[test]`.
    #[must_use]
    pub fn only(mut self, part: &str) -> Self {
        self.checks.retain(|c| c.name.contains(part));
        self
    }

    /// Runs every check; `test` is the name of the calling `#[test]` (as `cargo test`
    /// prints it), which goes into the replay commands.
    ///
    /// `SYNCLAB_CHECK=<part of a name>` runs only the matching checks; under Miri the
    /// loom and shuttle checks are skipped.
    ///
    /// # Errors
    /// A [`SuiteFailure`] if any check failed. It holds every outcome, passed ones too.
    pub fn run(&self, test: &str) -> Result<SuiteReport, SuiteFailure> {
        let filter = std::env::var("SYNCLAB_CHECK").ok();
        let mut report = SuiteReport {
            family: self.family,
            outcomes: Vec::new(),
            skipped: Vec::new(),
        };
        for check in &self.checks {
            if filter.as_deref().is_some_and(|f| !check.name.contains(f)) {
                continue;
            }
            if cfg!(miri) && check.model {
                report.skipped.push(check.name.clone());
                continue;
            }
            let result = check::with_replay_key(&check.name, || (check.run)(test));
            let result = result.map_err(|mut failure| {
                failure.replay = select_check(&failure.replay, &check.name);
                failure
            });
            report.outcomes.push(CheckOutcome {
                name: check.name.clone(),
                checker: check.checker,
                result,
            });
        }
        if report.passed() {
            Ok(report)
        } else {
            Err(SuiteFailure { report })
        }
    }

    /// [`run`](Self::run), panicking with the [`SuiteFailure`] if a check fails.
    pub fn assert_passes(&self, test: &str) -> SuiteReport {
        match self.run(test) {
            Ok(report) => report,
            Err(failure) => panic!("{test}: {failure}"),
        }
    }
}

/// Runs `body` on `cases` values of `strategy` through proptest, on std threads: the
/// `proptest` check of a suite. The seed is fixed, so a rerun sees the same cases, and
/// `SYNCLAB_ITERATIONS` sets the number of cases, as it sets every budget. A failing value
/// is shrunk by proptest and shown with `describe`.
pub(crate) fn proptest<V, St>(
    test: &str,
    cases: u32,
    strategy: St,
    describe: impl Fn(&V) -> String,
    body: impl Fn(V) -> Result<(), String>,
) -> Result<Report, Failure>
where
    St: Strategy<Value = V>,
{
    let checker = Checker::Stress {
        iterations: cases as usize,
    }
    .with_env_overrides();
    let Checker::Stress { iterations: cases } = checker else {
        unreachable!("overrides keep the checker kind")
    };
    let config = Config {
        cases: u32::try_from(cases).unwrap_or(u32::MAX),
        failure_persistence: None,
        ..Config::default()
    };
    let rng = TestRng::deterministic_rng(RngAlgorithm::ChaCha);
    let mut runner = TestRunner::new_with_rng(config, rng);
    let runs = AtomicUsize::new(0);
    let start = Instant::now();
    let outcome = runner.run(&strategy, |value| {
        runs.fetch_add(1, Ordering::Relaxed);
        body(value).map_err(TestCaseError::fail)
    });
    let executions = runs.load(Ordering::Relaxed);
    let message = match outcome {
        Ok(()) => {
            return Ok(Report {
                checker,
                executions,
                elapsed: start.elapsed(),
            });
        }
        Err(TestError::Fail(reason, value)) => format!(
            "proptest found a failing input and shrank it to:\n  {}\nIt fails with:\n  {}",
            describe(&value).replace('\n', "\n  "),
            reason.message().replace('\n', "\n  ")
        ),
        Err(TestError::Abort(reason)) => format!("proptest gave up: {}", reason.message()),
    };
    Err(Failure {
        checker,
        message,
        executions,
        replay: format!(
            "cargo test -- --exact {test} (the seed is fixed: the same cases run again)"
        ),
        trace: None,
    })
}

/// Per-thread programs, one line per thread: `thread 0: [FetchAdd(1), Get]`.
pub(crate) fn describe_programs<P: fmt::Debug>(programs: &[Vec<P>]) -> String {
    let lines: Vec<String> = programs
        .iter()
        .enumerate()
        .map(|(t, ops)| format!("thread {t}: {ops:?}"))
        .collect();
    lines.join("\n")
}

/// `SYNCLAB_CHECK=<check>` in front of every `cargo test` of a replay command, so that
/// the replay runs the failing check and nothing else.
fn select_check(replay: &str, check: &str) -> String {
    replay.replace("cargo test", &format!("SYNCLAB_CHECK={check} cargo test"))
}

/// The outcome of one check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckOutcome {
    /// `family::property::checker`, e.g. `counter::linearizable::loom`.
    pub name: String,
    /// The checker as configured by the suite (the report or failure holds the budget
    /// that actually ran, after environment overrides).
    pub checker: Checker,
    /// The report, or the failure (shrunk where the check shrinks).
    pub result: Result<Report, Failure>,
}

/// What a suite run did: one outcome per check that ran.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SuiteReport {
    /// The family: `counter`, ...
    pub family: &'static str,
    /// The checks that ran, in order.
    pub outcomes: Vec<CheckOutcome>,
    /// Checks skipped because they cannot run here (loom and shuttle under Miri).
    pub skipped: Vec<String>,
}

impl SuiteReport {
    /// Whether every check that ran passed.
    pub fn passed(&self) -> bool {
        self.outcomes.iter().all(|o| o.result.is_ok())
    }

    /// The failing checks: name and failure.
    pub fn failures(&self) -> impl Iterator<Item = (&str, &Failure)> {
        self.outcomes
            .iter()
            .filter_map(|o| o.result.as_ref().err().map(|f| (o.name.as_str(), f)))
    }

    /// Whether the check called `name` ran and failed.
    pub fn failed(&self, name: &str) -> bool {
        self.failures().any(|(n, _)| n == name)
    }

    /// Executions summed over all checks that ran.
    pub fn executions(&self) -> usize {
        self.outcomes
            .iter()
            .map(|o| match &o.result {
                Ok(report) => report.executions,
                Err(failure) => failure.executions,
            })
            .sum()
    }

    /// Wall time summed over the checks that passed.
    pub fn elapsed(&self) -> Duration {
        self.outcomes
            .iter()
            .filter_map(|o| o.result.as_ref().ok().map(|r| r.elapsed))
            .sum()
    }
}

impl fmt::Display for SuiteReport {
    /// One line per check: verdict, name, checker, executions (and time when it passed).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let failed = self.failures().count();
        writeln!(
            f,
            "{} suite: {} of {} checks passed",
            self.family,
            self.outcomes.len() - failed,
            self.outcomes.len()
        )?;
        let width = self
            .outcomes
            .iter()
            .map(|o| o.name.len())
            .max()
            .unwrap_or(0);
        for o in &self.outcomes {
            let line = match &o.result {
                Ok(r) => format!(
                    "  passed  {:width$}  {}, {} executions, {:.2} s",
                    o.name,
                    r.checker,
                    r.executions,
                    r.elapsed.as_secs_f64()
                ),
                Err(e) => format!(
                    "  FAILED  {:width$}  {}, failing execution {}",
                    o.name, e.checker, e.executions
                ),
            };
            writeln!(f, "{line}")?;
        }
        for name in &self.skipped {
            writeln!(f, "  skipped {name:width$}  (cannot run under Miri)")?;
        }
        Ok(())
    }
}

/// A suite run in which at least one check failed.
///
/// `Display` (and `Debug`, so that `.unwrap()` and a test returning `Result` print it
/// readably) shows each failure in full — the smallest failing scenario found, the
/// failure message (a recorded history's explanation) and the replay command — and then
/// the one-line summary of every check.
#[derive(Clone, PartialEq, Eq)]
pub struct SuiteFailure {
    /// Every outcome, passed checks included.
    pub report: SuiteReport,
}

impl SuiteFailure {
    /// Whether the check called `name` failed (i.e. caught the bug).
    pub fn caught_by(&self, name: &str) -> bool {
        self.report.failed(name)
    }
}

impl fmt::Display for SuiteFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (name, failure) in self.report.failures() {
            writeln!(f, "FAILED {name}: {failure}\n")?;
        }
        write!(f, "{}", self.report)
    }
}

impl fmt::Debug for SuiteFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl std::error::Error for SuiteFailure {}
