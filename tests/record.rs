//! std checks of `synclab::record`: recording calls on real threads, a queue that a user
//! brings with its own sequential model, readable explanations, and shrinking on std.
//!
//! The loom and shuttle checks of the same module live in `models/tests/record.rs`.

use std::collections::VecDeque;
use std::sync::Mutex;

use synclab::check::{self, Checker};
use synclab::counter::checks::{self as scenario, Op};
use synclab::counter::{AtomicCounter, CasCounter, MutexCounter};
use synclab::lincheck::Model;
use synclab::record::{History, Recorder};

/// Real threads; small under Miri.
const STRESS: Checker = Checker::Stress {
    iterations: if cfg!(miri) { 1 } else { 10 },
};
const THREADS: usize = if cfg!(miri) { 2 } else { 4 };
const ROUNDS: usize = if cfg!(miri) { 2 } else { 50 };

// ---------------------------------------------------------------------------
// A queue that a user brings, and its sequential specification.

/// A queue operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum QueueOp {
    Push(u32),
    Pop,
}

/// The sequential specification: a FIFO queue. `pop` returns the oldest element, or
/// `None` when empty; the output of `push` is always `None`.
struct Fifo;

impl Model for Fifo {
    type State = VecDeque<u32>;
    type Input = QueueOp;
    type Output = Option<u32>;

    fn init(&self) -> VecDeque<u32> {
        VecDeque::new()
    }

    fn step(
        &self,
        state: &VecDeque<u32>,
        input: &QueueOp,
        output: Option<&Option<u32>>,
    ) -> Option<VecDeque<u32>> {
        let mut next = state.clone();
        match *input {
            QueueOp::Push(v) => next.push_back(v),
            QueueOp::Pop => {
                let front = next.pop_front();
                if output.is_some_and(|out| *out != front) {
                    return None;
                }
            }
        }
        Some(next)
    }

    fn describe_operation(&self, input: &QueueOp, output: Option<&Option<u32>>) -> String {
        match (input, output) {
            (QueueOp::Push(v), _) => format!("push({v})"),
            (QueueOp::Pop, Some(Some(v))) => format!("pop() -> {v}"),
            (QueueOp::Pop, Some(None)) => "pop() -> empty".to_string(),
            (QueueOp::Pop, None) => "pop() -> ?".to_string(),
        }
    }
}

/// The user's queue: a mutex around a `VecDeque`, or (the bug) around a `Vec` that pops
/// the newest element.
struct UserQueue {
    lifo_bug: bool,
    items: Mutex<VecDeque<u32>>,
}

impl UserQueue {
    fn new(lifo_bug: bool) -> Self {
        Self {
            lifo_bug,
            items: Mutex::new(VecDeque::new()),
        }
    }

    fn push(&self, v: u32) {
        self.items.lock().unwrap().push_back(v);
    }

    fn pop(&self) -> Option<u32> {
        let mut items = self.items.lock().unwrap();
        if self.lifo_bug {
            items.pop_back()
        } else {
            items.pop_front()
        }
    }
}

/// Runs the programs against a queue, recording every call, and checks the history.
fn run_queue(lifo_bug: bool, programs: &[Vec<QueueOp>]) -> History<QueueOp, Option<u32>> {
    let queue = UserQueue::new(lifo_bug);
    Recorder::new().run(&queue, programs, |q, op, client| match *op {
        QueueOp::Push(v) => {
            client.call(QueueOp::Push(v), || {
                q.push(v);
                None
            });
        }
        QueueOp::Pop => {
            client.call(QueueOp::Pop, || q.pop());
        }
    })
}

mod record {
    use super::*;

    /// Each call is bracketed by two ticks of the shared clock, and a later call of the
    /// same thread starts after the earlier one returned.
    #[test]
    fn clock_ticks_bracket_each_call() {
        let recorder = Recorder::new();
        let mut a = recorder.client::<&str, u32>(0);
        let mut b = recorder.client::<&str, u32>(1);
        assert_eq!(a.call("first", || 1), 1);
        let inner = b.call_with("second", || 2, |_| None);
        assert_eq!(inner, 2);
        a.call("third", || 3);
        let mut history = History::new();
        history.extend(b.into_operations());
        history.extend(a.into_operations());
        let ticks: Vec<_> = history
            .operations()
            .iter()
            .map(|op| (op.client_id, op.input, op.call, op.output, op.return_))
            .collect();
        assert_eq!(
            ticks,
            [
                (0, "first", 0, Some(1), 1),
                (1, "second", 2, None, 3),
                (0, "third", 4, Some(3), 5),
            ]
        );
    }

