//! [`Trace::table`]: the steps as rows, one column per thread, then the code of every line.

use super::{MAX_ROWS, Step, Trace};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::panic::Location;

/// One row: a step, how many identical steps of its thread it stands for, and its number.
struct Row<'a> {
    step: &'a Step,
    repeats: usize,
    /// Its index in [`Trace::steps`].
    index: usize,
}

impl Trace {
    /// The number the table gives the step at `index` of [`steps`](Trace::steps).
    fn number(&self, index: usize) -> usize {
        self.unrecorded + index + 1
    }

    /// The steps as rows: a run of identical steps by one thread (a spin loop) is one row.
    fn rows(&self) -> Vec<Row<'_>> {
        let mut rows: Vec<Row<'_>> = Vec::new();
        for (index, step) in self.steps.iter().enumerate() {
            match rows.last_mut() {
                Some(last) if last.step == step => last.repeats += 1,
                _ => rows.push(Row {
                    step,
                    repeats: 1,
                    index,
                }),
            }
        }
        rows
    }

    /// Which store the load at `index` read from: `(from step 7)`, `(initial)`, or, when a
    /// newer store to the same atomic came before the load, `(from step 3; step 5 is
    /// newer)`. The store is the latest of that value to that atomic before the load (the
    /// checkers do not say which of several equal stores a load read).
    fn reads_from(&self, index: usize) -> Option<String> {
        let load = &self.steps[index];
        let (object, value) = (load.object?, load.loaded.as_ref()?);
        // The atomic at this address began after its last `freed` mark before the load.
        let born = (self.freed.iter())
            .filter(|&&(at, address)| address == object && at <= index)
            .map(|&(at, _)| at)
            .max();
        let mut newest = None;
        for j in (born.unwrap_or(0)..index).rev() {
            let step = &self.steps[j];
            let Some(wrote) = step.wrote.as_ref().filter(|_| step.object == Some(object)) else {
                continue;
            };
            newest.get_or_insert(j);
            if wrote == value {
                let from = self.number(j);
                return Some(match newest {
                    Some(n) if n != j => {
                        format!("(from step {from}; step {} is newer)", self.number(n))
                    }
                    _ => format!("(from step {from})"),
                });
            }
        }
        Some(match newest {
            Some(n) if born.is_some() || self.unrecorded == 0 => {
                format!("(initial; step {} is newer)", self.number(n))
            }
            None if born.is_some() || self.unrecorded == 0 => "(initial)".to_string(),
            _ => "(from a step not recorded)".to_string(),
        })
    }

    /// The per-thread table: one row per step (the last [`MAX_ROWS`]), one column per
    /// thread, then the source line of every location in it.
    pub fn table(&self) -> String {
        let threads = self.threads();
        let rows = self.rows();
        let skipped = rows.len().saturating_sub(MAX_ROWS);
        let shown = &rows[skipped..];
        let names = location_names(shown.iter().map(|r| r.step.location));
        let cells: Vec<(usize, usize, String)> = shown
            .iter()
            .map(|row| {
                let column = (threads.iter())
                    .position(|&t| t == row.step.thread)
                    .unwrap_or(0);
                let mut cell = format!("{} {}", names[&key(row.step.location)], row.step.op);
                for part in [&row.step.ordering, &row.step.value] {
                    if !part.is_empty() {
                        cell.push(' ');
                        cell.push_str(part);
                    }
                }
                if let Some(from) = self.reads_from(row.index) {
                    cell.push(' ');
                    cell.push_str(&from);
                }
                if row.repeats > 1 {
                    let _ = write!(cell, " (×{})", row.repeats);
                }
                (self.number(row.index), column, cell)
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
        if let Some(first) = shown.first()
            && self.number(first.index) > 1
        {
            let _ = writeln!(
                out,
                "  ... | (steps 1 to {} not shown)",
                self.number(first.index) - 1
            );
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
        let mut code: Vec<(&String, String)> = (names.iter())
            .filter_map(|((file, line), name)| {
                let location = shown
                    .iter()
                    .map(|r| r.step.location)
                    .find(|l| (l.file(), l.line()) == (*file, *line))?;
                Some((name, source_line(location)?))
            })
            .collect();
        code.sort_by_key(|(name, _)| in_reading_order(name));
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

/// The order of the `where` section: by file, then by line as a number, so
/// `ticket.rs:77` comes before `ticket.rs:126`.
fn in_reading_order(name: &str) -> (&str, u32) {
    let (file, line) = name.rsplit_once(':').unwrap_or((name, ""));
    (file, line.parse().unwrap_or(0))
}

/// A location's identity: its file and line.
fn key(location: &'static Location<'static>) -> (&'static str, u32) {
    (location.file(), location.line())
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

/// The name of every location: [`short_location`], with the directory too where two
/// different files would otherwise share a name (`lock/condvar.rs`, `planted/condvar.rs`).
fn location_names(
    locations: impl Iterator<Item = &'static Location<'static>>,
) -> BTreeMap<(&'static str, u32), String> {
    let mut files: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    let locations: Vec<&'static Location<'static>> = locations.collect();
    for location in &locations {
        let short = short_location(location);
        let name = short.rsplit_once(':').map_or(short.as_str(), |(n, _)| n);
        let paths = files.entry(name.to_string()).or_default();
        if !paths.contains(&location.file()) {
            paths.push(location.file());
        }
    }
    let mut names = BTreeMap::new();
    for location in locations {
        let short = short_location(location);
        let name = short.rsplit_once(':').map_or(short.as_str(), |(n, _)| n);
        let text = if files[name].len() > 1 {
            let mut parts = location.file().rsplit(['/', '\\']);
            let file = parts.next().unwrap_or_default();
            match parts.next() {
                Some(dir) => format!("{dir}/{file}:{}", location.line()),
                None => short.clone(),
            }
        } else {
            short.clone()
        };
        names.entry(key(location)).or_insert(text);
    }
    names
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

#[cfg(test)]
mod tests {
    use super::*;

    fn step(op: &'static str, object: usize, loaded: Option<&str>, wrote: Option<&str>) -> Step {
        Step {
            thread: 0,
            op,
            ordering: "Relaxed".into(),
            value: String::new(),
            location: Location::caller(),
            object: Some(object),
            loaded: loaded.map(str::to_string),
            wrote: wrote.map(str::to_string),
        }
    }

    fn load(object: usize, v: &str) -> Step {
        step("load", object, Some(v), None)
    }

    fn store(object: usize, v: &str) -> Step {
        step("store", object, None, Some(v))
    }

    #[test]
    fn where_lists_lines_in_numeric_order_not_as_text() {
        let mut names = [
            "ticket.rs:126",
            "mutex.rs:72",
            "ticket.rs:77",
            "mutex.rs:66",
        ];
        names.sort_by_key(|n| in_reading_order(n));
        assert_eq!(
            names,
            [
                "mutex.rs:66",
                "mutex.rs:72",
                "ticket.rs:77",
                "ticket.rs:126"
            ]
        );
    }

    #[test]
    fn a_load_reads_the_latest_store_of_its_value_to_its_atomic() {
        let trace = Trace {
            steps: vec![store(1, "5"), store(2, "5"), load(1, "5"), load(2, "0")],
            ..Trace::default()
        };
        assert_eq!(trace.reads_from(2).as_deref(), Some("(from step 1)"));
        assert_eq!(
            trace.reads_from(3).as_deref(),
            Some("(initial; step 2 is newer)")
        );
        assert_eq!(trace.reads_from(0), None, "a store reads nothing");
    }

    /// A new atomic at the address of a freed one starts with its own initial value.
    #[test]
    fn a_freed_atomic_s_stores_do_not_count_for_the_next_at_its_address() {
        let trace = Trace {
            steps: vec![store(1, "1"), load(1, "1")],
            freed: vec![(1, 1)],
            ..Trace::default()
        };
        assert_eq!(trace.reads_from(1).as_deref(), Some("(initial)"));
    }

    /// Steps before the recording's window may hold the store; numbers count them.
    #[test]
    fn unrecorded_steps_keep_their_numbers_and_are_not_claimed() {
        let trace = Trace {
            steps: vec![store(1, "2"), load(1, "2"), load(1, "9")],
            unrecorded: 10,
            ..Trace::default()
        };
        assert_eq!(trace.reads_from(1).as_deref(), Some("(from step 11)"));
        assert_eq!(
            trace.reads_from(2).as_deref(),
            Some("(from a step not recorded)")
        );
        assert!(trace.table().contains("(steps 1 to 10 not shown)"));
    }

    /// A spin loop folds into one row, numbered by its first step; the next row's number
    /// counts every step of the loop.
    #[test]
    fn folded_rows_keep_step_numbers() {
        let trace = Trace {
            steps: vec![load(1, "0"), load(1, "0"), load(1, "0"), store(1, "1")],
            ..Trace::default()
        };
        let table = trace.table();
        assert!(table.contains("    1 | "), "{table}");
        assert!(table.contains("(×3)"), "{table}");
        assert!(table.contains("    4 | "), "{table}");
    }
}
