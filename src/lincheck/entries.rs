//! The call and return entries of a history as doubly linked lists ("dancing
//! links"), from which the candidates for the next linearized operation are read.
//!
//! Operations are numbered in the order of their calls; nodes are numbered in time
//! order (at equal times calls first, then by operation), so comparing node numbers
//! compares times. Most entries live in the *main* list. An *open* operation, one
//! that never returned and whose output is unknown, has no return entry; its call
//! lives in a second, *open* list. Open operations never force anything to happen
//! before the end of the history, and they are tried after the main list's
//! candidates: correct histories are found much sooner that way.
//!
//! Everything is `u32`: two nodes per operation at 12 bytes each, plus 8 bytes per
//! operation, is what a long history costs here.

use super::Operation;

/// Marks a return node in `node_op`.
const RETURN: u32 = 1 << 31;
/// `node_op` of a list's head or tail; `ret_node` of an open operation.
const NONE: u32 = u32::MAX;
/// The head of the main list.
const HEAD: u32 = 0;

/// Whether an operation never returned and has an unknown output.
pub(super) fn is_open<I, O>(op: &Operation<I, O>) -> bool {
    op.is_pending() && op.output.is_none()
}

/// An entry met by [`Entries::ahead`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Entry {
    /// The call of this operation.
    Call(u32),
    /// The return of this operation.
    Return(u32),
}

/// The entries of the operations not yet linearized.
#[derive(Debug)]
pub(super) struct Entries {
    /// The operation of each node, `| RETURN` for a return node; `NONE` for sentinels.
    node_op: Vec<u32>,
    prev: Vec<u32>,
    next: Vec<u32>,
    call_node: Vec<u32>,
    /// `NONE` for an open operation.
    ret_node: Vec<u32>,
    /// Tail of the main list; numbered above every entry.
    tail: u32,
    /// Head and tail of the open list.
    open_head: u32,
    open_tail: u32,
}

impl Entries {
    /// The entries of `ops`, which must be sorted by call time.
    pub(super) fn new<I, O>(ops: &[&Operation<I, O>]) -> Self {
        assert!(ops.len() < (RETURN as usize) / 2, "too many operations");
        // (time, is_return, op): at equal times calls go first (such operations count
        // as concurrent), then in operation order, which is call order.
        let mut order: Vec<(u64, bool, u32)> = Vec::with_capacity(2 * ops.len());
        for (op, o) in ops.iter().enumerate() {
            order.push((o.call, false, op as u32));
            if !is_open(o) {
                order.push((o.return_.max(o.call), true, op as u32));
            }
        }
        order.sort_unstable();

        // Node 0 is the main head, nodes 1..=len the entries, then the main tail and
        // the open list's head and tail.
        let tail = order.len() as u32 + 1;
        let (open_head, open_tail) = (tail + 1, tail + 2);
        let nodes = open_tail as usize + 1;
        let mut entries = Self {
            node_op: vec![NONE; nodes],
            prev: vec![0; nodes],
            next: vec![0; nodes],
            call_node: vec![NONE; ops.len()],
            ret_node: vec![NONE; ops.len()],
            tail,
            open_head,
            open_tail,
        };
        for (i, &(_, is_return, op)) in order.iter().enumerate() {
            let node = i as u32 + 1;
            if is_return {
                entries.node_op[node as usize] = op | RETURN;
                entries.ret_node[op as usize] = node;
            } else {
                entries.node_op[node as usize] = op;
                entries.call_node[op as usize] = node;
            }
        }
        let (mut last_main, mut last_open) = (HEAD, open_head);
        for node in 1..tail {
            let op = entries.node_op[node as usize] & !RETURN;
            let last = if entries.ret_node[op as usize] == NONE {
                &mut last_open
            } else {
                &mut last_main
            };
            entries.append(*last, node);
            *last = node;
        }
        entries.append(last_main, tail);
        entries.append(last_open, open_tail);
        entries
    }

    fn append(&mut self, last: u32, node: u32) {
        self.next[last as usize] = node;
        self.prev[node as usize] = last;
    }

    /// Bytes held per operation (for the memory budget).
    pub(super) const BYTES_PER_OP: u64 = 2 * 3 * 4 + 2 * 4;

    /// Whether every operation has been linearized.
    pub(super) fn is_empty(&self) -> bool {
        self.main_is_empty() && self.next[self.open_head as usize] == self.open_tail
    }

    /// Whether only open operations are left.
    pub(super) fn main_is_empty(&self) -> bool {
        self.next[HEAD as usize] == self.tail
    }

    /// Whether `op` is open.
    pub(super) fn is_open(&self, op: u32) -> bool {
        self.ret_node[op as usize] == NONE
    }

