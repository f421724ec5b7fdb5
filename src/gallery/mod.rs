//! The planted-bug gallery: every planted bug, the scenario that exposes it in each
//! runtime, its fixed twin, and which checker the docs claim finds it.
//!
//! Each bug lives next to the reference implementation it breaks (`counter::planted`,
//! `lock::planted`, `map::planted`, `pool::planted`), with a doc comment that says what is
//! wrong, what goes wrong, and which line of the correct version prevents it. This module
//! only lists them as data, so that one list serves `synclab demo` ([`demo`]), `synclab
//! matrix` (the sensitivity matrix in `docs/gallery.md`, kept there by [`docs`]) and the
//! tests that pin every verdict the docs claim (`models/tests/gallery.rs`).
//!
//! Available with features `loom` and `shuttle`.

mod bugs;
pub mod demo;
pub mod docs;
mod matrix;

pub use bugs::{LockOnce, all};
pub use matrix::{Cell, Matrix, Row};

use crate::check::{self, Checker, Failure, Report};

/// What kind of bug: one any schedule explorer can find, or one that only a checker of
/// the C11 memory model sees.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A bad interleaving: visible under sequential consistency.
    Interleaving,
    /// A missing happens-before (Relaxed where Acquire/Release is needed): invisible under
    /// sequential consistency, so only loom (and real weak-memory hardware) can show it.
    Ordering,
}

impl Kind {
    /// `interleaving` or `ordering`.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Interleaving => "interleaving",
            Kind::Ordering => "ordering",
        }
    }
}

/// A column of the sensitivity matrix: a checker with its budget.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    /// The column's name in the matrix and its JSON: `loom`, `shuttle_pct_d2`, ...
    pub name: &'static str,
    /// The checker (for shuttle, the seed varies per run of the matrix).
    pub checker: Checker,
}

/// Executions each shuttle and stress cell may spend looking for the bug.
pub const BUDGET: usize = 1000;

/// The loom preemption bound of every gallery model. Bound 3: every bug here needs at
/// most three preemptions (a lost wakeup needs three: see `suite::lock`), and the
/// scenarios are two or three threads with one or two operations each, so loom
/// explores them completely at this bound in well under a second.
pub const LOOM_BOUND: usize = 3;

/// The seeds that every shuttle cell of the matrix runs with (the first is the harness's
/// default seed): a cell is found with `k` of them.
pub const SEEDS: [u64; 5] = [0x5EED_CAFE, 1, 2, 3, 4];

/// The matrix's columns, in order.
pub const COLUMNS: [Column; 6] = [
    Column {
        name: "loom",
        checker: Checker::Loom {
            preemption_bound: LOOM_BOUND,
        },
    },
    Column {
        name: "shuttle_random",
        checker: Checker::ShuttleRandom { iterations: BUDGET },
    },
    Column {
        name: "shuttle_pct_d1",
        checker: Checker::ShuttlePct {
            iterations: BUDGET,
            depth: 1,
        },
    },
    Column {
        name: "shuttle_pct_d2",
        checker: Checker::ShuttlePct {
            iterations: BUDGET,
            depth: 2,
        },
    },
    Column {
        name: "shuttle_pct_d3",
        checker: Checker::ShuttlePct {
            iterations: BUDGET,
            depth: 3,
        },
    },
    Column {
        name: "stress",
        checker: Checker::Stress { iterations: BUDGET },
    },
];

/// What the docs claim a checker does with a bug; the tests assert every claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Claim {
    /// Found within [`BUDGET`] executions, with every seed of [`SEEDS`].
    Found,
    /// Found with none of the seeds (`docs/gallery.md` says why each miss happens).
    Missed,
    /// Not claimed either way (stress: it depends on the hardware and the load).
    Unclaimed,
    /// The checker does not run this scenario: std stress and Miri run only bugs that are
    /// safe to run for real (see [`Bug::stress`]); loom does not run the two bugs that end
    /// in a deadlock, because loom 0.7 reports a deadlock by panicking inside its
    /// scheduler and the unwinding then drops loom objects (an `Arc`, a guard) with no
    /// active thread, which aborts the whole process.
    NotRun,
}

