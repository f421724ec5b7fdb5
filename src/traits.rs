//! The traits that primitives implement, each defined once.
//!
//! A trait that mentions no runtime item is the same contract under std, loom and
//! shuttle, so it is declared here, outside `primitives!`, and every flavour re-exports
//! it: `synclab::counter::Counter` *is* `synclab::loom::counter::Counter`, and
//! `synclab::lock::RawLock` *is* `synclab::loom::lock::RawLock`. That is what
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

/// A raw mutual-exclusion lock: no data, no guard, just `lock` and `unlock`.
///
/// Implement this for a lock algorithm and [`Mutex<R, T>`](crate::lock::Mutex) gives it
/// a safe API. Most code wants the [`Mutex`](crate::lock::Mutex); the raw interface is
/// for building primitives (and what the [`conformance`](crate::conformance) lock suite
/// checks).
///
/// # Safety
/// An implementation must provide, for every instance:
///
/// 1. **Mutual exclusion.** Between a return from [`lock`](Self::lock) (or a `true`
///    from [`try_lock`](Self::try_lock)) and the matching [`unlock`](Self::unlock), no
///    other `lock` returns and no other `try_lock` returns `true`.
/// 2. **Acquire/release.** Everything the owner did before `unlock` *happens before*
///    everything the next owner does after its `lock`/`try_lock` returns. (Without
///    this, the next owner may read stale data even though the lock excluded it.)
/// 3. **No spurious success, no lasting spurious failure.** `try_lock` may fail only
///    while the lock is held or another thread is acquiring it; `lock` returns once the
///    lock is free and this thread's turn has come.
///
/// [`Mutex`](crate::lock::Mutex) hands out `&mut T` on the strength of 1 and 2, so an
/// implementation that breaks them makes safe code unsound: hence `unsafe trait`.
pub unsafe trait RawLock: Send + Sync {
    /// A new, unlocked lock.
    fn new() -> Self
    where
        Self: Sized;

    /// Acquires the lock, waiting as long as it takes.
    ///
    /// Calling `lock` while this thread already holds the lock deadlocks (none of these
    /// locks is re-entrant).
    fn lock(&self);

    /// Acquires the lock if that needs no waiting; `true` if this thread now holds it.
    fn try_lock(&self) -> bool;

    /// Releases the lock.
    ///
    /// # Safety
    /// The calling thread must hold the lock: it acquired it with [`lock`](Self::lock)
    /// or a successful [`try_lock`](Self::try_lock) and has not released it since.
    /// Releasing a lock that another thread holds (or nobody holds) breaks that
    /// thread's exclusion.
    unsafe fn unlock(&self);

    /// Whether some thread holds the lock (or is in the middle of acquiring it). Only a
    /// snapshot: it may be stale by the time it is read, so use it for assertions and
    /// statistics, never for synchronisation.
    fn is_locked(&self) -> bool;
}

/// A raw reader-writer lock: a [`RawLock`] whose `lock`/`try_lock`/`unlock` are its
/// exclusive (write) mode, plus a shared (read) mode. The split of `lock_api::RawRwLock`.
///
/// Implement this for a reader-writer algorithm and
/// [`RwLock<R, T>`](crate::lock::RwLock) gives it a safe API; because the exclusive mode
/// *is* a [`RawLock`], the same type also works wherever a raw lock does
/// ([`Mutex<R, T>`](crate::lock::Mutex), the lock checks). [`is_locked`](RawLock::is_locked)
/// reports a holder in either mode.
///
/// ```
/// use synclab::lock::{ParkingRwLock, RawLock, RawRwLock};
///
/// let lock = ParkingRwLock::new();
/// lock.lock_shared();
/// assert!(lock.try_lock_shared()); // readers share
/// assert!(!lock.try_lock()); // a writer waits for them
/// // SAFETY: this thread took both shared locks above and releases each once.
/// unsafe {
///     lock.unlock_shared();
///     lock.unlock_shared();
/// }
/// assert!(lock.try_lock());
/// assert!(!lock.try_lock_shared()); // readers wait for the writer
/// // SAFETY: this thread holds the exclusive lock.
/// unsafe { lock.unlock() };
/// assert!(!lock.is_locked());
/// ```
///
/// # Safety
/// An implementation must provide, for every instance, [`RawLock`]'s contract for the
/// exclusive mode, and:
///
/// 1. **A writer excludes readers and writers; readers share.** Between a return from
///    `lock` (or a `true` from `try_lock`) and the matching `unlock`, no
///    [`lock_shared`](Self::lock_shared) returns and no
///    [`try_lock_shared`](Self::try_lock_shared) returns `true`; while any shared lock
///    is held, no `lock` returns and no `try_lock` returns `true`. Shared locks may be
///    held by any number of threads at once.
/// 2. **Acquire/release.** Everything a holder did before it released the lock (with
///    `unlock` or [`unlock_shared`](Self::unlock_shared)) *happens before* everything
///    done after each later acquisition that it excluded: a writer's unlock before every
///    later acquisition, shared or exclusive; a reader's unlock before every later
///    exclusive one. (Readers need no order among themselves: they only read.)
/// 3. **No spurious success, no lasting spurious failure.** `try_lock_shared` may fail
///    only while a writer holds the lock, while a writer waits for it (an implementation
///    may prefer writers), or while another thread is acquiring or releasing it;
///    `lock_shared` returns once the lock is free of writers and this thread's turn has
///    come.
///
/// [`RwLock`](crate::lock::RwLock) hands out `&T` to readers and `&mut T` to a writer on
/// the strength of 1 and 2, so an implementation that breaks them makes safe code
/// unsound: hence `unsafe trait`.
pub unsafe trait RawRwLock: RawLock {
    /// Acquires a shared lock, waiting as long as it takes.
    ///
    /// Calling it while this thread already holds the lock (in either mode) may
    /// deadlock: a writer-preferring lock makes a second read wait behind a writer that
    /// waits for the first.
    fn lock_shared(&self);

