//! The `lock_ops` fuzz target's body: byte-decoded programs over one semaphore and one
//! reader-writer lock, every invariant checked, including that a `try_` call that fits
//! succeeds (the `claims` ledger).

use super::super::{RawRwLock, RwLock, RwLockReadGuard, RwLockWriteGuard, Semaphore, rt};
use super::claims::Ledger;
use super::rwlock::WRITER_MARK;
use crate::error::SemaphoreError;
use rt::sync::Arc;
use rt::sync::atomic::{AtomicUsize, Ordering::Relaxed};

/// The ledgers' modes: permits and shared holds, exclusive holds.
const SHARED: usize = 0;
const EXCLUSIVE: usize = 1;

/// One decoded operation of [`run_fuzz_ops`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FuzzOp {
    /// `acquire_many(n)`, or `try_acquire_many(n)` while the thread holds anything.
    Acquire(usize),
    /// `try_acquire_many(n)`.
    TryAcquire(usize),
    /// Drop the most recent permit.
    DropPermit,
    /// Forget the most recent permit and `release` its count by hand (must succeed).
    ForgetAndRelease,
    /// `release(max + n)`: must fail with `OverRelease`.
    OverRelease(usize),
    /// `read()`, or `try_read()` while the thread holds anything.
    Read,
    /// `write()`, or `try_write()` while the thread holds anything.
    Write,
    /// `try_read()`.
    TryRead,
    /// `try_write()`.
    TryWrite,
    /// Drop the `RwLock` guard, if any.
    Unlock,
}

/// Decodes `data` into up to four per-thread programs over one [`Semaphore`] and one
/// [`RwLock`], runs them on `rt` threads and checks every invariant. `Err` describes the
/// first violation. Any byte string is a valid input (the fuzz target feeds raw bytes).
///
/// Encoding: byte 0 picks the thread count (`1 + b % 4`), byte 1 the semaphore size
/// (`1 + b % 4`); each further byte is one op for thread `b % threads`, kind `(b / 4) % 10`
/// and amount `1 + b / 40`. At most 64 ops are decoded.
///
/// Deadlock-freedom by construction: a thread blocks (`acquire`, `read`, `write`) only
/// while it holds nothing; while it holds a permit or a guard it uses the `try_` forms.
/// So every holder runs to the end of its program and releases, and every blocked
/// thread is eventually served.
pub fn run_fuzz_ops<R: RawRwLock + 'static>(data: &[u8]) -> Result<(), String> {
    let (programs, max) = decode_fuzz_ops(data);
    let shared = Arc::new(FuzzShared::<R> {
        semaphore: Semaphore::new(max),
        permits_out: AtomicUsize::new(0),
        lock: RwLock::new(0u64),
        occupancy: AtomicUsize::new(0),
        permit_claims: Ledger::default(),
        lock_claims: Ledger::default(),
    });
    let handles: Vec<_> = programs
        .into_iter()
        .map(|program| {
            let shared = Arc::clone(&shared);
            rt::thread::spawn(move || shared.run(&program))
        })
        .collect();
    let mut writes = 0;
    for h in handles {
        writes += h
            .join()
            .map_err(|_| "a fuzz thread panicked".to_string())??;
    }
    if shared.semaphore.available_permits() != max {
        return Err(format!(
            "{} permits available after every thread returned all, expected {max}",
            shared.semaphore.available_permits()
        ));
    }
    let value = *shared.lock.read();
    if value != writes {
        return Err(format!("{writes} writes but the value is {value}"));
    }
    Ok(())
}

/// The decoding half of [`run_fuzz_ops`]: per-thread programs and the semaphore size.
pub fn decode_fuzz_ops(data: &[u8]) -> (Vec<Vec<FuzzOp>>, usize) {
    let threads = 1 + usize::from(data.first().copied().unwrap_or(0)) % 4;
    let max = 1 + usize::from(data.get(1).copied().unwrap_or(0)) % 4;
    let mut programs = vec![Vec::new(); threads];
    for &b in data.iter().skip(2).take(64) {
        let n = 1 + usize::from(b) / 40;
        let op = match (b / 4) % 10 {
            0 => FuzzOp::Acquire(n),
            1 => FuzzOp::TryAcquire(n),
            2 => FuzzOp::DropPermit,
            3 => FuzzOp::ForgetAndRelease,
            4 => FuzzOp::OverRelease(n),
            5 => FuzzOp::Read,
            6 => FuzzOp::Write,
            7 => FuzzOp::TryRead,
            8 => FuzzOp::TryWrite,
            _ => FuzzOp::Unlock,
        };
        programs[usize::from(b) % threads].push(op);
    }
    (programs, max)
}

struct FuzzShared<R: RawRwLock> {
    semaphore: Semaphore,
    /// Permits held by threads, counted by the threads themselves.
    permits_out: AtomicUsize,
    lock: RwLock<R, u64>,
    /// Readers inside, plus `WRITER_MARK` per writer inside.
    occupancy: AtomicUsize,
    /// Claims of permits (mode 0).
    permit_claims: Ledger,
    /// Claims of the lock: shared (mode 0), exclusive (mode 1).
    lock_claims: Ledger,
}

