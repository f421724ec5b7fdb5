//! The memo of situations the search has already explored, kept compact.
//!
//! A situation is the set of linearized operations plus the model state. Storing the
//! set as a bitset costs `n / 8` bytes per entry, which for long histories is more
//! than everything else together. But the set has a short exact description:
//!
//! > Number the operations in the order of their calls. Let `f` (the *frontier*) be
//! > one past the highest linearized operation, `W` (the *window*) the operations
//! > below `f` that returned (or will) and are not linearized, and `O` the open
//! > operations (never returned, see [`entries`](super::entries)) that are
//! > linearized. Then the linearized set is `0..f` minus `W` minus the open
//! > operations, plus `O`.
//!
//! `W` is small: an operation `u` in `W` was called before the highest linearized
//! operation `v` was, and since `v` may be linearized without `u`, `u` had not
//! returned when `v` was called. So `W` holds only operations that were in flight at
//! one instant: at most one per client. `O` is not small: every open operation that
//! took effect joins it and stays, so in a long history with a few lost requests
//! per thousand it grows with the history (and so would its complement, the open
//! operations that never took effect). Spelling `O` out in every entry made each
//! entry, and each lookup, cost time and memory in proportion to the history: the
//! search was quadratic. So `O` is *interned*: the sets the search builds are
//! numbered in a trie, set `(parent, o)` being set `parent` plus the operation `o`,
//! added in ascending order. The search linearizes open operations mostly in call
//! order, so the set after one more is one lookup away from the set before it
//! ([`Memo::extend`]); equal sets get equal numbers, so the key stays exact.
//!
//! An entry is therefore stored as a few varint-encoded bytes — the frontier, `W`
//! as gaps counted down from the frontier, the number of `O` and the number of the
//! state in a table of distinct states — in one byte arena, found through an
//! open-addressing table of 32-bit slots. A typical entry costs about 20 bytes,
//! against `n / 8`.
//!
//! | part | bytes per entry |
//! |---|---|
//! | slot (load at most 5/8) | 4 / 0.625 ≈ 6.4 |
//! | hash and arena offset | 12 |
//! | encoded key | 3–10 (frontier, window gaps, set number, state number) |
//! | the state, once per *distinct* state | `size_of::<State>()` + what it owns + 12 |
//! | a set of open operations, once per distinct set | about 20 |

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hash, Hasher};
use std::mem::size_of;

use super::fast_hash::FxHasher;

/// Explored situations: `(frontier, window, open set, state)`, each stored once.
#[derive(Debug)]
pub(super) struct Memo<S> {
    /// 1 + index into `entry_hash`; 0 marks an empty slot. A power of two long.
    slots: Vec<u32>,
    entry_hash: Vec<u64>,
    /// Where each entry's key starts in `arena`; it ends where the next one starts.
    entry_start: Vec<u32>,
    arena: Vec<u8>,
    /// The distinct states, numbered, with their own open-addressing table.
    state_slots: Vec<u32>,
    state_hash: Vec<u64>,
    states: Vec<S>,
    /// Heap bytes owned by the stored states, as the model reports them.
    state_heap: u64,
    /// The sets of open operations: `(parent << 32) | op` to the set's number.
    /// Set 0 is the empty set; the others are numbered from 1 as they come.
    sets: HashMap<u64, u32, BuildHasherDefault<FxHasher>>,
    /// How many times the memo was emptied: set numbers from an earlier
    /// generation mean nothing.
    generation: u64,
    key: Vec<u8>,
}

impl<S> Default for Memo<S> {
    fn default() -> Self {
        Self {
            slots: Vec::new(),
            entry_hash: Vec::new(),
            entry_start: Vec::new(),
            arena: Vec::new(),
            state_slots: Vec::new(),
            state_hash: Vec::new(),
            states: Vec::new(),
            state_heap: 0,
            sets: HashMap::default(),
            generation: 0,
            key: Vec::new(),
        }
    }
}

/// The number of the empty set of open operations.
pub(super) const NO_OPEN: u32 = 0;

impl<S> Memo<S> {
    /// The number of the set `parent` plus the open operation `op`, which must be
    /// above every operation of `parent`.
    pub(super) fn extend(&mut self, parent: u32, op: u32) -> u32 {
        let next = self.sets.len() as u32 + 1;
        *self
            .sets
            .entry((u64::from(parent) << 32) | u64::from(op))
            .or_insert(next)
    }

    /// How many times the memo has been emptied; set numbers from
    /// [`extend`](Self::extend) hold within one generation.
    pub(super) fn generation(&self) -> u64 {
        self.generation
    }
}

