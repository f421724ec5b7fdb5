//! Pieces of the runtime facade that several flavours share.

pub mod cell;
#[cfg(any(feature = "loom", feature = "shuttle"))]
#[macro_use]
pub(crate) mod scope_shim;
#[cfg(any(feature = "loom", feature = "shuttle"))]
#[macro_use]
pub(crate) mod traced;
