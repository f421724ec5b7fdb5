//! The chunked parallel map: split the work, assign it, monitor it.
//!
//! Python's `ThreadPoolExecutor.map(fn, items)` with `chunksize`, as a Rust reference
//! implementation: results come back in input order, the work is split into chunks by a
//! pluggable [`Strategy`], and [`map_with_stats`] shows how the work was spread.
//!
//! ```
//! use synclab::map::{self, Fixed};
//! use synclab::pool::ThreadPool;
//!
//! let pool = ThreadPool::new(2)?;
//! let squares = pool.map(&[1u64, 2, 3, 4], |x| x * x); // the default strategy, `Auto`
//! assert_eq!(squares, [1, 4, 9, 16]);
//!
//! let words = map::map(&pool, &["a", "bb", "ccc"], Fixed::new(2)?, |w| w.len());
//! assert_eq!(words, [1, 2, 3]);
//! # Ok::<(), synclab::error::ConfigError>(())
//! ```
//!
//! ## Strategies
//! | strategy | file | how chunks are formed and handed out | good for |
//! |---|---|---|---|
//! | [`Static`] | `static_blocks.rs` | one contiguous block of `len / workers` items per worker, fixed up front | uniform, cheap items: zero coordination |
//! | [`Fixed`] | `fixed.rs` | chunks of `n`, claimed one at a time from a shared cursor (`fetch_add`) | uneven items, when you know a good `n` |
//! | [`Guided`] | `guided.rs` | `max(ceil(remaining / (2 × workers)), min)`: big first, shrinking as the work runs out (OpenMP `guided`) | uneven items, few claims |
//! | [`Auto`] (default) | `auto.rs` | Python's `ceil(n / (4 × workers))`, re-applied to what is left, floored by measured chunk time | everything, without tuning |
//!
//! A planted bug for the checks to catch lives in [`planted`]; the checks themselves, written
//! once for every runtime, in [`checks`].
//!
//! ## Where the results go, and false sharing
//! The output is one `Vec<R>` allocated up front with capacity `len`. Its spare capacity is
//! a buffer of `MaybeUninit<R>`; item `i`'s result is written straight into slot `i` by
//! the worker that claimed `i`'s chunk, with no intermediate buffer, and the vector's
//! length is set once every slot is known to be written.
//!
//! Every chunk is a contiguous index range, so each worker writes whole contiguous runs
//! of the buffer. Two workers can share a cache line only where one's chunk ends and
//! another's begins: one line per chunk boundary, written once from each side. With
//! chunks of thousands of items (what [`Auto`] picks for cheap items) that is noise; with
//! `Fixed(1)` every line is contended, which is one reason it is slow (see
//! `docs/measurements.md`: round-robin chunks of 64 adjacent outputs ran at 0.32×).
//!
//! ## The key invariant: disjoint chunk ownership
//! The output buffer is written through a raw pointer by several threads at once. That is
//! sound only because no two workers ever write the same slot, and that holds because
//! every index is inside at most one claimed chunk: the [`Strategy`] contract (an `unsafe`
//! trait). The cursor-based strategies guarantee it with a single atomic read-modify-write
//! per claim (`fetch_add` or `compare_exchange`): the atomic's modification order hands
//! each cursor value to exactly one claimer. [`planted`] shows what a load + store does.
//!
//! ## Failure semantics
//! * A panic in the closure stops every worker from claiming new chunks; chunks already
//!   running finish. Then every value produced so far is dropped exactly once (completed
//!   chunks by the caller, the panicking chunk's prefix by its own guard), and the first
//!   panic is re-raised in the caller with its original payload
//!   (`std::panic::resume_unwind`). The pool stays usable.
//! * Owned inputs ([`map_iter`]) are dropped exactly once as well: moved into the closure,
//!   or dropped unconsumed if their chunk never ran.
//! * Empty input returns an empty vector without waking any worker.
//! * A chunk size or minimum of 0 is a [`ConfigError`](crate::error::ConfigError) at
//!   construction.
//!
//! ## Monitoring
//! [`map_with_stats`] returns a [`MapStats`]: per worker, the items and chunks it ran,
//! its busy time (inside the closure) and its idle time (everything else while the map
//! ran: waiting to be scheduled, claiming, waiting for the others at the end). Its
//! `Display` prints a small table.

use super::{pool, rt};
use std::ops::Range;
use std::time::Duration;

mod auto;
pub mod checks;
mod driver;
mod source;
mod fixed;
mod guided;
pub mod planted;
mod static_blocks;
mod stats;

pub use auto::Auto;
pub use fixed::Fixed;
pub use guided::Guided;
pub use static_blocks::Static;
pub use stats::{MapStats, WorkerStats};
// Defined once, outside `primitives!` (see `src/traits.rs`): one trait for every flavour.
pub use crate::traits::ParallelMap;

