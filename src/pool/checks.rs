//! The pool properties, written once: the loom and shuttle models (`synclab::cases`) and
//! the std tests (`tests/map.rs`) run these same bodies. Each panics on a violation.

use super::ThreadPool;
use super::rt::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use super::rt::sync::{Arc, Mutex};
use crate::check::PlannedPanic;

/// `jobs` submitted jobs on `workers` workers; job 1 panics. Every handle returns its
/// job's value, the panicking one its payload.
pub fn submit_and_join(workers: usize, jobs: usize) {
    let pool = ThreadPool::new(workers).unwrap();
    let handles: Vec<_> = (0..jobs)
        .map(|i| {
            pool.submit(move || {
                if i == 1 {
                    std::panic::panic_any(PlannedPanic(i));
                }
                i * i
            })
        })
        .collect();
    for (i, handle) in handles.into_iter().enumerate() {
        match handle.join() {
            Ok(value) => assert_eq!(value, i * i, "job {i} returned the wrong value"),
            Err(payload) => {
                assert_eq!(i, 1, "job {i} panicked, but only job 1 was planned to");
                assert_eq!(payload.downcast_ref::<PlannedPanic>(), Some(&PlannedPanic(1)));
            }
        }
    }
}

/// Scoped jobs write through borrows of the caller's stack; the writes are visible when
/// the scope returns. Then a scope whose job `panic_job` panics: the other jobs still
/// finish, and the scope re-raises that job's payload.
pub fn scope_borrows(workers: usize, jobs: usize, panic_job: usize) {
    let pool = ThreadPool::new(workers).unwrap();
    let mut slots = vec![0usize; jobs];
    pool.scope(|s| {
        for (i, slot) in slots.iter_mut().enumerate() {
            s.spawn(move || *slot = i + 1);
        }
    });
    assert_eq!(slots, (1..=jobs).collect::<Vec<_>>());

    let finished = AtomicUsize::new(0);
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        pool.scope(|s| {
            for i in 0..jobs {
                let finished = &finished;
                s.spawn(move || {
                    if i == panic_job {
                        std::panic::panic_any(PlannedPanic(i));
                    }
                    finished.fetch_add(1, Relaxed);
                });
            }
        })
    }));
    let payload = outcome.expect_err("the scope must re-raise its job's panic");
    assert_eq!(
        payload.downcast_ref::<PlannedPanic>(),
        Some(&PlannedPanic(panic_job))
    );
    assert_eq!(
        finished.load(Relaxed),
        jobs - 1,
        "every other job finishes before the scope re-raises"
    );
}

/// Dropping the pool runs the jobs still queued and joins the workers; handles still
/// join afterwards.
pub fn drop_runs_queued_jobs(workers: usize, jobs: usize) {
    let pool = ThreadPool::new(workers).unwrap();
    let ran = Arc::new(AtomicUsize::new(0));
    let handles: Vec<_> = (0..jobs)
        .map(|i| {
            let ran = Arc::clone(&ran);
            pool.submit(move || {
                ran.fetch_add(1, Relaxed);
                i
            })
        })
        .collect();
    drop(pool);
    // The workers were joined, which orders their increments before this load.
    assert_eq!(ran.load(Relaxed), jobs, "drop must run every queued job");
    for (i, handle) in handles.into_iter().enumerate() {
        assert!(handle.is_finished());
        assert_eq!(handle.join().unwrap(), i);
    }
}

/// A job that opens a scope on its own pool, on a pool with a single worker: the worker
/// is busy with the outer job, so the inner jobs run only because the waiting job runs
/// them itself. Without that help this deadlocks.
pub fn nested_scope_does_not_deadlock() {
    let pool = ThreadPool::new(1).unwrap();
    let log = Mutex::new(Vec::new());
    pool.scope(|s| {
        let (pool, log) = (&pool, &log);
        s.spawn(move || {
            pool.scope(|inner| {
                for i in 0..2 {
                    inner.spawn(move || log.lock().unwrap().push(i));
                }
            });
            log.lock().unwrap().push(9);
        });
    });
    let mut log = log.into_inner().unwrap();
    assert_eq!(log.pop(), Some(9), "the outer job finishes after its inner scope");
    log.sort_unstable();
    assert_eq!(log, [0, 1]);
}
