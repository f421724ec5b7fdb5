//! Every primitive compiled against loom (feature `loom`).
//!
//! `synclab::loom::counter::ShardedCounter` is the same source as
//! [`crate::counter::ShardedCounter`], built on [`loom::rt`](self::rt). Run code that
//! uses it inside [`crate::check::run`] with `Checker::Loom`. A downstream crate checks its own code the same
//! way: write it against a facade module and compile it once per runtime (see README).
#![allow(missing_docs, clippy::duplicate_mod)]

#[path = "rt/loom.rs"]
pub mod rt;

primitives!();

/// The SCTBench programs (`synclab::sctbench` lists them), against this runtime.
#[path = "sctbench/programs/mod.rs"]
pub mod sctbench;
