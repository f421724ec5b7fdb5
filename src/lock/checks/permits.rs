//! Properties of synclab's own [`Semaphore`] beyond the [`RawSemaphore`](super::super::RawSemaphore)
//! contract: many permits at once, `forget` and `release` by count, and its errors.

use super::super::programs::on_threads;
use super::super::{Semaphore, rt};
use super::SharedCell;
use crate::error::SemaphoreError;
use rt::sync::atomic::{AtomicUsize, Ordering::Relaxed};

/// `programs[i]` is thread `i`'s list of `acquire_many` amounts (each at most `max`).
/// Each holds its permits while checking that at most `max` are out; whenever one thread
/// holds all `max`, it also bumps a non-atomic counter (exclusive, so loom checks the
/// semaphore's Acquire/Release). Panics on a violation; ends with all permits back.
pub fn many_bound(max: usize, programs: &[Vec<usize>]) {
    struct Shared {
        semaphore: Semaphore,
        in_use: AtomicUsize,
        exclusive: SharedCell<u64>,
    }
    let shared = Shared {
        semaphore: Semaphore::new(max),
        in_use: AtomicUsize::new(0),
        exclusive: SharedCell::new(0),
    };
    let exclusive: u64 = on_threads(programs, |_, program| {
        let mut exclusive = 0u64;
        for &n in program {
            let permit = shared
                .semaphore
                .acquire_many(n)
                .expect("the programs ask for at most max permits");
            // Relaxed: a checker of the bound, not part of the synchronisation.
            let now = shared.in_use.fetch_add(n, Relaxed) + n;
            assert!(now <= max, "{now} permits out of a semaphore of {max}");
            if n == max {
                shared.exclusive.with_mut(|p| {
                    // SAFETY: this thread holds every permit, so (if the semaphore is
                    // correct) no other thread is in here.
                    unsafe { *p += 1 }
                });
                exclusive += 1;
            }
            shared.in_use.fetch_sub(n, Relaxed);
            drop(permit);
        }
        exclusive
    })
    .into_iter()
    .sum();
    // SAFETY: all threads joined.
    let counted = shared.exclusive.with(|p| unsafe { *p });
    assert_eq!(counted, exclusive, "lost update under all permits");
    assert_eq!(shared.semaphore.available_permits(), max, "permits leaked");
}

/// One step of a single-thread program for [`accounting`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PermitOp {
    /// `acquire_many(n)`; only run when the model says it cannot block.
    Acquire(usize),
    /// `try_acquire_many(n)`.
    TryAcquire(usize),
    /// Drop the held permit at this index (modulo the number held), returning it.
    Drop(usize),
    /// `forget` the held permit at this index: its permits stay out until a `Release`.
    Forget(usize),
    /// `release(n)`: must succeed for forgotten permits and fail with `OverRelease`
    /// beyond the maximum (skipped in between: releasing permits a live `Permit` holds is
    /// a misuse the semaphore cannot see).
    Release(usize),
}

/// Runs `ops` on one thread against `Semaphore::new(max)` and a model that counts
/// available permits; every result, error and `available_permits()` must agree.
pub fn accounting(max: usize, ops: &[PermitOp]) -> Result<(), String> {
    let semaphore = Semaphore::new(max);
    let mut available = max;
    // Permits taken out and forgotten: these may be released by hand.
    let mut forgotten = 0;
    let mut held = Vec::new();
    for (step, &op) in ops.iter().enumerate() {
        let fail = |what: String| Err(format!("step {step} ({op:?}): {what}"));
        match op {
            PermitOp::Acquire(n) | PermitOp::TryAcquire(n) => {
                let blocking = matches!(op, PermitOp::Acquire(_));
                if blocking && n <= max && n > available {
                    continue; // would wait for another thread that does not exist
                }
                let got = if blocking {
                    semaphore.acquire_many(n)
                } else {
                    semaphore.try_acquire_many(n)
                };
                let expected = if n > max {
                    Err(SemaphoreError::TooManyPermits { requested: n, max })
                } else if n > available {
                    Err(SemaphoreError::WouldBlock { requested: n })
                } else {
                    Ok(n)
                };
                match (got, expected) {
                    (Ok(permit), Ok(n)) if permit.permits() == n => {
                        available -= n;
                        held.push(permit);
                    }
                    (Err(e), Err(expected)) if e == expected => {}
                    (got, expected) => {
                        let got = got.map(|p| p.permits());
                        return fail(format!("returned {got:?}, the model expects {expected:?}"));
                    }
                }
            }
            PermitOp::Drop(i) if !held.is_empty() => {
                let permit = held.swap_remove(i % held.len());
                available += permit.permits();
            }
            PermitOp::Forget(i) if !held.is_empty() => {
                forgotten += held.swap_remove(i % held.len()).forget();
            }
            // Returning permits that a live `Permit` still holds is a misuse the count
            // cannot detect (and the `Permit`'s drop would then overflow): skip it.
            PermitOp::Release(n) if n > forgotten && n <= max - available => {}
            PermitOp::Release(n) => {
                let got = semaphore.release(n);
                if n <= forgotten {
                    if let Err(e) = got {
                        return fail(format!("refused a valid release: {e}"));
                    }
                    available += n;
                    forgotten -= n;
                } else if got
                    != Err(SemaphoreError::OverRelease {
                        released: n,
                        available,
                        max,
                    })
                {
                    return fail(format!("over-release returned {got:?}"));
                }
            }
            PermitOp::Drop(_) | PermitOp::Forget(_) => {}
        }
        if semaphore.available_permits() != available {
            return fail(format!(
                "{} permits available, the model says {available}",
                semaphore.available_permits()
            ));
        }
    }
    Ok(())
}
