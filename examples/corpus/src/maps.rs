//! Parallel maps: two correct, two buggy.
//!
//! The workers catch a panic of `f` themselves and hand it back as a value: loom and
//! shuttle fail an execution at the first panic in any thread, even one that a `join`
//! would hand back (see `docs/trust.md`), so a worker that lets `f`'s panic unwind it is
//! flagged by their `panic_propagates` checks.

use super::rt;
use rt::sync::Mutex;
use rt::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use synclab::map::ParallelMap;

/// What a worker hands back: its results, or the payload of `f`'s panic.
type Outcome<R> = std::thread::Result<R>;

/// Runs a worker's body, catching a panic of `f` as its outcome.
fn catching<R>(body: impl FnOnce() -> R) -> Outcome<R> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(body))
}

/// Joins scoped workers in order, and re-raises the first worker's panic with its own
/// payload once every worker has finished (their results are dropped on the way).
fn join_all<R>(handles: Vec<rt::thread::ScopedJoinHandle<'_, Outcome<R>>>) -> Vec<R> {
    let joined: Vec<Outcome<R>> = (handles.into_iter())
        .map(|h| h.join().unwrap_or_else(Err))
        .collect();
    let mut results = Vec::with_capacity(joined.len());
    let mut panicked = None;
    for outcome in joined {
        match outcome {
            Ok(result) => results.push(result),
            Err(payload) => {
                panicked.get_or_insert(payload);
            }
        }
    }
    if let Some(payload) = panicked {
        drop(results);
        std::panic::resume_unwind(payload);
    }
    results
}

/// Correct: `workers` contiguous chunks (the first ones one item longer), one scoped
/// thread each, results concatenated in order.
#[derive(Debug)]
pub struct ScopedChunks {
    workers: usize,
}

impl ParallelMap for ScopedChunks {
    fn with_workers(workers: usize) -> Self {
        assert!(workers > 0, "a map needs a worker");
        Self { workers }
    }

    fn map<T: Sync, R: Send, F: Fn(&T) -> R + Sync>(&self, items: &[T], f: F) -> Vec<R> {
        let size = items.len().div_ceil(self.workers).max(1);
        let f = &f;
        rt::thread::scope(|s| {
            let handles = (items.chunks(size))
                .map(|chunk| s.spawn(move || catching(|| chunk.iter().map(f).collect::<Vec<R>>())))
                .collect();
            join_all(handles).into_iter().flatten().collect()
        })
    }
}

/// Correct: workers claim items one at a time from a shared cursor (`fetch_add`) and
/// put each result in its slot.
#[derive(Debug)]
pub struct CursorSlots {
    workers: usize,
}

impl ParallelMap for CursorSlots {
    fn with_workers(workers: usize) -> Self {
        assert!(workers > 0, "a map needs a worker");
        Self { workers }
    }

    fn map<T: Sync, R: Send, F: Fn(&T) -> R + Sync>(&self, items: &[T], f: F) -> Vec<R> {
        let slots: Vec<Mutex<Option<R>>> = items.iter().map(|_| Mutex::new(None)).collect();
        // Relaxed: the cursor only hands out indices; the scope's join orders the results.
        let cursor = AtomicUsize::new(0);
        let (f, slots_ref, cursor) = (&f, &slots, &cursor);
        rt::thread::scope(|s| {
            let handles = (0..self.workers.min(items.len()))
                .map(|_| {
                    s.spawn(move || {
                        catching(|| {
                            loop {
                                let i = cursor.fetch_add(1, Relaxed);
                                let Some(item) = items.get(i) else { break };
                                let result = f(item);
                                *slots_ref[i].lock().unwrap() = Some(result);
                            }
                        })
                    })
                })
                .collect();
            join_all(handles);
        });
        (slots.into_iter())
            .map(|slot| slot.into_inner().unwrap().expect("every item was claimed"))
            .collect()
    }
}

/// **Buggy**: chunks of `len / workers` items: the remainder (or, with fewer items than
/// workers, everything) is lost.
#[derive(Debug)]
pub struct DropsTail {
    workers: usize,
}

impl ParallelMap for DropsTail {
    fn with_workers(workers: usize) -> Self {
        Self { workers }
    }

    fn map<T: Sync, R: Send, F: Fn(&T) -> R + Sync>(&self, items: &[T], f: F) -> Vec<R> {
        // BUG: rounds down.
        let size = items.len() / self.workers;
        let f = &f;
        rt::thread::scope(|s| {
            let handles = (0..self.workers)
                .map(|w| {
                    let chunk = &items[w * size..(w + 1) * size];
                    s.spawn(move || catching(|| chunk.iter().map(f).collect::<Vec<R>>()))
                })
                .collect();
            join_all(handles).into_iter().flatten().collect()
        })
    }
}

/// **Buggy**: a worker's panic reaches the caller as a new panic, its payload lost.
#[derive(Debug)]
pub struct RepanicMap(ScopedChunks);

impl ParallelMap for RepanicMap {
    fn with_workers(workers: usize) -> Self {
        Self(ScopedChunks::with_workers(workers))
    }

    fn map<T: Sync, R: Send, F: Fn(&T) -> R + Sync>(&self, items: &[T], f: F) -> Vec<R> {
        let caught =
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.0.map(items, f)));
        // BUG: the caller gets a panic, but not the one `f` raised.
        caught.unwrap_or_else(|_| panic!("a worker panicked"))
    }
}
