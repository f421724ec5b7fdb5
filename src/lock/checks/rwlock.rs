//! The reader-writer lock properties: a writer is alone, readers may share.

use super::super::programs::on_threads;
use super::super::{RawRwLock, RwLock, rt};
use rt::sync::Arc;
use rt::sync::atomic::{AtomicUsize, Ordering::Relaxed};

/// One step of a thread's program for [`exclusion`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RwOp {
    /// `read()`.
    Read,
    /// `write()`, then increment.
    Write,
    /// `try_read()`.
    TryRead,
    /// `try_write()`, then increment if it succeeded.
    TryWrite,
}

/// The occupancy word's writer mark, far above any reader count.
pub(super) const WRITER_MARK: usize = 1 << 20;

/// Runs `programs[i]` on thread `i` against one `RwLock<R, u64>`. An occupancy word checks
/// that a writer is always alone; the value must equal the number of writes. Panics
/// otherwise.
pub fn exclusion<R: RawRwLock>(programs: &[Vec<RwOp>]) {
    let (lock, occupancy) = (RwLock::<R, _>::new(0u64), AtomicUsize::new(0));
    let writes: u64 = on_threads(programs, |_, program| {
        let mut writes = 0u64;
        for op in program {
            match op {
                RwOp::Read | RwOp::TryRead => {
                    let guard = match op {
                        RwOp::Read => Some(lock.read()),
                        _ => lock.try_read(),
                    };
                    if let Some(guard) = guard {
                        let before = occupancy.fetch_add(1, Relaxed);
                        assert!(
                            before < WRITER_MARK,
                            "a reader entered while a writer held the lock"
                        );
                        let _ = *guard;
                        occupancy.fetch_sub(1, Relaxed);
                    }
                }
                RwOp::Write | RwOp::TryWrite => {
                    let guard = match op {
                        RwOp::Write => Some(lock.write()),
                        _ => lock.try_write(),
                    };
                    if let Some(mut guard) = guard {
                        let before = occupancy.fetch_add(WRITER_MARK, Relaxed);
                        assert_eq!(before, 0, "a writer entered while others held the lock");
                        *guard += 1;
                        writes += 1;
                        occupancy.fetch_sub(WRITER_MARK, Relaxed);
                    }
                }
            }
        }
        writes
    })
    .into_iter()
    .sum();
    assert_eq!(*lock.read(), writes, "lost write");
    assert!(!lock.raw().is_locked(), "still locked after all threads left");
}

/// Two readers each take the read lock and wait, holding it, until both hold it. A lock
/// that excluded readers from each other would leave them waiting forever (reported as a
/// deadlock or livelock by the checkers).
pub fn readers_overlap<R: RawRwLock + 'static>() {
    let shared = Arc::new((RwLock::<R, _>::new(()), AtomicUsize::new(0)));
    let handles: Vec<_> = (0..2)
        .map(|_| {
            let shared = Arc::clone(&shared);
            rt::thread::spawn(move || {
                let (lock, holding) = &*shared;
                let _read = lock.read();
                holding.fetch_add(1, Relaxed);
                while holding.load(Relaxed) < 2 {
                    rt::thread::yield_now();
                }
            })
        })
        .collect();
    for h in handles {
        h.join().expect("a reader panicked");
    }
}
