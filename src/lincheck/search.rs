//! The Wing–Gong–Lowe search for one (sub-)history, run in slices of steps.
//!
//! At each level the search lists the candidates of [`Entries`] (the operations
//! that may come next) and tries them in order. Linearizing one applies it to the
//! model state, pushes the old state on a stack and lifts the operation's entries
//! out of the lists; then a new level starts. When no candidate is left, the search
//! backtracks: it pops the last choice, restores state and entries, lists that
//! level's candidates again and resumes after the choice. Empty lists mean success;
//! nothing left to pop means no order works. A situation reached before (see
//! [`Memo`]) is never explored again.
//!
//! Candidates are tried earliest return first: the operation that must be placed
//! soonest goes first, and an operation in flight for a long time (a request stuck
//! behind a network partition) is tried late, when its effect is more likely to be
//! due. This is Lowe's "just-in-time" linearization, as an order of trying.
//!
//! Six shortcuts prune the search without changing its answer. The first three
//! and the sixth hold because of one argument: a solution that does things the
//! other way can be rearranged into one the shortcut keeps. The fourth and fifth
//! use what the model promises about its operations ([`Footprint`]) and are
//! explained in [`lookahead`](super::lookahead).
//!
//! 1. *Read-only first.* If a candidate that never changes the state
//!    ([`Footprint::ReadOnly`]) is legal now, it is the only choice tried here: any
//!    solution that runs it later can run it now instead, since it changes nothing
//!    and nothing it waited for is left.
//! 2. *Open operations only when they matter.* An operation that never returned
//!    and whose output is unknown is legal in every state and nothing has to wait
//!    for it, so it can always be moved to the very end. Trying it now is useful
//!    only if it changes the state; otherwise it is skipped (unless only such
//!    operations are left).
//! 3. *Identical open operations are interchangeable.* Of two open operations with
//!    equal inputs, only the one called first is tried while both are pending.
//! 4. *Dead states.* A state that an overwrite will replace before anything looks
//!    at it does not matter: such situations are remembered without their state.
//! 5. *Unreachable reads.* A situation from which a read that must come soon can
//!    no longer be satisfied is abandoned.
//! 6. *No open operation just before an overwrite.* Right after an open operation,
//!    an [`Footprint::Overwrite`] is not tried: it would erase the open
//!    operation's effect before anything saw it, and the open operation, legal in
//!    every state and waited for by nothing, can as well go at the very end. So a
//!    solution that does this can be rearranged into one that does not. Without
//!    this rule a long history with lost writes explored, at every backtrack, each
//!    lost write followed by every other. Since it explores less from a
//!    situation entered through an open operation, the memo keeps such situations
//!    apart from the others.
//!
//! The search keeps everything it needs between slices, so a scheduler can run many
//! of them in turns on a few threads ([`schedule`](super::schedule)).

use std::mem::size_of;

use super::entries::Entries;
use super::lookahead::{Ahead, look_ahead};
use super::memo::Memo;
use super::meter::Meter;
use super::open_set::OpenSet;
use super::{Footprint, Model, Operation};

/// How many steps pass between looks at the clock.
const CLOCK_EVERY: u64 = 256;

/// How the search of one sub-history ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Outcome {
    /// All operations linearized, in this order (indices into the sub-history).
    Linearizable(Vec<usize>),
    /// No order works; the longest prefix of a linearization that was found.
    Stuck(Vec<usize>),
}

/// Where a slice of the search left it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Poll {
    /// Decided.
    Done(Outcome),
    /// Not yet; run another slice (unless the [`Meter`] says to stop).
    Pending,
}

/// One linearized operation on the search stack.
#[derive(Debug)]
struct Frame<S> {
    op: u32,
    /// Its position among its level's candidates; the search resumes after it.
    index: u32,
    /// The frontier and state before it.
    frontier: u32,
    state: S,
}

