//! The raw-lock and semaphore suites.
//!
//! The lock suite runs synclab's own lock checks on the downstream lock:
//! [`lock::checks::mutex::exclusion`](crate::lock::checks::mutex::exclusion) (one holder at a time,
//! each critical section ordered after the previous one, the lock free at the end, no
//! thread stuck) and [`mutex::sequential`](crate::lock::checks::mutex::sequential)
//! (`try_lock` and `is_locked` against a one-thread model), plus
//! [`mutex::linearizable`](crate::lock::checks::mutex::linearizable): the
//! recorded `lock`/`try_lock`/`unlock` calls must be explainable by one holder at a time,
//! which also rules out a `try_lock` that fails on a free lock. The semaphore suite runs
//! the [`lock::checks::semaphore`](crate::lock::checks::semaphore) properties the same way.
//!
//! **Why these bounds suffice for loom.** A broken lock shows up as two critical sections
//! that overlap or are not ordered by happens-before; both need only two threads and one
//! acquisition each, the second thread acquiring while (or right after) the first holds
//! the lock: one preemption inside the first thread's acquire/release window. The
//! programs `[lock, try_lock, lock]` and `[try_lock, lock]` add `try_lock` and a re-use
//! of the lock after a hand-over, each needing one preemption more. A lock whose waiters
//! *sleep* can also lose a wakeup, which takes three preemptions (the waiter arrives while
//! the lock is held; the holder pauses before releasing until the waiter has checked the
//! lock word; the waiter pauses between that check and its sleep while the holder
//! releases and wakes): the suite does not know how your lock waits, so it explores every
//! lock at bound 3, as synclab's own models do for its sleeping locks. The recorded
//! (`linearizable`) checks run at bound 2: they look at what the calls return, which one
//! preemption inside a call decides, and their clock ticks would make bound 3 cost
//! several times more. Two threads keep a
//! spinning lock within loom's branch limit (three spinners exceed it); shuttle runs 3 and
//! 4 threads. The same reasoning, with "permit" for "lock", covers the semaphore; its
//! loom checks use one permit, so that a missing release/acquire ordering shows up as a
//! race on the data the permit guards.

use proptest::prelude::*;

use crate::Family;
use crate::check::budget::{LOCK_SUITE as BUDGET, RECORDED_LOOM_BOUND};
use crate::check::{Case, Checker, Suite};
use crate::lock::RawLock;
use crate::lock::checks::mutex;

/// loom for the recorded checks (see [`RECORDED_LOOM_BOUND`]).
const LOOM_RECORDED: Checker = BUDGET.with_loom_bound(RECORDED_LOOM_BOUND).loom();

/// `threads` programs of `per_thread` acquisitions, alternating `lock` and `try_lock`.
pub(super) fn mixed<Op: Copy>(
    threads: usize,
    per_thread: usize,
    lock: Op,
    try_lock: Op,
) -> Vec<Vec<Op>> {
    (0..threads)
        .map(|t| {
            (0..per_thread)
                .map(|i| if (t + i) % 2 == 0 { lock } else { try_lock })
                .collect()
        })
        .collect()
}

/// Fails the check (a panic, inside a checker) with the violation, and where the
/// history's page is ([`Violation::report`](crate::record::Violation::report)).
pub(super) fn fail(outcome: Result<(), crate::record::Violation>) {
    if let Err(violation) = outcome {
        panic!("{}", violation.report());
    }
}

/// The raw-lock suite for one [`RawLock`] type, given as its std, loom and shuttle
/// flavours. Every execution starts from `R::new()`.
///
/// Checks, in order: `lock::exclusion::{loom, shuttle_pct, shuttle_random, stress}`,
/// `lock::linearizable::{loom, shuttle_pct, shuttle_random}`, `lock::sequential::proptest`.
///
/// The std checks run your lock on real threads: a lock that breaks mutual exclusion
/// then races for real on the data it guards. Run a lock you do not trust with
/// `.only("loom")` and `.only("shuttle")` first (they run one thread at a time).
///
/// ```
/// use synclab::lock::TicketLock;
///
/// // synclab's own ticket lock, flavour by flavour, through the suite a downstream crate uses.
/// let suite = synclab::conformance::raw_lock::<
///     TicketLock,
///     synclab::loom::lock::TicketLock,
///     synclab::shuttle::lock::TicketLock,
/// >();
/// suite.only("exclusion::shuttle_pct").run("doc_lock_suite").unwrap();
/// ```
pub fn raw_lock<S, L, Sh>() -> Suite
where
    S: RawLock + 'static,
    L: RawLock + 'static,
    Sh: RawLock + 'static,
{
    raw_lock_threads::<S, L, Sh>(usize::MAX)
}