    /// Acquires a shared lock if that needs no waiting; `true` if this thread now holds
    /// one.
    fn try_lock_shared(&self) -> bool;

    /// Releases a shared lock.
    ///
    /// # Safety
    /// The calling thread must hold a shared lock: it acquired it with
    /// [`lock_shared`](Self::lock_shared) or a successful
    /// [`try_lock_shared`](Self::try_lock_shared) and has not released it since.
    /// Releasing a shared lock this thread does not hold can let a writer in beside a
    /// reader that still holds one.
    unsafe fn unlock_shared(&self);
}

/// A [`RawLock`] that grants the lock in arrival order (FIFO).
///
/// *Arrival* is one atomic step inside `lock`, the lock's *doorway*: the ticket lock's
/// `fetch_add` of a ticket, the MCS lock's `swap` of the queue tail. A thread that has
/// passed the doorway acquires the lock before every thread that passes it later.
pub trait FifoLock: RawLock {
    /// A value that changes each time a thread passes the doorway (the ticket lock's next
    /// ticket, the MCS lock's tail node address). Lets a check wait until a thread it
    /// started is queued, and then verify that the queue order is kept.
    fn last_arrival(&self) -> usize;
}

/// A counting semaphore with plain permits: taken one at a time with
/// [`acquire`](Self::acquire) or [`try_acquire`](Self::try_acquire), returned with
/// [`release`](Self::release). What the [`conformance`](crate::conformance) semaphore
/// suite checks.
///
/// The contract:
///
/// 1. **Bound.** At most `permits` (the number given to [`new`](Self::new)) are out at
///    any time.
/// 2. **No spurious failure.** `try_acquire` fails only while none is available (or
///    another thread is taking the last one); `acquire` returns once a permit is free.
/// 3. **Release/acquire.** A `release` *happens before* the acquisition that takes the
///    permit it returned.
/// 4. **Over-release is refused.** A `release` that would make more than `permits`
///    available returns [`SemaphoreError::OverRelease`] and changes nothing, however many
///    releases race: the check and the add are one atomic step. (The semaphore counts
///    permits; it cannot tell whose permit comes back, so a release of a permit another
///    thread took is a plain release.)
///
/// synclab's [`Semaphore`](crate::lock::Semaphore) implements it (taking a `Permit` and
/// forgetting it, releasing by count); a downstream crate implements it for its own.
///
/// ```
/// use synclab::lock::{RawSemaphore, Semaphore};
///
/// let pool = <Semaphore as RawSemaphore>::new(1);
/// RawSemaphore::acquire(&pool);
/// assert!(!RawSemaphore::try_acquire(&pool));
/// RawSemaphore::release(&pool)?;
/// assert_eq!(RawSemaphore::available_permits(&pool), 1);
/// assert!(RawSemaphore::release(&pool).is_err()); // every permit is back: refused
/// # Ok::<(), synclab::error::SemaphoreError>(())
/// ```
///
/// [`SemaphoreError::OverRelease`]: crate::error::SemaphoreError::OverRelease
pub trait RawSemaphore: Send + Sync {
    /// A semaphore with `permits` permits, all available.
    fn new(permits: usize) -> Self
    where
        Self: Sized;

