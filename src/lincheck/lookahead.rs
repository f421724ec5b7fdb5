//! A look at the operations ahead of a new situation, to see whether its state
//! matters (shortcut 4) or whether it is a dead end (shortcut 5).
//!
//! Both rules rest on one fact: an operation `o` can be linearized before an
//! operation `p` only if `o` was called before `p` returned. Walking the entries
//! left in time order therefore meets, before `p`'s return, every operation that
//! could come before `p`. The walk needs every operation met to have a known
//! [`Footprint`]: then, until the next overwrite, the state can only change by
//! the blind operations met, and [`Model::may_become_legal`] says which reads
//! could still be satisfied.
//!
//! 4. *Dead state.* If an [`Overwrite`](Footprint::Overwrite) `p` is reached and
//!    none of the reads met before its return can be satisfied from the current
//!    state by blind operations, then nothing looks at the state before some
//!    overwrite replaces it, and blind operations and overwrites are legal in every
//!    state: what happens next does not depend on the state. The memo files all
//!    such situations under one key, so the orders of a burst of writes that an
//!    overwrite erases count once.
//! 5. *Unreachable read.* If a [`ReadOnly`](Footprint::ReadOnly) `r` is reached,
//!    the last overwrite before `r`, if any, leaves a fixed state. So `r` can be
//!    satisfied only from the current state or from one of those fixed states, by
//!    some of the blind operations met; if it can be from none of them, the
//!    situation is a dead end.
//!
//! The walk stops at the first call with an unknown footprint, after
//! [`LOOK_AHEAD`] entries, or when more than [`OVERWRITES`] overwrites or
//! [`READS`] reads are met, so it costs little when the model promises nothing.

use super::entries::{Entries, Entry};
use super::{Footprint, Model, Operation};

/// How many entries the walk looks at, at most.
pub(super) const LOOK_AHEAD: usize = 1024;
/// How many overwrites the walk keeps track of, at most.
pub(super) const OVERWRITES: usize = 64;
/// How many reads the walk keeps track of, at most.
pub(super) const READS: usize = 24;

/// What the walk found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Ahead {
    /// Nothing special.
    Plain,
    /// The state will be overwritten before anything looks at it.
    Dead,
    /// A read that must come soon can no longer be satisfied.
    DeadEnd,
}

/// Looks ahead of the situation whose entries are `entries` and whose state is `state`.
pub(super) fn look_ahead<M: Model>(
    model: &M,
    ops: &[&Operation<M::Input, M::Output>],
    footprints: &[Footprint],
    entries: &Entries,
    state: &M::State,
) -> Ahead {
    let mut blind: Vec<&M::Input> = Vec::new();
    // The reads met, each with whether the current state can still satisfy it
    // (checked when an overwrite returns, with the blind operations met by then).
    let mut reads: Vec<u32> = Vec::new();
    // The overwrites met, with the state each leaves (computed when first needed).
    let mut overwrites: Vec<(u32, Option<Option<M::State>>)> = Vec::new();
    let reachable = |r: &Operation<M::Input, M::Output>, from: &M::State, blind: &[&M::Input]| {
        r.output
            .as_ref()
            .is_none_or(|out| model.may_become_legal(from, &r.input, out, blind))
    };
    let (mut dead, mut dead_end) = (false, false);
    // Whether `reads` holds every read met (rule 4 needs them all).
    let mut all_reads = true;
    // Rule 4 is decided at the first overwrite's return: if a read met by then can
    // be satisfied, it still can at any later return (more blind operations only
    // make more reads reachable), so asking again would only repeat the work.
    let mut rule_4_decided = false;
    entries.ahead(LOOK_AHEAD, |entry| match entry {
        Entry::Call(op) => match footprints[op as usize] {
            Footprint::Blind => {
                blind.push(&ops[op as usize].input);
                true
            }
            Footprint::ReadOnly => {
                if all_reads && reads.len() < READS {
                    reads.push(op);
                } else {
                    all_reads = false;
                }
                true
            }
            Footprint::Overwrite if overwrites.len() < OVERWRITES => {
                overwrites.push((op, None));
                true
            }
            _ => false,
        },
        Entry::Return(op) => match footprints[op as usize] {
            // Rule 4; rule 5 may still apply to reads further on.
            Footprint::Overwrite => {
                if !rule_4_decided {
                    rule_4_decided = true;
                    dead = all_reads
                        && reads
                            .iter()
                            .all(|&r| !reachable(ops[r as usize], state, &blind));
                }
                true
            }
            // Rule 5.
            Footprint::ReadOnly => {
                let r = ops[op as usize];
                let satisfiable = reachable(r, state, &blind)
                    || overwrites.iter_mut().any(|(p, after)| {
                        let after = after.get_or_insert_with(|| {
                            let p = ops[*p as usize];
                            model.step(state, &p.input, p.output.as_ref())
                        });
                        // An "overwrite" the model rejects: promise broken, assume anything.
                        after
                            .as_ref()
                            .is_none_or(|after| reachable(r, after, &blind))
                    });
                dead_end = !satisfiable;
                satisfiable
            }
            _ => true,
        },
    });
    match (dead_end, dead) {
        (true, _) => Ahead::DeadEnd,
        (false, true) => Ahead::Dead,
        (false, false) => Ahead::Plain,
    }
}
