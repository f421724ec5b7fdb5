//! Recording what concurrent calls returned, to check it against a sequential model.
//!
//! Wrap the calls that scenario threads make on *any* object — a counter's `fetch_add`,
//! a semaphore's permits, a queue or map you bring — and the recorder turns them into a
//! [`History`] that [`lincheck`](crate::lincheck) checks against a [`Model`]: is there one
//! order of the calls, consistent with which call finished before which started, in which
//! every call returned what the sequential model says?
//!
//! Like every primitive, this module is written against `rt` and compiled per runtime:
//! `synclab::record` on std threads, `synclab::loom::record` and `synclab::shuttle::record`
//! inside the model checkers. Only the clock and the threads come from `rt`;
//! [`History`] and [`Violation`] are shared by all three.
//!
//! ```
//! use synclab::counter::{AtomicCounter, Counter};
//! use synclab::lincheck::models::{Counter as CounterSpec, CounterInput};
//! use synclab::record::Recorder;
//!
//! let counter = AtomicCounter::new();
//! let recorder = Recorder::new();
//! // Two threads, two fetch_add(1)s each; every call and its result is recorded.
//! let programs = vec![vec![1, 1], vec![1, 1]];
//! let history = recorder.run(&counter, &programs, |c, &n, client| {
//!     client.call(CounterInput::FetchAdd(n), || c.fetch_add(n).unwrap());
//! });
//! assert_eq!(history.len(), 4);
//! history.check(&CounterSpec).expect("fetch_add is linearizable");
//! ```
//!
//! [`Model`]: crate::lincheck::Model
//!
//! # Recording under a model checker
//!
//! Under loom or shuttle, everything happens inside the scenario closure, which runs once
//! per explored execution: the object and the [`Recorder`] are built there (from the
//! flavour's `record`, `synclab::shuttle::record` here), the history is checked there,
//! and a violation is reported by panicking with it (the closure returns `()`, so `?`
//! cannot pass it on; the checker turns the panic into a [`Failure`](crate::check::Failure)
//! whose message is the explanation). The model's [`init`](crate::lincheck::Model::init)
//! is the object's state when the threads start: build the object in that state (or
//! record the calls that put it there first, on client 0 before spawning).
//!
//! ```
//! # #[cfg(feature = "shuttle")] {
//! use synclab::check::{self, Checker};
//! use synclab::lincheck::Model;
//! use synclab::shuttle::record::Recorder;
//! use synclab::shuttle::rt::sync::Mutex;
//! use std::collections::VecDeque;
//!
//! /// A FIFO queue of `u32`, initially empty: `Push(v)` returns nothing, `Pop` the head.
//! #[derive(Debug, Clone, PartialEq)]
//! enum QueueOp { Push(u32), Pop }
//! struct Fifo;
//! impl Model for Fifo {
//!     type State = VecDeque<u32>;
//!     type Input = QueueOp;
//!     type Output = Option<u32>;
//!     fn init(&self) -> VecDeque<u32> { VecDeque::new() }
//!     fn step(&self, queue: &VecDeque<u32>, op: &QueueOp, out: Option<&Option<u32>>) -> Option<VecDeque<u32>> {
//!         let mut queue = queue.clone();
//!         match op {
//!             QueueOp::Push(v) => queue.push_back(*v),
//!             QueueOp::Pop => {
//!                 let head = queue.pop_front();
//!                 if out.is_some_and(|out| *out != head) { return None; }
//!             }
//!         }
//!         Some(queue)
//!     }
//! }
//!
//! // The object under test: a queue behind shuttle's mutex (in your crate: your type's
//! // shuttle flavour), popping with `pop`. Three threads push and pop; PCT explores
//! // their interleavings, and every execution's history is checked against `Fifo`.
//! fn check_queue(pop: fn(&mut VecDeque<u32>) -> Option<u32>) -> Result<(), check::Failure> {
//!     let pct = Checker::ShuttlePct { iterations: 200, depth: 3 };
//!     check::run("doc::queue", pct, move || {
//!         let queue = Mutex::new(VecDeque::new());
//!         let programs = vec![vec![QueueOp::Push(1), QueueOp::Pop], vec![QueueOp::Push(2)], vec![QueueOp::Pop]];
//!         let history = Recorder::new().run(&queue, &programs, |q, op, client| match op {
//!             QueueOp::Push(v) => { client.call(op.clone(), || { q.lock().unwrap().push_back(*v); None }); }
//!             QueueOp::Pop => { client.call(op.clone(), || pop(&mut q.lock().unwrap())); }
//!         });
//!         if let Err(violation) = history.check(&Fifo) {
//!             panic!("{violation}"); // the explanation, with a per-client table
//!         }
//!     })
//!     .map(drop)
//! }
//! check_queue(VecDeque::pop_front).expect("a FIFO queue");
//! // A "queue" that pops the newest item is caught, with the explanation and a replay.
//! let failure = check_queue(VecDeque::pop_back).unwrap_err();
//! assert!(failure.message.contains("not linearizable"), "{failure}");
//! # }
//! ```
//!
//! # How a call is recorded
//!
//! Each thread records into its own [`Client`], a plain `Vec` that no other thread
//! touches: no lock on the hot path, which would add synchronisation and, under loom,
//! interleavings of its own. The only shared state is the recorder's logical clock, one
//! `rt` `AtomicU64`. [`Client::call`] takes a tick with `fetch_add(1, AcqRel)` just before
//! the call and another just after it returns; the two ticks are the operation's call and
//! return times. The clients' logs are merged once the threads have been joined.
//!
//! # Why the clock's order is a real happens-before order
//!
//! The checker treats "`a` returned before `b` was called" (`a.return_ < b.call`) as a
//! fact about the execution and forbids any order that puts `b` before `a`. A recording
//! is sound only if every such fact is true. It is:
//!
//! 1. Every tick is a read-modify-write on the one clock. The read-modify-writes of one
//!    location are totally ordered (its *modification order*), and each reads the value
//!    written by the one just before it; so the ticks are distinct, and a smaller tick
//!    comes earlier in that order.
//! 2. Each tick is a release (it stores) and an acquire (it loads): `AcqRel`. A later
//!    tick reads the value of an unbroken chain of read-modify-writes starting at any
//!    earlier tick (a *release sequence*), so every tick *synchronises-with* every later
//!    tick.
//! 3. Now let `a.return_ < b.call`. `a`'s body is sequenced before `a`'s return tick,
//!    which synchronises with `b`'s call tick, which is sequenced before `b`'s body. So
//!    all of `a` *happens before* all of `b`: in the C11 model that is what "`a` finished
//!    before `b` started" means, and it is also true on the wall clock.
//!
//! So the checker never invents an order, and a [`Violation`] it reports is a real one.
//! The converse does not hold: two operations ordered by some other synchronisation may
//! still overlap on the clock, which only leaves the checker more freedom (it may miss a
//! violation, never report a false one). The argument needs acquire-release and no more.
//! `SeqCst` would cost the same on x86 and ARM for a read-modify-write, but under
//! synclab's loom flavour it is also bracketed by `SeqCst` fences (`docs/checkers.md`),
//! which would synchronise every tick with every `SeqCst` operation of the code under
//! test as well. Under shuttle (sequential consistency) and on std threads the same
//! argument applies unchanged.
//!
//! # What recording cannot see
//!
//! The clock *adds* synchronisation: once `b`'s call tick has read `a`'s return tick,
//! everything `a` wrote is visible to `b`. A bug that is a missing `Release`/`Acquire`
//! between two operations that do not overlap is therefore hidden from a recorded run,
//! even under loom. Recording checks *what the operations return*; check memory ordering
//! with a scenario that records nothing (loom's race detector on the data a lock guards,
//! as the lock checks do).

