//! `synclab demo`: one planted bug under one checker, set against what the docs claim
//! that checker does with it, then the fixed twin under the same checker.
//!
//! The command line only prints: which column a checker name means, the claim for the
//! checker as run, the outcome, whether it is the claimed one and why a checker misses or
//! does not run a bug are decided here.

use super::{Bug, COLUMNS, Claim, Column, Kind, all, find, not_run_reason};
use crate::check::{self, Checker, Failure, Report};
use std::fmt;

/// Why a bug missed by a checker that cannot see it: a memory-ordering bug under shuttle
/// or stress.
pub const ORDERING_MISS: &str = "it is a memory-ordering bug, and only loom models the C11 memory model (shuttle runs sequentially consistent executions only)";

/// Why a demo cannot start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DemoError {
    /// No planted bug has this name.
    UnknownBug(String),
    /// No checker (or matrix column) has this name.
    UnknownChecker(String),
}

impl fmt::Display for DemoError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DemoError::UnknownBug(name) => {
                let names: Vec<_> = all().iter().map(|b| b.name).collect();
                write!(
                    f,
                    "no planted bug named {name}; the bugs: {}",
                    names.join(", ")
                )
            }
            DemoError::UnknownChecker(name) => {
                let names: Vec<_> = COLUMNS.iter().map(|c| c.name).collect();
                write!(
                    f,
                    "no checker named {name}; the checkers: shuttle_pct (depth 3), {}",
                    names.join(", ")
                )
            }
        }
    }
}

impl std::error::Error for DemoError {}

/// The bugs called `names`, in gallery order; every bug for no names.
pub fn bugs_named(names: &[impl AsRef<str>]) -> Result<Vec<Bug>, DemoError> {
    if let Some(unknown) = names.iter().find(|n| find(n.as_ref()).is_none()) {
        return Err(DemoError::UnknownBug(unknown.as_ref().to_string()));
    }
    Ok(all()
        .into_iter()
        .filter(|b| names.is_empty() || names.iter().any(|n| n.as_ref() == b.name))
        .collect())
}

/// What the checker did with the planted bug.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// It found the bug: the failure, with its per-thread table and replay command.
    Found(Failure),
    /// It missed the bug in `report.executions` executions; `why` says why where the
    /// checker cannot see this kind of bug.
    Missed {
        /// The passing run.
        report: Report,
        /// [`ORDERING_MISS`] for a memory-ordering bug under a checker other than loom.
        why: Option<&'static str>,
    },
    /// The checker does not run this bug, for this reason (see [`Claim::NotRun`]).
    NotRun(&'static str),
}

/// A planted bug, the checker to run it under, and what the docs claim that checker does.
#[derive(Debug, Clone, Copy)]
pub struct Demo {
    /// The bug.
    pub bug: Bug,
    /// The matrix column the checker name means.
    pub column: Column,
    /// The column's checker after the `SYNCLAB_*` overrides: the one that runs.
    pub checker: Checker,
    /// What the docs claim for the checker as run (`SYNCLAB_PCT_DEPTH` may make it
    /// another column's checker; [`Claim::Unclaimed`] if it is none of them).
    pub claim: Claim,
}

impl Demo {
    /// The bug called `name` under `checker`: a column's name (`loom`, `shuttle_pct_d2`,
    /// ...), `shuttle_pct` for the depth-3 column, or `None` for the bug's
    /// [default](Bug::demo_checker).
    pub fn new(name: &str, checker: Option<&str>) -> Result<Demo, DemoError> {
        let bug = find(name).ok_or_else(|| DemoError::UnknownBug(name.to_string()))?;
        let column = match checker {
            None => COLUMNS.iter().find(|c| c.checker == bug.demo_checker()),
            Some("shuttle_pct") => COLUMNS.iter().find(|c| c.name == "shuttle_pct_d3"),
            Some(checker) => COLUMNS.iter().find(|c| c.name == checker),
        };
        let column = *column
            .ok_or_else(|| DemoError::UnknownChecker(checker.unwrap_or_default().to_string()))?;
        let checker = column.checker.with_env_overrides();
        let claim = COLUMNS
            .iter()
            .find(|c| c.checker.with_env_overrides() == checker)
            .map_or(Claim::Unclaimed, |c| bug.claim(c.checker));
        Ok(Demo {
            bug,
            column,
            checker,
            claim,
        })
    }

    /// The command that runs this demo again: what a failure's replay line ends with.
    pub fn command(&self) -> String {
        format!(
            "cargo run --release -- demo {} --checker {}",
            self.bug.name,
            self.checker.name()
        )
    }

    /// Runs the planted scenario under the checker.
    pub fn run(&self) -> Outcome {
        let outcome = check::with_replay_command(&self.command(), || self.bug.check(self.checker));
        match outcome {
            None => Outcome::NotRun(not_run_reason(&self.bug, self.checker)),
            Some(Err(failure)) => Outcome::Found(failure),
            Some(Ok(report)) => Outcome::Missed {
                report,
                why: (self.bug.kind == Kind::Ordering && self.checker.name() != "loom")
                    .then_some(ORDERING_MISS),
            },
        }
    }

    /// Whether `outcome` is what the docs claim: found if they claim found, missed if
    /// they claim missed, not run if they claim not run; anything for an unclaimed cell.
    pub fn as_claimed(&self, outcome: &Outcome) -> bool {
        matches!(
            (self.claim, outcome),
            (Claim::Unclaimed, _)
                | (Claim::Found, Outcome::Found(_))
                | (Claim::Missed, Outcome::Missed { .. })
                | (Claim::NotRun, Outcome::NotRun(_))
        )
    }

