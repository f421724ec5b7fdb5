//! The call and return entries of a history as doubly linked lists ("dancing
//! links"), and a cursor that walks them to enumerate the candidates.
//!
//! Nodes are numbered in time order (at equal times calls first, then by operation
//! index), so comparing node numbers compares times. Most entries live in the
//! *main* list. An *open* operation, one that never returned and whose output is
//! unknown, has no return entry; its call lives in a second, *open* list. Open
//! operations never force anything to happen before the end of the history, and
//! they are tried after the main list's candidates: correct histories are found
//! much sooner that way.

use super::Operation;

/// What a list node stands for.
#[derive(Debug, Clone, Copy)]
enum Kind {
    /// The call of operation `op`; `ret` is the node of its return, `None` if open.
    Call { op: usize, ret: Option<usize> },
    /// The return of an operation.
    Return,
    /// A list's head or tail.
    Sentinel,
}

/// An operation that may be linearized next: its call node, index, and return node.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Candidate {
    pub(super) call: usize,
    pub(super) op: usize,
    pub(super) ret: Option<usize>,
}

impl Candidate {
    /// Whether the operation is open (never returned, unknown output).
    pub(super) fn is_open(&self) -> bool {
        self.ret.is_none()
    }
}

/// Whether an operation never returned and has an unknown output.
pub(super) fn is_open<I, O>(op: &Operation<I, O>) -> bool {
    op.is_pending() && op.output.is_none()
}

/// The head of the main list.
const HEAD: usize = 0;

/// The entries of the operations not yet linearized.
pub(super) struct Entries {
    kind: Vec<Kind>,
    prev: Vec<usize>,
    next: Vec<usize>,
    /// Tail of the main list; numbered above every entry.
    tail: usize,
    /// Head and tail of the open list.
    open_head: usize,
    open_tail: usize,
}

impl Entries {
    pub(super) fn new<I, O>(ops: &[&Operation<I, O>]) -> Self {
        // Entries sorted by time; at equal times calls go first (such operations
        // count as concurrent), then by operation index for determinism.
        let mut order: Vec<(u64, bool, usize)> = Vec::with_capacity(2 * ops.len());
        for (op, o) in ops.iter().enumerate() {
            order.push((o.call, false, op));
            if !is_open(o) {
                order.push((o.return_.max(o.call), true, op));
            }
        }
        order.sort_unstable();

        // Node 0 is the main head, nodes 1..=len the entries, then the main tail
        // and the open list's head and tail.
        let tail = order.len() + 1;
        let (open_head, open_tail) = (tail + 1, tail + 2);
        let mut ret_node = vec![None; ops.len()];
        for (i, &(_, is_return, op)) in order.iter().enumerate() {
            if is_return {
                ret_node[op] = Some(i + 1);
            }
        }
        let mut entries = Self {
            kind: vec![Kind::Sentinel; open_tail + 1],
            prev: vec![0; open_tail + 1],
            next: vec![0; open_tail + 1],
            tail,
            open_head,
            open_tail,
        };
        let (mut last_main, mut last_open) = (HEAD, open_head);
        for (i, &(_, is_return, op)) in order.iter().enumerate() {
            let node = i + 1;
            let ret = ret_node[op];
            entries.kind[node] = if is_return {
                Kind::Return
            } else {
                Kind::Call { op, ret }
            };
            let last = if ret.is_some() {
                &mut last_main
            } else {
                &mut last_open
            };
            entries.append(*last, node);
            *last = node;
        }
        entries.append(last_main, tail);
        entries.append(last_open, open_tail);
        entries
    }

    fn append(&mut self, last: usize, node: usize) {
        self.next[last] = node;
        self.prev[node] = last;
    }

    /// Whether every operation has been linearized.
    pub(super) fn is_empty(&self) -> bool {
        self.main_is_empty() && self.next[self.open_head] == self.open_tail
    }

    /// Whether only open operations are left.
    pub(super) fn main_is_empty(&self) -> bool {
        self.next[HEAD] == self.tail
    }

    /// A cursor at the start of the candidates.
    pub(super) fn first(&self) -> Cursor {
        Cursor::Main(self.next[HEAD])
    }

