//! Pieces of the runtime facade that several flavours share.

pub mod cell;
#[cfg(feature = "loom")]
pub mod scope_shim;
