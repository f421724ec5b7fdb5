//! A linearizability checker for recorded histories of concurrent operations.
//!
//! # What is checked
//!
//! A concurrent object (a register, a queue, a key-value store) is *linearizable*
//! if every operation appears to take effect at a single instant between its call
//! and its return, so that the operations, in the order of those instants, form a
//! legal sequential run of the object. To check a recorded run (a *history*) we
//! need two things:
//!
//! - the history: a list of [`Operation`]s with call time, return time, input and
//!   output (or the [`Event`]s they are made of); an operation that never returned
//!   has return time [`PENDING`] ("plus infinity") and an unknown output;
//! - a sequential specification, a [`Model`]: an initial state and a `step`
//!   function saying what each operation does and whether an output is legal.
//!
//! [`check`] then answers [`CheckResult::Linearizable`], or
//! [`CheckResult::NotLinearizable`] with an [`Explanation`], or
//! [`CheckResult::Unknown`] when the [`Budget`] runs out: the problem is
//! NP-complete, and the checker never runs forever.
//!
//! # How: the Wing–Gong–Lowe search
//!
//! The checker searches for the order of the instants, building it front to back,
//! as introduced by Wing and Gong (1993) and made practical by Lowe (2017); this
//! implementation follows the structure of Go's
//! [porcupine](https://github.com/anishathalye/porcupine).
//!
//! 1. Each operation contributes a *call entry* and a *return entry*; all entries
//!    go into one doubly linked list sorted by time.
//! 2. Which operation may go first? Any operation called before the first return
//!    in the list: an operation called after some return must follow the
//!    operation that returned. Walking the list from the front therefore meets
//!    exactly the *candidates* before it meets a return entry.
//! 3. Try a candidate: if the model accepts it in the current state, linearize it
//!    (remember the old state on a stack, remove both its entries from the list)
//!    and start again from the front with the new state. If the model rejects it,
//!    move on to the next entry.
//! 4. Meeting a return entry means the operation it belongs to should already have
//!    been linearized, but no candidate fits: *backtrack*. Pop the last choice,
//!    restore its state, put its entries back and continue with the candidate
//!    after it. Removing and restoring list nodes is O(1) (Knuth's "dancing links").
//! 5. An empty list means success. Backtracking with nothing on the stack means
//!    every possible order fails: the history is not linearizable.
//!
//! For example, take a register, initially `nil`, with `write(1)` by client A over
//! the interval `[0, 10]`, `read() -> 1` by B over `[2, 4]` and `read() -> nil` by C
//! over `[6, 8]`. At first the candidates are A's write and B's read; C's read was
//! called after B's returned, so it must come later. The write fits (state 1), then
//! B's read fits, and now C's read is the only candidate: it does not fit state 1.
//! Backtracking undoes B's read (no other candidate there) and the write, and tries
//! B's read first: it does not fit `nil`. Nothing is left to try, so the history is
//! not linearizable, and the [`Explanation`] shows the longest attempt.
//!
//! Plain backtracking revisits the same situations again and again. Lowe's key
//! observation is that the future of the search depends only on *which*
//! operations have been linearized and on the model state, not on their order. So
//! every `(set of linearized operations, state)` pair that is reached is stored, and
//! a step that leads to a stored pair is skipped. This is why [`Model::State`] must
//! be `Eq + Hash`. The set is stored compactly (a frontier and the few operations
//! in flight around it, about 20 bytes, not `n / 8`), and the store is a cache
//! bounded by [`Budget::max_memory`]: when full it is emptied and the search goes
//! on.
//!
//! If operations on different parts of the object are independent (the keys of a
//! map), [`Model::partition_key`] splits the history and each part is checked
//! alone (*P-compositionality*), which turns one exponential search into several
//! small ones.
//!
//! # Operations with unknown outcomes
//!
//! A request that timed out may or may not have taken effect, at any time after it
//! was sent. Such an operation has return time [`PENDING`] and output `None`;
//! [`Model::step`] must accept it in every state. Nothing ever has to wait for it,
//! so it can always be linearized at the very end, where it changes nothing
//! anybody saw. The search therefore treats these *open* operations specially: it
//! tries them only after the operations that did return, only when they change
//! the state, and of several open operations with equal inputs only the one
//! called first. An operation that returned without a known output (a read that
//! timed out) has output `None` and a finite return time.
//!
//! A last shortcut: an operation that never changes the state (a read; see
//! [`Model::footprint`]) and is legal now is linearized now, without trying
//! alternatives, since moving it earlier can never hurt. On Jepsen's etcd
//! histories these shortcuts cut the search by orders of magnitude; the tests
//! compare the verdicts with a brute-force checker on random small histories.
//!
//! The search tries candidates earliest return first (Lowe's just-in-time
//! order), and a short look ahead along the entries, using what
//! [`Model::footprint`] and [`Model::may_become_legal`] promise, abandons a
//! situation from which a read that must come soon can no longer be satisfied.
//! Partitions are searched in turns on all cores, and the first one found not
//! linearizable ends the check. [`generate`] makes register and key-value
//! histories at any scale, linearizable by construction or with a planted
//! anomaly.
//!
//! # Weaker conditions
//!
//! An object that promises less than linearizability is checked with
//! [`check_consistency`]: [`Consistency::Sequential`] keeps only each client's program
//! order, [`Consistency::Quiescent`] keeps real-time order only across moments when no
//! operation is in flight.
//!
//! # Explanations
//!
//! When no order exists, the checker reports the longest partial linearization it
//! found, the state it led to, and the operations that could have come next, none
//! of which the model accepts there. Printing the [`Explanation`] shows a
//! per-client table of the operations, the partial linearization step by step, and
//! why it is stuck; for a long history, only the window around the point where it
//! got stuck, saying how much was left out. [`html_page`] draws the same story as
//! an interactive page.
//!
//! # Ready-made pieces
//!
//! [`models`] holds a register (read/write/compare-and-set, as in Jepsen's etcd
//! tests), a key-value store (get/put/append, partitioned by key), a counter
//! (`fetch_add`/`load`), a lock (`lock`/`try_lock`/`unlock`) and a counting semaphore.
//! [`parse`] reads Jepsen etcd logs and porcupine
//! key-value logs; [`parse_and_check`] is the one-call entry point for tools.

mod budget;
mod checker;
pub mod consistency;
mod entries;
mod error;
mod explain;
mod fast_hash;
mod footprint;
pub mod generate;
mod history;
mod html;
mod lookahead;
mod memo;
mod meter;
mod model;
pub mod models;
mod open_set;
pub mod parse;
mod render;
mod report;
mod schedule;
mod search;
mod sequential;
mod window;

pub use budget::{Budget, Exhausted, GIB, Limit, parse_size, size};
pub use checker::{CheckResult, check, check_events};
pub use consistency::{Consistency, Verdict, check_consistency, widened_to_busy_periods};
pub use error::Error;
pub use explain::Explanation;
pub use footprint::Footprint;
pub use history::{Event, Operation, PENDING, events_from_operations, operations_from_events};
pub use html::html_page;
pub use model::Model;
pub use report::{HistoryKind, Report, check_text, check_text_with_page, parse_and_check};