    fn unlink(&mut self, node: usize) {
        let (prev, next) = (self.prev[node], self.next[node]);
        self.next[prev] = next;
        self.prev[next] = prev;
    }

    /// Undoes `unlink(node)`; the node still knows its old neighbours.
    fn relink(&mut self, node: usize) {
        let (prev, next) = (self.prev[node], self.next[node]);
        self.next[prev] = node;
        self.prev[next] = node;
    }

    /// Removes a candidate's call and return from the lists.
    pub(super) fn lift(&mut self, c: Candidate) {
        self.unlink(c.call);
        if let Some(ret) = c.ret {
            self.unlink(ret);
        }
    }

    /// Undoes [`lift`](Self::lift). Lifts must be undone in reverse order.
    pub(super) fn unlift(&mut self, c: Candidate) {
        if let Some(ret) = c.ret {
            self.relink(ret);
        }
        self.relink(c.call);
    }
}

/// Where the scan for the next candidate stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Cursor {
    /// At this node of the main list.
    Main(usize),
    /// At this node of the open list. Only open calls before node `barrier` (the
    /// first return of the main list, or its tail) are candidates.
    Open { node: usize, barrier: usize },
    /// No candidate is left.
    Exhausted,
}

impl Cursor {
    /// The cursor moved past its current entry.
    pub(super) fn advance(self, entries: &Entries) -> Self {
        match self {
            Self::Main(node) => Self::Main(entries.next[node]),
            Self::Open { node, barrier } => Self::Open {
                node: entries.next[node],
                barrier,
            },
            Self::Exhausted => Self::Exhausted,
        }
    }

    /// The candidate under the cursor, or `None` when no candidate is left. Moves
    /// the cursor from the end of the main list's candidates to the open list.
    pub(super) fn candidate(&mut self, entries: &Entries) -> Option<Candidate> {
        loop {
            let node = match *self {
                Self::Main(node) => node,
                // The open tail is numbered above every barrier, so it ends the scan.
                Self::Open { node, barrier } if node < barrier => node,
                Self::Open { .. } | Self::Exhausted => return None,
            };
            match (entries.kind[node], *self) {
                (Kind::Call { op, ret }, _) => {
                    return Some(Candidate {
                        call: node,
                        op,
                        ret,
                    });
                }
                // A return (or the main tail) ends the main list's candidates.
                (Kind::Return | Kind::Sentinel, Self::Main(_)) => {
                    let first_open = entries.next[entries.open_head];
                    *self = Self::Open {
                        node: first_open,
                        barrier: node,
                    };
                }
                _ => return None,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn candidates(entries: &Entries) -> Vec<usize> {
        let mut cursor = entries.first();
        let mut ops = Vec::new();
        while let Some(c) = cursor.candidate(entries) {
            ops.push(c.op);
            cursor = cursor.advance(entries);
        }
        ops
    }

    #[test]
    fn candidates_are_the_calls_before_the_first_return() {
        let ops = [
            Operation::new(0, (), 0, (), 5),
            Operation::pending(1, (), 1),
            Operation::new(2, (), 2, (), 3),
            Operation::new(3, (), 4, (), 6),
            Operation::pending(4, (), 7),
        ];
        let refs: Vec<_> = ops.iter().collect();
        let mut entries = Entries::new(&refs);
        // Op 2 returns at 3, before ops 3 and 4 are called; open op 1 comes last.
        assert_eq!(candidates(&entries), vec![0, 2, 1]);

        let mut cursor = entries.first();
        let first = cursor.candidate(&entries).unwrap();
        cursor = cursor.advance(&entries);
        let second = cursor.candidate(&entries).unwrap();
        entries.lift(second);
        assert_eq!(candidates(&entries), vec![0, 3, 1]);
        entries.lift(first);
        // Op 4 is called at 7, after op 3 returned at 6: it must wait for op 3.
        assert_eq!(candidates(&entries), vec![3, 1]);
        entries.unlift(first);
        entries.unlift(second);
        assert_eq!(candidates(&entries), vec![0, 2, 1]);
        assert!(!entries.is_empty());
    }
}
