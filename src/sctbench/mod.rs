//! SCTBench: synclab's checkers on a published set of small real concurrency bugs.
//!
//! The planted-bug gallery ([`gallery`](crate::gallery)) measures the checkers on bugs
//! that synclab's authors planted. SCTBench (Thomson, Donaldson and Betts, PPoPP 2014 and
//! TOPC 2016) is the set on which the field publishes schedules-to-first-bug: PCT, POS,
//! RFF (ASPLOS 2024) and SURW (ASPLOS 2025). Its concurrent-software programs are ported
//! here to Rust against `rt` (`synclab::shuttle::sctbench::*`, `synclab::loom::sctbench::*`,
//! one short file each), listed as data ([`all`]), and measured by [`measure`] under
//! every checker with one configuration for all programs ([`columns`]): `synclab
//! sctbench` prints the table beside the published numbers, and `docs/sctbench.md`
//! holds a full run.
//!
//! Where the comparison is exact and where not: the published tools switch threads at
//! every memory access; loom and shuttle switch at synchronisation and atomic operations
//! only (a port keeps every unlocked shared access as an atomic access, so the points
//! that matter for the bug are all there, but there are fewer points around them).
//! Compare rankings and orders of magnitude, not exact counts.
//!
//! Available with features `loom` and `shuttle`.

mod measure;
mod table;

pub use measure::{
    Measured, OkTwin, json, markdown, measure, measure_all, trial_seed, verify_found, verify_ok,
};
pub use table::all;

use crate::check::Checker;
use crate::check::budget::SCTBENCH;
use crate::gallery::Flavours;
use std::fmt;

/// One ported program.
#[derive(Debug, Clone, Copy)]
pub struct Program {
    /// SCTBench's name, without `_bad`: `reorder_10`.
    pub name: &'static str,
    /// Where the C source was read (repository and folder).
    pub source: &'static str,
    /// The threads the program starts besides `main` (`main` joins them; in
    /// `bluetooth_driver` it also does work).
    pub threads: usize,
    /// Whether the bug is a deadlock (no assertion: the checker reports the deadlock).
    pub deadlock: bool,
    /// The bug, in one line.
    pub what: &'static str,
    /// The buggy program (SCTBench's `_bad`, or `_sat` for `din_phil`).
    pub bad: Flavours,
    /// The fixed twin (`_ok`, or `_unsat`), if SCTBench has one: it must never fail.
    pub ok: Option<Flavours>,
    /// The published means, where `../shared/design/CHECKER-ANCHORS.md` lists them.
    pub published: Option<Published>,
}

/// The published mean schedules to the first failure (SURW paper's data, budget 10,000,
/// 20 trials).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Published {
    /// SURW (selectively uniform random walk).
    pub surw: Pub,
    /// PCT at depth 3.
    pub pct3: Pub,
    /// POS (partial order sampling).
    pub pos: Pub,
    /// Plain random walk.
    pub random_walk: Pub,
}

/// One published cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pub {
    /// Found in all 20 trials, after this mean number of schedules.
    Mean(u32),
    /// Found in `.1` of 20 trials, after this mean.
    Partly(u32, u32),
    /// Found in none of 20 trials.
    Never,
}

impl Pub {
    /// The mean, if found at all.
    pub fn mean(self) -> Option<u32> {
        match self {
            Pub::Mean(m) | Pub::Partly(m, _) => Some(m),
            Pub::Never => None,
        }
    }
}

impl fmt::Display for Pub {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Pub::Mean(m) => write!(f, "{m}"),
            Pub::Partly(m, k) => write!(f, "{m} ({k}/20)"),
            Pub::Never => f.write_str("0/20"),
        }
    }
}

/// A column of the SCTBench table: a checker with its budget.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    /// The column's name in the table and its JSON: `shuttle_pct_d3`, `portfolio`, ...
    pub name: &'static str,
    /// The checker.
    pub checker: Checker,
}

/// The columns for a budget of `schedules` per run (per trial): the same checkers and
/// settings for every program. loom has no schedule budget: it explores at
/// [`SCTBENCH.loom_bound`](crate::check::budget::Budget::loom_bound) until it finds a
/// failure or has seen every execution; the portfolio's `schedules` are those of all its
/// slots together, on every core.
pub fn columns(schedules: usize) -> [Column; 7] {
    let iterations = schedules;
    [
        Column {
            name: "shuttle_random",
            checker: Checker::ShuttleRandom { iterations },
        },
        Column {
            name: "shuttle_pct_d3",
            checker: Checker::ShuttlePct {
                iterations,
                depth: SCTBENCH.pct_depth,
            },
        },
        Column {
            name: "shuttle_urw",
            checker: Checker::ShuttleUrw { iterations },
        },
        Column {
            name: "shuttle_urw_main_first",
            checker: Checker::ShuttleUrwMainFirst { iterations },
        },
        Column {
            name: "shuttle_dfs",
            checker: Checker::ShuttleDfs { iterations },
        },
        Column {
            name: "loom",
            checker: SCTBENCH.loom(),
        },
        Column {
            name: "portfolio",
            checker: Checker::Portfolio {
                iterations,
                threads: 0,
            },
        },
    ]
}

/// loom's limit on threads (`loom::MAX_THREADS`, the model's main thread included).
const LOOM_MAX_SPAWNED: usize = 4;

impl Program {
    /// Why loom runs neither this program nor its ok twin, or `None` if it runs them.
    pub fn loom_not_run(&self) -> Option<&'static str> {
        // A deadlock is reported in-process, as the loom facade survives loom's deadlock
        // panic (`rt_shared/deadlock.rs`): only the thread limit is left.
        (self.threads > LOOM_MAX_SPAWNED)
            .then_some("more threads than loom 0.7 models (4 besides the main thread)")
    }

    /// The scenario to run under `checker`: the bad version, or the ok twin; `None` if
    /// there is no such twin or the checker does not run it.
    pub fn scenario(&self, checker: Checker, ok: bool) -> Option<fn()> {
        if matches!(checker, Checker::Loom { .. }) && self.loom_not_run().is_some() {
            return None;
        }
        let flavours = if ok { self.ok? } else { self.bad };
        flavours.for_checker(checker)
    }

    /// What a failure of this program says: `deadlock` for a deadlock (shuttle's report),
    /// else the name of its file, which every assertion message starts with
    /// (`reorder_10` fails with `reorder: ...`). A failure that says something else is
    /// not the program's bug (a fault in synclab or in a scheduler), and
    /// [`measure`] reports it instead of counting it.
    pub fn symptom(&self) -> &'static str {
        if self.deadlock {
            return "deadlock";
        }
        let name = self.name.trim_end_matches(|c: char| c.is_ascii_digit());
        name.strip_suffix('_').unwrap_or(name)
    }

    /// The test that runs it under `column`: `sctbench::NAME::COLUMN`, and
    /// `sctbench::NAME_ok::COLUMN` for the ok twin.
    pub fn test_name(&self, column: &str, ok: bool) -> String {
        let twin = if ok { "_ok" } else { "" };
        format!("sctbench::{}{twin}::{column}", self.name)
    }
}

/// The program called `name`, if there is one.
pub fn find(name: &str) -> Option<Program> {
    all().into_iter().find(|p| p.name == name)
}
