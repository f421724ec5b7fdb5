//! Pieces of the runtime facade that several flavours share.

#[cfg(any(feature = "loom", feature = "shuttle"))]
pub(crate) mod access;
pub mod cell;
#[cfg(feature = "loom")]
pub(crate) mod deadlock;
#[cfg(any(feature = "loom", feature = "shuttle"))]
pub(crate) mod express;
#[cfg(feature = "loom")]
pub(crate) mod loom_c11;
#[cfg(feature = "loom")]
pub mod loom_sync;
#[cfg(any(feature = "loom", feature = "shuttle"))]
#[macro_use]
pub(crate) mod scope_shim;
#[cfg(any(feature = "loom", feature = "shuttle"))]
#[macro_use]
pub(crate) mod traced;
