//! The steps of a failing model execution, printed as a per-thread table.
//!
//! The loom and shuttle flavours of `rt` wrap every atomic and `UnsafeCell` in a type that
//! reports each access here: which thread, which operation with which ordering, what it
//! read or wrote, and the source line that made it (`#[track_caller]`). Recording is off
//! unless the check harness turns it on, and the harness turns it on only to *replay* a
//! failure it already found (shuttle: its schedule; loom: its checkpoint), so passing runs
//! pay one thread-local read per access and the std flavour pays nothing at all.
//!
//! loom and shuttle run every model thread on the thread that called them, so a plain
//! thread-local holds one execution's steps, in the order the model ran them.
//!
//! [`Trace::table`] prints the steps one row each, one column per thread, then the code
//! of every source line in it (`synclab demo counter_load_store`):
//!
//! ```text
//!  step | thread 0                       | thread 1                        | thread 2
//! ------+--------------------------------+---------------------------------+---------------------------------
//!     1 |                                | planted.rs:34 load Relaxed → 0  |
//!     2 |                                |                                 | planted.rs:34 load Relaxed → 0
//!     3 |                                |                                 | planted.rs:36 store Relaxed ← 1
//!     4 |                                | planted.rs:36 store Relaxed ← 1 |
//!     5 | planted.rs:41 load Relaxed → 1 |                                 |
//!
//! where
//!   planted.rs:34  let prev = self.value.load(Relaxed);
//!   planted.rs:36  self.value.store(prev.wrapping_add(n), Relaxed);
//!   planted.rs:41  self.value.load(Relaxed)
//! ```
//!
//! `→ v`: read `v`; `← v`: wrote `v`; `a → b`: a read-modify-write read `a` and wrote `b`.
//! Consecutive identical steps of one thread (a spin loop) fold into one row, `(×n)`.

use std::cell::RefCell;
use std::fmt::{self, Write as _};
use std::panic::Location;

/// One recorded access.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    /// The model's thread number (0: the model's main thread, then in spawn order).
    pub thread: usize,
    /// The operation: `load`, `store`, `fetch_add`, `cas`, `cell read`, ...
    pub op: &'static str,
    /// Its memory ordering (`Acquire`, `AcqRel/Relaxed` for a CAS), empty for cells.
    pub ordering: String,
    /// What it read and wrote: `→ 0` (read 0), `← 1` (wrote 1), `0 → 1` (read 0, wrote 1).
    pub value: String,
    /// The source line of the access.
    pub location: &'static Location<'static>,
}

/// The steps of one execution, in the order the model ran them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Trace {
    /// Every recorded step.
    pub steps: Vec<Step>,
}

thread_local! {
    /// `Some` while recording: the current execution's steps.
    static STEPS: RefCell<Option<Vec<Step>>> = const { RefCell::new(None) };
}

/// Records `step()` if recording is on (only `step` pays for the formatting).
#[cfg_attr(not(any(feature = "loom", feature = "shuttle")), allow(dead_code))]
#[inline]
pub(crate) fn record(step: impl FnOnce() -> Step) {
    STEPS.with(|steps| {
        if let Ok(mut steps) = steps.try_borrow_mut()
            && let Some(steps) = steps.as_mut()
        {
            steps.push(step());
        }
    });
}

/// Starts a new execution: forgets the previous execution's steps (called by the harness
/// at the start of every execution; does nothing unless recording is on).
#[cfg_attr(not(any(feature = "loom", feature = "shuttle")), allow(dead_code))]
pub(crate) fn new_execution() {
    STEPS.with(|steps| {
        if let Some(steps) = steps.borrow_mut().as_mut() {
            steps.clear();
        }
    });
}

/// Runs `f` (a replay of a failing execution) with recording on, and returns what `f`
/// returned with the steps of the last execution that `f` ran.
#[cfg_attr(not(any(feature = "loom", feature = "shuttle")), allow(dead_code))]
pub(crate) fn recording<R>(f: impl FnOnce() -> R) -> (R, Trace) {
    let previous = STEPS.with(|steps| steps.replace(Some(Vec::new())));
    let result = f();
    let steps = STEPS
        .with(|steps| steps.replace(previous))
        .unwrap_or_default();
    (result, Trace { steps })
}

/// How many rows [`Trace::table`] prints at most: the last ones, where the failure is.
pub const MAX_ROWS: usize = 60;

impl Step {
    /// The cell text: `planted.rs:30 load Relaxed → 0`.
    fn cell(&self, repeats: usize) -> String {
        let mut cell = format!("{} {}", short_location(self.location), self.op);
        for part in [&self.ordering, &self.value] {
            if !part.is_empty() {
                cell.push(' ');
                cell.push_str(part);
            }
        }
        if repeats > 1 {
            let _ = write!(cell, " (×{repeats})");
        }
        cell
    }
}