/// [`raw_lock`] for a lock that serves at most `threads` threads at once (Peterson's and
/// Dekker's serve 2): no check runs more threads than that. Each thread of a check has an
/// index, [`rt::thread::index`](crate::rt::thread::index) (`0..threads`; 0 on the main
/// thread, which uses the lock only after joining the others), from which such a lock
/// takes its slot. The loom checks run two threads anyway; shuttle and stress run
/// `min(threads, 3 or 4)`.
///
/// # Panics
/// If `threads < 2`: mutual exclusion needs two threads to be checked.
///
/// ```
/// use synclab::lock::TasLock;
///
/// let suite = synclab::conformance::raw_lock_threads::<
///     TasLock,
///     synclab::loom::lock::TasLock,
///     synclab::shuttle::lock::TasLock,
/// >(2);
/// suite.only("exclusion::shuttle_random").run("doc_two_thread_suite").unwrap();
/// ```
pub fn raw_lock_threads<S, L, Sh>(threads: usize) -> Suite
where
    S: RawLock + 'static,
    L: RawLock + 'static,
    Sh: RawLock + 'static,
{
    assert!(
        threads >= 2,
        "a lock suite needs at least 2 threads to check exclusion, asked for {threads}"
    );
    let mut suite = Suite::new("lock");
    let loom = {
        use crate::loom::lock::checks::Acquire::*;
        vec![vec![Lock, TryLock, Lock], vec![TryLock, Lock]]
    };
    let (pct, random) = {
        use crate::shuttle::lock::checks::Acquire::*;
        let at_most = |n: usize| n.min(threads);
        (
            mixed(at_most(3), 3, Lock, TryLock),
            mixed(at_most(4), 3, Lock, TryLock),
        )
    };

    suite.push(Case::shrinking(
        "lock::exclusion::loom",
        Family::Lock,
        BUDGET.loom(),
        loom,
        |p| move || crate::loom::lock::checks::mutex::exclusion::<L>(&p),
    ));
    for (name, checker, programs) in [
        (
            "lock::exclusion::shuttle_pct",
            BUDGET.shuttle_pct(),
            pct.clone(),
        ),
        (
            "lock::exclusion::shuttle_random",
            BUDGET.shuttle_random(),
            random.clone(),
        ),
    ] {
        suite.push(Case::shrinking(
            name,
            Family::Lock,
            checker,
            programs,
            |p| move || crate::shuttle::lock::checks::mutex::exclusion::<Sh>(&p),
        ));
    }
    suite.push(Case::new(
        "lock::exclusion::stress",
        Family::Lock,
        BUDGET.stress(),
        move || {
            use crate::lock::checks::Acquire::*;
            let (most, per_thread) = if cfg!(miri) { (2, 10) } else { (4, 500) };
            mutex::exclusion::<S>(&mixed(most.min(threads), per_thread, Lock, TryLock));
        },
    ));

    let recorded = {
        use crate::loom::lock::checks::Acquire::*;
        // Each thread waits once and tries once.
        vec![vec![Lock, TryLock], vec![TryLock, Lock]]
    };
    suite.push(Case::shrinking(
        "lock::linearizable::loom",
        Family::Lock,
        LOOM_RECORDED,
        recorded,
        |p| move || fail(crate::loom::lock::checks::mutex::linearizable::<L>(&p)),
    ));
    for (name, checker, programs) in [
        ("lock::linearizable::shuttle_pct", BUDGET.shuttle_pct(), pct),
        (
            "lock::linearizable::shuttle_random",
            BUDGET.shuttle_random(),
            random,
        ),
    ] {
        suite.push(Case::shrinking(
            name,
            Family::Lock,
            checker,
            programs,
            |p| move || fail(crate::shuttle::lock::checks::mutex::linearizable::<Sh>(&p)),
        ));
    }

    suite.push(Case::custom(
        "lock::sequential::proptest",
        Family::Lock,
        BUDGET.stress(),
        |test: &str| {
            use mutex::SeqOp;
            let op = prop_oneof![
                Just(SeqOp::Lock),
                Just(SeqOp::TryLock),
                Just(SeqOp::Unlock),
                Just(SeqOp::IsLocked),
            ];
            let ops = prop::collection::vec(op, 0..=24);
            let show = |ops: &Vec<SeqOp>| format!("one thread: {ops:?}");
            super::proptest(test, BUDGET.proptest_cases, ops, show, |ops| {
                mutex::sequential::<S>(&ops)
            })
        },
    ));
    suite
}