use source::{Borrowed, Owned};
use pool::ThreadPool;

/// Maps `f` over `items` on `pool`, splitting the work with `strategy`; returns the
/// results in input order.
///
/// See the [module docs](self) for the failure semantics: a panic in `f` is re-raised
/// here (after every value produced so far has been dropped), and the pool stays usable.
///
/// # Panics
/// Re-raises the first panic of `f`. Also panics, after dropping what it can, if a
/// `Strategy` implementation leaves indices unclaimed or claims too many, and for more
/// than `isize::MAX` items (only possible with zero-sized items).
pub fn map<T, R, S, F>(pool: &ThreadPool, items: &[T], strategy: S, f: F) -> Vec<R>
where
    T: Sync,
    R: Send,
    S: Strategy,
    F: Fn(&T) -> R + Sync,
{
    driver::run(pool, Borrowed::new(items), &strategy, f, false).0
}

/// [`map`], and how the work was spread over the workers.
///
/// ```
/// use synclab::map::{self, Fixed};
/// use synclab::pool::ThreadPool;
///
/// let pool = ThreadPool::new(2)?;
/// let items: Vec<u64> = (0..1000).collect();
/// let (out, stats) = map::map_with_stats(&pool, &items, Fixed::new(100)?, |x| x + 1);
/// assert_eq!(out[999], 1000);
/// assert_eq!(stats.workers.iter().map(|w| w.items).sum::<usize>(), 1000);
/// assert_eq!(stats.workers.iter().map(|w| w.chunks).sum::<usize>(), 10);
/// println!("{stats}"); // a table: items, chunks, busy and idle time per worker
/// # Ok::<(), synclab::error::ConfigError>(())
/// ```
///
/// Under a model checker the durations are zero (reading the clock would make the
/// explored executions non-deterministic); the counts are exact everywhere.
pub fn map_with_stats<T, R, S, F>(
    pool: &ThreadPool,
    items: &[T],
    strategy: S,
    f: F,
) -> (Vec<R>, MapStats)
where
    T: Sync,
    R: Send,
    S: Strategy,
    F: Fn(&T) -> R + Sync,
{
    let (out, stats) = driver::run(pool, Borrowed::new(items), &strategy, f, true);
    (out, stats.expect("stats were requested"))
}

/// Maps `f` over owned items: each item is moved into `f` exactly once.
///
/// The items are first gathered into one buffer (an exact-size iterator fills it in one
/// allocation; a `Vec` is taken over as it is), then split like [`map`]'s. If `f`
/// panics, the items that never reached `f` are dropped too, each exactly once.
///
/// ```
/// use synclab::map::{self, Auto};
/// use synclab::pool::ThreadPool;
///
/// let pool = ThreadPool::new(2)?;
/// let names = vec![String::from("ada"), String::from("grace")];
/// let upper = map::map_iter(&pool, names, Auto::new(), |s| s.to_uppercase());
/// assert_eq!(upper, ["ADA", "GRACE"]);
/// let lengths = map::map_iter(&pool, (0..5u32).map(|i| i * 10), Auto::new(), |x| x + 1);
/// assert_eq!(lengths, [1, 11, 21, 31, 41]);
/// # Ok::<(), synclab::error::ConfigError>(())
/// ```
///
/// # Panics
/// As [`map`].
pub fn map_iter<I, R, S, F>(pool: &ThreadPool, items: I, strategy: S, f: F) -> Vec<R>
where
    I: IntoIterator,
    I::IntoIter: ExactSizeIterator,
    I::Item: Send,
    R: Send,
    S: Strategy,
    F: Fn(I::Item) -> R + Sync,
{
    let items: Vec<I::Item> = items.into_iter().collect();
    driver::run(pool, Owned::new(items), &strategy, f, false).0
}

impl ThreadPool {
    /// Maps `f` over `items` on this pool with the default strategy, [`Auto`]; results in
    /// input order. See [`map`](fn@map) for other strategies and the failure semantics.
    ///
    /// ```
    /// let pool = synclab::pool::ThreadPool::new(2)?;
    /// assert_eq!(pool.map(&[1, 2, 3], |x| x * 10), [10, 20, 30]);
    /// # Ok::<(), synclab::error::ConfigError>(())
    /// ```
    pub fn map<T, R, F>(&self, items: &[T], f: F) -> Vec<R>
    where
        T: Sync,
        R: Send,
        F: Fn(&T) -> R + Sync,
    {
        map(self, items, Auto::new(), f)
    }
}

