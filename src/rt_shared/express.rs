//! How a traced atomic hands each operation to its checker.
//!
//! The wrappers in `traced.rs` offer std's atomic API and record every access; *which*
//! operation of the checker's own atomic carries out a call is decided here, by one of two
//! modules with the same functions:
//!
//! - [`direct`]: each call becomes the checker's operation of the same name and ordering
//!   (the shuttle flavour: shuttle runs sequentially consistent executions, so there is
//!   nothing to correct).
//! - [`loom_c11`](super::loom_c11): the loom flavour, which expresses some operations
//!   differently so that loom 0.7 explores what C11 allows and nothing that C11 forbids
//!   (the mapping and its reasons are in that file).
//!
//! Each function gets the operation as closures over the checker's atomic, called with the
//! ordering to use: `load(order, |o| atomic.load(o))`. `store` gets two, the store itself
//! and the same write as a `swap` whose result is dropped, and picks one.

/// Every operation as itself.
#[cfg(feature = "shuttle")]
pub(crate) mod direct {
    use std::sync::atomic::Ordering;

    /// `load(order)`.
    #[inline]
    pub(crate) fn load<V>(order: Ordering, load: impl FnOnce(Ordering) -> V) -> V {
        load(order)
    }

    /// `store(v, order)` (the `swap` form is not used).
    #[inline]
    pub(crate) fn store(
        order: Ordering,
        store: impl FnOnce(Ordering),
        _as_swap: impl FnOnce(Ordering),
    ) {
        store(order);
    }

    /// A read-modify-write with one ordering (`swap`, `fetch_add`, ...).
    #[inline]
    pub(crate) fn rmw<V>(order: Ordering, rmw: impl FnOnce(Ordering) -> V) -> V {
        rmw(order)
    }

    /// A compare-exchange (or `fetch_update`) with its success and failure orderings.
    #[inline]
    pub(crate) fn cas<V>(
        success: Ordering,
        failure: Ordering,
        cas: impl FnOnce(Ordering, Ordering) -> V,
    ) -> V {
        cas(success, failure)
    }
}
