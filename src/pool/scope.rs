//! [`ThreadPool::scope`]: jobs that borrow from the caller's stack.

use super::{Job, Shared, ThreadPool, latch::Latch, rt};
use rt::sync::{Arc, Mutex};
use std::any::Any;
use std::marker::PhantomData;
use std::panic::{AssertUnwindSafe, catch_unwind, resume_unwind};
use std::sync::PoisonError;

type Payload = Box<dyn Any + Send + 'static>;

/// A scope to spawn pool jobs that borrow anything outliving the [`ThreadPool::scope`]
/// call (see `std::thread::Scope`, whose lifetimes this copies).
pub struct Scope<'scope, 'env: 'scope> {
    pool: &'scope ThreadPool,
    /// Shared with every job through an `Arc`, so that a job's last touch of it (the
    /// count-down) cannot race with the waiter freeing it.
    state: Arc<State>,
    _scope: PhantomData<&'scope mut &'scope ()>,
    _env: PhantomData<&'env mut &'env ()>,
}

struct State {
    pending: Latch,
    first_panic: Mutex<Option<Payload>>,
}

pub(super) fn run<'env, F, R>(pool: &ThreadPool, body: F) -> R
where
    F: for<'scope> FnOnce(&'scope Scope<'scope, 'env>) -> R,
{
    let scope = Scope {
        pool,
        state: Arc::new(State {
            pending: Latch::new(0),
            first_panic: Mutex::new(None),
        }),
        _scope: PhantomData,
        _env: PhantomData,
    };
    // The body's panic is caught so that the jobs are always waited for: they borrow from
    // frames that unwinding would free.
    let result = catch_unwind(AssertUnwindSafe(|| body(&scope)));
    pool.shared.wait_for(&scope.state.pending);
    let job_panic = scope
        .state
        .first_panic
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .take();
    match (result, job_panic) {
        (Err(payload), _) | (Ok(_), Some(payload)) => resume_unwind(payload),
        (Ok(value), None) => value,
    }
}

impl<'scope> Scope<'scope, '_> {
    /// Queues `job` on the pool. It may borrow anything that outlives the scope; the scope
    /// waits for it. A panic in `job` is re-raised by [`ThreadPool::scope`] after every job
    /// has finished (the first one, if several panic).
    pub fn spawn<F>(&'scope self, job: F)
    where
        F: FnOnce() + Send + 'scope,
    {
        self.state.pending.add();
        let state = Arc::clone(&self.state);
        let job: Box<dyn FnOnce(&Shared) + Send + 'scope> = Box::new(move |shared: &Shared| {
            if let Err(payload) = catch_unwind(AssertUnwindSafe(job)) {
                let mut first = state
                    .first_panic
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner);
                if first.is_none() {
                    *first = Some(payload);
                }
            }
            // `state` is an Arc clone: alive through the count-down even if the waiter
            // returns the moment the count reaches zero.
            state.pending.count_down(shared);
        });
        // SAFETY: only the lifetime bound changes (same layout). `run` waits for `pending`
        // to reach zero before it returns, also when the body panics, and this job counts
        // down only after `job` has run and been dropped; so everything `job` borrows
        // (which outlives 'scope) is alive for as long as the job can touch it.
        let job: Job = unsafe {
            std::mem::transmute::<Box<dyn FnOnce(&Shared) + Send + 'scope>, Job>(job)
        };
        self.pool.push(job);
    }

    /// The pool this scope runs on.
    pub fn pool(&self) -> &'scope ThreadPool {
        self.pool
    }
}

impl std::fmt::Debug for Scope<'_, '_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Scope").finish_non_exhaustive()
    }
}
