//! A fixed-size thread pool, written on `rt` so that loom and shuttle check it too.
//!
//! The pool is the executor under [`map`](super::map): Python's `ThreadPoolExecutor`
//! with Rust's ownership rules.
//!
//! | operation | what it does |
//! |---|---|
//! | [`ThreadPool::new`] | starts `workers` threads (0 is a [`ConfigError`]) |
//! | [`ThreadPool::submit`] | queues a `'static` job; its [`JobHandle`] joins it and returns the value or the panic |
//! | [`ThreadPool::scope`] | jobs that borrow from the caller; all are joined before `scope` returns |
//! | `drop` | runs every job still queued, then joins every worker: no thread outlives the pool |
//!
//! ## Design: one queue, one lock, one condition variable
//! All state that threads wait on lives behind one `rt::sync::Mutex` (the job queue and the
//! shutdown flag) with one `rt::sync::Condvar`. Three kinds of thread block on it, and each
//! rechecks its own condition when woken:
//!
//! * an idle worker waits for a job or for shutdown;
//! * a thread in [`JobHandle::join`] or at the end of [`ThreadPool::scope`] waits for a
//!   countdown latch to reach zero.
//!
//! **Waiting threads help.** A joiner that finds a job in the queue runs it instead of
//! sleeping. That is what makes nested use safe: a job that opens a scope (or runs a
//! [`map`](super::map)) on its own pool cannot deadlock the pool by occupying a worker
//! while its sub-jobs sit in the queue, because the waiting job runs them itself. It also
//! means every thread woken for a new job can take it, so `notify_one` on a push is never
//! lost on the wrong kind of waiter.
//!
//! **Panics never kill a worker.** Each job is wrapped in `catch_unwind`; the payload goes
//! to the job's [`JobHandle`] or to its scope, which re-raises it in the caller.
//!
//! A lock-free queue would be faster for many tiny jobs; a map on `w` workers queues
//! `w - 1` jobs per call (the caller runs the first share itself), so this simple queue
//! is not on any hot path.

use super::rt;
use crate::error::ConfigError;
use rt::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::collections::VecDeque;
use std::sync::PoisonError;

mod handle;
mod latch;
pub mod planted;
pub mod checks;
mod scope;

pub use handle::JobHandle;
pub use scope::Scope;

use latch::Latch;

/// A queued job. It receives the pool's shared state to count its latch down (see
/// [`Latch::count_down`]).
type Job = Box<dyn FnOnce(&Shared) + Send + 'static>;

/// A fixed set of worker threads that run submitted jobs.
///
/// ```
/// use synclab::pool::ThreadPool;
///
/// let pool = ThreadPool::new(2)?;
/// let answer = pool.submit(|| 6 * 7);
/// assert_eq!(answer.join().unwrap(), 42);
///
/// // Jobs in a scope may borrow from the caller.
/// let mut halves = [0u64; 2];
/// let data = [1u64, 2, 3, 4];
/// pool.scope(|s| {
///     let (left, right) = halves.split_at_mut(1);
///     s.spawn(|| left[0] = data[..2].iter().sum());
///     s.spawn(|| right[0] = data[2..].iter().sum());
/// });
/// assert_eq!(halves, [3, 7]);
/// # Ok::<(), synclab::error::ConfigError>(())
/// ```
pub struct ThreadPool {
    shared: Arc<Shared>,
    threads: Vec<rt::thread::JoinHandle<()>>,
}

/// What the workers, the pool handle and every job handle share.
pub(crate) struct Shared {
    state: Mutex<State>,
    /// Signalled (`notify_one`) when a job is queued, and (`notify_all`) when a latch
    /// reaches zero or the pool shuts down.
    wake: Condvar,
}

struct State {
    jobs: VecDeque<Job>,
    shutdown: bool,
}

impl ThreadPool {
    /// Starts a pool of `workers` threads. Zero workers is an error: nothing would ever run.
    ///
    /// # Panics
    /// If the operating system refuses to start a thread (as `std::thread::spawn` does).
    pub fn new(workers: usize) -> Result<Self, ConfigError> {
        if workers == 0 {
            return Err(ConfigError::too_small("workers", 1, 0));
        }
        let shared = Arc::new(Shared {
            state: Mutex::new(State {
                jobs: VecDeque::new(),
                shutdown: false,
            }),
            wake: Condvar::new(),
        });
        let mut pool = Self {
            shared,
            threads: Vec::with_capacity(workers),
        };
        for _ in 0..workers {
            let shared = Arc::clone(&pool.shared);
            // If a spawn panics, unwinding drops `pool`, which shuts down and joins the
            // workers already started: none is left waiting forever.
            pool.threads.push(rt::thread::spawn(move || shared.work()));
        }
        Ok(pool)
    }

