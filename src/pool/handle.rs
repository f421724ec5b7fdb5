//! [`ThreadPool::submit`] and the handle that joins a submitted job.

use super::{Shared, ThreadPool, latch::Latch, rt};
use rt::cell::UnsafeCell;
use rt::sync::Arc;
use std::panic::{AssertUnwindSafe, catch_unwind};

/// Joins one job queued with [`ThreadPool::submit`].
///
/// Dropping the handle without joining detaches the job: it still runs, and its value
/// (or panic payload) is dropped. A handle may outlive its pool, because dropping the pool
/// runs every queued job first.
///
/// ```
/// use synclab::pool::ThreadPool;
///
/// let pool = ThreadPool::new(1)?;
/// let ok = pool.submit(|| "done");
/// let failed = pool.submit(|| -> u32 { panic!("boom") });
/// assert_eq!(ok.join().unwrap(), "done");
/// let payload = failed.join().unwrap_err();
/// assert_eq!(payload.downcast_ref::<&str>(), Some(&"boom"));
/// # Ok::<(), synclab::error::ConfigError>(())
/// ```
#[must_use = "a dropped handle detaches the job and discards its result"]
pub struct JobHandle<T> {
    shared: Arc<Shared>,
    task: Arc<Task<T>>,
}

/// The result slot that the job fills and the handle empties.
struct Task<T> {
    done: Latch,
    result: UnsafeCell<Option<std::thread::Result<T>>>,
}

// SAFETY: `result` is written once, by the job, before `done.count_down` (Release), and read
// once, by `join`, after `done.is_released()` (Acquire) returned true: the two accesses are
// ordered by happens-before and never overlap. `T: Send` because the value moves from the
// worker to the joiner.
unsafe impl<T: Send> Sync for Task<T> {}

pub(super) fn submit<T, F>(pool: &ThreadPool, job: F) -> JobHandle<T>
where
    F: FnOnce() -> T + Send + 'static,
    T: Send + 'static,
{
    let task = Arc::new(Task {
        done: Latch::new(1),
        result: UnsafeCell::new(None),
    });
    let filled = Arc::clone(&task);
    pool.push(Box::new(move |shared: &Shared| {
        let result = catch_unwind(AssertUnwindSafe(job));
        // SAFETY: this job is the only writer and runs once; the joiner reads only after the
        // count-down below (see the `Sync` impl of `Task`).
        filled.result.with_mut(|slot| unsafe { *slot = Some(result) });
        // `filled` keeps the task alive through the count-down (see `Latch::count_down`).
        filled.done.count_down(shared);
    }));
    JobHandle {
        shared: Arc::clone(&pool.shared),
        task,
    }
}

impl<T> JobHandle<T> {
    /// Waits for the job and returns its value, or the payload of its panic.
    ///
    /// While it waits, the calling thread runs other queued jobs of the pool (see the
    /// [pool docs](super)), so joining from inside a job of the same pool cannot deadlock.
    pub fn join(self) -> std::thread::Result<T> {
        self.shared.wait_for(&self.task.done);
        // SAFETY: the latch is released, so the job's write happened-before this read, and
        // the job is finished: nothing else accesses the slot.
        let result = self.task.result.with_mut(|slot| unsafe { (*slot).take() });
        result.expect("a finished job stores its result exactly once")
    }

    /// True once the job has finished (then [`join`](Self::join) does not block).
    pub fn is_finished(&self) -> bool {
        self.task.done.is_released()
    }
}

impl<T> std::fmt::Debug for JobHandle<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("JobHandle")
            .field("finished", &self.is_finished())
            .finish()
    }
}