    /// Takes one permit, waiting until one is available.
    fn acquire(&self);

    /// Takes one permit if one is available now; `true` if it did.
    fn try_acquire(&self) -> bool;

    /// Returns one permit.
    ///
    /// # Errors
    /// [`SemaphoreError::OverRelease`](crate::error::SemaphoreError::OverRelease) if every
    /// permit is already available; nothing is released then (rule 4 of the contract).
    fn release(&self) -> Result<(), crate::error::SemaphoreError>;

    /// The permits available now. Only a snapshot while other threads run.
    fn available_permits(&self) -> usize;
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

/// A bounded FIFO channel of `u32`s, for the channel suite: blocking `send`/`recv` and
/// non-blocking `try_send`/`try_recv`, as lincheck's
/// [`Channel`](crate::lincheck::models::Channel) model describes them.
///
/// ```
/// use synclab::lock::{BoundedChannel, Channel};
///
/// let channel = <Channel<u32> as BoundedChannel>::with_capacity(1);
/// assert_eq!(channel.try_send(1), Ok(()));
/// assert_eq!(channel.try_send(2), Err(2)); // full
/// assert_eq!(BoundedChannel::recv(&channel), 1);
/// ```
pub trait BoundedChannel: Send + Sync {
    /// An empty channel holding at most `capacity` (at least 1) items.
    fn with_capacity(capacity: usize) -> Self;
    /// Sends `item`, waiting while the channel is full.
    fn send(&self, item: u32);
    /// Receives the oldest item, waiting while the channel is empty.
    fn recv(&self) -> u32;
    /// Sends `item` if there is room.
    ///
    /// # Errors
    /// The item, when the channel is full.
    fn try_send(&self, item: u32) -> Result<(), u32>;
    /// Receives the oldest item, if there is one.
    fn try_recv(&self) -> Option<u32>;
}

/// A cell of `u32` initialised once, for the once-cell suite, as lincheck's
/// [`Once`](crate::lincheck::models::Once) model describes it.
///
/// ```
/// use synclab::lock::{InitOnce, OnceCell};
///
/// let cell = <OnceCell<u32> as InitOnce>::empty();
/// assert_eq!(InitOnce::get(&cell), None);
/// assert_eq!(InitOnce::get_or_init(&cell, &|| 7), 7);
/// assert_eq!(InitOnce::get_or_init(&cell, &|| 8), 7);
/// ```
pub trait InitOnce: Send + Sync {
    /// An empty cell.
    fn empty() -> Self;
    /// The value, computed by `init` if no caller has initialised the cell yet; `init`
    /// runs at most once in all.
    fn get_or_init(&self, init: &dyn Fn() -> u32) -> u32;
    /// The value, if initialised.
    fn get(&self) -> Option<u32>;
}

/// A FIFO queue shared between threads (what the `queue` and `spsc_queue` suites check).
///
/// ```
/// use synclab::collections::{ConcurrentQueue, TwoLockQueue};
///
/// let q = TwoLockQueue::new();
/// ConcurrentQueue::push(&q, 1).unwrap();
/// assert_eq!(ConcurrentQueue::pop(&q), Some(1));
/// ```
pub trait ConcurrentQueue<T>: Send + Sync {
    /// Adds `value` at the tail, or gives it back if the queue is full.
    fn push(&self, value: T) -> Result<(), T>;

    /// Takes the value at the head; `None` if the queue is empty.
    fn pop(&self) -> Option<T>;

    /// The most values it holds (`None`: unbounded, the default). A constant, so that a
    /// suite knows its model before it builds the first object (inside a model checker).
    const CAPACITY: Option<usize> = None;
}

/// A LIFO stack shared between threads (what the `stack` suite checks).
pub trait ConcurrentStack<T>: Send + Sync {
    /// Pushes `value` on top, or gives it back if the stack is full.
    fn push(&self, value: T) -> Result<(), T>;

    /// Takes the top value; `None` if the stack is empty.
    fn pop(&self) -> Option<T>;

    /// The most values it holds (`None`: unbounded, the default). A constant, so that a
    /// suite knows its model before it builds the first object (inside a model checker).
    const CAPACITY: Option<usize> = None;
}

/// A map shared between threads (what the `key_map` suite checks).
pub trait ConcurrentMap<K, V>: Send + Sync {
    /// Sets `key` to `value`; returns the value it had.
    fn insert(&self, key: K, value: V) -> Option<V>;

    /// Removes `key`; returns the value it had.
    fn remove(&self, key: K) -> Option<V>;

    /// The value of `key`.
    fn get(&self, key: K) -> Option<V>;
}
