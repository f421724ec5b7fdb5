//! A FIFO queue and a LIFO stack of `u32`, bounded or not.

use std::collections::VecDeque;

use crate::lincheck::Model;

/// A FIFO queue of `u32`, initially empty, holding at most `capacity` values (`None`:
/// unbounded).
///
/// The output of both operations is an `Option<u32>`, shaped after
/// `Result<(), T>`-returning pushes (crossbeam's `ArrayQueue::push`): a push returns
/// `None` when the value went in and `Some(value)` when the queue was full and gave it
/// back (`q.push(v).err()`); a pop returns the head, `None` when empty.
///
/// ```
/// use synclab::lincheck::models::{Queue, QueueOp::*};
/// use synclab::lincheck::{Budget, Operation, check};
///
/// // Two overlapping pops both returned 1: an element was handed out twice.
/// let history = vec![
///     Operation::new(2, Push(1), 0, None, 1),
///     Operation::new(0, Pop, 2, Some(1), 5),
///     Operation::new(1, Pop, 3, Some(1), 4),
/// ];
/// let fifo = Queue::unbounded();
/// assert_eq!(check(&fifo, &history, Budget::default()).is_linearizable(), Some(false));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Queue {
    /// The most values it holds; a push into a full queue gives its value back.
    pub capacity: Option<usize>,
}

impl Queue {
    /// A queue without a bound: every push succeeds.
    pub fn unbounded() -> Self {
        Queue { capacity: None }
    }

    /// A queue of at most `capacity` values.
    pub fn bounded(capacity: usize) -> Self {
        Queue {
            capacity: Some(capacity),
        }
    }
}

/// An operation of a [`Queue`] or [`Stack`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum QueueOp {
    /// Add this value (at the tail of a queue, the top of a stack).
    Push(u32),
    /// Take a value (from the head of a queue, the top of a stack).
    Pop,
}

impl QueueOp {
    /// The value a push adds (0 for a pop): `|q, op| q.push(op.value()).err()`.
    pub fn value(&self) -> u32 {
        match self {
            QueueOp::Push(v) => *v,
            QueueOp::Pop => 0,
        }
    }
}

/// One step of a container whose `take` removes the value it returns: shared by the
/// queue and the stack, which differ only in which end `take` uses.
fn step<C: Clone>(
    container: &C,
    len: usize,
    capacity: Option<usize>,
    op: &QueueOp,
    output: Option<&Option<u32>>,
    put: impl FnOnce(&mut C, u32),
    take: impl FnOnce(&mut C) -> Option<u32>,
) -> Option<C> {
    let mut next = container.clone();
    match *op {
        QueueOp::Push(v) => {
            let full = capacity.is_some_and(|c| len >= c);
            match output {
                // Unknown outcome: it went in if there was room.
                None if full => {}
                None | Some(None) if !full => put(&mut next, v),
                // Refused: only when full, giving back its own value.
                Some(Some(back)) if full && *back == v => {}
                _ => return None,
            }
        }
        QueueOp::Pop => {
            let taken = take(&mut next);
            if output.is_some_and(|out| *out != taken) {
                return None;
            }
        }
    }
    Some(next)
}

/// `push(1)`, `push(1) -> full`, `pop() -> 1`, `pop() -> empty`, `pop() -> ?`.
fn describe(op: &QueueOp, output: Option<&Option<u32>>) -> String {
    match (op, output) {
        (QueueOp::Push(v), Some(Some(_))) => format!("push({v}) -> full"),
        (QueueOp::Push(v), _) => format!("push({v})"),
        (QueueOp::Pop, Some(Some(v))) => format!("pop() -> {v}"),
        (QueueOp::Pop, Some(None)) => "pop() -> empty".to_string(),
        (QueueOp::Pop, None) => "pop() -> ?".to_string(),
    }
}

impl Model for Queue {
    type State = VecDeque<u32>;
    type Input = QueueOp;
    type Output = Option<u32>;

    fn init(&self) -> VecDeque<u32> {
        VecDeque::new()
    }

    fn step(
        &self,
        queue: &VecDeque<u32>,
        op: &QueueOp,
        output: Option<&Option<u32>>,
    ) -> Option<VecDeque<u32>> {
        let (put, take) = (VecDeque::push_back, VecDeque::pop_front);
        step(queue, queue.len(), self.capacity, op, output, put, take)
    }

