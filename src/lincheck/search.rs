//! The Wing–Gong–Lowe search for one (sub-)history.
//!
//! The search walks the candidates of [`Entries`] (the operations that may come
//! next) and tries them in order. Linearizing one applies it to the model state,
//! pushes the old state on a stack and lifts the operation's entries out of the
//! lists; then the walk starts over. When no candidate is left, the search
//! backtracks: it pops the last choice, restores state and entries, and resumes the
//! walk just after that choice. Empty lists mean success; nothing left to pop means
//! no order works. A `(linearized set, state)` pair reached before is never
//! explored again.
//!
//! Three shortcuts prune the search without changing its answer. Each holds
//! because of one argument: a solution that does things the other way can be
//! rearranged into one the shortcut keeps.
//!
//! 1. *Read-only first.* If a candidate that never changes the state (see
//!    [`Model::is_read_only`]) is legal now, it is the only choice tried here: any
//!    solution that runs it later can run it now instead, since it changes nothing
//!    and nothing it waited for is left.
//! 2. *Open operations only when they matter.* An operation that never returned
//!    and whose output is unknown is legal in every state and nothing has to wait
//!    for it, so it can always be moved to the very end. Trying it now is useful
//!    only if it changes the state; otherwise it is skipped (unless only such
//!    operations are left).
//! 3. *Identical open operations are interchangeable.* Of two open operations with
//!    equal inputs, only the one called first is tried while both are pending.

use std::collections::HashSet;
use std::time::Instant;

use super::bitset::Bitset;
use super::checker::Budget;
use super::entries::{Candidate, Cursor, Entries, is_open};
use super::fast_hash::FxBuildHasher;
use super::{Model, Operation};

/// How the search of one sub-history ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Outcome {
    /// All operations linearized, in this order (indices into the sub-history).
    Linearizable(Vec<usize>),
    /// No order works; the longest prefix of a linearization that was found.
    Stuck(Vec<usize>),
    /// The budget ran out before the question was settled.
    OutOfBudget,
}

/// Counts search steps against a [`Budget`] shared by all sub-histories.
#[derive(Debug)]
pub(super) struct Meter {
    steps: u64,
    max_steps: Option<u64>,
    deadline: Option<Instant>,
}

impl Meter {
    pub(super) fn new(budget: Budget) -> Self {
        let deadline = budget
            .time_limit
            .and_then(|limit| Instant::now().checked_add(limit));
        Self {
            steps: 0,
            max_steps: budget.max_steps,
            deadline,
        }
    }

    /// Accounts for one step; `false` once the budget is spent.
    fn tick(&mut self) -> bool {
        if self.max_steps.is_some_and(|max| self.steps >= max) {
            return false;
        }
        // Reading the clock costs more than a step, so look at it only now and then.
        if self.steps % 256 == 0 && self.deadline.is_some_and(|d| Instant::now() >= d) {
            return false;
        }
        self.steps += 1;
        true
    }
}

/// Searches for a linearization of `ops` (one sub-history).
pub(super) fn search<M: Model>(
    model: &M,
    ops: &[&Operation<M::Input, M::Output>],
    meter: &mut Meter,
) -> Outcome {
    let mut search = Search::new(model, ops);
    // `None`: just arrived at a new level, nothing tried yet.
    let mut cursor: Option<Cursor> = None;
    while !search.entries.is_empty() {
        if !meter.tick() {
            return Outcome::OutOfBudget;
        }
        let Some(mut at) = cursor else {
            // Just arrived at a new level. Shortcut 1: a legal read-only candidate
            // is the only choice worth trying here.
            cursor = match search.read_only_candidate() {
                Some((c, next)) => {
                    // If this situation was seen before, so was everything after it.
                    let pushed = search.push(c, next, Cursor::Exhausted);
                    (!pushed).then_some(Cursor::Exhausted)
                }
                None => Some(search.entries.first()),
            };
            continue;
        };
        cursor = match at.candidate(&search.entries) {
            Some(c) => {
                if search.try_candidate(c, at) {
                    None
                } else {
                    Some(at.advance(&search.entries))
                }
            }
            // Nothing (more) fits here: undo the last choice and resume after it.
            None => match search.pop() {
                Some(at) => Some(at.advance(&search.entries)),
                None => return Outcome::Stuck(search.longest),
            },
        };
    }
    Outcome::Linearizable(
        search
            .stack
            .iter()
            .map(|choice| choice.candidate.op)
            .collect(),
    )
}

/// One linearized operation on the search stack.
struct Choice<S> {
    candidate: Candidate,
    /// Where the walk stood when the choice was made; it resumes after it.
    at: Cursor,
    state_before: S,
}

/// The state of the search.
struct Search<'a, M: Model> {
    model: &'a M,
    ops: &'a [&'a Operation<M::Input, M::Output>],
    entries: Entries,
    /// For each open operation, the open operation with an equal input called
    /// just before it, if any (shortcut 3).
    twin: Vec<Option<usize>>,
    state: M::State,
    linearized: Bitset,
    seen: HashSet<(Bitset, M::State), FxBuildHasher>,
    stack: Vec<Choice<M::State>>,
    longest: Vec<usize>,
}

