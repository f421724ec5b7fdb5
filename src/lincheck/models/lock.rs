//! A mutual-exclusion lock and a counting semaphore, as sequential specifications.

use crate::lincheck::{Model, Operation};

/// A lock, initially free, with `lock`, `try_lock` and `unlock` by numbered clients.
///
/// The state is the client holding the lock, if any. `lock` is legal only while the lock
/// is free (a `lock` that returned while another client held it broke mutual exclusion);
/// `try_lock` returns `true` exactly when the lock is free (returning `false` on a free
/// lock is a spurious failure); `unlock` must come from the holder. The output is the
/// `bool` that `try_lock` returned, and `true` for `lock` and `unlock`.
///
/// The [`RawLock`](crate::lock::RawLock) contract (rule 3) lets `try_lock` fail "while
/// the lock is held or another thread is acquiring it". Held is the state; *acquiring*
/// is a `lock` or `try_lock` of another client that overlaps the failed call in real
/// time, which a sequential state cannot see. [`Lock::mark_contention`] turns each failed
/// `try_lock` of that kind into [`LockInput::TryLockContended`], which may fail on a free
/// lock and changes nothing; every other failure on a free lock is a spurious failure.
/// (Two C11-correct Peterson `try_lock`s that overlap can both fail on a free lock: each
/// sees the other announced.)
///
/// ```
/// use synclab::lincheck::models::{Lock, LockInput};
/// use synclab::lincheck::{Budget, Operation, check};
///
/// // Client 1's try_lock failed while client 0 held the lock: fine.
/// let history = vec![
///     Operation::new(0, LockInput::Lock(0), 0, true, 1),
///     Operation::new(1, LockInput::TryLock(1), 2, false, 3),
///     Operation::new(0, LockInput::Unlock(0), 4, true, 5),
/// ];
/// assert_eq!(check(&Lock, &history, Budget::default()).is_linearizable(), Some(true));
///
/// // The same try_lock after the unlock returned: a spurious failure.
/// let mut late = history.clone();
/// late[1] = Operation::new(1, LockInput::TryLock(1), 6, false, 7);
/// assert_eq!(check(&Lock, &late, Budget::default()).is_linearizable(), Some(false));
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct Lock;

/// A lock operation, with the client that calls it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LockInput {
    /// `lock()` by this client.
    Lock(usize),
    /// `try_lock()` by this client.
    TryLock(usize),
    /// A `try_lock()` by this client that failed while another client was acquiring the
    /// lock (see [`Lock::mark_contention`]): its failure is allowed on a free lock too.
    TryLockContended(usize),
    /// `unlock()` by this client.
    Unlock(usize),
}

impl Model for Lock {
    type State = Option<usize>;
    type Input = LockInput;
    type Output = bool;

    fn init(&self) -> Option<usize> {
        None
    }

    fn step(
        &self,
        holder: &Option<usize>,
        input: &LockInput,
        output: Option<&bool>,
    ) -> Option<Option<usize>> {
        match (*input, *holder) {
            (LockInput::Lock(c), None) => Some(Some(c)),
            // Never returned: it may still be waiting, so it changes nothing yet.
            (LockInput::Lock(_), Some(_)) if output.is_none() => Some(*holder),
            (LockInput::Lock(_), Some(_)) => None,
            (LockInput::TryLock(c), None) => match output {
                Some(false) => None,
                _ => Some(Some(c)),
            },
            // Failed while another client was acquiring: a no-op, even on a free lock.
            (LockInput::TryLockContended(_), _) if output == Some(&false) => Some(*holder),
            (LockInput::TryLockContended(c), None) => Some(Some(c)),
            (LockInput::TryLock(_) | LockInput::TryLockContended(_), Some(_)) => match output {
                Some(true) => None,
                _ => Some(*holder),
            },
            (LockInput::Unlock(c), Some(h)) if c == h => Some(None),
            // An unknown outcome must be legal everywhere (see `Model::step`).
            (LockInput::Unlock(_), _) if output.is_none() => Some(*holder),
            (LockInput::Unlock(_), _) => None,
        }
    }

    fn describe_operation(&self, input: &LockInput, output: Option<&bool>) -> String {
        match (input, output) {
            (LockInput::Lock(_), _) => "lock()".to_string(),
            (LockInput::TryLock(_), Some(got)) => format!("try_lock() -> {got}"),
            (LockInput::TryLock(_), None) => "try_lock() -> ?".to_string(),
            (LockInput::TryLockContended(_), _) => {
                "try_lock() -> false (while another acquired)".to_string()
            }
            (LockInput::Unlock(_), _) => "unlock()".to_string(),
        }
    }

    fn describe_state(&self, holder: &Option<usize>) -> String {
        match holder {
            None => "free".to_string(),
            Some(c) => format!("held by client {c}"),
        }
    }
}