impl<S: Hash + Eq + Clone> Memo<S> {
    /// Records the situation; `false` if it was recorded before.
    ///
    /// `window` (`W` above) must be sorted ascending, below `frontier`; `open` is
    /// the number of `O` ([`Memo::extend`]) in this generation; `after_open` says
    /// whether the last operation linearized was open (the search then explores
    /// less: see shortcut 6 in [`search`](super::search)). A state of `None` stands for every state (a dead one, see
    /// [`lookahead`](super::lookahead)). `heap_bytes` reports the heap memory a state
    /// owns, for [`bytes`](Self::bytes).
    pub(super) fn insert(
        &mut self,
        frontier: u32,
        window: &[u32],
        open: u32,
        after_open: bool,
        state: Option<&S>,
        heap_bytes: impl Fn(&S) -> usize,
    ) -> bool {
        debug_assert!(self.has_room(window.len()), "make_room first");
        // State numbers are stored plus one; 0 is "any state".
        let (state_id, new_state) = match state {
            Some(state) => {
                let (id, new) = self.intern(state, heap_bytes);
                (id + 1, new)
            }
            None => (0, false),
        };
        self.key.clear();
        push_varint(
            &mut self.key,
            u64::from(frontier) << 1 | u64::from(after_open),
        );
        push_varint(&mut self.key, window.len() as u64);
        let mut above = frontier;
        for &u in window.iter().rev() {
            push_varint(&mut self.key, u64::from(above - 1 - u));
            above = u;
        }
        push_varint(&mut self.key, u64::from(open));
        push_varint(&mut self.key, u64::from(state_id));
        let hash = hash_bytes(&self.key);

        if (self.entry_hash.len() + 1) * 8 > self.slots.len() * 5 {
            self.grow();
        }
        // A new state cannot be part of a recorded situation: skip the lookup.
        let mut slot = home(hash, self.slots.len());
        while !new_state && self.slots[slot] != 0 {
            let entry = self.slots[slot] as usize - 1;
            if self.entry_hash[entry] == hash && self.entry_key(entry) == self.key.as_slice() {
                return false;
            }
            slot = (slot + 1) & (self.slots.len() - 1);
        }
        while self.slots[slot] != 0 {
            slot = (slot + 1) & (self.slots.len() - 1);
        }
        self.slots[slot] = self.entry_hash.len() as u32 + 1;
        self.entry_hash.push(hash);
        self.entry_start.push(self.arena.len() as u32);
        self.arena.extend_from_slice(&self.key);
        true
    }

    /// Empties the memo if an entry with a window of `window` operations might not
    /// fit: the arena is addressed with 32 bits. Call it before numbering the set
    /// of open operations for [`insert`](Self::insert), as emptying renumbers sets.
    pub(super) fn make_room(&mut self, window: usize) {
        if !self.has_room(window) {
            self.clear(); // it is a cache
        }
    }

    fn has_room(&self, window: usize) -> bool {
        self.arena.len() + (window + 5) * 10 <= u32::MAX as usize
    }

    /// The number of `state` in the state table, and whether it is new there.
    fn intern(&mut self, state: &S, heap_bytes: impl Fn(&S) -> usize) -> (u32, bool) {
        let mut hasher = FxHasher::default();
        state.hash(&mut hasher);
        let hash = hasher.finish();
        if (self.states.len() + 1) * 8 > self.state_slots.len() * 5 {
            self.state_slots = rehash(&self.state_hash, self.state_slots.len());
        }
        let mask = self.state_slots.len() - 1;
        let mut slot = home(hash, self.state_slots.len());
        while self.state_slots[slot] != 0 {
            let id = self.state_slots[slot] - 1;
            if self.state_hash[id as usize] == hash && self.states[id as usize] == *state {
                return (id, false);
            }
            slot = (slot + 1) & mask;
        }
        let id = self.states.len() as u32;
        self.state_slots[slot] = id + 1;
        self.state_hash.push(hash);
        self.state_heap += heap_bytes(state) as u64;
        self.states.push(state.clone());
        (id, true)
    }

    fn entry_key(&self, entry: usize) -> &[u8] {
        let start = self.entry_start[entry] as usize;
        let end = self
            .entry_start
            .get(entry + 1)
            .map_or(self.arena.len(), |&e| e as usize);
        &self.arena[start..end]
    }

    fn grow(&mut self) {
        self.slots = rehash(&self.entry_hash, self.slots.len());
    }

