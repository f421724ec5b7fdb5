//! The [`RawLock`] and [`RawSemaphore`] contracts, checked on any implementation: bodies
//! that the [conformance](crate::conformance) lock and semaphore suites run, written once
//! and compiled per runtime like the primitives they check. (Mutual exclusion and the
//! single-thread model of a raw lock are checked by [`scenario`](super::scenario), the
//! very bodies synclab's own locks run.)
//!
//! | body | property | what catches a violation |
//! |---|---|---|
//! | [`lock_linearizable`] | `lock`/`try_lock`/`unlock` behave like a lock taken one call at a time: no two holders, no `try_lock` failure on a free lock, no lost unlock | the recorded history, checked against [`Lock`] |
//! | [`semaphore_bound`] | never more than `max` permits out; a release happens before the acquisition that reuses its permit | a permits-in-use counter; with one permit under loom, its race detector on a cell the permit guards |
//! | [`semaphore_linearizable`] | `acquire`/`try_acquire`/`release` behave like a counter of permits taken one call at a time, and exactly `max` permits are left at the end | the recorded history, checked against [`Semaphore`](crate::lincheck::models::Semaphore) |
//! | [`semaphore_sequential`] | one thread's results and `available_permits` agree with a model | the model |
//!
//! Programs are lists of [`Acquire`] steps: `Lock` waits (`lock`, `acquire`), `TryLock`
//! does not (`try_lock`, `try_acquire`). Every successful acquisition is released again
//! before the thread's next step.

use super::record::{self, Recorder};
use super::scenario::Acquire;
use super::{RawLock, RawSemaphore, Semaphore, rt};
use crate::lincheck::models::{Lock, LockInput, SemaphoreInput};
use rt::cell::UnsafeCell;
use rt::sync::atomic::{AtomicUsize, Ordering::Relaxed};

impl RawSemaphore for Semaphore {
    /// [`Semaphore::new`].
    fn new(permits: usize) -> Self {
        Semaphore::new(permits)
    }

    /// [`Semaphore::acquire`], forgetting the [`Permit`](super::Permit).
    ///
    /// # Panics
    /// On a semaphore of 0 permits (it would wait forever).
    fn acquire(&self) {
        let permit = Semaphore::acquire(self).expect("a semaphore of 0 permits never grants one");
        permit.forget();
    }

    /// [`Semaphore::try_acquire`], forgetting the [`Permit`](super::Permit).
    fn try_acquire(&self) -> bool {
        Semaphore::try_acquire(self)
            .map(super::Permit::forget)
            .is_ok()
    }

    /// [`Semaphore::release`] of one permit.
    ///
    /// # Panics
    /// If that would raise the available permits above the maximum.
    fn release(&self) {
        if let Err(error) = Semaphore::release(self, 1) {
            panic!("release without a permit taken: {error}");
        }
    }

    fn available_permits(&self) -> usize {
        Semaphore::available_permits(self)
    }
}

/// Runs `programs[i]` on thread `i` against one `R`, recording every `lock`, `try_lock`
/// and `unlock` (each acquisition is released again at once), then, once the threads are
/// joined, a `try_lock` and `unlock` by the main thread (client `programs.len()`): it must
/// find the lock free, so a lost unlock shows too. Checks the history against the
/// sequential [`Lock`]. `Err` explains, with a per-client table, which call no
/// single-holder order can explain.
pub fn lock_linearizable<R: RawLock>(programs: &[Vec<Acquire>]) -> Result<(), record::Violation> {
    let lock = R::new();
    let recorder = Recorder::new();
    let step = |lock: &R, op: &Acquire, client: &mut record::Client<'_, LockInput, bool>| {
        let me = client.id();
        let held = match op {
            Acquire::Lock => client.call(LockInput::Lock(me), || {
                lock.lock();
                true
            }),
            Acquire::TryLock => client.call(LockInput::TryLock(me), || lock.try_lock()),
        };
        if held {
            client.call(LockInput::Unlock(me), || {
                // SAFETY: this thread acquired the lock in the call just above.
                unsafe { lock.unlock() };
                true
            });
        }
    };
    let mut history = recorder.run(&lock, programs, step);
    let mut main = recorder.client(programs.len());
    step(&lock, &Acquire::TryLock, &mut main);
    history.extend(main.into_operations());
    history.check(&Lock)
}

/// The cell a one-permit semaphore guards, under a model checker only.
struct Guarded(UnsafeCell<u64>);

// SAFETY: the cell is accessed by the scenario threads only under a model checker
// (`rt::MODEL`), which runs one thread at a time: shuttle never overlaps two accesses, and
// loom reports two accesses that the semaphore fails to order instead of performing them.
// On real threads only the owning thread touches it, after joining the others. So a
// broken `RawSemaphore` (a safe trait) cannot make this a data race.
unsafe impl Sync for Guarded {}