/// The `RwLock` guard a fuzz thread holds, if any.
enum Held<'a, R: RawRwLock> {
    Read(RwLockReadGuard<'a, R, u64>),
    Write(RwLockWriteGuard<'a, R, u64>),
}

impl<R: RawRwLock> FuzzShared<R> {
    /// Runs one thread's program; returns the number of writes it made.
    fn run(&self, program: &[FuzzOp]) -> Result<u64, String> {
        let max = self.semaphore.max_permits();
        let mut permits = Vec::new();
        let mut guard: Option<Held<'_, R>> = None;
        let mut writes = 0;
        for &op in program {
            let free = permits.is_empty() && guard.is_none();
            match op {
                FuzzOp::Acquire(n) | FuzzOp::TryAcquire(n) if n > max => {
                    let result = if matches!(op, FuzzOp::Acquire(_)) {
                        self.semaphore.acquire_many(n)
                    } else {
                        self.semaphore.try_acquire_many(n)
                    };
                    match result {
                        Err(SemaphoreError::TooManyPermits { .. }) => {}
                        other => return Err(format!("{op:?} of {max} returned {other:?}")),
                    }
                }
                FuzzOp::Acquire(n) | FuzzOp::TryAcquire(n) => {
                    let claim = self.permit_claims.claim(SHARED, n);
                    let result = if free && matches!(op, FuzzOp::Acquire(_)) {
                        self.semaphore.acquire_many(n)
                    } else {
                        self.semaphore.try_acquire_many(n)
                    };
                    match result {
                        Ok(permit) => {
                            let out = self.permits_out.fetch_add(n, Relaxed) + n;
                            if out > max {
                                return Err(format!("{out} permits out of {max}"));
                            }
                            permits.push(permit);
                        }
                        Err(SemaphoreError::WouldBlock { .. }) => {
                            let out = claim.before(SHARED);
                            if self.permit_claims.undisturbed(&claim) && out + n <= max {
                                return Err(format!(
                                    "try_acquire_many({n}) ({op:?}) failed with WouldBlock though at most {out} of {max} permits were out"
                                ));
                            }
                            self.permit_claims.unclaim(SHARED, n);
                        }
                        Err(e) => return Err(format!("{op:?} failed: {e}")),
                    }
                }
                FuzzOp::DropPermit => {
                    if let Some(permit) = permits.pop() {
                        let n = permit.permits();
                        self.permits_out.fetch_sub(n, Relaxed);
                        drop(permit);
                        self.permit_claims.unclaim(SHARED, n);
                    }
                }
                FuzzOp::ForgetAndRelease => {
                    if let Some(permit) = permits.pop() {
                        let n = permit.forget();
                        self.permits_out.fetch_sub(n, Relaxed);
                        self.semaphore
                            .release(n)
                            .map_err(|e| format!("releasing {n} forgotten permit(s): {e}"))?;
                        self.permit_claims.unclaim(SHARED, n);
                    }
                }
                FuzzOp::OverRelease(n) => match self.semaphore.release(max + n) {
                    Err(SemaphoreError::OverRelease { .. }) => {}
                    other => return Err(format!("release({}) returned {other:?}", max + n)),
                },
                FuzzOp::Read | FuzzOp::TryRead if guard.is_none() => {
                    let claim = self.lock_claims.claim(SHARED, 1);
                    let got = if free && op == FuzzOp::Read {
                        Some(self.lock.read())
                    } else {
                        self.lock.try_read()
                    };
                    if let Some(g) = got {
                        if self.occupancy.fetch_add(1, Relaxed) >= WRITER_MARK {
                            return Err("a reader entered while a writer held the lock".into());
                        }
                        guard = Some(Held::Read(g));
                    } else {
                        if self.lock_claims.undisturbed(&claim) && claim.before(EXCLUSIVE) == 0 {
                            return Err("try_read failed though no writer held or waited".into());
                        }
                        self.lock_claims.unclaim(SHARED, 1);
                    }
                }
                FuzzOp::Write | FuzzOp::TryWrite if guard.is_none() => {
                    let claim = self.lock_claims.claim(EXCLUSIVE, 1);
                    let got = if free && op == FuzzOp::Write {
                        Some(self.lock.write())
                    } else {
                        self.lock.try_write()
                    };
                    if let Some(mut g) = got {
                        let before = self.occupancy.fetch_add(WRITER_MARK, Relaxed);
                        if before != 0 {
                            return Err(format!(
                                "a writer entered while the occupancy was {before:#x}"
                            ));
                        }
                        *g += 1;
                        writes += 1;
                        guard = Some(Held::Write(g));
                    } else {
                        let held = claim.before(SHARED) + claim.before(EXCLUSIVE);
                        if self.lock_claims.undisturbed(&claim) && held == 0 {
                            return Err("try_write failed though nobody held the lock".into());
                        }
                        self.lock_claims.unclaim(EXCLUSIVE, 1);
                    }
                }
                FuzzOp::Unlock => self.release_guard(guard.take()),
                FuzzOp::Read | FuzzOp::TryRead | FuzzOp::Write | FuzzOp::TryWrite => {}
            }
        }
        self.release_guard(guard.take());
        for permit in permits {
            let n = permit.permits();
            self.permits_out.fetch_sub(n, Relaxed);
            drop(permit);
            self.permit_claims.unclaim(SHARED, n);
        }
        Ok(writes)
    }

    fn release_guard(&self, guard: Option<Held<'_, R>>) {
        match guard {
            Some(Held::Read(g)) => {
                self.occupancy.fetch_sub(1, Relaxed);
                drop(g);
                self.lock_claims.unclaim(SHARED, 1);
            }
            Some(Held::Write(g)) => {
                self.occupancy.fetch_sub(WRITER_MARK, Relaxed);
                drop(g);
                self.lock_claims.unclaim(EXCLUSIVE, 1);
            }
            None => {}
        }
    }
}