/// The search of one sub-history, resumable.
#[derive(Debug)]
pub(super) struct Search<'a, M: Model> {
    model: &'a M,
    /// The operations, in call order.
    ops: Vec<&'a Operation<M::Input, M::Output>>,
    /// `ops[i]` is operation `given[i]` of the sub-history as given.
    given: Vec<u32>,
    footprints: Vec<Footprint>,
    /// Whether shortcuts 5 and 6 are on (see [`Search::explaining`]).
    dead_ends: bool,
    /// For each open operation, the open operation with an equal input called
    /// just before it, or `NONE` (shortcut 3).
    twin: Vec<u32>,
    entries: Entries,
    linearized: Vec<bool>,
    state: M::State,
    /// One past the highest linearized operation (see [`Memo`]).
    frontier: u32,
    stack: Vec<Frame<M::State>>,
    memo: Memo<M::State>,
    /// Bytes of `memo` reserved with the meter.
    reserved: u64,
    longest: Longest,
    /// The current level's candidates, and the position of the next one to try;
    /// `None` when the level is new and its candidates are not listed yet.
    candidates: Vec<u32>,
    cursor: Option<usize>,
    /// The state after the level's read-only candidate, when shortcut 1 applies.
    forced: Option<M::State>,
    window: Vec<u32>,
    /// The open operations linearized (`O` in [`Memo`]).
    open_linearized: OpenSet,
}

