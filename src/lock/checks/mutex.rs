//! The [`RawLock`] properties: mutual exclusion, FIFO order, the one-thread model, and a
//! recorded history that fits one holder at a time.

use super::super::programs::on_threads;
use super::super::record::{self, Recorder};
use super::super::{FifoLock, RawLock, rt};
use super::{Acquire, SharedCell};
use crate::lincheck::models::{Lock, LockInput};
use rt::sync::Arc;
use rt::sync::atomic::{AtomicUsize, Ordering::Relaxed};

/// The lock, a non-atomic counter it protects, and an occupancy counter.
struct Guarded<R> {
    lock: R,
    /// Incremented non-atomically inside the critical section: loom reports two accesses
    /// that the lock fails to order as a data race.
    count: SharedCell<u64>,
    /// Threads inside the critical section right now: more than 1 is a violation that
    /// every checker sees (its RMWs are also scheduling points for shuttle).
    inside: AtomicUsize,
}

/// Runs `programs[i]` on thread `i` against one lock `R`; every acquisition increments a
/// shared non-atomic counter inside the critical section. Panics if two threads are ever
/// inside together, or if the final count differs from the number of acquisitions.
pub fn exclusion<R: RawLock>(programs: &[Vec<Acquire>]) {
    let shared = Guarded {
        lock: R::new(),
        count: SharedCell::new(0),
        inside: AtomicUsize::new(0),
    };
    let entered: u64 = on_threads(programs, |_, program| {
        let mut entered = 0u64;
        for op in program {
            let held = match op {
                Acquire::Lock => {
                    shared.lock.lock();
                    true
                }
                Acquire::TryLock => shared.lock.try_lock(),
            };
            if held {
                critical_section(&shared);
                entered += 1;
            }
        }
        entered
    })
    .into_iter()
    .sum();
    let count = shared.count.with(|p| {
        // SAFETY: every thread has been joined; nothing else accesses the counter.
        unsafe { *p }
    });
    assert_eq!(
        count, entered,
        "lost update: {entered} critical sections ran but the counter is {count}"
    );
    assert!(!shared.lock.is_locked(), "the lock is still held after all threads left");
}

/// Enter (with the lock held), bump the counter, leave, unlock.
fn critical_section<R: RawLock>(shared: &Guarded<R>) {
    // Relaxed: the occupancy counter checks exclusion, it must not add synchronisation
    // that would hide a missing Acquire/Release in the lock.
    let before = shared.inside.fetch_add(1, Relaxed);
    shared.count.with_mut(|p| {
        // SAFETY: the lock is held, so (if the lock is correct) no other thread accesses
        // the counter; loom checks exactly that.
        unsafe { *p += 1 }
    });
    shared.inside.fetch_sub(1, Relaxed);
    // SAFETY: this thread acquired the lock just before calling us.
    unsafe { shared.lock.unlock() };
    // Report after unlocking, so that on real threads the others can finish (and the
    // panic surfaces at `join`) instead of waiting forever for a lock nobody releases.
    assert_eq!(before, 0, "mutual exclusion violated: {} threads inside", before + 1);
}


/// FIFO: the main thread holds the lock, starts `waiters` threads one at a time, waiting
/// after each until it has passed the lock's doorway ([`FifoLock::last_arrival`]), then
/// releases. The threads must acquire in the order they arrived. Panics otherwise.
pub fn fifo<R: FifoLock + 'static>(waiters: usize) {
    let lock = Arc::new(R::new());
    // An rt mutex, so that the log is visible to (and explored by) the checker.
    let order = Arc::new(rt::sync::Mutex::new(Vec::with_capacity(waiters)));
    lock.lock();
    let handles: Vec<_> = (0..waiters)
        .map(|id| {
            let before = lock.last_arrival();
            let handle = {
                let (lock, order) = (Arc::clone(&lock), Arc::clone(&order));
                rt::thread::spawn(move || {
                    lock.lock();
                    order.lock().unwrap_or_else(|e| e.into_inner()).push(id);
                    // SAFETY: acquired just above.
                    unsafe { lock.unlock() };
                })
            };
            // Wait until thread `id` is queued, so that arrival order is known.
            while lock.last_arrival() == before {
                rt::thread::yield_now();
            }
            handle
        })
        .collect();
    // SAFETY: the main thread acquired the lock before spawning.
    unsafe { lock.unlock() };
    for h in handles {
        h.join().expect("a thread of the FIFO scenario panicked");
    }
    let order = order.lock().unwrap_or_else(|e| e.into_inner()).clone();
    let expected: Vec<usize> = (0..waiters).collect();
    assert_eq!(
        order, expected,
        "not FIFO: threads arrived in order {expected:?} but acquired in order {order:?}"
    );
}

/// One step of a single-thread program for [`sequential`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeqOp {
    /// `lock()` (skipped while held: it would deadlock).
    Lock,
    /// `try_lock()`: must succeed exactly when not held.
    TryLock,
    /// `unlock()` (skipped while not held: the contract forbids it).
    Unlock,
    /// `is_locked()`: must match the model.
    IsLocked,
}

/// Runs `ops` on one thread against a fresh `R` and a model that is just "held or not".
/// Ends by releasing the lock if held and checking it is free again.
pub fn sequential<R: RawLock>(ops: &[SeqOp]) -> Result<(), String> {
    let lock = R::new();
    let mut held = false;
    for (step, op) in ops.iter().enumerate() {
        match op {
            SeqOp::Lock if !held => {
                lock.lock();
                held = true;
            }
            SeqOp::TryLock => {
                let got = lock.try_lock();
                if got == held {
                    return Err(format!(
                        "step {step}: try_lock returned {got} while the lock was {}",
                        if held { "held" } else { "free" }
                    ));
                }
                held = true;
            }
            SeqOp::Unlock if held => {
                // SAFETY: the model says this thread holds the lock.
                unsafe { lock.unlock() };
                held = false;
            }
            SeqOp::IsLocked if lock.is_locked() != held => {
                return Err(format!(
                    "step {step}: is_locked() is {} but the lock is {}",
                    !held,
                    if held { "held" } else { "free" }
                ));
            }
            _ => {}
        }
    }
    if held {
        // SAFETY: held, per the model.
        unsafe { lock.unlock() };
    }
    if lock.is_locked() || !lock.try_lock() {
        return Err("the lock is not free after the last unlock".into());
    }
    // SAFETY: the try_lock above succeeded.
    unsafe { lock.unlock() };
    Ok(())
}

/// Runs `programs[i]` on thread `i` against one `R`, recording every `lock`, `try_lock`
/// and `unlock` (each acquisition is released again at once), then, once the threads are
/// joined, a `try_lock` and `unlock` by the main thread (client `programs.len()`): it must
/// find the lock free, so a lost unlock shows too. Checks the history against the
/// sequential [`Lock`]. `Err` explains, with a per-client table, which call no
/// single-holder order can explain.
pub fn linearizable<R: RawLock>(programs: &[Vec<Acquire>]) -> Result<(), record::Violation> {
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
    // Rule 3 of the contract: a `try_lock` may fail while another thread acquires.
    let mut operations = history.into_operations();
    Lock::mark_contention(&mut operations);
    record::History::from_operations(operations).check(&Lock)
}
