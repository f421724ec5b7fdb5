//! The lock-family checks, written once: loom, shuttle, std stress, Miri, proptest and
//! the fuzz target all run these same bodies.
//!
//! | scenario | property | what catches a violation |
//! |---|---|---|
//! | [`exclusion`] | one holder at a time; each critical section sees the previous one | an occupancy counter (any checker); loom's race detector on a non-atomic cell |
//! | [`fifo`] | a queued thread acquires before every later arrival | the acquisition log |
//! | [`sequential`] | `lock`/`try_lock`/`unlock`/`is_locked` agree with a one-thread model | the model |
//! | [`semaphore_bound`] | never more than `max` permits out | a permits-in-use counter; loom's race detector when one thread holds all permits |
//! | [`semaphore_sequential`] | permit accounting and errors agree with a model | the model |
//! | [`producer_consumer`] | every item consumed once; no lost wakeup | sums; the checker's deadlock detection |
//! | [`notify_all_wakes_all`] | `notify_all` wakes every waiter | the checker's deadlock detection |
//! | [`barrier`] | nobody leaves generation `g` before all arrived; one leader each | per-generation slots (values, and loom's race detector) |
//! | [`rwlock`] | a writer is alone; readers may share | an occupancy word; loom's race detector |
//! | [`readers_overlap`] | two readers can hold the lock at once | the checker's deadlock/livelock detection |
//! | [`run_fuzz_ops`] | semaphore and `RwLock` invariants under byte-decoded programs | all of the above |
//!
//! Each function spawns with `rt::thread::spawn`, so it runs under whichever runtime this
//! module was compiled for. A violated property panics (inside a checker, a failure) or,
//! where a function returns `Result`, is an `Err` describing it.

use super::{
    Barrier, Condition, FifoLock, Mutex, RawLock, RawRwLock, RwLock, Semaphore, rt,
};
use crate::error::SemaphoreError;
use rt::cell::UnsafeCell;
use rt::sync::Arc;
use rt::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::collections::VecDeque;

/// An `rt::cell::UnsafeCell` that threads may share. The scenarios touch it only where
/// the primitive under test promises exclusive access (or happens-before), which is the
/// very claim they check; under loom a broken promise is reported as a data race.
struct SharedCell<T>(UnsafeCell<T>);

// SAFETY: every access goes through `with`/`with_mut` at a point where the primitive
// under test claims to order it against every other access (see each scenario). If the
// primitive is broken, that is the bug being looked for: loom reports it, and the model
// checkers run one thread at a time, so no hardware race occurs there.
unsafe impl<T: Send> Sync for SharedCell<T> {}

impl<T> SharedCell<T> {
    fn new(value: T) -> Self {
        Self(UnsafeCell::new(value))
    }
}

impl<T> std::ops::Deref for SharedCell<T> {
    type Target = UnsafeCell<T>;

    fn deref(&self) -> &UnsafeCell<T> {
        &self.0
    }
}