impl Lock {
    /// Marks every `try_lock` that returned `false` while a `lock` or `try_lock` of
    /// another client overlapped it in real time as [`LockInput::TryLockContended`]: the
    /// contract's "another thread is acquiring it".
    ///
    /// ```
    /// use synclab::lincheck::models::{Lock, LockInput};
    /// use synclab::lincheck::{Budget, Operation, check};
    ///
    /// // Two overlapping try_locks both failed on a free lock: allowed by the contract.
    /// let mut history = vec![
    ///     Operation::new(0, LockInput::TryLock(0), 0, false, 3),
    ///     Operation::new(1, LockInput::TryLock(1), 1, false, 2),
    /// ];
    /// assert_eq!(check(&Lock, &history, Budget::default()).is_linearizable(), Some(false));
    /// Lock::mark_contention(&mut history);
    /// assert_eq!(check(&Lock, &history, Budget::default()).is_linearizable(), Some(true));
    /// ```
    pub fn mark_contention(operations: &mut [Operation<LockInput, bool>]) {
        let acquiring: Vec<(usize, u64, u64)> = (operations.iter())
            .filter_map(|op| match op.input {
                LockInput::Lock(c) | LockInput::TryLock(c) | LockInput::TryLockContended(c) => {
                    Some((c, op.call, op.return_))
                }
                LockInput::Unlock(_) => None,
            })
            .collect();
        for op in operations.iter_mut() {
            let LockInput::TryLock(me) = op.input else {
                continue;
            };
            let overlapped = (acquiring.iter())
                .any(|&(other, call, ret)| other != me && call < op.return_ && op.call < ret);
            if op.output == Some(false) && overlapped {
                op.input = LockInput::TryLockContended(me);
            }
        }
    }
}

/// A counting semaphore with `max` permits, all available at first, taken and returned
/// one at a time.
///
/// The state is the number of available permits. `acquire` is legal only while one is
/// available; `try_acquire` returns `true` exactly when one is; `release` returns one and
/// succeeds exactly when fewer than `max` are available (an over-release is refused and
/// changes nothing, as the [`RawSemaphore`](crate::lock::RawSemaphore) contract says).
/// The output is the `bool` that `try_acquire` returned, whether `release` succeeded,
/// and `true` for `acquire`.
///
/// ```
/// use synclab::lincheck::models::{Semaphore, SemaphoreInput as In};
/// use synclab::lincheck::{Budget, Operation, check};
///
/// // One permit; two overlapping acquires both returned: one too many.
/// let history = vec![
///     Operation::new(0, In::Acquire, 0, true, 3),
///     Operation::new(1, In::Acquire, 1, true, 2),
/// ];
/// let one = Semaphore { max: 1 };
/// assert_eq!(check(&one, &history, Budget::default()).is_linearizable(), Some(false));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Semaphore {
    /// The number of permits.
    pub max: usize,
}

/// A semaphore operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SemaphoreInput {
    /// Take one permit, waiting for it.
    Acquire,
    /// Take one permit if one is available.
    TryAcquire,
    /// Return one permit.
    Release,
}

impl Model for Semaphore {
    type State = usize;
    type Input = SemaphoreInput;
    type Output = bool;

    fn init(&self) -> usize {
        self.max
    }

    fn step(
        &self,
        &available: &usize,
        input: &SemaphoreInput,
        output: Option<&bool>,
    ) -> Option<usize> {
        match input {
            SemaphoreInput::Acquire if available > 0 => Some(available - 1),
            // Never returned: it may still be waiting, so it changes nothing yet.
            SemaphoreInput::Acquire if output.is_none() => Some(available),
            SemaphoreInput::Acquire => None,
            SemaphoreInput::TryAcquire => match (output, available > 0) {
                (Some(false), true) | (Some(true), false) => None,
                (_, true) => Some(available - 1),
                (_, false) => Some(available),
            },
            SemaphoreInput::Release => match (output, available < self.max) {
                (Some(false), true) | (Some(true), false) => None,
                (_, true) => Some(available + 1),
                (_, false) => Some(available),
            },
        }
    }

    fn describe_operation(&self, input: &SemaphoreInput, output: Option<&bool>) -> String {
        match (input, output) {
            (SemaphoreInput::Acquire, _) => "acquire()".to_string(),
            (SemaphoreInput::TryAcquire, Some(got)) => format!("try_acquire() -> {got}"),
            (SemaphoreInput::TryAcquire, None) => "try_acquire() -> ?".to_string(),
            (SemaphoreInput::Release, Some(true) | None) => "release()".to_string(),
            (SemaphoreInput::Release, Some(false)) => "release() -> refused".to_string(),
        }
    }

    fn describe_state(&self, available: &usize) -> String {
        format!("{available} of {} permits available", self.max)
    }
}