    fn state_heap_bytes(&self, queue: &VecDeque<u32>) -> usize {
        queue.capacity() * size_of::<u32>()
    }

    fn describe_operation(&self, op: &QueueOp, output: Option<&Option<u32>>) -> String {
        describe(op, output)
    }

    fn describe_state(&self, queue: &VecDeque<u32>) -> String {
        format!("{:?} (head first)", queue.iter().collect::<Vec<_>>())
    }
}

/// A LIFO stack of `u32`, initially empty, holding at most `capacity` values (`None`:
/// unbounded). Operations and outputs as for [`Queue`]; a pop takes the newest value.
///
/// ```
/// use synclab::lincheck::models::{Stack, QueueOp::*};
/// use synclab::lincheck::{Budget, Operation, check};
///
/// // push(1), push(2), then a pop that returned 1: not a stack.
/// let history = vec![
///     Operation::new(0, Push(1), 0, None, 1),
///     Operation::new(0, Push(2), 2, None, 3),
///     Operation::new(0, Pop, 4, Some(1), 5),
/// ];
/// let lifo = Stack::unbounded();
/// assert_eq!(check(&lifo, &history, Budget::default()).is_linearizable(), Some(false));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Stack {
    /// The most values it holds; a push onto a full stack gives its value back.
    pub capacity: Option<usize>,
}

impl Stack {
    /// A stack without a bound.
    pub fn unbounded() -> Self {
        Stack { capacity: None }
    }

    /// A stack of at most `capacity` values.
    pub fn bounded(capacity: usize) -> Self {
        Stack {
            capacity: Some(capacity),
        }
    }
}

impl Model for Stack {
    type State = Vec<u32>;
    type Input = QueueOp;
    type Output = Option<u32>;

    fn init(&self) -> Vec<u32> {
        Vec::new()
    }

    fn step(
        &self,
        stack: &Vec<u32>,
        op: &QueueOp,
        output: Option<&Option<u32>>,
    ) -> Option<Vec<u32>> {
        step(
            stack,
            stack.len(),
            self.capacity,
            op,
            output,
            Vec::push,
            Vec::pop,
        )
    }

    fn state_heap_bytes(&self, stack: &Vec<u32>) -> usize {
        stack.capacity() * size_of::<u32>()
    }

    fn describe_operation(&self, op: &QueueOp, output: Option<&Option<u32>>) -> String {
        describe(op, output)
    }

    fn describe_state(&self, stack: &Vec<u32>) -> String {
        format!("{stack:?} (top last)")
    }
}

#[cfg(test)]
mod tests {
    use super::QueueOp::{Pop, Push};
    use super::*;

    #[test]
    fn steps() {
        let q = Queue::bounded(1);
        let empty = VecDeque::new();
        let one = VecDeque::from([1]);
        assert_eq!(q.step(&empty, &Push(1), Some(&None)), Some(one.clone()));
        assert_eq!(
            q.step(&empty, &Push(1), Some(&Some(1))),
            None,
            "refused while not full"
        );
        assert_eq!(q.step(&one, &Push(2), Some(&Some(2))), Some(one.clone()));
        assert_eq!(
            q.step(&one, &Push(2), Some(&Some(3))),
            None,
            "gave back another value"
        );
        assert_eq!(
            q.step(&one, &Push(2), Some(&None)),
            None,
            "accepted while full"
        );
        assert_eq!(q.step(&one, &Push(2), None), Some(one.clone()));
        assert_eq!(q.step(&one, &Pop, Some(&Some(1))), Some(empty.clone()));
        assert_eq!(q.step(&one, &Pop, Some(&None)), None);
        assert_eq!(q.step(&empty, &Pop, Some(&None)), Some(empty.clone()));
        let s = Stack::unbounded();
        assert_eq!(s.step(&vec![1, 2], &Pop, Some(&Some(2))), Some(vec![1]));
        assert_eq!(s.step(&vec![1, 2], &Pop, Some(&Some(1))), None);
        assert_eq!(describe(&Pop, Some(&None)), "pop() -> empty");
        assert_eq!(describe(&Push(3), Some(&Some(3))), "push(3) -> full");
    }
}