use super::programs::on_threads;
use super::rt;
use crate::lincheck::Operation;
use rt::sync::atomic::{AtomicU64, Ordering::AcqRel};

pub use crate::record_history::{History, Violation};

/// The logical clock that every [`Client`] of one recording shares.
///
/// Create it inside the scenario (under loom, inside the model), hand one [`Client`] to
/// each thread with [`client`](Self::client), or let [`run`](Self::run) do both.
#[derive(Debug, Default)]
pub struct Recorder {
    clock: AtomicU64,
}

impl Recorder {
    /// A recorder whose clock starts at 0.
    pub fn new() -> Self {
        Self::default()
    }

    /// The log of the thread identified as `client` (its number in the explanation).
    pub fn client<I, O>(&self, client: usize) -> Client<'_, I, O> {
        Client {
            id: client,
            recorder: self,
            operations: Vec::new(),
        }
    }

    /// One tick: see the [module docs](self) for why this order is real.
    fn tick(&self) -> u64 {
        self.clock.fetch_add(1, AcqRel)
    }

    /// Runs `programs[i]` on a new `rt` thread as client `i`, all against `object`, and
    /// returns the merged history once every thread has been joined.
    ///
    /// `step(object, op, client)` performs one operation of a program and records it
    /// with [`Client::call`] or [`Client::call_with`] (it may record nothing, or several
    /// calls). A panic in a thread is re-raised here with its own payload.
    pub fn run<T, P, I, O, F>(&self, object: &T, programs: &[Vec<P>], step: F) -> History<I, O>
    where
        T: Sync + ?Sized,
        P: Sync,
        I: Send,
        O: Send,
        F: Fn(&T, &P, &mut Client<'_, I, O>) + Sync,
    {
        let logs = on_threads(programs, |id, program| {
            let mut client = self.client(id);
            for op in program {
                step(object, op, &mut client);
            }
            client.into_operations()
        });
        let mut history = History::new();
        history.extend(logs.into_iter().flatten());
        history
    }
    /// Runs a scenario in three parts against `object`: `init` on the calling thread,
    /// then `parallel[i]` on a new `rt` thread as client `i`, then (once every thread has
    /// been joined) `post` on the calling thread again. The calling thread records as
    /// client `parallel.len()`, so its operations come after every thread's in the table.
    ///
    /// The initial part returns before any thread is spawned and the final part is called
    /// after every thread is joined, so their clock ticks order them before and after
    /// every operation of the threads, as they were: what [`object`](crate::object) runs.
    ///
    /// ```
    /// use synclab::record::Recorder;
    /// use std::sync::Mutex;
    ///
    /// let total = Mutex::new(0);
    /// let step = |t: &Mutex<i32>, n: &i32, c: &mut synclab::record::Client<'_, i32, i32>| {
    ///     c.call(*n, || { let mut t = t.lock().unwrap(); *t += n; *t });
    /// };
    /// let history = Recorder::new().run_parts(&total, &[1], &[vec![2], vec![3]], &[0], step);
    /// assert_eq!(history.len(), 4);
    /// assert_eq!(history.operations()[3].output, Some(6)); // the final part saw every add
    /// ```
    pub fn run_parts<T, P, I, O, F>(
        &self,
        object: &T,
        init: &[P],
        parallel: &[Vec<P>],
        post: &[P],
        step: F,
    ) -> History<I, O>
    where
        T: Sync + ?Sized,
        P: Sync,
        I: Send,
        O: Send,
        F: Fn(&T, &P, &mut Client<'_, I, O>) + Sync,
    {
        let mut main = self.client(parallel.len());
        for op in init {
            step(object, op, &mut main);
        }
        let mut history = self.run(object, parallel, &step);
        for op in post {
            step(object, op, &mut main);
        }
        history.extend(main.into_operations());
        history
    }
}

/// One thread's log: the calls it made, with their call and return ticks.
///
/// Owned by its thread; nothing in it is shared except the recorder's clock.
#[derive(Debug)]
pub struct Client<'r, I, O> {
    id: usize,
    recorder: &'r Recorder,
    operations: Vec<Operation<I, O>>,
}