impl<'a, M: Model> Search<'a, M> {
    /// A search of `ops` (a sub-history, in any order).
    pub(super) fn new(model: &'a M, ops: &[&'a Operation<M::Input, M::Output>]) -> Self {
        let mut given: Vec<u32> = (0..ops.len() as u32).collect();
        given.sort_by_key(|&i| (ops[i as usize].call, i));
        let ops: Vec<_> = given.iter().map(|&i| ops[i as usize]).collect();
        let footprints = ops
            .iter()
            .map(|op| model.footprint(&op.input, op.output.as_ref()))
            .collect();
        Self {
            model,
            footprints,
            dead_ends: true,
            twin: twins(&ops),
            entries: Entries::new(&ops),
            linearized: vec![false; ops.len()],
            state: model.init(),
            frontier: 0,
            stack: Vec::new(),
            memo: Memo::default(),
            reserved: 0,
            longest: Longest::default(),
            candidates: Vec::new(),
            cursor: None,
            forced: None,
            window: Vec::new(),
            open_linearized: OpenSet::default(),
            given,
            ops,
        }
    }

    /// The same search without shortcuts 5 and 6, for explanations.
    ///
    /// Shortcut 5 abandons an attempt as soon as a read further on cannot be
    /// satisfied, which is fast but leaves the longest attempt short of where a
    /// person would see it fail: at that read. Without it the attempts run on
    /// until some operation does not fit. Shortcut 6 could leave an attempt ending
    /// in an open operation, with an overwrite that fits left untried: a story
    /// that does not add up.
    pub(super) fn explaining(mut self) -> Self {
        self.dead_ends = false;
        self
    }

    /// The longest prefix of a linearization found so far.
    pub(super) fn longest(&self) -> Vec<usize> {
        self.given_order(&self.longest.ops)
    }

    /// About how many bytes a search of `n` operations holds besides its memo.
    pub(super) fn fixed_bytes(n: usize) -> u64 {
        let per_op = Entries::BYTES_PER_OP
            + (size_of::<usize>() + 2 * size_of::<u32>() + 2 + size_of::<Frame<M::State>>()) as u64;
        n as u64 * per_op
    }

    /// Runs at most `slice` steps (fewer if the meter says so).
    pub(super) fn run(&mut self, meter: &Meter, slice: u64) -> Poll {
        let allowance = meter.allowance(slice);
        let mut steps = 0;
        let outcome = loop {
            if self.entries.is_empty() {
                let order = self.stack.iter().map(|f| f.op).collect::<Vec<_>>();
                break Some(Outcome::Linearizable(self.given_order(&order)));
            }
            if steps == allowance || (steps % CLOCK_EVERY == 1 && meter.should_stop_now()) {
                break None;
            }
            steps += 1;
            let Some(at) = self.cursor else {
                self.list_candidates();
                self.cursor = Some(0);
                continue;
            };
            self.cursor = match self.candidates.get(at).copied() {
                Some(c) if self.try_candidate(c, at, meter) => None,
                Some(_) => Some(at + 1),
                // Nothing (more) fits here: undo the last choice and resume after it.
                None => match self.pop() {
                    Some(index) => {
                        self.list_candidates();
                        Some(index + 1)
                    }
                    None => break Some(Outcome::Stuck(self.given_order(&self.longest.ops))),
                },
            };
        };
        meter.charge(steps);
        match outcome {
            Some(outcome) => {
                meter.release(self.reserved);
                self.memo.clear();
                self.reserved = 0;
                Poll::Done(outcome)
            }
            None => Poll::Pending,
        }
    }

    fn given_order(&self, ops: &[u32]) -> Vec<usize> {
        ops.iter()
            .map(|&op| self.given[op as usize] as usize)
            .collect()
    }

    /// Lists the current level's candidates. Shortcut 1: a legal read-only
    /// candidate is the only choice worth trying (an open one is left to shortcut 2,
    /// which puts it off to the end).
    fn list_candidates(&mut self) {
        self.entries.candidates(&mut self.candidates);
        self.forced = None;
        let found = self.candidates.iter().find_map(|&c| {
            if self.footprints[c as usize] != Footprint::ReadOnly || self.entries.is_open(c) {
                return None;
            }
            let op = self.ops[c as usize];
            let next = self
                .model
                .step(&self.state, &op.input, op.output.as_ref())?;
            Some((c, next))
        });
        if let Some((c, next)) = found {
            self.candidates.clear();
            self.candidates.push(c);
            self.forced = Some(next);
        }
    }

    /// Linearizes `c` (the level's candidate number `index`) if the model accepts
    /// it, the shortcuts allow it, and the situation it leads to is new.
    fn try_candidate(&mut self, c: u32, index: usize, meter: &Meter) -> bool {
        let open = self.entries.is_open(c);
        let is_open = open;
        let twin = self.twin[c as usize];
        if open && twin != NONE && !self.linearized[twin as usize] {
            return false; // shortcut 3: its twin is tried instead
        }
        let next = match self.forced.take() {
            Some(next) => next,
            None => {
                let op = self.ops[c as usize];
                match self.model.step(&self.state, &op.input, op.output.as_ref()) {
                    Some(next) => next,
                    None => return false,
                }
            }
        };
        if open && next == self.state && !self.entries.main_is_empty() {
            return false; // shortcut 2: it changes nothing now, so it can wait
        }
        if self.dead_ends
            && self.after_open()
            && self.footprints[c as usize] == Footprint::Overwrite
            && !self.entries.main_is_empty()
        {
            return false; // shortcut 6: the open operation just linearized can wait
        }

        let frontier = self.frontier.max(c + 1);
        self.entries.lift(c);
        let model = self.model;
        let ahead = look_ahead(model, &self.ops, &self.footprints, &self.entries, &next);
        let ahead = match ahead {
            Ahead::DeadEnd if !self.dead_ends => Ahead::Plain,
            ahead => ahead,
        };
        if open {
            self.open_linearized.insert(c);
        }
        let new = ahead != Ahead::DeadEnd && {
            self.entries.window(frontier, &mut self.window);
            let state = (ahead == Ahead::Plain).then_some(&next);
            self.memo.make_room(self.window.len());
            let open = self.open_linearized.id(&mut self.memo);
            let new = (self.memo).insert(frontier, &self.window, open, is_open, state, |s| {
                model.state_heap_bytes(s)
            });
            self.account(meter);
            new
        };
        if !new {
            if open {
                self.open_linearized.remove(c);
            }
            self.entries.unlift(c);
            return false;
        }
        self.linearized[c as usize] = true;
        let state = std::mem::replace(&mut self.state, next);
        self.stack.push(Frame {
            op: c,
            index: index as u32,
            frontier: std::mem::replace(&mut self.frontier, frontier),
            state,
        });
        self.longest.pushed(&self.stack);
        true
    }

    /// Brings the meter up to date with the memo's size; empties the memo if all
    /// memos together hold more than the memory limit allows.
    fn account(&mut self, meter: &Meter) {
        let bytes = self.memo.bytes();
        if bytes > self.reserved {
            let grown = bytes - self.reserved;
            self.reserved = bytes;
            if !meter.reserve(grown) {
                meter.release(self.reserved);
                self.memo.clear();
                self.reserved = 0;
            }
        }
    }

    /// Whether the last operation linearized is open.
    fn after_open(&self) -> bool {
        (self.stack.last()).is_some_and(|frame| self.entries.is_open(frame.op))
    }

    /// Undoes the last choice; returns its position among its level's candidates.
    fn pop(&mut self) -> Option<usize> {
        let frame = self.stack.pop()?;
        if self.entries.is_open(frame.op) {
            self.open_linearized.remove(frame.op);
        }
        self.entries.unlift(frame.op);
        self.linearized[frame.op as usize] = false;
        self.frontier = frame.frontier;
        self.state = frame.state;
        self.longest.popped(self.stack.len());
        Some(frame.index as usize)
    }

    /// How many situations the memo holds now.
    #[cfg(test)]
    pub(super) fn remembered(&self) -> usize {
        self.memo.len()
    }
}

mod parts;
use parts::{Longest, NONE, twins};

#[cfg(test)]
mod tests;
