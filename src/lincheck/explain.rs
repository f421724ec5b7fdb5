//! Why a history is not linearizable, in a form a person can follow.

use super::{Model, Operation};
use std::collections::HashSet;

/// The evidence that a (sub-)history is not linearizable.
///
/// The search looks for an order of the operations; every attempt gets stuck at
/// some point. This records the *longest* attempt: the operations it managed to
/// linearize, in order, the model state it reached, and the operations that could
/// have come next, none of which the model accepts in that state. Displaying it
/// prints a per-client table of the operations followed by that story.
///
/// Operation numbers (`#n`) are indices into the checked history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Explanation {
    pub(super) partition: Option<String>,
    pub(super) rows: Vec<Row>,
    pub(super) initial_state: String,
    pub(super) linearized: Vec<usize>,
    pub(super) states: Vec<String>,
    pub(super) candidates: Vec<Candidate>,
    pub(super) deadline: Option<(usize, u64)>,
}

/// One operation of the failing partition, described for display.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Row {
    pub(super) index: usize,
    pub(super) client_id: usize,
    pub(super) call: u64,
    pub(super) return_: u64,
    pub(super) description: String,
}

/// An operation that could have been linearized next, and why it does not help.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Candidate {
    pub(super) index: usize,
    pub(super) fit: Fit,
}

/// Why a candidate does not help.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Fit {
    /// The model rejects it in the stuck state.
    Impossible,
    /// It never returned and leaves the state as it is, so it can wait.
    NoEffect,
    /// The model accepts it, but every way on from there fails (the search never
    /// ends up here with a complete search; kept so the text is always truthful).
    DeadEnd,
}

impl Explanation {
    /// Builds the explanation for the partition made of operations `part` (indices
    /// into `history`, ascending), given the longest linearized prefix `longest`.
    pub(super) fn new<M: Model>(
        model: &M,
        history: &[Operation<M::Input, M::Output>],
        partition: Option<String>,
        part: &[usize],
        longest: &[usize],
    ) -> Self {
        let describe = |i: usize| {
            let op = &history[i];
            model.describe_operation(&op.input, op.output.as_ref())
        };

        // Replay the prefix to recover the state after each step.
        let init = model.init();
        let initial_state = model.describe_state(&init);
        let mut state = init;
        let mut linearized = Vec::with_capacity(longest.len());
        let mut states = Vec::with_capacity(longest.len());
        for &i in longest {
            let op = &history[i];
            // The search applied exactly these steps; a model that now disagrees is
            // not deterministic, and the replay simply stops there.
            let Some(next) = model.step(&state, &op.input, op.output.as_ref()) else {
                break;
            };
            state = next;
            linearized.push(i);
            states.push(model.describe_state(&state));
        }

        // The operation whose return comes first among those left forces the choice:
        // the next operation must have been called before that return.
        let done: HashSet<usize> = linearized.iter().copied().collect();
        let left: Vec<usize> = part.iter().copied().filter(|i| !done.contains(i)).collect();
        let return_key = |i: usize| (history[i].return_.max(history[i].call), true, i);
        let first_return = left.iter().copied().min_by_key(|&i| return_key(i));
        let candidates = match first_return {
            None => Vec::new(),
            Some(first) => left
                .iter()
                .copied()
                .filter(|&i| (history[i].call, false, i) < return_key(first))
                .map(|index| {
                    let op = &history[index];
                    let fit = match model.step(&state, &op.input, op.output.as_ref()) {
                        None => Fit::Impossible,
                        Some(next) if next == state => Fit::NoEffect,
                        Some(_) => Fit::DeadEnd,
                    };
                    Candidate { index, fit }
                })
                .collect(),
        };
        let deadline = first_return.map(|i| (i, history[i].return_));

        let mut rows: Vec<Row> = part
            .iter()
            .map(|&index| {
                let op = &history[index];
                Row {
                    index,
                    client_id: op.client_id,
                    call: op.call,
                    return_: op.return_,
                    description: describe(index),
                }
            })
            .collect();
        rows.sort_by_key(|row| (row.client_id, row.call, row.index));

        Self {
            partition,
            rows,
            initial_state,
            linearized,
            states,
            candidates,
            deadline,
        }
    }

    /// The partition key of the failing sub-history, if the model partitions.
    pub fn partition(&self) -> Option<&str> {
        self.partition.as_deref()
    }

    /// The longest partial linearization found: operation indices, in order.
    pub fn linearized(&self) -> &[usize] {
        &self.linearized
    }

    /// The operations that could have come next. The model rejects each of them
    /// in the [`stuck_state`](Self::stuck_state), except operations that never
    /// returned and would leave that state unchanged (they can always wait).
    pub fn candidates(&self) -> impl Iterator<Item = usize> + '_ {
        self.candidates.iter().map(|c| c.index)
    }

    /// The model state (described) where the search got stuck.
    pub fn stuck_state(&self) -> &str {
        self.states.last().unwrap_or(&self.initial_state)
    }

    /// The operation whose return time bounds the candidates, and that time.
    pub fn deadline(&self) -> Option<(usize, u64)> {
        self.deadline
    }

    /// The position of `index` in the linearization, `next?` for a candidate.
    pub(super) fn order_mark(&self, index: usize) -> String {
        if let Some(pos) = self.linearized.iter().position(|&i| i == index) {
            (pos + 1).to_string()
        } else if self.candidates.iter().any(|c| c.index == index) {
            "next?".to_string()
        } else {
            String::new()
        }
    }

    /// The display row of operation `index`.
    pub(super) fn row(&self, index: usize) -> Option<&Row> {
        self.rows.iter().find(|row| row.index == index)
    }
}