/// One planted bug.
#[derive(Debug, Clone, Copy)]
pub struct Bug {
    /// Its name: `synclab demo NAME`.
    pub name: &'static str,
    /// `counter`, `lock` or `map`.
    pub family: &'static str,
    /// Interleaving or memory-ordering bug.
    pub kind: Kind,
    /// The planted type or scenario, as a Rust path.
    pub planted: &'static str,
    /// What is wrong, in one line.
    pub what: &'static str,
    /// The line of the correct version that prevents it.
    pub fix: &'static str,
    /// The scenario compiled against loom; `None` where loom cannot report the failure
    /// (see [`Claim::NotRun`]).
    pub loom: Option<fn()>,
    /// The scenario compiled against shuttle.
    pub shuttle: fn(),
    /// The scenario on real threads, if it is safe to run there: not for bugs that would
    /// be a real data race (their types refuse to exist outside a model checker) or a
    /// real hang (a deadlock that only a model checker can report).
    pub stress: Option<fn()>,
    /// The fixed twin under loom; `None` where loom cannot afford it (see `lock_barging`).
    pub fixed_loom: Option<fn()>,
    /// The fixed twin under shuttle.
    pub fixed_shuttle: fn(),
    /// What the docs claim, per column of [`COLUMNS`].
    pub claims: [Claim; 6],
    /// What the docs claim Miri does with the [`stress`](Bug::stress) scenario (asserted
    /// by `tests/gallery.rs` under `cargo miri test`, which CI runs).
    pub miri: Claim,
}

impl Bug {
    /// The scenario for `column`'s checker, if it can run it.
    pub fn scenario(&self, checker: Checker) -> Option<fn()> {
        match checker {
            Checker::Loom { .. } => self.loom,
            Checker::ShuttleRandom { .. } | Checker::ShuttlePct { .. } => Some(self.shuttle),
            Checker::Stress { .. } => self.stress,
        }
    }

    /// The fixed twin for `checker` (model checkers only).
    pub fn fixed(&self, checker: Checker) -> Option<fn()> {
        match checker {
            Checker::Loom { .. } => self.fixed_loom,
            Checker::ShuttleRandom { .. } | Checker::ShuttlePct { .. } => Some(self.fixed_shuttle),
            Checker::Stress { .. } => None,
        }
    }

    /// The checkers that the docs claim find it (`loom`, `shuttle_pct_d2`, ...).
    pub fn caught_by(&self) -> Vec<&'static str> {
        COLUMNS
            .iter()
            .zip(self.claims)
            .filter(|(_, claim)| *claim == Claim::Found)
            .map(|(column, _)| column.name)
            .collect()
    }

    /// The checker a demo uses by default: shuttle PCT (depth 3) for an interleaving bug,
    /// loom for an ordering bug.
    pub fn demo_checker(&self) -> Checker {
        match self.kind {
            Kind::Interleaving => COLUMNS[4].checker,
            Kind::Ordering => COLUMNS[0].checker,
        }
    }

    /// Runs the planted scenario under `checker`: `Ok` if the checker missed the bug.
    /// `None` if the checker cannot run it.
    pub fn check(&self, checker: Checker) -> Option<Result<Report, Failure>> {
        let scenario = self.scenario(checker)?;
        crate::suite::quiet_planned_panics();
        Some(check::run(&self.test_name(checker), checker, scenario))
    }

    /// The test that runs this bug under `checker`: `gallery::NAME::CHECKER`.
    pub fn test_name(&self, checker: Checker) -> String {
        format!("gallery::{}::{}", self.name, checker.name())
    }
}

/// Why `checker` does not run `bug` (see [`Claim::NotRun`]).
pub fn not_run_reason(bug: &Bug, checker: Checker) -> &'static str {
    match checker {
        Checker::Loom { .. } => {
            "the bug ends in a deadlock, which loom 0.7 reports by panicking in its scheduler; unwinding then drops loom objects with no active thread and aborts the process (shuttle reports it)"
        }
        Checker::Stress { .. } if bug.loom.is_none() => {
            "the bug ends in a deadlock, which would hang real threads: only a model checker can report it"
        }
        Checker::Stress { .. } => {
            "on real threads the bug would be a data race on the protected data (undefined behaviour): the planted type refuses to exist outside a model checker"
        }
        _ => "no scenario for this checker",
    }
}

/// The bug called `name`, if there is one.
pub fn find(name: &str) -> Option<Bug> {
    all().into_iter().find(|b| b.name == name)
}
