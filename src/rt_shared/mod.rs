//! Pieces of the runtime facade that several flavours share.

#[cfg(any(feature = "loom", feature = "shuttle"))]
pub(crate) mod access;
pub mod cell;
#[cfg(feature = "loom")]
pub(crate) mod deadlock;
#[cfg(feature = "loom")]
pub mod loom_sync;
#[cfg(feature = "loom")]
pub mod scope_shim;
#[cfg(any(feature = "loom", feature = "shuttle"))]
#[macro_use]
pub(crate) mod traced;