impl ParallelMap for ThreadPool {
    /// [`ThreadPool::new`].
    ///
    /// # Panics
    /// If `workers` is 0.
    fn with_workers(workers: usize) -> Self {
        ThreadPool::new(workers).expect("a pool needs at least one worker")
    }

    /// [`ThreadPool::map`]: [`map`](fn@map) with the [`Auto`] strategy.
    fn map<T, R, F>(&self, items: &[T], f: F) -> Vec<R>
    where
        T: Sync,
        R: Send,
        F: Fn(&T) -> R + Sync,
    {
        ThreadPool::map(self, items, f)
    }
}

/// How a map splits `len` items into chunks and hands them to its workers.
///
/// The driver calls [`plan`](Self::plan) once per map call, then each worker calls
/// [`claim`](Self::claim) until it returns `None` (or until another worker panics), and
/// runs every range it gets.
///
/// # Safety
/// Workers write their chunks' results into a shared buffer without locks, so an
/// implementation must guarantee, for every plan:
///
/// 1. **Disjointness:** across all calls of `claim` on that plan, from all workers, no
///    index is returned twice. (Violating this is a data race on the output buffer.)
///
/// The driver also checks, and panics on violation (it is safe, but a bug):
/// 2. every returned range is non-empty and lies inside `0..len`;
/// 3. **completeness:** once every worker's `claim` has returned `None`, every index in
///    `0..len` has been returned once.
pub unsafe trait Strategy: Sync {
    /// The state shared by the workers of one map call (for example a cursor).
    type Plan: Sync;

    /// Prepares a map over `len` items (at least 1) run by `workers` workers (at least
    /// 1, at most `len`).
    fn plan(&self, len: usize, workers: usize) -> Self::Plan;

    /// The next chunk for `worker`, or `None` when it has nothing left to do.
    fn claim(&self, plan: &Self::Plan, worker: &Worker) -> Option<Range<usize>>;

    /// A short name for tables and benchmarks: `static`, `fixed-64`, `guided`, `auto`.
    fn name(&self) -> String;

    /// Whether [`claim`](Self::claim) reads [`Worker::last_chunk`]: then the driver times
    /// every chunk (two clock reads per chunk) even without stats.
    fn measures_chunks(&self) -> bool {
        false
    }
}

/// What a strategy may know about the worker that asks for a chunk.
#[derive(Debug, Clone)]
pub struct Worker {
    index: usize,
    workers: usize,
    claims: usize,
    last_chunk: Option<(usize, Duration)>,
}

impl Worker {
    pub(crate) fn new(index: usize, workers: usize) -> Self {
        Self {
            index,
            workers,
            claims: 0,
            last_chunk: None,
        }
    }

    /// This worker's number, `0..workers`.
    pub fn index(&self) -> usize {
        self.index
    }

    /// How many workers take part in this map call.
    pub fn workers(&self) -> usize {
        self.workers
    }

    /// How many chunks this worker has claimed so far in this map call.
    pub fn claims(&self) -> usize {
        self.claims
    }

    /// The length and duration of this worker's last completed chunk, when the driver
    /// times chunks (see [`Strategy::measures_chunks`]; never under a model checker).
    pub fn last_chunk(&self) -> Option<(usize, Duration)> {
        self.last_chunk
    }

    fn claimed(&mut self) {
        self.claims += 1;
    }

    fn timed(&mut self, items: usize, took: Duration) {
        self.last_chunk = Some((items, took));
    }
}

/// Claims the next chunk from a shared item cursor with one `compare_exchange`: the
/// chunk `[start, start + size(remaining))`. Shared by [`Guided`] and [`Auto`].
///
/// `size` receives the number of unclaimed items (at least 1); its answer is clamped to
/// `1..=remaining`.
///
/// Disjointness: a successful `compare_exchange(start, start + size)` is the only write
/// of that cursor value, and the cursor only grows, so the claimed ranges tile `0..len` in
/// the cursor's modification order. `Relaxed` suffices: the cursor publishes no data (the
/// inputs are shared read-only from before the workers started; the outputs are published
/// by the pool's join), only which indices are whose, and atomicity alone decides that.
fn claim_from_cursor(
    cursor: &rt::sync::atomic::AtomicUsize,
    len: usize,
    size: impl Fn(usize) -> usize,
) -> Option<Range<usize>> {
    use rt::sync::atomic::Ordering::Relaxed;
    let mut start = cursor.load(Relaxed);
    loop {
        if start >= len {
            return None;
        }
        let end = start + size(len - start).clamp(1, len - start);
        match cursor.compare_exchange(start, end, Relaxed, Relaxed) {
            Ok(_) => return Some(start..end),
            // Another worker claimed first; retry from where it left the cursor. Someone
            // made progress, so this loop is lock-free.
            Err(now) => start = now,
        }
    }
}
