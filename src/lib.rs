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
// The docs of the always-compiled modules link to the feature-gated ones (`conformance`,
// `gallery`, `loom`, ...). Those links resolve in a build with the features, the one that
// `.ci/run` checks with warnings denied (`cargo doc -p synclab --all-features`); without
// them they show as plain text.
#![cfg_attr(not(feature = "conformance"), allow(rustdoc::broken_intra_doc_links))]

#[path = "rt/std.rs"]
pub mod rt;
#[macro_use]
mod rt_shared;

pub mod check;
pub mod error;
pub mod lincheck;
#[path = "record/history.rs"]
mod record_history;
mod traits;

/// Declares the primitive modules. Invoked once per runtime: here for std, and in
/// `synclab::loom` and `synclab::shuttle` again, where `super::rt` is
/// that runtime's facade. A new primitive is one file plus one line here.
macro_rules! primitives {
    () => {
        #[path = "backoff.rs"]
        pub mod backoff;
        #[path = "counter/mod.rs"]
        pub mod counter;
        #[path = "lock/mod.rs"]
        pub mod lock;
        #[path = "map/mod.rs"]
        pub mod map;
        #[path = "pool/mod.rs"]
        pub mod pool;
        #[path = "record/mod.rs"]
        pub mod record;
    };
}
primitives!();

#[cfg(feature = "conformance")]
pub mod conformance;
#[cfg(all(feature = "loom", feature = "shuttle"))]
pub mod gallery;
#[cfg(feature = "loom")]
pub mod loom;
#[cfg(feature = "shuttle")]
pub mod shuttle;
#[cfg(all(feature = "loom", feature = "shuttle"))]
pub mod suite;
pub mod trace;

/// The registry of counter strategies: `name => model-check config, benchmark config;`.
///
/// Invokes `$callback! { ... }` with one line per strategy. The constructors are plain
/// tokens, resolved where the callback expands them, so the same list serves the std,
/// loom and shuttle flavours (bring the flavour's `counter::*` into scope first).
/// Registering a new strategy is one line here; every check and benchmark picks it up.
#[macro_export]
macro_rules! counter_strategies {
    ($callback:ident) => {
        $callback! {
            mutex => MutexCounter::new(), MutexCounter::new();
            rwlock => RwLockCounter::new(), RwLockCounter::new();
            atomic => AtomicCounter::new(), AtomicCounter::new();
            cas => CasCounter::new(), CasCounter::new();
            // Two slots for models: loom's two threads get one each (the sum is checked),
            // shuttle's three or four share them (concurrent adds to one slot are checked).
            sharded => ShardedCounter::with_shards(2).unwrap(), ShardedCounter::new();
            // Batch 2 for models, so that a two-add program flushes inside the thread.
            batched => BatchedCounter::with_batch(2).unwrap(), BatchedCounter::new();
            // One line per synclab lock (see `raw_locks!`).
            lock_tas => LockCounter::<TasLock>::new(), LockCounter::<TasLock>::new();
            lock_ttas => LockCounter::<TtasLock>::new(), LockCounter::<TtasLock>::new();
            lock_ticket => LockCounter::<TicketLock>::new(), LockCounter::<TicketLock>::new();
            lock_mcs => LockCounter::<McsLock>::new(), LockCounter::<McsLock>::new();
            lock_parking => LockCounter::<ParkingLock>::new(), LockCounter::<ParkingLock>::new();
            lock_rwlock => LockCounter::<RawRwLock>::new(), LockCounter::<RawRwLock>::new();
        }
    };
}

/// The registry of raw locks: `name => type, kind;`.
///
/// Invokes `$callback! { ... }` with one line per [`RawLock`](crate::lock::RawLock). `kind` is `spin`
/// (waiters spin and yield: loom checks them with 2 threads), `fifo` (spinning and
/// [`FifoLock`](crate::lock::FifoLock): the FIFO checks run too) or `block` (waiters sleep). The type names are
/// plain tokens resolved where the callback expands, so bring the flavour's `lock::*`
/// into scope first. A new lock is one file plus one line here (and one line in
/// [`counter_strategies!`](crate::counter_strategies) for the counter checks).
#[macro_export]
macro_rules! raw_locks {
    ($callback:ident) => {
        $callback! {
            tas => TasLock, spin;
            ttas => TtasLock, spin;
            ticket => TicketLock, fifo;
            mcs => McsLock, fifo;
            parking => ParkingLock, block;
            rwlock => RawRwLock, block;
        }
    };
}

/// The registry of map strategies: `name => [model-check configs], stress/benchmark config;`.
///
/// Invokes `$callback! { ... }` with one line per strategy; the constructors are plain
/// tokens resolved where the callback expands them, so one list serves the std, loom and
/// shuttle flavours (bring the flavour's `map::*` into scope first). The model configs
/// are named (`chunk_1: Fixed::new(1)`), one model per config, and use chunk sizes 1 and
/// 2, so that a 3-5 item model has several chunks to race for.
#[macro_export]
macro_rules! map_strategies {
    ($callback:ident) => {
        $callback! {
            static_blocks => [blocks: Static], Static;
            fixed => [chunk_1: Fixed::new(1).unwrap(), chunk_2: Fixed::new(2).unwrap()], Fixed::new(64).unwrap();
            guided => [min_1: Guided::new(1).unwrap(), min_2: Guided::new(2).unwrap()], Guided::new(16).unwrap();
            auto => [default: Auto::new()], Auto::new();
        }
    };
}
