//! Every primitive compiled against shuttle (feature `shuttle`).
//!
//! `synclab::shuttle::counter::ShardedCounter` is the same source as
//! [`crate::counter::ShardedCounter`], built on [`shuttle::rt`](self::rt). Run code that
//! uses it inside [`crate::check::run`] with `Checker::ShuttleRandom` or `Checker::ShuttlePct`.
#![allow(missing_docs, clippy::duplicate_mod)]

#[path = "rt/shuttle.rs"]
pub mod rt;

primitives!();

/// The SCTBench programs (`synclab::sctbench` lists them), against this runtime.
#[path = "sctbench/programs/mod.rs"]
pub mod sctbench;