    /// The operations that may be linearized next, into `out`: those called before
    /// the first return left, the ones with the earliest returns first (the most
    /// urgent, "just in time"), then the open ones, the latest called first.
    pub(super) fn candidates(&self, out: &mut Vec<u32>) {
        out.clear();
        let mut node = self.next[HEAD as usize];
        while self.node_op[node as usize] & RETURN == 0 {
            out.push(self.node_op[node as usize]);
            node = self.next[node as usize];
        }
        // `node` is the first return, or the tail, numbered above every barrier.
        let barrier = node;
        out.sort_unstable_by_key(|&op| self.ret_node[op as usize]);
        let main = out.len();
        let mut open = self.next[self.open_head as usize];
        while open < barrier {
            out.push(self.node_op[open as usize]);
            open = self.next[open as usize];
        }
        // The most recently called first: an open operation whose effect is needed
        // is usually one that was lost just now, while the lost operations that
        // never took effect pile up behind it.
        out[main..].reverse();
    }

    /// The operations of the main list below `frontier` not yet linearized,
    /// ascending, into `out` (open operations are left out).
    ///
    /// Walking the main list from its head meets their calls in order; a return met
    /// on the way belongs to one of them (its call came first), so the walk stops
    /// after about twice as many nodes as it collects.
    pub(super) fn window(&self, frontier: u32, out: &mut Vec<u32>) {
        out.clear();
        let mut node = self.next[HEAD as usize];
        while node != self.tail {
            let op = self.node_op[node as usize];
            if op & RETURN == 0 {
                if op >= frontier {
                    break;
                }
                out.push(op);
            }
            node = self.next[node as usize];
        }
    }

    /// Visits the entries left in time order, open calls included, at most `max`
    /// of them, until `visit` returns `false`.
    pub(super) fn ahead(&self, max: usize, mut visit: impl FnMut(Entry) -> bool) {
        let (mut main, mut open) = (self.next[HEAD as usize], self.next[self.open_head as usize]);
        for _ in 0..max {
            // Open calls are numbered among the main list's nodes, below its tail.
            let entry = if open != self.open_tail && open < main {
                let op = self.node_op[open as usize];
                open = self.next[open as usize];
                Entry::Call(op)
            } else if main != self.tail {
                let op = self.node_op[main as usize];
                main = self.next[main as usize];
                if op & RETURN == 0 {
                    Entry::Call(op)
                } else {
                    Entry::Return(op & !RETURN)
                }
            } else {
                return;
            };
            if !visit(entry) {
                return;
            }
        }
    }

    fn unlink(&mut self, node: u32) {
        let (prev, next) = (self.prev[node as usize], self.next[node as usize]);
        self.next[prev as usize] = next;
        self.prev[next as usize] = prev;
    }

    /// Undoes `unlink(node)`; the node still knows its old neighbours.
    fn relink(&mut self, node: u32) {
        let (prev, next) = (self.prev[node as usize], self.next[node as usize]);
        self.next[prev as usize] = node;
        self.prev[next as usize] = node;
    }

    /// Removes an operation's call and return from the lists.
    pub(super) fn lift(&mut self, op: u32) {
        self.unlink(self.call_node[op as usize]);
        let ret = self.ret_node[op as usize];
        if ret != NONE {
            self.unlink(ret);
        }
    }

    /// Undoes [`lift`](Self::lift). Lifts must be undone in reverse order.
    pub(super) fn unlift(&mut self, op: u32) {
        let ret = self.ret_node[op as usize];
        if ret != NONE {
            self.relink(ret);
        }
        self.relink(self.call_node[op as usize]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn candidates(entries: &Entries) -> Vec<u32> {
        let mut out = Vec::new();
        entries.candidates(&mut out);
        out
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
        // Op 2 returns at 3, before ops 3 and 4 are called; it is the most urgent.
        // Open op 1 comes last.
        assert_eq!(candidates(&entries), vec![2, 0, 1]);
        entries.lift(2);
        assert_eq!(candidates(&entries), vec![0, 3, 1]);
        entries.lift(0);
        // Op 4 is called at 7, after op 3 returned at 6: it must wait for op 3.
        assert_eq!(candidates(&entries), vec![3, 1]);
        let mut window = Vec::new();
        entries.window(3, &mut window);
        assert!(window.is_empty()); // ops 0 and 2 are linearized, 1 is open
        entries.window(5, &mut window);
        assert_eq!(window, vec![3]);
        entries.unlift(0);
        entries.unlift(2);
        assert_eq!(candidates(&entries), vec![2, 0, 1]);
        assert!(!entries.is_empty());
        assert!(entries.is_open(1) && !entries.is_open(0));
        let mut seen = Vec::new();
        entries.ahead(5, |e| {
            seen.push(e);
            true
        });
        use Entry::{Call, Return};
        assert_eq!(seen, [Call(0), Call(1), Call(2), Return(2), Call(3)]);
    }
}