    /// Approximately how many bytes the memo holds.
    pub(super) fn bytes(&self) -> u64 {
        let words = (self.slots.capacity() + self.entry_start.capacity() + self.state_slots.capacity())
                * size_of::<u32>()
                + (self.entry_hash.capacity() + self.state_hash.capacity()) * size_of::<u64>()
                + self.arena.capacity()
                + self.states.capacity() * size_of::<S>()
                // A hash map keeps one control byte per bucket besides the pair.
                + self.sets.capacity() * (size_of::<(u64, u32)>() + 1);
        words as u64 + self.state_heap
    }

    /// How many situations are recorded.
    #[cfg(test)]
    pub(super) fn len(&self) -> usize {
        self.entry_hash.len()
    }

    /// Forgets everything and returns the memory.
    pub(super) fn clear(&mut self) {
        *self = Self {
            generation: self.generation + 1,
            ..Self::default()
        };
    }
}

/// A slot table for `hashes`, twice as long as `old_len` (at least 1024 slots).
fn rehash(hashes: &[u64], old_len: usize) -> Vec<u32> {
    let len = (old_len * 2).max(1024);
    let mut slots = vec![0u32; len];
    for (i, &hash) in hashes.iter().enumerate() {
        let mut slot = home(hash, len);
        while slots[slot] != 0 {
            slot = (slot + 1) & (len - 1);
        }
        slots[slot] = i as u32 + 1;
    }
    slots
}

/// The first slot to probe: the top bits of a Fibonacci-hashed `hash` (the Fx hash's
/// low bits are weak).
fn home(hash: u64, len: usize) -> usize {
    let bits = len.trailing_zeros();
    (hash.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - bits)) as usize
}

fn hash_bytes(bytes: &[u8]) -> u64 {
    let mut hasher = FxHasher::default();
    hasher.write(bytes);
    hasher.finish()
}

/// Appends `value` in LEB128: seven bits per byte, high bit set on all but the last.
fn push_varint(out: &mut Vec<u8>, mut value: u64) {
    while value >= 0x80 {
        out.push((value as u8) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn situations_are_recorded_once() {
        let mut memo = Memo::<String>::default();
        let size = |s: &String| s.capacity();
        let (a, b) = ("a".to_string(), "b".to_string());
        assert!(memo.insert(5, &[1, 3], NO_OPEN, false, Some(&a), size));
        assert!(!memo.insert(5, &[1, 3], NO_OPEN, false, Some(&a), size));
        // Any difference makes a new situation.
        assert!(memo.insert(5, &[1, 3], NO_OPEN, false, Some(&b), size));
        assert!(memo.insert(5, &[1, 2], NO_OPEN, false, Some(&a), size));
        assert!(memo.insert(5, &[1], NO_OPEN, false, Some(&a), size));
        assert!(memo.insert(6, &[1, 3], NO_OPEN, false, Some(&a), size));
        assert!(memo.insert(300, &[], NO_OPEN, false, Some(&a), size));
        assert!(memo.insert(5, &[1, 3], NO_OPEN, false, None, size));
        assert!(!memo.insert(5, &[1, 3], NO_OPEN, false, None, size));
        // Open operations linearized make another situation; equal sets are one.
        let one = memo.extend(NO_OPEN, 1);
        let one_three = memo.extend(one, 3);
        assert!(one != NO_OPEN && one_three != one);
        assert_eq!(memo.extend(NO_OPEN, 1), one);
        assert!(memo.insert(5, &[1, 3], one_three, false, None, size));
        assert!(memo.insert(5, &[1, 3], one, false, None, size));
        let again = memo.extend(one, 3);
        assert!(!memo.insert(5, &[1, 3], again, false, None, size));
        assert!(memo.insert(5, &[1, 3], again, true, None, size));
        assert_eq!(memo.len(), 10);
        // Enough to grow the table several times (fewer under Miri, which interprets it).
        let many: u32 = if cfg!(miri) { 300 } else { 5000 };
        for i in 0..many {
            let state = format!("{}", i % 7);
            assert!(memo.insert(1000 + i, &[i], NO_OPEN, false, Some(&state), size));
        }
        for i in 0..many {
            let state = format!("{}", i % 7);
            assert!(!memo.insert(1000 + i, &[i], NO_OPEN, false, Some(&state), size));
        }
        assert!(memo.bytes() > u64::from(many) * 10);
        let generation = memo.generation();
        memo.clear();
        assert_eq!(memo.len(), 0);
        assert_eq!(memo.generation(), generation + 1);
        assert!(memo.insert(5, &[1, 3], NO_OPEN, false, Some(&a), size));
    }

    #[test]
    fn varints_are_leb128() {
        let mut out = Vec::new();
        push_varint(&mut out, 0);
        push_varint(&mut out, 127);
        push_varint(&mut out, 128);
        push_varint(&mut out, 300);
        assert_eq!(out, [0, 127, 0x80, 1, 0xac, 2]);
    }
}
