//! The [`RawSemaphore`] properties, checked on any implementation.
//!
//! Programs are lists of [`Acquire`] steps: `Lock` waits (`acquire`), `TryLock` does not
//! (`try_acquire`). Every successful acquisition is released again before the thread's
//! next step. [`releases`] races releases against the maximum instead (rule 4 of the
//! [`RawSemaphore`] contract: an over-release is refused).

use super::super::programs::on_threads;
use super::super::record::{self, Recorder};
use super::super::{RawSemaphore, rt};
use super::{Acquire, SharedCell};
use crate::lincheck::models::SemaphoreInput;
use rt::sync::atomic::{AtomicUsize, Ordering::Relaxed};

/// Runs `programs[i]` on thread `i` against `S::new(max)`; every thread holding a permit
/// checks that at most `max` are out. With `max == 1`, under a model checker, it also
/// increments a non-atomic counter that the permit guards, so that loom checks that each
/// release happens before the next acquisition. Panics on a violation; checks at the end
/// that every permit is back.
pub fn bound<S: RawSemaphore>(max: usize, programs: &[Vec<Acquire>]) {
    let semaphore = S::new(max);
    // Relaxed: a checker of the bound, not part of the synchronisation it checks.
    let in_use = AtomicUsize::new(0);
    let guarded = SharedCell::new(0u64);
    let entered: u64 = on_threads(programs, |_, program| {
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
                guarded.with_mut(|p| {
                    // SAFETY: this thread holds the only permit, so (if the semaphore is
                    // correct) no other thread is in here; if it is not, the model checker
                    // reports the overlap instead of performing it; on real threads this
                    // line does not run (`RawSemaphore` is a safe trait: a broken one must
                    // not make this a data race).
                    unsafe { *p += 1 }
                });
                entered += 1;
            }
            in_use.fetch_sub(1, Relaxed);
            held_back(semaphore.release());
        }
        entered
    })
    .into_iter()
    .sum();
    // SAFETY: every thread has been joined; nothing else accesses the cell.
    let counted = guarded.with(|p| unsafe { *p });
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
pub fn linearizable<S: RawSemaphore>(
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
            client.call(SemaphoreInput::Release, || semaphore.release().is_ok());
        }
    });
    let mut main = recorder.client(programs.len());
    for _ in 0..=max {
        main.call(SemaphoreInput::TryAcquire, || semaphore.try_acquire());
    }
    history.extend(main.into_operations());
    history.check(&crate::lincheck::models::Semaphore { max })
}

/// Panics if the release of a permit the caller holds was refused.
fn held_back(released: Result<(), crate::error::SemaphoreError>) {
    if let Err(error) = released {
        panic!("the release of a permit taken and not returned was refused: {error}");
    }
}

/// Racing and excess releases: against `S::new(max)` the main thread takes `taken`
/// permits, then `releasers` threads release one permit each, all at once. Exactly
/// `min(taken, releasers)` releases may succeed and the rest must be refused
/// ([`SemaphoreError::OverRelease`](crate::error::SemaphoreError::OverRelease)); at the
/// end `max - taken` plus the successful releases are available. Panics on a violation.
///
/// A release that checks the maximum and adds in two steps lets two releases through
/// where there was room for one: with `max = 1, taken = 1, releasers = 2`, one
/// preemption between the first release's check and its add shows it.
pub fn releases<S: RawSemaphore>(max: usize, taken: usize, releasers: usize) {
    assert!(taken <= max, "cannot take {taken} of {max} permits");
    let semaphore = S::new(max);
    for i in 0..taken {
        assert!(semaphore.try_acquire(), "try_acquire {i} of {taken} failed on one thread");
    }
    let released = on_threads(&vec![(); releasers], |_, _| semaphore.release().is_ok());
    let succeeded = released.iter().filter(|&&ok| ok).count();
    let room = taken.min(releasers);
    assert_eq!(
        succeeded, room,
        "{succeeded} of {releasers} racing releases succeeded with room for {room} ({taken} of {max} permits out): an over-release was not refused"
    );
    let available = semaphore.available_permits();
    assert_eq!(available, max - taken + room, "{available} of {max} permits available after the releases");
}

/// One step of a single-thread program for [`sequential`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PermitStep {
    /// `acquire()`; skipped when the model has no permit (it would wait forever).
    Acquire,
    /// `try_acquire()`: must succeed exactly when the model has a permit.
    TryAcquire,
    /// `release()`: must succeed exactly when this thread holds a permit (with one
    /// thread, none held means every permit is available: an over-release, refused).
    Release,
}

/// Runs `steps` on one thread against `S::new(max)` and a model that counts available
/// permits; every `try_acquire` result and every `available_permits()` must agree, and
/// all permits must be back after the held ones are released.
pub fn sequential<S: RawSemaphore>(
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
            PermitStep::Release => {
                let released = semaphore.release();
                if released.is_ok() != (held > 0) {
                    return Err(format!(
                        "step {i}: release() returned {released:?} with {held} of {max} permits taken"
                    ));
                }
                held -= usize::from(released.is_ok());
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
        if let Err(error) = semaphore.release() {
            return Err(format!("the release of a held permit was refused: {error}"));
        }
    }
    match semaphore.available_permits() {
        n if n == max => Ok(()),
        n => Err(format!(
            "{n} of {max} permits available after every one was released"
        )),
    }
}
