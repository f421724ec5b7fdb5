//! Concurrent collections: a queue, a single-producer single-consumer ring, a stack and
//! a map by key, each one short file written once against `rt`, and checked with
//! [`object`](crate::object) against a sequential model (the suites
//! `conformance::{queue, spsc_queue, stack, key_map}`).
//!
//! | type | file | algorithm | model |
//! |---|---|---|---|
//! | [`TwoLockQueue`] | `two_lock_queue.rs` | Michael–Scott two-lock queue: a push and a pop never wait for each other | [`Queue`](crate::lincheck::models::Queue) |
//! | [`SpscRing`] | `spsc_ring.rs` | bounded ring, acquire/release indices, one producer and one consumer | [`Queue`](crate::lincheck::models::Queue), bounded |
//! | [`TreiberStack`] | `treiber_stack.rs` | Treiber's lock-free stack; popped nodes retired until drop | [`Stack`](crate::lincheck::models::Stack) |
//! | [`StripedMap`] | `striped_map.rs` | a hash map in lock-striped parts | [`KeyMap`](crate::lincheck::models::KeyMap), checked key by key |
//!
//! The traits [`ConcurrentQueue`], [`ConcurrentStack`] and [`ConcurrentMap`] are what
//! the ready-made suites check; each type also has the same methods as inherent ones.
//! [`planted`] holds their broken twins.

use super::{record, rt};

pub mod checks;
pub mod planted;
mod spsc_ring;
mod striped_map;
mod treiber_stack;
mod two_lock_queue;

pub use crate::traits::{ConcurrentMap, ConcurrentQueue, ConcurrentStack};
pub use spsc_ring::SpscRing;
pub use striped_map::StripedMap;
pub use treiber_stack::TreiberStack;
pub use two_lock_queue::TwoLockQueue;