impl<'a, M: Model> Search<'a, M> {
    fn new(model: &'a M, ops: &'a [&'a Operation<M::Input, M::Output>]) -> Self {
        Self {
            model,
            ops,
            entries: Entries::new(ops),
            twin: twins(ops),
            state: model.init(),
            linearized: Bitset::new(ops.len()),
            seen: HashSet::default(),
            stack: Vec::new(),
            longest: Vec::new(),
        }
    }

    /// The state after `c`, if the model accepts it now.
    fn step(&self, c: Candidate) -> Option<M::State> {
        let op = self.ops[c.op];
        self.model.step(&self.state, &op.input, op.output.as_ref())
    }

    /// A legal read-only candidate and the state after it (shortcut 1).
    fn read_only_candidate(&self) -> Option<(Candidate, M::State)> {
        let mut cursor = self.entries.first();
        while let Some(c) = cursor.candidate(&self.entries) {
            let op = self.ops[c.op];
            if self.model.is_read_only(&op.input, op.output.as_ref()) {
                if let Some(next) = self.step(c) {
                    return Some((c, next));
                }
            }
            cursor = cursor.advance(&self.entries);
        }
        None
    }

    /// Linearizes `c` if the model accepts it and the shortcuts allow it.
    fn try_candidate(&mut self, c: Candidate, at: Cursor) -> bool {
        if c.is_open() && self.twin[c.op].is_some_and(|twin| !self.linearized.contains(twin)) {
            return false; // shortcut 3: its twin is tried instead
        }
        let Some(next) = self.step(c) else {
            return false;
        };
        if c.is_open() && next == self.state && !self.entries.main_is_empty() {
            return false; // shortcut 2: it changes nothing now, so it can wait
        }
        self.push(c, next, at)
    }

    /// Linearizes `c`, reaching state `next`, unless that situation was seen before.
    fn push(&mut self, c: Candidate, next: M::State, at: Cursor) -> bool {
        self.linearized.insert(c.op);
        if !self.seen.insert((self.linearized.clone(), next.clone())) {
            self.linearized.remove(c.op);
            return false;
        }
        let state_before = std::mem::replace(&mut self.state, next);
        self.stack.push(Choice {
            candidate: c,
            at,
            state_before,
        });
        self.entries.lift(c);
        if self.stack.len() > self.longest.len() {
            self.longest = self
                .stack
                .iter()
                .map(|choice| choice.candidate.op)
                .collect();
        }
        true
    }

    /// Undoes the last choice; returns where it was made.
    fn pop(&mut self) -> Option<Cursor> {
        let choice = self.stack.pop()?;
        self.entries.unlift(choice.candidate);
        self.linearized.remove(choice.candidate.op);
        self.state = choice.state_before;
        Some(choice.at)
    }
}

/// For each open operation, the closest earlier-called open operation with an
/// equal input.
fn twins<I: PartialEq, O>(ops: &[&Operation<I, O>]) -> Vec<Option<usize>> {
    let mut open: Vec<usize> = (0..ops.len()).filter(|&i| is_open(ops[i])).collect();
    open.sort_by_key(|&i| (ops[i].call, i));
    let mut twin = vec![None; ops.len()];
    for (k, &i) in open.iter().enumerate() {
        twin[i] = open[..k]
            .iter()
            .rev()
            .copied()
            .find(|&j| ops[j].input == ops[i].input);
    }
    twin
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lincheck::models::{Counter, CounterInput, Register, RegisterInput, RegisterOutput};

    fn run<M: Model>(model: &M, ops: &[Operation<M::Input, M::Output>]) -> Outcome {
        let refs: Vec<_> = ops.iter().collect();
        search(model, &refs, &mut Meter::new(Budget::unlimited()))
    }

    #[test]
    fn finds_the_only_order() {
        // Two overlapping increments; the one called second saw 0.
        let ops = [
            Operation::new(0, CounterInput::FetchAdd(1), 0, 2, 10),
            Operation::new(1, CounterInput::FetchAdd(2), 1, 0, 9),
            Operation::new(2, CounterInput::Load, 11, 3, 12),
        ];
        assert_eq!(run(&Counter, &ops), Outcome::Linearizable(vec![1, 0, 2]));
    }

    #[test]
    fn reports_the_longest_prefix() {
        let ops = [
            Operation::new(0, CounterInput::FetchAdd(1), 0, 0, 1),
            Operation::new(0, CounterInput::FetchAdd(1), 2, 1, 3),
            Operation::new(0, CounterInput::Load, 4, 7, 5),
        ];
        assert_eq!(run(&Counter, &ops), Outcome::Stuck(vec![0, 1]));
    }

    #[test]
    fn open_operations_take_effect_late_or_never() {
        let ops = [
            Operation::pending(0, CounterInput::FetchAdd(5), 0),
            Operation::new(1, CounterInput::Load, 1, 0, 2),
            Operation::new(1, CounterInput::Load, 3, 5, 4),
        ];
        assert_eq!(run(&Counter, &ops), Outcome::Linearizable(vec![1, 0, 2]));
        assert_eq!(run(&Counter, &ops[..2]), Outcome::Linearizable(vec![1, 0]));
    }

    #[test]
    fn identical_open_operations_are_tried_once() {
        let write = |v| Operation::pending(0, RegisterInput::Write(v), 0);
        let read = |v, t| {
            Operation::new(
                1,
                RegisterInput::Read,
                t,
                RegisterOutput::Value(Some(v)),
                t + 1,
            )
        };
        let ops = [
            write(1),
            write(2),
            write(1),
            read(2, 10),
            read(1, 20),
            read(3, 30),
        ];
        let refs: Vec<_> = ops.iter().collect();
        assert_eq!(twins(&refs), vec![None, None, Some(0), None, None, None]);
        assert!(matches!(run(&Register, &ops), Outcome::Stuck(_)));
        assert!(matches!(
            run(&Register, &ops[..5]),
            Outcome::Linearizable(_)
        ));
    }

    #[test]
    fn step_budget_stops_the_search() {
        let ops = [Operation::new(0, CounterInput::Load, 0, 0, 1)];
        let refs: Vec<_> = ops.iter().collect();
        let mut meter = Meter::new(Budget::steps(0));
        assert_eq!(search(&Counter, &refs, &mut meter), Outcome::OutOfBudget);
    }
}
