//! The part of an [`Explanation`] worth showing when the history is long.
//!
//! A search stuck after 600,000 steps is explained by its last few: the operations
//! that could have come next, the one whose return forced the choice, and the steps
//! just before. So both the text and the HTML page show a *window*: the last `steps`
//! positions of the longest linearization, and at most `rows` operations — first
//! those the story names, then the others that were in flight at the same time,
//! nearest the point where the search got stuck first. Everything else is counted,
//! not shown.

use std::collections::HashSet;
use std::ops::Range;

use super::explain::{Candidate, Explanation, Fit, Row};

/// What to show of an explanation.
#[derive(Debug)]
pub(super) struct Window<'a> {
    /// The operations shown, in the explanation's order (by client, then call).
    pub(super) rows: Vec<&'a Row>,
    /// The positions of the longest linearization shown (0-based).
    pub(super) steps: Range<usize>,
}

impl Window<'_> {
    /// How many operations of the partition are not shown.
    pub(super) fn rows_left_out(&self, explanation: &Explanation) -> usize {
        explanation.rows.len() - self.rows.len()
    }
}

impl Explanation {
    /// The window of at most `rows` operations and the last `steps` steps.
    pub(super) fn window(&self, rows: usize, steps: usize) -> Window<'_> {
        let first_step = self.linearized.len().saturating_sub(steps);
        let steps = first_step..self.linearized.len();
        if self.rows.len() <= rows {
            return Window {
                rows: self.rows.iter().collect(),
                steps,
            };
        }
        // The operations the story names, most important first.
        let waits = |c: &&Candidate| c.fit == Fit::NoEffect;
        let named: Vec<usize> = (self.candidates.iter().filter(|c| !waits(c)))
            .map(|c| c.index)
            .chain(self.deadline.map(|(index, _)| index))
            .chain(self.linearized[steps.clone()].iter().rev().copied())
            .chain(self.candidates.iter().filter(waits).map(|c| c.index))
            .collect();
        let by_index = |index: usize| self.row(index);
        // The time span they cover; other operations in flight then come next,
        // those called nearest its end (the stuck point) first.
        let named_rows: Vec<&Row> = named.iter().filter_map(|&i| by_index(i)).collect();
        let start = named_rows.iter().map(|r| r.call).min().unwrap_or(0);
        let end = named_rows
            .iter()
            .map(|r| r.call.max(r.return_.min(self.stuck_time())))
            .max()
            .unwrap_or(u64::MAX);
        let mut others: Vec<&Row> = self
            .rows
            .iter()
            .filter(|r| r.call <= end && r.return_ >= start)
            .collect();
        others.sort_by_key(|r| (end.abs_diff(r.call), r.index));
        let mut chosen = HashSet::new();
        let mut shown: Vec<&Row> = Vec::new();
        for row in named_rows.into_iter().chain(others) {
            if shown.len() == rows {
                break;
            }
            if chosen.insert(row.index) {
                shown.push(row);
            }
        }
        shown.sort_by_key(|row| (row.client_id, row.call, row.index));
        Window { rows: shown, steps }
    }

    /// The time by which the next operation must have been called: the return of
    /// the operation that forced the choice, or the latest call among the
    /// candidates when that never came.
    fn stuck_time(&self) -> u64 {
        match self.deadline {
            Some((_, at)) if at != super::PENDING => at,
            _ => self
                .candidates
                .iter()
                .filter_map(|c| self.row(c.index))
                .map(|r| r.call)
                .max()
                .unwrap_or(u64::MAX),
        }
    }
}
