//! [`Case`]: one property, applied to one type, under one checker with one budget.

use std::fmt;
use std::sync::Arc;

use super::{Checker, Failure, Report};
use crate::Family;

/// Runs a case inside the test named by the argument (which goes into replay commands).
type Runner = Arc<dyn Fn(&str) -> Result<Report, Failure> + Send + Sync>;

/// One property applied to one type under one checker with one budget: `lock::tas::loom`
/// runs the `exclusion` property on `TasLock` under loom at preemption bound 2.
///
/// Cases are data: synclab's own cases (`synclab::cases::all()`), a conformance suite's
/// checks and the gallery's planted bugs are lists of them, and every runner (`cargo
/// test`, `synclab check`, the report, the matrix) expands the same lists.
///
/// ```
/// use synclab::check::{Case, Checker};
/// use synclab::Family;
///
/// let case = Case::new("doc::stress", Family::Counter, Checker::Stress { iterations: 3 }, || {
///     assert_eq!(1 + 1, 2);
/// });
/// assert_eq!(case.run().unwrap().executions, 3);
/// ```
#[derive(Clone)]
pub struct Case {
    name: String,
    family: Family,
    checker: Checker,
    run: Runner,
}

impl Case {
    /// A case that runs `scenario` under `checker` as it is; a failure is reported as
    /// found (see [`check::run`](super::run)).
    pub fn new<F>(name: impl Into<String>, family: Family, checker: Checker, scenario: F) -> Self
    where
        F: Fn() + Send + Sync + Clone + 'static,
    {
        let run = move |test: &str| super::run(test, checker, scenario.clone());
        Self::custom(name, family, checker, run)
    }

    /// A case whose failure is shrunk (see [`run_shrinking`](super::run_shrinking)):
    /// `scenario(programs)` builds the closure to check from per-thread programs.
    pub fn shrinking<P, S, B>(
        name: impl Into<String>,
        family: Family,
        checker: Checker,
        programs: Vec<Vec<P>>,
        scenario: B,
    ) -> Self
    where
        P: Clone + fmt::Debug + Send + Sync + 'static,
        B: Fn(Vec<Vec<P>>) -> S + Send + Sync + 'static,
        S: Fn() + Send + Sync + 'static,
    {
        let run = move |test: &str| {
            super::run_shrinking(test, checker, programs.clone(), &scenario)
                .map_err(|shrunk| Failure::from(*shrunk))
        };
        Self::custom(name, family, checker, run)
    }

    /// A case with a runner of its own (a proptest property, say): `run(test)` runs it
    /// inside the test named `test`. `checker` says what kind of checker it is (a
    /// proptest runs on real threads: [`Checker::Stress`]).
    pub fn custom<R>(name: impl Into<String>, family: Family, checker: Checker, run: R) -> Self
    where
        R: Fn(&str) -> Result<Report, Failure> + Send + Sync + 'static,
    {
        Case {
            name: name.into(),
            family,
            checker,
            run: Arc::new(run),
        }
    }

    /// Its name: `family::primitive::checker` for synclab's own cases,
    /// `suite::property::checker` in a conformance suite.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The family of the primitive it checks.
    pub fn family(&self) -> Family {
        self.family
    }

    /// The checker and budget it runs with (before environment overrides).
    pub fn checker(&self) -> Checker {
        self.checker
    }

    /// Runs it as the test named after it (environment overrides apply).
    pub fn run(&self) -> Result<Report, Failure> {
        self.run_as(&self.name)
    }

    /// Runs it inside the test `test`, whose name goes into the replay command.
    pub fn run_as(&self, test: &str) -> Result<Report, Failure> {
        (self.run)(test)
    }

    /// [`run`](Self::run), panicking with the failure and its replay command.
    pub fn assert_passes(&self) -> Report {
        self.run()
            .unwrap_or_else(|failure| panic!("{}: {failure}", self.name))
    }
}

impl fmt::Debug for Case {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Case")
            .field("name", &self.name)
            .field("family", &self.family)
            .field("checker", &self.checker)
            .finish_non_exhaustive()
    }
}