    /// A pool with one worker per hardware thread (`std::thread::available_parallelism`,
    /// or 1 where that is unknown).
    pub fn with_available_parallelism() -> Self {
        let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
        Self::new(workers).expect("available_parallelism is at least 1")
    }

    /// The number of worker threads.
    pub fn workers(&self) -> usize {
        self.threads.len()
    }

    /// Queues `job` and returns a handle that joins it.
    ///
    /// A panic in `job` does not reach the worker: [`JobHandle::join`] returns it as
    /// `Err(payload)`, like `std::thread::JoinHandle::join`.
    pub fn submit<T, F>(&self, job: F) -> JobHandle<T>
    where
        F: FnOnce() -> T + Send + 'static,
        T: Send + 'static,
    {
        handle::submit(self, job)
    }

    /// Runs `body` with a [`Scope`] whose jobs may borrow anything that outlives the call;
    /// returns once every job spawned in it has finished.
    ///
    /// If a job panics, the other jobs still run to completion, and then the first panic
    /// is re-raised here with its original payload (`std::panic::resume_unwind`). A panic
    /// in `body` itself is re-raised the same way, after the jobs have finished.
    ///
    /// The calling thread does not idle while it waits: it runs queued jobs (see the
    /// [module docs](self)).
    pub fn scope<'env, F, R>(&self, body: F) -> R
    where
        F: for<'scope> FnOnce(&'scope Scope<'scope, 'env>) -> R,
    {
        scope::run(self, body)
    }

    fn push(&self, job: Job) {
        self.shared.lock().jobs.push_back(job);
        // Any waiter can take the job (workers and helping joiners alike): one is enough.
        self.shared.wake.notify_one();
    }
}

// A caught panic never leaves the pool inconsistent: jobs' panics are caught inside the
// workers, and the queue lock is never held while user code runs. So a pool may be used
// again after `catch_unwind` (std's `JoinHandle` inside would otherwise opt out).
impl std::panic::UnwindSafe for ThreadPool {}
impl std::panic::RefUnwindSafe for ThreadPool {}

impl Default for ThreadPool {
    /// [`ThreadPool::with_available_parallelism`].
    fn default() -> Self {
        Self::with_available_parallelism()
    }
}

impl std::fmt::Debug for ThreadPool {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ThreadPool")
            .field("workers", &self.workers())
            .finish_non_exhaustive()
    }
}

impl Drop for ThreadPool {
    /// Graceful shutdown: the workers run every job still queued, then exit, and this
    /// joins each of them. No thread outlives the pool.
    fn drop(&mut self) {
        self.shared.lock().shutdown = true;
        self.shared.wake.notify_all();
        for thread in self.threads.drain(..) {
            // Workers catch every job's panic, so a worker thread cannot fail; a failed
            // join would mean the runtime itself broke, and must not pass silently.
            let joined = thread.join();
            if let (Err(payload), false) = (joined, std::thread::panicking()) {
                std::panic::resume_unwind(payload);
            }
        }
    }
}

impl Shared {
    /// The lock never guards user code (jobs run after it is released, and they catch
    /// their own panics), so poisoning cannot happen; recover from it anyway.
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn wait<'a>(&self, guard: MutexGuard<'a, State>) -> MutexGuard<'a, State> {
        self.wake.wait(guard).unwrap_or_else(PoisonError::into_inner)
    }

    /// A worker's life: run jobs until shutdown and an empty queue.
    fn work(&self) {
        let mut state = self.lock();
        loop {
            if let Some(job) = state.jobs.pop_front() {
                drop(state);
                job(self);
                state = self.lock();
            } else if state.shutdown {
                return;
            } else {
                state = self.wait(state);
            }
        }
    }

    /// Blocks until `latch` reaches zero, running queued jobs meanwhile.
    ///
    /// No lost wake-up: the latch is checked with the lock held, and the thread that
    /// brings it to zero takes the lock before it notifies (see [`Latch::count_down`]), so
    /// it cannot notify between this check and the wait.
    fn wait_for(&self, latch: &Latch) {
        if latch.is_released() {
            return;
        }
        let mut state = self.lock();
        while !latch.is_released() {
            if let Some(job) = state.jobs.pop_front() {
                drop(state);
                job(self);
                state = self.lock();
            } else {
                state = self.wait(state);
            }
        }
    }

    /// Wakes every waiter: called when a latch reaches zero.
    fn notify_all(&self) {
        // Taking the lock orders this notification after any waiter's check-then-wait.
        drop(self.lock());
        self.wake.notify_all();
    }
}
