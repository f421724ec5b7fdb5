//! # synclab
//!
//! Reference implementations of the three moves of multithreaded work — split the work
//! (a chunked parallel map), protect shared state (counters, locks) and measure — each
//! **written once** and **checked four ways**: exhaustively with loom (C11 memory model),
//! by schedule exploration with shuttle (random and PCT), by std-thread stress runs and
//! Miri, and by proptest properties and fuzzing.
//!
//! ## Write once, check everywhere
//! Every primitive is written against the runtime facade [`rt`] and reaches it as
//! `super::rt`. The crate compiles the same source files three times:
//!
//! | module | runtime | feature |
//! |---|---|---|
//! | `synclab::{counter, ...}` | std (what you ship) | — |
//! | `synclab::loom::{rt, counter, ...}` | loom 0.7 | `loom` |
//! | `synclab::shuttle::{rt, counter, ...}` | shuttle 0.9 | `shuttle` |
//!
//! [`check`] runs one scenario under a named checker, shrinks a failing one and prints
//! how to replay the failure. [`record`] records the calls that threads make on any object
//! as a history, and [`lincheck`] checks such a history for linearizability.
//! `conformance` (feature `conformance`) runs a family's checks on a downstream crate's
//! own type, given in its std, loom and shuttle flavours.
//!
//! ```
//! use synclab::counter::{Counter, ShardedCounter};
//!
//! let hits = ShardedCounter::new();
//! std::thread::scope(|s| {
//!     for _ in 0..4 {
//!         s.spawn(|| (0..1000).for_each(|_| hits.add(1)));
//!     }
//! });
//! assert_eq!(hits.get(), 4000);
//! ```
#![warn(missing_docs)]
// A `Failure` (a check's rare, cold outcome) carries its message, replay and trace by
// value; boxing it would add noise to every signature for no measurable gain.
#![allow(clippy::result_large_err)]
// The docs of the always-compiled modules link to the feature-gated ones (`conformance`,
// `gallery`, `loom`, ...). Those links resolve in a build with the features, the one that
// `.ci/run` checks with warnings denied (`cargo doc -p synclab --all-features`); without
// them they show as plain text.
#![cfg_attr(not(feature = "conformance"), allow(rustdoc::broken_intra_doc_links))]

#[path = "rt/std.rs"]
pub mod rt;
#[macro_use]
mod rt_shared;
mod registry;

pub mod check;
pub mod error;
mod family;
pub mod lincheck;
#[path = "record/history.rs"]
mod record_history;
mod traits;

pub use family::Family;

/// Declares the primitive modules. Invoked once per runtime: here for std, and in
/// `synclab::loom` and `synclab::shuttle` again, where `super::rt` is
/// that runtime's facade. A new primitive is one file plus one line here.
macro_rules! primitives {
    () => {
        #[path = "backoff.rs"]
        pub mod backoff;
        #[path = "collections/mod.rs"]
        pub mod collections;
        #[path = "counter/mod.rs"]
        pub mod counter;
        #[path = "lock/mod.rs"]
        pub mod lock;
        #[path = "map/mod.rs"]
        pub mod map;
        #[path = "pool/mod.rs"]
        pub mod pool;
        #[path = "programs.rs"]
        pub mod programs;
        #[path = "record/mod.rs"]
        pub mod record;
    };
}
primitives!();

#[cfg(all(feature = "loom", feature = "shuttle"))]
pub mod cases;
#[cfg(feature = "conformance")]
pub mod conformance;
#[cfg(all(feature = "loom", feature = "shuttle"))]
pub mod gallery;
#[cfg(feature = "loom")]
pub mod loom;
#[cfg(feature = "conformance")]
pub mod object;
#[cfg(all(feature = "loom", feature = "shuttle"))]
pub mod sctbench;
#[cfg(feature = "shuttle")]
pub mod shuttle;
pub mod trace;