impl<I, O> Client<'_, I, O> {
    /// The client number this log records as.
    pub fn id(&self) -> usize {
        self.id
    }

    /// Calls `op`, records it as `input` with the output it returned, and returns that
    /// output.
    ///
    /// ```
    /// use synclab::record::Recorder;
    ///
    /// let recorder = Recorder::new();
    /// let mut client = recorder.client::<&str, u32>(0);
    /// assert_eq!(client.call("answer", || 42), 42);
    /// let op = &client.into_operations()[0];
    /// assert_eq!((op.call, op.output, op.return_), (0, Some(42), 1));
    /// ```
    pub fn call(&mut self, input: I, op: impl FnOnce() -> O) -> O
    where
        O: Clone,
    {
        self.call_with(input, op, |output| Some(output.clone()))
    }

    /// Calls `op` and records it as `input`, with the output `observe` reads from what
    /// `op` returned; returns what `op` returned.
    ///
    /// `observe` returning `None` records an *unknown* output: the checker then lets the
    /// operation take effect without comparing a result (e.g. a counter's `add`, which
    /// returns nothing). Use this form when the call returns something that is not the
    /// model's output, such as a guard that must stay alive:
    ///
    /// ```
    /// use synclab::record::Recorder;
    /// use std::sync::Mutex;
    ///
    /// let data = Mutex::new(5);
    /// let recorder = Recorder::new();
    /// let mut client = recorder.client::<&str, i32>(0);
    /// let guard = client.call_with("lock", || data.lock().unwrap(), |g| Some(**g));
    /// assert_eq!(*guard, 5);
    /// ```
    pub fn call_with<R>(
        &mut self,
        input: I,
        op: impl FnOnce() -> R,
        observe: impl FnOnce(&R) -> Option<O>,
    ) -> R {
        let call = self.recorder.tick();
        let result = op();
        let return_ = self.recorder.tick();
        self.operations.push(Operation {
            client_id: self.id,
            input,
            call,
            output: observe(&result),
            return_,
        });
        result
    }

    /// The recorded operations, in the order this thread made them.
    pub fn into_operations(self) -> Vec<Operation<I, O>> {
        self.operations
    }
}
