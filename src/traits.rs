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

/// A parallel map over a slice: `f` applied to every item on several threads, results in
/// input order. What the [`conformance`](crate::conformance) map suite checks.
///
/// synclab's [`ThreadPool`](crate::pool::ThreadPool) implements it (with the [`Auto`]
/// strategy); a downstream crate implements it for its own pool or executor.
///
/// ```
/// use synclab::map::ParallelMap;
/// use synclab::pool::ThreadPool;
///
/// let pool = <ThreadPool as ParallelMap>::with_workers(2);
/// assert_eq!(ParallelMap::map(&pool, &[1, 2, 3], |x| x * 10), [10, 20, 30]);
/// ```
///
/// [`Auto`]: crate::map::Auto
pub trait ParallelMap: Send + Sync {
    /// A map that runs on `workers` threads (the suites ask for 1 to 4).
    ///
    /// # Panics
    /// May panic if `workers` is 0.
    fn with_workers(workers: usize) -> Self
    where
        Self: Sized;

    /// Applies `f` to every item exactly once and returns the results in input order.
    ///
    /// If `f` panics, the panic must reach the caller with its original payload, every
    /// result produced so far must be dropped exactly once, and the map must stay usable.
    fn map<T, R, F>(&self, items: &[T], f: F) -> Vec<R>
    where
        T: Sync,
        R: Send,
        F: Fn(&T) -> R + Sync;
}
