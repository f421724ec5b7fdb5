//! The open operations linearized so far (`O` in [`Memo`]), with the number the
//! memo gives the set.
//!
//! The set is kept sorted, together with the number of each of its prefixes:
//! `ids[i]` numbers `ops[..=i]`. Adding the newest open operation, the usual case,
//! costs one lookup; adding or removing an older one renumbers the prefixes after
//! it. When the memo is emptied its numbers lapse, and all are made again.

use super::memo::{Memo, NO_OPEN};

#[derive(Debug, Default)]
pub(super) struct OpenSet {
    /// The operations, ascending.
    ops: Vec<u32>,
    /// `ids[i]` is the memo's number of `ops[..=i]`; valid up to `valid`.
    ids: Vec<u32>,
    valid: usize,
    /// The memo generation the numbers belong to.
    generation: u64,
}

impl OpenSet {
    /// Adds `op`, which must not be in the set.
    pub(super) fn insert(&mut self, op: u32) {
        let at = self.ops.partition_point(|&o| o < op);
        self.ops.insert(at, op);
        self.valid = self.valid.min(at);
    }

    /// Removes `op`, which must be in the set.
    pub(super) fn remove(&mut self, op: u32) {
        let at = self.ops.partition_point(|&o| o < op);
        debug_assert_eq!(self.ops.get(at), Some(&op));
        self.ops.remove(at);
        self.valid = self.valid.min(at);
    }

    /// The memo's number of the set.
    pub(super) fn id<S>(&mut self, memo: &mut Memo<S>) -> u32 {
        if self.generation != memo.generation() {
            self.generation = memo.generation();
            self.valid = 0;
        }
        self.ids.truncate(self.valid);
        for i in self.valid..self.ops.len() {
            let parent = i.checked_sub(1).map_or(NO_OPEN, |p| self.ids[p]);
            self.ids.push(memo.extend(parent, self.ops[i]));
        }
        self.valid = self.ops.len();
        self.ids.last().copied().unwrap_or(NO_OPEN)
    }
}
