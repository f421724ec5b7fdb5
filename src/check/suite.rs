//! [`Suite`]: cases run together, with one report.

use std::fmt;
use std::time::Duration;

use super::config::Overrides;
use super::{Case, Checker, Failure, Report};

/// A list of [`Case`]s run together: synclab's own cases, or a family's conformance suite
/// for one type.
///
/// [`run`](Self::run) runs every case (after a failure too: which checkers catch a bug is
/// worth knowing) and returns a [`SuiteReport`], or a [`SuiteFailure`] whose `Display`
/// (and `Debug`, so that `.unwrap()` prints it) shows, per failing case, the smallest
/// failing scenario found, the failure and the command that replays it.
#[derive(Debug, Clone)]
pub struct Suite {
    name: String,
    cases: Vec<Case>,
}

impl Suite {
    /// An empty suite called `name` (`counter`, `lock`, ...).
    pub fn new(name: impl Into<String>) -> Self {
        Suite {
            name: name.into(),
            cases: Vec::new(),
        }
    }

    /// Its name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Adds a case at the end.
    pub fn push(&mut self, case: Case) {
        self.cases.push(case);
    }

    /// The cases, in the order they run.
    pub fn cases(&self) -> &[Case] {
        &self.cases
    }

    /// The cases' names, in the order they run.
    pub fn names(&self) -> Vec<&str> {
        self.cases.iter().map(Case::name).collect()
    }

    /// Keeps only the cases whose name contains `part` (`"loom"`, `"shuttle"`,
    /// `"linearizable::stress"`, ...), e.g. to give each checker its own `#[test]`.
    #[must_use]
    pub fn only(mut self, part: &str) -> Self {
        self.cases.retain(|c| c.name().contains(part));
        self
    }

    /// Runs every case inside the test `test` (as `cargo test` names it; it goes into the
    /// replay commands, each narrowed with `SYNCLAB_CHECK=<case>` to its case).
    ///
    /// `SYNCLAB_CHECK=<part of a name>` runs only the matching cases; under Miri the
    /// loom and shuttle cases are skipped.
    ///
    /// # Errors
    /// A [`SuiteFailure`] if any case failed. It holds every outcome, passed ones too.
    pub fn run(&self, test: &str) -> Result<SuiteReport, SuiteFailure> {
        let filter = Overrides::current().check;
        let mut report = SuiteReport {
            suite: self.name.clone(),
            outcomes: Vec::new(),
            skipped: Vec::new(),
        };
        for case in &self.cases {
            if filter.as_deref().is_some_and(|f| !case.name().contains(f)) {
                continue;
            }
            if cfg!(miri) && case.checker().is_model() {
                report.skipped.push(case.name().to_string());
                continue;
            }
            let result = super::with_replay_key(case.name(), || case.run_as(test));
            let result = result.map_err(|mut failure| {
                failure.replay = failure.replay.select_check(case.name());
                failure
            });
            report.outcomes.push(CaseOutcome {
                name: case.name().to_string(),
                checker: case.checker(),
                result,
            });
        }
        if report.passed() {
            Ok(report)
        } else {
            Err(SuiteFailure { report })
        }
    }

    /// [`run`](Self::run), panicking with the [`SuiteFailure`] if a case fails.
    pub fn assert_passes(&self, test: &str) -> SuiteReport {
        match self.run(test) {
            Ok(report) => report,
            Err(failure) => panic!("{test}: {failure}"),
        }
    }
}

impl IntoIterator for Suite {
    type Item = Case;
    type IntoIter = std::vec::IntoIter<Case>;

    fn into_iter(self) -> Self::IntoIter {
        self.cases.into_iter()
    }
}

impl Extend<Case> for Suite {
    fn extend<I: IntoIterator<Item = Case>>(&mut self, cases: I) {
        self.cases.extend(cases);
    }
}

/// The outcome of one case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseOutcome {
    /// The case's name, e.g. `counter::linearizable::loom`.
    pub name: String,
    /// The checker as the case configures it (the report or failure holds the budget
    /// that actually ran, after environment overrides).
    pub checker: Checker,
    /// The report, or the failure (shrunk where the case shrinks).
    pub result: Result<Report, Failure>,
}

/// What a suite run did: one outcome per case that ran.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SuiteReport {
    /// The suite's name: `counter`, ...
    pub suite: String,
    /// The cases that ran, in order.
    pub outcomes: Vec<CaseOutcome>,
    /// Cases skipped because they cannot run here (loom and shuttle under Miri).
    pub skipped: Vec<String>,
}

impl SuiteReport {
    /// Whether every case that ran passed.
    pub fn passed(&self) -> bool {
        self.outcomes.iter().all(|o| o.result.is_ok())
    }

    /// The failing cases: name and failure.
    pub fn failures(&self) -> impl Iterator<Item = (&str, &Failure)> {
        self.outcomes
            .iter()
            .filter_map(|o| o.result.as_ref().err().map(|f| (o.name.as_str(), f)))
    }

    /// Whether the case called `name` ran and failed.
    pub fn failed(&self, name: &str) -> bool {
        self.failures().any(|(n, _)| n == name)
    }

    /// Executions summed over all cases that ran.
    pub fn executions(&self) -> usize {
        self.outcomes
            .iter()
            .map(|o| match &o.result {
                Ok(report) => report.executions,
                Err(failure) => failure.executions,
            })
            .sum()
    }

    /// Wall time summed over the cases that passed.
    pub fn elapsed(&self) -> Duration {
        self.outcomes
            .iter()
            .filter_map(|o| o.result.as_ref().ok().map(|r| r.elapsed))
            .sum()
    }
}

impl fmt::Display for SuiteReport {
    /// One line per case: verdict, name, checker, executions (and time when it passed).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let failed = self.failures().count();
        writeln!(
            f,
            "{} suite: {} of {} checks passed",
            self.suite,
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
            match &o.result {
                Ok(r) => writeln!(
                    f,
                    "  passed  {:width$}  {}, {} executions, {:.2} s",
                    o.name,
                    r.checker,
                    r.executions,
                    r.elapsed.as_secs_f64()
                )?,
                Err(e) => writeln!(
                    f,
                    "  FAILED  {:width$}  {}, failing execution {}",
                    o.name, e.checker, e.executions
                )?,
            }
        }
        for name in &self.skipped {
            writeln!(f, "  skipped {name:width$}  (cannot run under Miri)")?;
        }
        Ok(())
    }
}

/// A suite run in which at least one case failed.
///
/// `Display` (and `Debug`, so that `.unwrap()` and a test returning `Result` print it
/// readably) shows each failure in full — the smallest failing scenario found, the
/// failure message (a recorded history's explanation) and the replay command — and then
/// the one-line summary of every case.
#[derive(Clone, PartialEq, Eq)]
pub struct SuiteFailure {
    /// Every outcome, passed cases included.
    pub report: SuiteReport,
}

impl SuiteFailure {
    /// Whether the case called `name` failed (i.e. caught the bug).
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
