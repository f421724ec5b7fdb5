//! What only the `synclab` tool needs: the in-process benchmarks behind `synclab bench`
//! (which compare synclab's primitives with std, parking_lot, spin and rayon, and which
//! the criterion benches in `cli/benches/` drive too), and the report that
//! `synclab report` writes.
//!
//! The primitives, the checkers, the model-check suite and the planted-bug gallery are
//! the library [`synclab`]; this crate only measures and presents them.
#![warn(missing_docs)]

pub mod bench;
pub mod report;