    /// A panic inside a recorded thread reaches the caller with its own message.
    #[test]
    fn a_panicking_thread_panics_the_run() {
        let payload = std::panic::catch_unwind(|| {
            Recorder::new().run(&(), &[vec![1u8], vec![2]], |_, &n, client| {
                client.call(n, || assert_ne!(n, 2, "operation {n} failed"));
            })
        })
        .expect_err("the panic propagates");
        let message = payload.downcast_ref::<String>().expect("a formatted panic");
        assert!(message.contains("operation 2 failed"), "{message}");
    }

    mod counter {
        use super::*;

        /// Every exact counter strategy is linearizable on real threads.
        #[test]
        fn exact_strategies_are_linearizable_stress() {
            let program =
                [Op::FetchAdd(1), Op::Get, Op::Add(2), Op::FetchAdd(u64::MAX)].repeat(ROUNDS);
            let programs = scenario::uniform(THREADS, &program);
            check::assert_passes("record::counter::stress", STRESS, move || {
                scenario::linearizable(AtomicCounter::new(), &programs).unwrap();
                scenario::linearizable(CasCounter::new(), &programs).unwrap();
                scenario::linearizable(MutexCounter::new(), &programs).unwrap();
            });
        }
    }

    mod queue {
        use super::*;

        /// The correct queue passes: pushes and pops from several threads.
        #[test]
        fn fifo_is_linearizable_stress() {
            check::assert_passes("record::queue::fifo::stress", STRESS, || {
                let programs: Vec<Vec<QueueOp>> = (0..THREADS as u32)
                    .map(|t| {
                        (0..ROUNDS as u32)
                            .flat_map(|i| [QueueOp::Push(t * 1000 + i), QueueOp::Pop])
                            .collect()
                    })
                    .collect();
                run_queue(false, &programs).check(&Fifo).unwrap();
            });
        }

        /// The LIFO bug is caught, and the explanation says why in terms of the calls.
        #[test]
        fn lifo_bug_is_explained() {
            let programs = [vec![QueueOp::Push(1), QueueOp::Push(2), QueueOp::Pop]];
            let violation = run_queue(true, &programs).check(&Fifo).unwrap_err();
            let text = violation.to_string();
            println!("{text}");
            assert!(violation.explanation().is_some());
            for line in [
                "not linearizable",
                "client  op  call  return  operation",
                "pop() -> 2",
                "impossible in state [1, 2]",
                "ticks of the recorder's clock",
            ] {
                assert!(text.contains(line), "missing {line:?} in:\n{text}");
            }
        }

        /// Shrinking on std threads: the thread that does not matter goes, then every
        /// operation that does not matter.
        #[test]
        fn lifo_bug_shrinks_stress() {
            use QueueOp::{Pop, Push};
            // Fails whatever the timing: the first pop returns 3, or 9 and then 3, and a
            // FIFO queue returns 1 before either.
            let programs = vec![vec![Push(1), Push(2), Push(3), Pop, Pop], vec![Push(9)]];
            let checker = Checker::Stress { iterations: 1 };
            let shrunk =
                check::run_shrinking("record::queue::lifo::shrink", checker, programs, |p| {
                    move || {
                        if let Err(violation) = run_queue(true, &p).check(&Fifo) {
                            panic!("{violation}");
                        }
                    }
                })
                .expect_err("the LIFO bug is caught");
            assert_eq!(shrunk.programs, [vec![Push(1), Push(2), Pop]]);
            assert_eq!(shrunk.original_size, (2, 6));
            let text = shrunk.to_string();
            assert!(text.contains("to 1 thread, 3 operations"), "{text}");
            assert!(text.contains("thread 0: Push(1), Push(2), Pop"), "{text}");
            assert!(text.contains("pop() -> 2"), "{text}");
        }
    }
}

/// A history that is not linearizable is drawn on a page, named after the test,
/// and the failure message says where.
#[test]
fn a_violation_points_to_its_page() {
    use synclab::lincheck::Operation;
    use synclab::lincheck::models::{Counter, CounterInput};
    // Two overlapping fetch_adds that both returned 0: one of them was lost.
    let history = History::from_operations(vec![
        Operation::new(0, CounterInput::FetchAdd(1), 0, 0, 3),
        Operation::new(1, CounterInput::FetchAdd(1), 1, 0, 2),
    ]);
    let violation = history.check(&Counter).unwrap_err();
    let report = violation.report();
    let path = report
        .lines()
        .find_map(|line| line.strip_prefix("The history as a page: "))
        .expect("the report names the page");
    assert!(
        path.ends_with("a_violation_points_to_its_page.html"),
        "{path}"
    );
    let page = std::fs::read_to_string(path).expect("the page was written");
    assert!(page.starts_with("<!DOCTYPE html>") && page.contains("fetch_add(1)"));
}