    /// Runs the fixed twin under the same checker, as the check
    /// `gallery::NAME::fixed`; `None` if no fixed twin runs under it (stress, or loom
    /// where it cannot afford one). A replay requested for the planted scenario
    /// (`SYNCLAB_REPLAY`, `LOOM_CHECKPOINT_FILE`) names its failing run, so the fixed twin
    /// explores from the start ([`check::without_replay`]).
    pub fn run_fixed(&self) -> Option<Result<Report, Failure>> {
        let fixed = self.bug.fixed(self.checker)?;
        let test = format!("gallery::{}::fixed", self.bug.name);
        Some(check::without_replay(|| {
            check::run(&test, self.checker, fixed)
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn demo(name: &str, checker: Option<&str>) -> Demo {
        Demo::new(name, checker).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn the_default_checker_is_pct_for_interleavings_and_loom_for_orderings() {
        assert_eq!(
            demo("counter_load_store", None).column.name,
            "shuttle_pct_d3"
        );
        assert_eq!(demo("once_relaxed_check", None).column.name, "loom");
        assert_eq!(
            demo("counter_load_store", Some("shuttle_pct")).column.name,
            "shuttle_pct_d3"
        );
        assert_eq!(
            demo("counter_load_store", Some("shuttle_pct_d1"))
                .column
                .name,
            "shuttle_pct_d1"
        );
    }

    #[test]
    fn the_claim_is_the_docs_claim_for_the_column() {
        // SYNCLAB_PCT_DEPTH makes the three PCT columns one checker (the first one's).
        if std::env::var_os("SYNCLAB_PCT_DEPTH").is_some() {
            return;
        }
        for bug in all() {
            for (column, claim) in COLUMNS.iter().zip(bug.claims) {
                assert_eq!(
                    demo(bug.name, Some(column.name)).claim,
                    claim,
                    "{}",
                    bug.name
                );
            }
        }
    }

    #[test]
    fn unknown_names_are_errors_that_list_the_known_ones() {
        let error = Demo::new("no_such_bug", None).unwrap_err();
        assert_eq!(error, DemoError::UnknownBug("no_such_bug".into()));
        assert!(error.to_string().contains("counter_load_store"));
        let error = Demo::new("counter_load_store", Some("valgrind")).unwrap_err();
        assert!(error.to_string().contains("shuttle_pct_d2"), "{error}");
    }

    #[test]
    fn bugs_named_keeps_gallery_order_and_rejects_unknown_names() {
        let names = |only: &[&str]| -> Vec<&str> {
            bugs_named(only).unwrap().iter().map(|b| b.name).collect()
        };
        assert_eq!(names(&[]).len(), all().len());
        assert_eq!(
            names(&["lock_relaxed_spin", "counter_load_store"]),
            ["counter_load_store", "lock_relaxed_spin"]
        );
        assert_eq!(
            bugs_named(&["counter_load_store", "typo"]).unwrap_err(),
            DemoError::UnknownBug("typo".into())
        );
    }

    #[test]
    fn as_claimed_compares_the_outcome_with_the_claim() {
        let mut demo = demo("counter_load_store", Some("loom"));
        let report = Report {
            checker: demo.checker,
            executions: 3,
            elapsed: Duration::ZERO,
        };
        let found = Outcome::Found(Failure {
            checker: demo.checker,
            message: "lost update".into(),
            executions: 1,
            replay: crate::check::Replay::Unavailable(String::new()),
            trace: None,
        });
        let missed = Outcome::Missed { report, why: None };
        let not_run = Outcome::NotRun("no scenario");
        let verdicts = |demo: &Demo| [&found, &missed, &not_run].map(|o| demo.as_claimed(o));
        demo.claim = Claim::Found;
        assert_eq!(verdicts(&demo), [true, false, false]);
        demo.claim = Claim::Missed;
        assert_eq!(verdicts(&demo), [false, true, false]);
        demo.claim = Claim::NotRun;
        assert_eq!(verdicts(&demo), [false, false, true]);
        demo.claim = Claim::Unclaimed;
        assert_eq!(verdicts(&demo), [true, true, true]);
    }

    /// A checker that cannot see a memory-ordering bug misses it, as the docs claim, and
    /// says why; the fixed twin passes.
    #[test]
    #[cfg_attr(miri, ignore)] // shuttle: far too slow interpreted
    fn a_documented_miss_is_as_claimed_and_explained() {
        let demo = demo("lock_relaxed_ticket", Some("shuttle_random"));
        assert_eq!(demo.claim, Claim::Missed);
        let outcome = demo.run();
        assert!(
            matches!(
                outcome,
                Outcome::Missed {
                    why: Some(ORDERING_MISS),
                    ..
                }
            ),
            "{outcome:?}"
        );
        assert!(demo.as_claimed(&outcome));
        demo.run_fixed().expect("a fixed twin").expect("it passes");
    }

    /// A checker that does not run a bug says why.
    #[test]
    fn a_checker_that_does_not_run_a_bug_says_why() {
        let demo = demo("lock_relaxed_spin", Some("stress"));
        assert_eq!(demo.claim, Claim::NotRun);
        let outcome = demo.run();
        assert_eq!(
            outcome,
            Outcome::NotRun(not_run_reason(&demo.bug, demo.checker))
        );
        assert!(demo.as_claimed(&outcome));
        assert!(demo.run_fixed().is_none(), "no fixed twin under stress");
    }
}
