//! Check any concurrent object in one call: its constructor, its operations and a
//! sequential model; synclab generates the scenarios, runs them under every checker,
//! checks each recorded history and shrinks a failure (feature `conformance`).
//!
//! You give, once, in a body compiled per flavour:
//!
//! - the **model**, a [`lincheck::Model`](crate::lincheck::Model) (ready-made:
//!   [`Queue`](crate::lincheck::models::Queue), [`Stack`](crate::lincheck::models::Stack),
//!   [`KeyMap`](crate::lincheck::models::KeyMap), ...);
//! - the **constructor** of the object, in the model's initial state;
//! - the **operations**, each a name, an input generator (drawing from a seeded [`Gen`])
//!   and a closure that performs it on the object and returns the model's output.
//!
//! synclab then generates [`Scenario`]s — an initial part on the main thread, a parallel
//! part on N threads, a final part on the main thread once they are joined — and runs
//! each under loom, shuttle (PCT, random walk, uniform random walk) and std stress. Every
//! call is recorded ([`record`](crate::record)) and the history checked for
//! linearizability ([`lincheck`](crate::lincheck)). A failing scenario is shrunk to the
//! fewest threads and operations that still fail ([`run_shrinking`](crate::check::run_shrinking)),
//! and reported with the scenario as generated and as shrunk, lincheck's explanation
//! with its per-client table, the failing execution step by step and a replay command
//! (which selects the scenario with `SYNCLAB_SCENARIO`).
//!
//! ```
//! use synclab::lincheck::models::{Queue, QueueOp};
//! use synclab::object::Spec;
//!
//! // synclab's two-lock queue; in your crate, `synclab::object!(|f| ...)` and your type.
//! let queue = synclab::object!(synclab |f| {
//!     Spec::new(Queue::unbounded(), f::collections::TwoLockQueue::new)
//!         .op("push", |g| QueueOp::Push(g.unique()), |q, op| q.push(op.value()).err())
//!         .op("pop", |_| QueueOp::Pop, |q, _| q.pop())
//! });
//! // One check per checker: queue::linearizable::{loom, shuttle_pct, ..., stress}.
//! let report = queue.suite("queue").only("::loom").run("doc_object").unwrap();
//! assert!(report.passed());
//! ```
//!
//! ## The three flavours
//! The object must run on std threads, under loom and under shuttle, so it is written
//! against `rt` and compiled three times (see [`flavours!`](crate::flavours)). Its
//! [`Spec`] is one body that [`object!`](crate::object!) compiles once per flavour, with
//! `f` naming the flavour: a [`Spec`] is plain data (closures over the flavour's type),
//! and [`Object::new`] erases the three types behind one runner per flavour. A body
//! generic over a trait works too: [`conformance::queue`](crate::conformance::queue)
//! builds its three specs with one generic function.
//!
//! ## Tests
//! [`Object::suite`] gives one [`Case`](crate::check::Case) per property and checker,
//! `STRUCTURE::PROPERTY::CHECKER` (`queue::linearizable::shuttle_pct`), which run like
//! any suite's. [`object_tests!`](crate::object_tests) writes one `#[test]` per checker;
//! `caught_by [...]` asserts that a planted bug is caught.
//!
//! ## The scenarios, and why these bounds suffice
//!
//! | checker | scenarios | init | threads × ops | final | budget per scenario |
//! |---|---|---|---|---|---|
//! | loom | 6 | 1 | 2 × 2 | 1 | every execution up to 2 preemptions |
//! | shuttle PCT (depth 3), random, URW | 20 | 2 | 3 × 3 | 2 | 40 schedules each |
//! | std stress | 20 | 2 | 3 × 4 | 2 | 20 runs |
//!
//! (The numbers live in [`budget`](crate::check::budget): `OBJECT`, `OBJECT_LOOM`,
//! `OBJECT_SHUTTLE`, `OBJECT_STRESS`.)
//!
//! - **Threads.** A linearizability violation is a pair of overlapping operations that
//!   see each other wrongly (a lost or duplicated element, a stale read); when it needs a
//!   third, it is a third operation overlapping one of the two. Two threads show every
//!   violation between two overlapping operations; shuttle's three threads add those that
//!   need three at once. loom permits at most 5 threads, and every thread multiplies its
//!   executions, so loom stays at two.
//! - **Operations per thread.** Two per thread let a thread overlap its partner a second
//!   time after a first, complete operation (what a bug that corrupts state in one
//!   operation and shows it in the next needs); the initial part puts the object in a
//!   non-empty state, so that the parallel part can race on an element that exists; the
//!   final part observes what the parallel part left behind (a lost element shows there,
//!   as a pop that returns another value or nothing). shuttle's three per thread, two
//!   initial and two final ones leave room for longer interactions.
//! - **loom's preemption bound 2.** One preemption inside an operation makes it overlap
//!   another; a second lets the other thread re-enter after that. Every recorded call
//!   adds two clock ticks (scheduling points) to the object's own, and bound 3 multiplies
//!   the executions several times over; an object whose waiters *sleep* on synclab's own
//!   futex emulation can lose a wakeup only at bound 3 (see the lock suite) and should be
//!   checked at `SYNCLAB_PREEMPTION_BOUND=3` as well.
//! - **Scenarios and iterations.** Operations and inputs are drawn at random from a fixed
//!   seed, so every run checks the same scenarios; loom's 6 scenarios cover the
//!   interleavings of each exhaustively within the bound, shuttle's 20 × 40 schedules
//!   sample 800 executions per scheduler over more varied scenarios (lincheck for the JVM
//!   samples the same way: many scenarios, a few hundred invocations each). std stress
//!   only adds real hardware.
//!
//! Inputs from [`Gen::unique`] make every pushed value distinct, so a lost or duplicated
//! element is unambiguous in the history. A spec whose operations are kept to threads
//! ([`Spec::op_on`]) runs only the threads that have operations (two for a
//! single-producer single-consumer queue); shrinking never moves an operation to another
//! thread.

mod check;
pub(crate) mod macros;
mod scenario;
mod spec;

pub use crate::check::budget::Shape;
pub use check::{CHECKERS, Condition, Object, ObjectHistory, ObjectModel};
pub use scenario::{Call, Scenario};
pub use spec::{Gen, Spec};