/// How a thread asks for the lock in an [`exclusion`] program.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Acquire {
    /// `lock()`: always enters the critical section.
    Lock,
    /// `try_lock()`: enters only if it succeeds.
    TryLock,
}

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
pub fn exclusion<R: RawLock + 'static>(programs: &[Vec<Acquire>]) {
    let shared = Arc::new(Guarded {
        lock: R::new(),
        count: SharedCell::new(0),
        inside: AtomicUsize::new(0),
    });
    let handles: Vec<_> = programs
        .iter()
        .map(|program| {
            let shared = Arc::clone(&shared);
            let program = program.clone();
            rt::thread::spawn(move || {
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
        })
        .collect();
    let entered: u64 = handles
        .into_iter()
        .map(|h| h.join().expect("a thread of the exclusion scenario panicked"))
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

/// `threads` threads, each acquiring `per_thread` times, half with `lock`, half with
/// `try_lock`.
pub fn mixed_programs(threads: usize, per_thread: usize) -> Vec<Vec<Acquire>> {
    (0..threads)
        .map(|t| {
            (0..per_thread)
                .map(|i| {
                    if (t + i) % 2 == 0 {
                        Acquire::Lock
                    } else {
                        Acquire::TryLock
                    }
                })
                .collect()
        })
        .collect()
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

/// `programs[i]` is thread `i`'s list of `acquire_many` amounts (each at most `max`).
/// Each holds its permits while checking that at most `max` are out; whenever one thread
/// holds all `max`, it also bumps a non-atomic counter (exclusive, so loom checks the
/// semaphore's Acquire/Release). Panics on a violation; ends with all permits back.
pub fn semaphore_bound(max: usize, programs: &[Vec<usize>]) {
    struct Shared {
        semaphore: Semaphore,
        in_use: AtomicUsize,
        exclusive: SharedCell<u64>,
    }
    let shared = Arc::new(Shared {
        semaphore: Semaphore::new(max),
        in_use: AtomicUsize::new(0),
        exclusive: SharedCell::new(0),
    });
    let handles: Vec<_> = programs
        .iter()
        .map(|program| {
            let shared = Arc::clone(&shared);
            let program = program.clone();
            rt::thread::spawn(move || {
                let mut exclusive = 0u64;
                for n in program {
                    let permit = shared
                        .semaphore
                        .acquire_many(n)
                        .expect("the programs ask for at most max permits");
                    // Relaxed: a checker of the bound, not part of the synchronisation.
                    let now = shared.in_use.fetch_add(n, Relaxed) + n;
                    assert!(now <= max, "{now} permits out of a semaphore of {max}");
                    if n == max {
                        shared.exclusive.with_mut(|p| {
                            // SAFETY: this thread holds every permit, so (if the semaphore
                            // is correct) no other thread is in here.
                            unsafe { *p += 1 }
                        });
                        exclusive += 1;
                    }
                    shared.in_use.fetch_sub(n, Relaxed);
                    drop(permit);
                }
                exclusive
            })
        })
        .collect();
    let exclusive: u64 = handles
        .into_iter()
        .map(|h| h.join().expect("a thread of the semaphore scenario panicked"))
        .sum();
    // SAFETY: all threads joined.
    let counted = shared.exclusive.with(|p| unsafe { *p });
    assert_eq!(counted, exclusive, "lost update under all permits");
    assert_eq!(shared.semaphore.available_permits(), max, "permits leaked");
}

/// One step of a single-thread program for [`semaphore_sequential`].
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
pub fn semaphore_sequential(max: usize, ops: &[PermitOp]) -> Result<(), String> {
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

/// `producers` threads each send `items` distinct numbers through a queue guarded by
/// `Mutex<R, _>`, notifying one consumer per item; `consumers` threads take items until
/// all are taken. Every item must be consumed exactly once; a lost wakeup leaves a
/// consumer asleep forever, which the checker reports as a deadlock (and std stress as a
/// hang).
pub fn producer_consumer<R: RawLock + 'static>(producers: usize, consumers: usize, items: usize) {
    struct Queue {
        items: VecDeque<usize>,
        taken: usize,
    }
    let total = producers * items;
    let shared = Arc::new((
        Mutex::<R, Queue>::new(Queue {
            items: VecDeque::new(),
            taken: 0,
        }),
        Condition::new(),
    ));
    let producer_handles: Vec<_> = (0..producers)
        .map(|p| {
            let shared = Arc::clone(&shared);
            rt::thread::spawn(move || {
                let (queue, ready) = &*shared;
                for i in 0..items {
                    queue.lock().items.push_back(p * items + i);
                    ready.notify_one();
                }
            })
        })
        .collect();
    let consumer_handles: Vec<_> = (0..consumers)
        .map(|_| {
            let shared = Arc::clone(&shared);
            rt::thread::spawn(move || {
                let (queue, ready) = &*shared;
                let mut got = Vec::new();
                let mut guard = queue.lock();
                loop {
                    ready.wait_while(&mut guard, |q| q.items.is_empty() && q.taken < total);
                    let Some(item) = guard.items.pop_front() else {
                        break; // everything has been taken
                    };
                    guard.taken += 1;
                    got.push(item);
                    if guard.taken == total {
                        // Release the consumers still waiting for items that will never come.
                        ready.notify_all();
                    }
                }
                got
            })
        })
        .collect();
    for h in producer_handles {
        h.join().expect("a producer panicked");
    }
    let mut consumed: Vec<usize> = consumer_handles
        .into_iter()
        .flat_map(|h| h.join().expect("a consumer panicked"))
        .collect();
    consumed.sort_unstable();
    let expected: Vec<usize> = (0..total).collect();
    assert_eq!(consumed, expected, "items lost or consumed twice");
}

/// `waiters` threads wait for a flag; the main thread sets it and calls `notify_all`
/// once. If any waiter is left asleep the checker reports a deadlock.
pub fn notify_all_wakes_all<R: RawLock + 'static>(waiters: usize) {
    let shared = Arc::new((Mutex::<R, bool>::new(false), Condition::new()));
    let handles: Vec<_> = (0..waiters)
        .map(|_| {
            let shared = Arc::clone(&shared);
            rt::thread::spawn(move || {
                let (flag, cond) = &*shared;
                let mut guard = flag.lock();
                cond.wait_while(&mut guard, |set| !*set);
            })
        })
        .collect();
    let (flag, cond) = &*shared;
    *flag.lock() = true;
    cond.notify_all();
    for h in handles {
        h.join().expect("a waiter panicked");
    }
}

/// `parties` threads pass one barrier `generations` times. Before generation `g` thread
/// `i` writes slot `[g][i]`; after it, every thread reads every slot of `[g]`: each must
/// hold its writer's value (so everybody arrived), and loom checks that the writes happen
/// before the reads. Exactly one leader per generation. Panics otherwise.
pub fn barrier(parties: usize, generations: usize) {
    let barrier = Arc::new(Barrier::new(parties).expect("at least one party"));
    let slots: Arc<Vec<Vec<SharedCell<usize>>>> = Arc::new(
        (0..generations)
            .map(|_| (0..parties).map(|_| SharedCell::new(0)).collect())
            .collect(),
    );
    let handles: Vec<_> = (0..parties)
        .map(|me| {
            let (barrier, slots) = (Arc::clone(&barrier), Arc::clone(&slots));
            rt::thread::spawn(move || {
                let mut led = Vec::new();
                for (g, row) in slots.iter().enumerate() {
                    // SAFETY: slot [g][me] is written only by this thread, before barrier g,
                    // and read by others only after it.
                    row[me].with_mut(|p| unsafe { *p = me + 1 });
                    let passed = barrier.wait();
                    assert_eq!(passed.generation(), g as u64, "wrong generation");
                    if passed.is_leader() {
                        led.push(g);
                    }
                    for (other, slot) in row.iter().enumerate() {
                        // SAFETY: slot [g][other] was last written before barrier g, which
                        // this thread has passed; nobody writes it again.
                        let value = slot.with(|p| unsafe { *p });
                        assert_eq!(
                            value,
                            other + 1,
                            "thread {me} left generation {g} before thread {other} arrived"
                        );
                    }
                }
                led
            })
        })
        .collect();
    let mut leaders = vec![0; generations];
    for h in handles {
        for g in h.join().expect("a barrier thread panicked") {
            leaders[g] += 1;
        }
    }
    assert!(
        leaders.iter().all(|&n| n == 1),
        "leaders per generation: {leaders:?} (exactly one each expected)"
    );
}

/// `threads` threads (the main thread among them) race to initialise one
/// [`OnceCell`](super::OnceCell), each with its own number: all of them must read the
/// same value, and exactly one initialiser may have run. loom checks that every reader's
/// access to the value is ordered after the initialiser's write.
pub fn once_cell(threads: usize) {
    let cell = Arc::new(super::OnceCell::new());
    let runs = Arc::new(AtomicUsize::new(0));
    let init = |cell: &super::OnceCell<usize>, runs: &AtomicUsize, me: usize| {
        *cell.get_or_init(|| {
            // Relaxed: counts initialiser runs; read after every thread is joined.
            runs.fetch_add(1, Relaxed);
            me + 1
        })
    };
    let handles: Vec<_> = (1..threads)
        .map(|me| {
            let (cell, runs) = (Arc::clone(&cell), Arc::clone(&runs));
            rt::thread::spawn(move || init(&cell, &runs, me))
        })
        .collect();
    let mine = init(&cell, &runs, 0);
    for h in handles {
        let seen = h.join().expect("a OnceCell thread panicked");
        assert_eq!(seen, mine, "two threads read different values");
    }
    assert_eq!(runs.load(Relaxed), 1, "the initialiser ran more than once");
    assert_eq!(cell.get(), Some(&mine));
}

/// One step of a thread's program for [`rwlock`].
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
const WRITER_MARK: usize = 1 << 20;

/// Runs `programs[i]` on thread `i` against one `RwLock<R, u64>`. An occupancy word checks
/// that a writer is always alone; the value must equal the number of writes. Panics
/// otherwise.
pub fn rwlock<R: RawRwLock + 'static>(programs: &[Vec<RwOp>]) {
    let shared = Arc::new((RwLock::<R, _>::new(0u64), AtomicUsize::new(0)));
    let handles: Vec<_> = programs
        .iter()
        .map(|program| {
            let shared = Arc::clone(&shared);
            let program = program.clone();
            rt::thread::spawn(move || {
                let (lock, occupancy) = &*shared;
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
                                assert!(before < WRITER_MARK, "a reader entered while a writer held the lock");
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
        })
        .collect();
    let writes: u64 = handles
        .into_iter()
        .map(|h| h.join().expect("a thread of the rwlock scenario panicked"))
        .sum();
    let (lock, _) = &*shared;
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
}

/// The `RwLock` guard a fuzz thread holds, if any.
enum Held<'a, R: RawRwLock> {
    Read(super::RwLockReadGuard<'a, R, u64>),
    Write(super::RwLockWriteGuard<'a, R, u64>),
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
                FuzzOp::Acquire(n) | FuzzOp::TryAcquire(n) => {
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
                        Err(SemaphoreError::TooManyPermits { .. }) if n > max => {}
                        Err(SemaphoreError::WouldBlock { .. }) if n <= max => {}
                        Err(e) => return Err(format!("{op:?} failed: {e}")),
                    }
                }
                FuzzOp::DropPermit => {
                    if let Some(permit) = permits.pop() {
                        self.permits_out.fetch_sub(permit.permits(), Relaxed);
                        drop(permit);
                    }
                }
                FuzzOp::ForgetAndRelease => {
                    if let Some(permit) = permits.pop() {
                        let n = permit.forget();
                        self.permits_out.fetch_sub(n, Relaxed);
                        self.semaphore
                            .release(n)
                            .map_err(|e| format!("releasing {n} forgotten permit(s): {e}"))?;
                    }
                }
                FuzzOp::OverRelease(n) => match self.semaphore.release(max + n) {
                    Err(SemaphoreError::OverRelease { .. }) => {}
                    other => return Err(format!("release({}) returned {other:?}", max + n)),
                },
                FuzzOp::Read | FuzzOp::TryRead if guard.is_none() => {
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
                    }
                }
                FuzzOp::Write | FuzzOp::TryWrite if guard.is_none() => {
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
                    }
                }
                FuzzOp::Unlock => self.release_guard(guard.take()),
                FuzzOp::Read | FuzzOp::TryRead | FuzzOp::Write | FuzzOp::TryWrite => {}
            }
        }
        self.release_guard(guard.take());
        for permit in permits {
            self.permits_out.fetch_sub(permit.permits(), Relaxed);
        }
        Ok(writes)
    }

    fn release_guard(&self, guard: Option<Held<'_, R>>) {
        match guard {
            Some(Held::Read(g)) => {
                self.occupancy.fetch_sub(1, Relaxed);
                drop(g);
            }
            Some(Held::Write(g)) => {
                self.occupancy.fetch_sub(WRITER_MARK, Relaxed);
                drop(g);
            }
            None => {}
        }
    }
}
