//! A downstream crate, as a team would write it, that checks its own primitives with
//! synclab's conformance suites.
//!
//! Each primitive is written once, against a facade module `rt` that it reaches as
//! `super::rt`. Here, in the shipped library, `rt` is synclab's std facade; the tests
//! (`tests/conformance.rs`) compile the very same files again next to
//! `synclab::loom::rt` and `synclab::shuttle::rt`, and hand all three flavours of each
//! type to a suite.
//!
//! The counters in [`my_counter`] and the locks in [`my_lock`] are "user code": in each
//! file one is correct, and one has a bug of the kind people write, which the suites
//! must catch.

/// The runtime facade the primitives below are written against: std threads and atomics.
pub use synclab::rt;

pub mod my_counter;
pub mod my_lock;
pub mod my_queue;
