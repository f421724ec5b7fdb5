//! A look at the operations ahead of a new situation, to see whether its state
//! matters (shortcut 4) or whether it is a dead end (shortcut 5).
//!
//! Both rules rest on one fact: an operation `o` can be linearized before an
//! operation `p` only if `o` was called before `p` returned. Walking the entries
//! left in time order therefore meets, before `p`'s return, every operation that
//! could come before `p`.
//!
//! 4. *Dead state.* If an [`Overwrite`](Footprint::Overwrite) `p` is reached and
//!    every call met before its return is blind or an overwrite, nothing can look
//!    at the state before `p` replaces it: any order of what comes first is
//!    legal from any state. The state does not matter, and the memo files all
//!    such situations under one key.
//! 5. *Unreachable read.* If a [`ReadOnly`](Footprint::ReadOnly) `r` is reached
//!    and every call met before its return is read-only or
//!    [`Blind`](Footprint::Blind), only blind operations can change the state
//!    before `r`. If [`Model::may_become_legal`] says none can make `r` legal, the
//!    situation is a dead end.
//!
//! The walk stops at the first call that rules out both, or after [`LOOK_AHEAD`]
//! entries, so it costs little when the model promises nothing.

use super::entries::{Entries, Entry};
use super::{Footprint, Model, Operation};

/// How many entries the walk looks at, at most.
pub(super) const LOOK_AHEAD: usize = 256;

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
    // Every call met so far is blind or an overwrite (for rule 4) ...
    let mut oblivious = true;
    // ... or read-only or blind (for rule 5).
    let mut blind = true;
    let mut found = Ahead::Plain;
    entries.ahead(LOOK_AHEAD, |entry| match entry {
        Entry::Call(op) => {
            match footprints[op as usize] {
                Footprint::Blind => {}
                Footprint::Overwrite => blind = false,
                Footprint::ReadOnly => oblivious = false,
                Footprint::Unknown => (oblivious, blind) = (false, false),
            }
            oblivious || blind
        }
        Entry::Return(op) => match footprints[op as usize] {
            Footprint::Overwrite if oblivious => {
                found = Ahead::Dead;
                false
            }
            Footprint::ReadOnly if blind => {
                let r = ops[op as usize];
                let reachable = r
                    .output
                    .as_ref()
                    .is_none_or(|out| model.may_become_legal(state, &r.input, out));
                if !reachable {
                    found = Ahead::DeadEnd;
                }
                reachable
            }
            _ => true,
        },
    });
    found
}
