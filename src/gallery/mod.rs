//! The planted-bug gallery: every planted bug, the scenario that exposes it in each
//! runtime, its fixed twin, and which checker the docs claim finds it.
//!
//! Each bug lives next to the reference implementation it breaks (`counter::planted`,
//! `lock::planted`, `map::planted`, `pool::planted`, `collections::planted`), with a doc comment that says what is
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
mod verify;

pub use bugs::all;
pub use matrix::{Cell, Matrix, Row};
pub use verify::{verify_claim, verify_fixed};

use crate::Family;
use crate::check::budget::GALLERY;
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

/// The seeds that every shuttle cell of the matrix runs with: a cell is found with `k`
/// of them.
pub const SEEDS: [u64; 5] = crate::check::budget::GALLERY_SEEDS;

/// PCT at `depth` with the gallery's budget.
const fn pct(depth: usize) -> Checker {
    Checker::ShuttlePct {
        iterations: GALLERY.schedules,
        depth,
    }
}

/// The matrix's columns, in order: every checker at the gallery's budget
/// ([`GALLERY`]), PCT at three depths; shuttle's uniform random walk, its depth-first
/// search and the portfolio of shuttle schedulers (1,000 schedules of all its slots
/// together) came last, after stress.
pub const COLUMNS: [Column; 9] = [
    Column {
        name: "loom",
        checker: GALLERY.loom(),
    },
    Column {
        name: "shuttle_random",
        checker: GALLERY.shuttle_random(),
    },
    Column {
        name: "shuttle_pct_d1",
        checker: pct(1),
    },
    Column {
        name: "shuttle_pct_d2",
        checker: pct(2),
    },
    Column {
        name: "shuttle_pct_d3",
        checker: pct(3),
    },
    Column {
        name: "stress",
        checker: GALLERY.stress(),
    },
    Column {
        name: "shuttle_urw",
        checker: Checker::ShuttleUrw {
            iterations: GALLERY.schedules,
        },
    },
    Column {
        name: "shuttle_dfs",
        checker: Checker::ShuttleDfs {
            iterations: GALLERY.schedules,
        },
    },
    Column {
        name: "portfolio",
        checker: Checker::Portfolio {
            iterations: GALLERY.schedules,
            threads: 0,
        },
    },
];

/// What the docs claim a checker does with a bug; the tests assert every claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Claim {
    /// Found within the gallery's budget of executions, with every seed of [`SEEDS`].
    Found,
    /// Found with none of the seeds (`docs/gallery.md` says why each miss happens).
    Missed,
    /// Not claimed either way (stress: it depends on the hardware and the load).
    Unclaimed,
    /// The checker does not run this scenario: std stress and Miri run only bugs that are
    /// safe and cheap to run for real (see [`Flavours::std`] and [`not_run_reason`]).
    NotRun,
}

/// A scenario compiled once per runtime: `flavoured!(|f| { ... f::lock::... })` (in
/// `bugs.rs`) builds all three from one body.
#[derive(Debug, Clone, Copy)]
pub struct Flavours {
    /// Against loom; `None` where loom cannot afford it.
    pub loom: Option<fn()>,
    /// Against shuttle.
    pub shuttle: fn(),
    /// On real threads, if it is safe to run there: not for bugs that would be a real data
    /// race (their types refuse to exist outside a model checker).
    pub std: Option<fn()>,
}

impl Flavours {
    /// The same, without the std flavour: a scenario that may only run inside a model
    /// checker.
    pub const fn models_only(self) -> Self {
        Flavours { std: None, ..self }
    }

    /// The same, without the loom flavour.
    pub const fn without_loom(self) -> Self {
        Flavours { loom: None, ..self }
    }

    /// The flavour for `checker`.
    pub fn for_checker(&self, checker: Checker) -> Option<fn()> {
        match checker {
            Checker::Loom { .. } => self.loom,
            Checker::Stress { .. } => self.std,
            _ => Some(self.shuttle),
        }
    }
}

/// One planted bug.
#[derive(Debug, Clone, Copy)]
pub struct Bug {
    /// Its name: `synclab demo NAME`.
    pub name: &'static str,
    /// The family of the primitive it breaks.
    pub family: Family,
    /// Interleaving or memory-ordering bug.
    pub kind: Kind,
    /// The planted type or scenario, as a Rust path.
    pub planted: &'static str,
    /// What is wrong, in one line.
    pub what: &'static str,
    /// The line of the correct version that prevents it.
    pub fix: &'static str,
    /// What a checker that finds it reports: its failure message contains one of these
    /// (the broken property's own words, or loom's race report).
    pub symptoms: &'static [&'static str],
    /// The scenario that exposes it. A checker whose claim is [`Claim::NotRun`] does not
    /// run it, whatever flavours exist.
    pub planted_in: Flavours,
    /// The same scenario on the fixed twin (model checkers only).
    pub fixed_in: Flavours,
    /// What the docs claim, per column of [`COLUMNS`].
    pub claims: [Claim; 9],
    /// What the docs claim Miri does with the std flavour (asserted by `tests/gallery.rs`
    /// under `cargo miri test`, which CI runs).
    pub miri: Claim,
}

impl Bug {
    /// What the docs claim for `checker`'s column (the column of the same checker kind
    /// and budget), or [`Claim::Unclaimed`] for a checker that is not a column.
    pub fn claim(&self, checker: Checker) -> Claim {
        COLUMNS
            .iter()
            .zip(self.claims)
            .find(|(column, _)| column.checker == checker)
            .map_or(Claim::Unclaimed, |(_, claim)| claim)
    }

    /// The scenario for `checker`, if it runs this bug.
    pub fn scenario(&self, checker: Checker) -> Option<fn()> {
        let not_run = COLUMNS.iter().zip(self.claims).any(|(column, claim)| {
            column.checker.name() == checker.name() && claim == Claim::NotRun
        });
        if not_run {
            return None;
        }
        self.planted_in.for_checker(checker)
    }

    /// The fixed twin for `checker` (model checkers only).
    pub fn fixed(&self, checker: Checker) -> Option<fn()> {
        match checker {
            Checker::Stress { .. } => None,
            _ => self.fixed_in.for_checker(checker),
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
        Checker::Stress { .. } if bug.symptoms.contains(&"deadlock") => {
            "the bug ends in a deadlock: on real threads the stress watchdog reports it only after no run has finished for its stall bound (seconds, where a cell is milliseconds), and leaves the deadlocked threads parked; the model checkers report it at once"
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