/// Runs `programs[i]` on thread `i` against `S::new(max)`; every thread holding a permit
/// checks that at most `max` are out. With `max == 1`, under a model checker, it also
/// increments a non-atomic counter that the permit guards, so that loom checks that each
/// release happens before the next acquisition. Panics on a violation; checks at the end
/// that every permit is back.
pub fn semaphore_bound<S: RawSemaphore>(max: usize, programs: &[Vec<Acquire>]) {
    let semaphore = S::new(max);
    // Relaxed: a checker of the bound, not part of the synchronisation it checks.
    let in_use = AtomicUsize::new(0);
    let guarded = Guarded(UnsafeCell::new(0));
    let entered: u64 = rt::thread::scope(|s| {
        let handles: Vec<_> = (programs.iter())
            .map(|program| {
                let (semaphore, in_use, guarded) = (&semaphore, &in_use, &guarded);
                s.spawn(move || {
                    let mut entered = 0u64;
                    for op in program {
                        let got = match op {
                            Acquire::Lock => {
                                semaphore.acquire();
                                true
                            }
                            Acquire::TryLock => semaphore.try_acquire(),
                        };
                        if !got {
                            continue;
                        }
                        let now = in_use.fetch_add(1, Relaxed) + 1;
                        assert!(now <= max, "{now} permits out of a semaphore of {max}");
                        if max == 1 && rt::MODEL {
                            guarded.0.with_mut(|p| {
                                // SAFETY: this thread holds the only permit, so (if the
                                // semaphore is correct) no other thread is in here; if it
                                // is not, the model checker reports the overlap instead of
                                // performing it (see `Guarded`).
                                unsafe { *p += 1 }
                            });
                            entered += 1;
                        }
                        in_use.fetch_sub(1, Relaxed);
                        semaphore.release();
                    }
                    entered
                })
            })
            .collect();
        (handles.into_iter())
            .map(|h| {
                h.join()
                    .expect("a thread of the semaphore scenario panicked")
            })
            .sum()
    });
    // SAFETY: every thread has been joined; nothing else accesses the cell.
    let counted = guarded.0.with(|p| unsafe { *p });
    assert_eq!(counted, entered, "lost update under the only permit");
    let available = semaphore.available_permits();
    assert_eq!(available, max, "{available} of {max} permits are back");
}

/// Runs `programs[i]` on thread `i` against `S::new(max)`, recording every `acquire`,
/// `try_acquire` and `release` (each permit taken is returned at once), then, once the
/// threads are joined, `max + 1` `try_acquire`s by the main thread (client
/// `programs.len()`): exactly `max` must succeed, so a permit lost or made up shows too.
/// Checks the history against the sequential
/// [`Semaphore`](crate::lincheck::models::Semaphore).
pub fn semaphore_linearizable<S: RawSemaphore>(
    max: usize,
    programs: &[Vec<Acquire>],
) -> Result<(), record::Violation> {
    let semaphore = S::new(max);
    let recorder = Recorder::new();
    let mut history = recorder.run(&semaphore, programs, |semaphore, op, client| {
        let got = match op {
            Acquire::Lock => client.call(SemaphoreInput::Acquire, || {
                semaphore.acquire();
                true
            }),
            Acquire::TryLock => client.call(SemaphoreInput::TryAcquire, || semaphore.try_acquire()),
        };
        if got {
            client.call(SemaphoreInput::Release, || {
                semaphore.release();
                true
            });
        }
    });
    let mut main = recorder.client(programs.len());
    for _ in 0..=max {
        main.call(SemaphoreInput::TryAcquire, || semaphore.try_acquire());
    }
    history.extend(main.into_operations());
    history.check(&crate::lincheck::models::Semaphore { max })
}

/// One step of a single-thread program for [`semaphore_sequential`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PermitStep {
    /// `acquire()`; skipped when the model has no permit (it would wait forever).
    Acquire,
    /// `try_acquire()`: must succeed exactly when the model has a permit.
    TryAcquire,
    /// `release()` of a permit this thread holds; skipped when it holds none.
    Release,
}

/// Runs `steps` on one thread against `S::new(max)` and a model that counts available
/// permits; every `try_acquire` result and every `available_permits()` must agree, and
/// all permits must be back after the held ones are released.
pub fn semaphore_sequential<S: RawSemaphore>(
    max: usize,
    steps: &[PermitStep],
) -> Result<(), String> {
    let semaphore = S::new(max);
    let mut held = 0;
    for (i, &step) in steps.iter().enumerate() {
        let available = max - held;
        match step {
            PermitStep::Acquire if available > 0 => {
                semaphore.acquire();
                held += 1;
            }
            PermitStep::TryAcquire => {
                let got = semaphore.try_acquire();
                if got != (available > 0) {
                    return Err(format!(
                        "step {i}: try_acquire() returned {got} with {available} of {max} permits available"
                    ));
                }
                held += usize::from(got);
            }
            PermitStep::Release if held > 0 => {
                semaphore.release();
                held -= 1;
            }
            _ => {}
        }
        let (seen, expected) = (semaphore.available_permits(), max - held);
        if seen != expected {
            return Err(format!(
                "step {i} ({step:?}): available_permits() is {seen}, the model says {expected}"
            ));
        }
    }
    for _ in 0..held {
        semaphore.release();
    }
    match semaphore.available_permits() {
        n if n == max => Ok(()),
        n => Err(format!(
            "{n} of {max} permits available after every one was released"
        )),
    }
}
