//! The traits that primitives implement, each defined once.
//!
//! A trait that mentions no runtime item is the same contract under std, loom and
//! shuttle, so it is declared here, outside `primitives!`, and every flavour re-exports
//! it: `synclab::counter::Counter` *is* `synclab::loom::counter::Counter`. That is what
//! lets a downstream crate write `impl Counter for MyCounter` once, in a file compiled
//! against each facade, and hand all three flavours of its type to the same
//! [`conformance`](crate::conformance) suite. (Declared inside the family module, the
//! trait would be compiled three times into three unrelated traits.)

/// A counter shared between threads.
///
/// ```
/// use synclab::counter::{AtomicCounter, Counter};
///
/// let c = AtomicCounter::new();
/// c.add(2);
/// assert_eq!(c.fetch_add(3), Some(2));
/// assert_eq!(c.get(), 5);
/// ```
pub trait Counter: Send + Sync {
    /// Adds `n` (modulo 2^64).
    fn add(&self, n: u64);

    /// Adds `n` and returns the total just before this add, where the strategy has one
    /// total to return. Sharded and batched strategies have no such value and return
    /// `None` (the add still happens).
    fn fetch_add(&self, n: u64) -> Option<u64>;

    /// The current total; what it guarantees while writers run depends on the strategy
    /// (see the table in the [module docs](crate::counter)). Once every writer has
    /// finished (and been joined), every strategy returns the exact total.
    fn get(&self) -> u64;
}