/// `file.rs:LINE` without the directories (`dir/mod.rs:LINE` for a `mod.rs`).
pub(crate) fn short_location(location: &Location<'_>) -> String {
    let mut parts = location.file().rsplit(['/', '\\']);
    let name = parts.next().unwrap_or_default();
    match parts.next() {
        Some(dir) if name == "mod.rs" => format!("{dir}/{name}:{}", location.line()),
        _ => format!("{name}:{}", location.line()),
    }
}

impl Trace {
    /// Whether nothing was recorded.
    pub fn is_empty(&self) -> bool {
        self.steps.is_empty()
    }

    /// The threads that made a step, in order.
    pub fn threads(&self) -> Vec<usize> {
        let mut threads: Vec<usize> = self.steps.iter().map(|s| s.thread).collect();
        threads.sort_unstable();
        threads.dedup();
        threads
    }

    /// The steps as rows: a run of identical steps by one thread (a spin loop) is one row.
    fn rows(&self) -> Vec<(&Step, usize)> {
        let mut rows: Vec<(&Step, usize)> = Vec::new();
        for step in &self.steps {
            match rows.last_mut() {
                Some((last, n)) if *last == step => *n += 1,
                _ => rows.push((step, 1)),
            }
        }
        rows
    }

    /// The per-thread table: one row per step (the last [`MAX_ROWS`]), one column per
    /// thread, then the source line of every location in it.
    pub fn table(&self) -> String {
        let threads = self.threads();
        let rows = self.rows();
        let skipped = rows.len().saturating_sub(MAX_ROWS);
        let shown = &rows[skipped..];
        let cells: Vec<(usize, usize, String)> = shown
            .iter()
            .enumerate()
            .map(|(i, (step, n))| {
                let column = threads.iter().position(|&t| t == step.thread).unwrap_or(0);
                (skipped + i + 1, column, step.cell(*n))
            })
            .collect();
        let mut widths: Vec<usize> = threads
            .iter()
            .map(|t| format!("thread {t}").chars().count())
            .collect();
        for (_, column, cell) in &cells {
            widths[*column] = widths[*column].max(cell.chars().count());
        }

        let mut out = String::new();
        let pad = |s: &str, w: usize| format!("{s}{}", " ".repeat(w - s.chars().count()));
        out.push_str(" step");
        for (t, w) in threads.iter().zip(&widths) {
            let _ = write!(out, " | {}", pad(&format!("thread {t}"), *w));
        }
        out.truncate(out.trim_end().len());
        out.push('\n');
        out.push_str("------");
        for w in &widths {
            let _ = write!(out, "+{}", "-".repeat(w + 2));
        }
        out.push('\n');
        if skipped > 0 {
            let _ = writeln!(out, "  ... | ({skipped} earlier rows not shown)");
        }
        for (number, column, cell) in &cells {
            let _ = write!(out, "{number:>5}");
            for (c, w) in widths.iter().enumerate() {
                let text = if c == *column { cell.as_str() } else { "" };
                let _ = write!(out, " | {}", pad(text, *w));
            }
            out.truncate(out.trim_end().len());
            out.push('\n');
        }

        // The code behind each location, so the table reads without an editor.
        let mut locations: Vec<&Location<'_>> = shown.iter().map(|(s, _)| s.location).collect();
        locations.sort_by_key(|l| (l.file(), l.line()));
        locations.dedup_by_key(|l| (l.file(), l.line()));
        let code: Vec<(String, String)> = locations
            .iter()
            .filter_map(|l| Some((short_location(l), source_line(l)?)))
            .collect();
        if !code.is_empty() {
            out.push_str("\nwhere\n");
            let width = code.iter().map(|(l, _)| l.len()).max().unwrap_or(0);
            for (location, line) in code {
                let _ = writeln!(out, "  {location:<width$}  {line}");
            }
        }
        out
    }
}

impl fmt::Display for Trace {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.table())
    }
}

/// The text of the source line at `location`, if the file can be read: relative to the
/// working directory, or to synclab's own package for synclab's files.
fn source_line(location: &Location<'_>) -> Option<String> {
    let file = std::path::Path::new(location.file());
    let text = std::fs::read_to_string(file)
        .or_else(|_| {
            std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(file))
        })
        .ok()?;
    let line = text.lines().nth(location.line().checked_sub(1)? as usize)?;
    Some(line.trim().to_string())
}
