//! The reader-writer lock properties: a writer is alone, readers may share.

use super::super::programs::on_threads;
use super::super::record::{self, Recorder};
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

/// Runs `programs[i]` on thread `i` against one `RwLock<R, ()>`, recording every
/// acquisition (`read`, `write`, `try_read`, `try_write`) and its release, which follows
/// at once; then the main thread (client `programs.len()`) tries a write, which must find
/// the lock free. The history is checked against lincheck's [`RwLock`] model, with the
/// failed tries the contract allows marked ([`RwLock::mark_contention`]).
///
/// # Errors
/// The violation, with a per-client table: a reader beside a writer, two writers, a
/// `try_` that failed on a free lock.
///
/// [`RwLock`]: crate::lincheck::models::RwLock
/// [`RwLock::mark_contention`]: crate::lincheck::models::RwLock::mark_contention
pub fn linearizable<R: RawRwLock>(programs: &[Vec<RwOp>]) -> Result<(), record::Violation> {
    use crate::lincheck::models::{RwLock as Model, RwLockInput as In};
    let lock = RwLock::<R, ()>::new(());
    let recorder = Recorder::new();
    let step = |lock: &RwLock<R, ()>, op: &RwOp, client: &mut record::Client<'_, In, bool>| {
        let me = client.id();
        match op {
            RwOp::Read | RwOp::TryRead => {
                let guard = match op {
                    RwOp::Read => client.call_with(In::Read(me), || Some(lock.read()), |_| Some(true)),
                    _ => client.call_with(In::TryRead(me), || lock.try_read(), |g| Some(g.is_some())),
                };
                if let Some(guard) = guard {
                    client.call(In::ReadUnlock(me), || {
                        drop(guard);
                        true
                    });
                }
            }
            RwOp::Write | RwOp::TryWrite => {
                let guard = match op {
                    RwOp::Write => client.call_with(In::Write(me), || Some(lock.write()), |_| Some(true)),
                    _ => client.call_with(In::TryWrite(me), || lock.try_write(), |g| Some(g.is_some())),
                };
                if let Some(guard) = guard {
                    client.call(In::WriteUnlock(me), || {
                        drop(guard);
                        true
                    });
                }
            }
        }
    };
    let mut history = recorder.run(&lock, programs, step);
    let mut main = recorder.client(programs.len());
    step(&lock, &RwOp::TryWrite, &mut main);
    history.extend(main.into_operations());
    let mut operations = history.into_operations();
    Model::mark_contention(&mut operations);
    record::History::from_operations(operations).check(&Model)
}
