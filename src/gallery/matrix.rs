//! The sensitivity matrix: every planted bug under every checker.

use super::{Bug, COLUMNS, Claim, Column, SEEDS};
use crate::check::{self, Checker};
use std::fmt::Write as _;

/// One cell: what one checker did with one bug, over [`SEEDS`] (shuttle) or as many
/// repeated runs (std stress); loom and shuttle's DFS are deterministic and run once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    /// Runs made: 0 if the checker does not run this bug.
    pub runs: usize,
    /// Runs that found the bug.
    pub found: usize,
    /// The median, over the runs that found it, of the executions up to and including the
    /// first failing one.
    pub median_executions: Option<usize>,
}

impl Cell {
    /// Measures `bug` under `column`'s checker (after the `SYNCLAB_*` overrides).
    pub fn measure(bug: &Bug, column: &Column) -> Cell {
        let Some(scenario) = bug.scenario(column.checker) else {
            return Cell {
                runs: 0,
                found: 0,
                median_executions: None,
            };
        };
        let runs = match column.checker {
            Checker::Loom { .. } | Checker::ShuttleDfs { .. } => 1,
            _ => SEEDS.len(),
        };
        let test = bug.test_name(column.checker);
        let mut executions: Vec<usize> = (0..runs)
            .filter_map(|run| {
                // No replay work: the matrix only counts.
                let outcome = check::with_seed(SEEDS[run], || {
                    check::run_attempt(&test, column.checker, scenario)
                });
                outcome.err().map(|failure| failure.executions)
            })
            .collect();
        executions.sort_unstable();
        Cell {
            runs,
            found: executions.len(),
            median_executions: executions.get(executions.len() / 2).copied(),
        }
    }

    /// Whether the checker ran and found the bug in some run; `None` if it did not run.
    pub fn verdict(&self) -> Option<bool> {
        (self.runs > 0).then_some(self.found > 0)
    }

    /// Whether the cell agrees with `claim`: `Found` means found in every run, `Missed` in
    /// none, `NotRun` not run at all.
    pub fn agrees_with(&self, claim: Claim) -> bool {
        match claim {
            Claim::Found => self.runs > 0 && self.found == self.runs,
            Claim::Missed => self.runs > 0 && self.found == 0,
            Claim::NotRun => self.runs == 0,
            Claim::Unclaimed => true,
        }
    }

    /// The markdown text: `found (3)` (found every run, median 3 executions),
    /// `found 2/5 (40)`, `missed`, `—` (not run).
    pub fn text(&self) -> String {
        match (self.runs, self.found, self.median_executions) {
            (0, _, _) => "—".to_string(),
            (_, 0, _) => "missed".to_string(),
            (runs, found, Some(median)) if found == runs => format!("found ({median})"),
            (runs, found, median) => format!("found {found}/{runs} ({})", median.unwrap_or(0)),
        }
    }
}

/// One bug's row.
#[derive(Debug, Clone)]
pub struct Row {
    /// The bug.
    pub bug: Bug,
    /// One cell per column of [`COLUMNS`].
    pub cells: Vec<Cell>,
}

/// The whole matrix.
#[derive(Debug, Clone)]
pub struct Matrix {
    /// One row per bug, in gallery order.
    pub rows: Vec<Row>,
}

impl Matrix {
    /// Measures every bug under every column; `progress(bug, column)` is called before
    /// each cell.
    pub fn measure(bugs: &[Bug], mut progress: impl FnMut(&Bug, &Column)) -> Matrix {
        let rows = bugs
            .iter()
            .map(|bug| Row {
                bug: *bug,
                cells: COLUMNS
                    .iter()
                    .map(|column| {
                        progress(bug, column);
                        Cell::measure(bug, column)
                    })
                    .collect(),
            })
            .collect();
        Matrix { rows }
    }

    /// The cells that contradict a claim of the docs: `(bug, column, cell text, claim)`.
    pub fn disagreements(&self) -> Vec<(&'static str, &'static str, String, Claim)> {
        let mut out = Vec::new();
        for row in &self.rows {
            for ((column, cell), claim) in COLUMNS.iter().zip(&row.cells).zip(row.bug.claims) {
                if !cell.agrees_with(claim) {
                    out.push((row.bug.name, column.name, cell.text(), claim));
                }
            }
        }
        out
    }

    /// The matrix as a markdown table, with the Miri column from the claims that
    /// `tests/gallery.rs` asserts under `cargo miri test`.
    pub fn markdown(&self) -> String {
        let mut out = String::from(
            "| bug | family | kind | loom | shuttle random | PCT d1 | PCT d2 | PCT d3 | std stress | URW | DFS | portfolio | Miri |\n\
             |---|---|---|---|---|---|---|---|---|---|---|---|---|\n",
        );
        for row in &self.rows {
            let bug = &row.bug;
            let _ = write!(
                out,
                "| `{}` | {} | {} |",
                bug.name,
                bug.family,
                bug.kind.name()
            );
            for cell in &row.cells {
                let _ = write!(out, " {} |", cell.text());
            }
            let miri = match bug.miri {
                Claim::Found => "found",
                Claim::Missed => "missed",
                Claim::NotRun | Claim::Unclaimed => "—",
            };
            let _ = writeln!(out, " {miri} |");
        }
        out
    }

    /// The matrix as one JSON object:
    /// `{"rows":[{"name","family","kind","planted","caught_by","checkers":{"loom":{"found",
    /// "median_executions","runs","found_runs"}, ...}}]}`; `found` is `null` for a checker
    /// that does not run the bug.
    pub fn json(&self) -> String {
        let rows: Vec<String> = self
            .rows
            .iter()
            .map(|row| {
                let checkers: Vec<String> = COLUMNS
                    .iter()
                    .zip(&row.cells)
                    .map(|(column, cell)| {
                        let found = match cell.verdict() {
                            None => "null".to_string(),
                            Some(found) => found.to_string(),
                        };
                        let median = cell
                            .median_executions
                            .map_or("null".to_string(), |m| m.to_string());
                        format!(
                            "\"{}\":{{\"found\":{found},\"median_executions\":{median},\"runs\":{},\"found_runs\":{}}}",
                            column.name, cell.runs, cell.found
                        )
                    })
                    .collect();
                format!(
                    "{{\"name\":\"{}\",\"family\":\"{}\",\"kind\":\"{}\",\"planted\":\"{}\",\"checkers\":{{{}}}}}",
                    row.bug.name,
                    row.bug.family,
                    row.bug.kind.name(),
                    row.bug.planted,
                    checkers.join(",")
                )
            })
            .collect();
        format!("{{\"rows\":[{}]}}", rows.join(","))
    }
}
