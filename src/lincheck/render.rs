//! The text form of an [`Explanation`]: an operation table, then the story.

use std::fmt::{self, Write as _};

use super::PENDING;
use super::explain::{Explanation, Fit};
use Align::{Left, Right};

/// At most this many operations in the table of a long history.
const TABLE_ROWS: usize = 60;
/// At most this many steps of the longest linearization.
const STEPS: usize = 40;
/// At most this many of the operations that could have come next.
const CANDIDATES: usize = 20;

impl fmt::Display for Explanation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.partition {
            Some(key) => writeln!(
                f,
                "not linearizable: partition key {key:?} has no valid order"
            )?,
            None => writeln!(f, "not linearizable: the history has no valid order")?,
        }

        let window = self.window(TABLE_ROWS, STEPS);
        writeln!(
            f,
            "\nOperations, per client (order: position in the longest linearization found):"
        )?;
        let header = ["client", "op", "call", "return", "operation", "order"];
        let body: Vec<Vec<String>> = window
            .rows
            .iter()
            .map(|row| {
                vec![
                    row.client_id.to_string(),
                    format!("#{}", row.index),
                    row.call.to_string(),
                    time(row.return_),
                    row.description.clone(),
                    self.order_mark(row.index),
                ]
            })
            .collect();
        write_table(f, &header, &[Right, Left, Right, Right, Left, Right], &body)?;
        let left_out = window.rows_left_out(self);
        if left_out > 0 {
            writeln!(
                f,
                "  ({left_out} of {} operations left out: shown are those the story below \
                 names and those in flight when the search got stuck)",
                self.rows.len()
            )?;
        }

        writeln!(
            f,
            "\nLinearized so far ({} of {} operations), from initial state {}:",
            self.linearized.len(),
            self.rows.len(),
            self.initial_state
        )?;
        if self.linearized.is_empty() {
            writeln!(f, "  (nothing)")?;
        }
        if window.steps.start > 0 {
            writeln!(
                f,
                "  ({} earlier steps left out, up to state {})",
                window.steps.start,
                self.states[window.steps.start - 1]
            )?;
        }
        let body: Vec<Vec<String>> = window
            .steps
            .clone()
            .map(|pos| {
                let (index, state) = (self.linearized[pos], &self.states[pos]);
                let (client, description) =
                    self.row(index).map_or((String::new(), String::new()), |r| {
                        (format!("client {}", r.client_id), r.description.clone())
                    });
                vec![
                    format!("{}.", pos + 1),
                    format!("#{index}"),
                    client,
                    description,
                    format!("=> {state}"),
                ]
            })
            .collect();
        write_table(f, &[], &[Right, Left, Left, Left, Left], &body)?;

        let state = self.stuck_state();
        let deadline = self.deadline.filter(|&(_, at)| at != PENDING);
        match deadline.and_then(|(index, at)| Some((self.row(index)?, at))) {
            Some((row, at)) => writeln!(
                f,
                "\nStuck in state {state}. #{} (client {}) returned at time {}, so the next \
                 operation must be one called by then; none of them fits:",
                row.index,
                row.client_id,
                time(at)
            )?,
            None => writeln!(
                f,
                "\nStuck in state {state}; none of the remaining operations fits:"
            )?,
        }
        // Those that cannot fit first; of many that can wait, a few.
        let mut candidates: Vec<_> = self.candidates.iter().collect();
        candidates.sort_by_key(|c| c.fit == Fit::NoEffect);
        let waiting = candidates.len().saturating_sub(CANDIDATES);
        let body: Vec<Vec<String>> = candidates
            .into_iter()
            .take(CANDIDATES)
            .filter_map(|c| {
                let row = self.row(c.index)?;
                let why = match c.fit {
                    Fit::Impossible => format!("impossible in state {state}"),
                    Fit::NoEffect => {
                        "changes nothing (it never returned, so it can wait)".to_string()
                    }
                    Fit::DeadEnd => "possible, but every way on from there fails".to_string(),
                };
                Some(vec![
                    format!("#{}", row.index),
                    format!("client {}", row.client_id),
                    row.description.clone(),
                    why,
                ])
            })
            .collect();
        write_table(f, &[], &[Left, Left, Left, Left], &body)?;
        if waiting > 0 {
            writeln!(
                f,
                "  ({waiting} more left out; those that cannot fit are listed first)"
            )?;
        }
        Ok(())
    }
}

/// A time for display; [`PENDING`] shows as `pending`.
fn time(t: u64) -> String {
    if t == PENDING {
        "pending".to_string()
    } else {
        t.to_string()
    }
}

/// How a table column is aligned.
#[derive(Debug, Clone, Copy)]
enum Align {
    Left,
    Right,
}

/// Writes a table with columns separated by two spaces, indented by two spaces.
fn write_table(
    f: &mut fmt::Formatter<'_>,
    header: &[&str],
    align: &[Align],
    body: &[Vec<String>],
) -> fmt::Result {
    let header: Vec<String> = header.iter().map(ToString::to_string).collect();
    let rows: Vec<&Vec<String>> = (!header.is_empty())
        .then_some(&header)
        .into_iter()
        .chain(body)
        .collect();
    let mut widths = vec![0; align.len()];
    for row in &rows {
        for (width, cell) in widths.iter_mut().zip(row.iter()) {
            *width = (*width).max(cell.chars().count());
        }
    }
    for row in rows {
        let mut line = String::from(" ");
        for ((cell, &width), align) in row.iter().zip(&widths).zip(align) {
            let _ = match align {
                Left => write!(line, " {cell:<width$}"),
                Right => write!(line, " {cell:>width$}"),
            };
            line.push(' ');
        }
        writeln!(f, "{}", line.trim_end())?;
    }
    Ok(())
}
