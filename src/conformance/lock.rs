//! The raw-lock and semaphore suites.
//!
//! The lock suite runs synclab's own lock checks on the downstream lock:
//! [`lock::scenario::exclusion`](crate::lock::scenario::exclusion) (one holder at a time,
//! each critical section ordered after the previous one, the lock free at the end, no
//! thread stuck) and [`lock::scenario::sequential`](crate::lock::scenario::sequential)
//! (`try_lock` and `is_locked` against a one-thread model), plus
//! [`lock::contract::lock_linearizable`](crate::lock::contract::lock_linearizable): the
//! recorded `lock`/`try_lock`/`unlock` calls must be explainable by one holder at a time,
//! which also rules out a `try_lock` that fails on a free lock. The semaphore suite runs
//! the [`lock::contract`](crate::lock::contract) semaphore bodies the same way.
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

use super::Suite;
use crate::check::Checker;
use crate::lock::{RawLock, RawSemaphore};

/// loom, bound 3: a lost wakeup needs three preemptions (see the module docs).
const LOOM: Checker = Checker::Loom {
    preemption_bound: 3,
};
/// loom for the recorded checks, bound 2: they look at what the calls return, for which
/// one preemption inside a call is enough (a lost wakeup, which needs three, hangs the
/// `exclusion`/`bound` checks at bound 3); every recorded call adds two clock ticks, which
/// makes bound 3 cost several times more.
const LOOM_RECORDED: Checker = Checker::Loom {
    preemption_bound: 2,
};

/// The recorded loom programs: each thread waits once and tries once.
fn loom_recorded() -> Vec<Vec<crate::loom::lock::scenario::Acquire>> {
    use crate::loom::lock::scenario::Acquire::*;
    vec![vec![Lock, TryLock], vec![TryLock, Lock]]
}

/// shuttle PCT, depth 3.
const SHUTTLE_PCT: Checker = Checker::ShuttlePct {
    iterations: 300,
    depth: 3,
};
/// shuttle's random scheduler.
const SHUTTLE_RANDOM: Checker = Checker::ShuttleRandom { iterations: 300 };
/// Real threads; small under Miri.
const STRESS: Checker = Checker::Stress {
    iterations: if cfg!(miri) { 1 } else { 10 },
};
/// Random single-thread programs, each run once.
const PROPTEST_CASES: u32 = if cfg!(miri) { 4 } else { 64 };

/// `threads` programs of `per_thread` acquisitions, alternating `lock` and `try_lock`.
fn mixed<Op: Copy>(threads: usize, per_thread: usize, lock: Op, try_lock: Op) -> Vec<Vec<Op>> {
    (0..threads)
        .map(|t| {
            (0..per_thread)
                .map(|i| if (t + i) % 2 == 0 { lock } else { try_lock })
                .collect()
        })
        .collect()
}

/// Fails the check (a panic, inside a checker) with the violated property.
fn fail(outcome: Result<(), impl std::fmt::Display>) {
    if let Err(violation) = outcome {
        panic!("{violation}");
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
    let mut suite = Suite::new("lock");
    let loom = {
        use crate::loom::lock::scenario::Acquire::*;
        vec![vec![Lock, TryLock, Lock], vec![TryLock, Lock]]
    };
    let (pct, random) = {
        use crate::shuttle::lock::scenario::Acquire::*;
        (mixed(3, 3, Lock, TryLock), mixed(4, 3, Lock, TryLock))
    };

    suite.shrinking("lock::exclusion::loom", LOOM, loom.clone(), |p| {
        move || crate::loom::lock::scenario::exclusion::<L>(&p)
    });
    for (name, checker, programs) in [
        ("lock::exclusion::shuttle_pct", SHUTTLE_PCT, pct.clone()),
        (
            "lock::exclusion::shuttle_random",
            SHUTTLE_RANDOM,
            random.clone(),
        ),
    ] {
        suite.shrinking(name, checker, programs, |p| {
            move || crate::shuttle::lock::scenario::exclusion::<Sh>(&p)
        });
    }
    suite.plain("lock::exclusion::stress", STRESS, || {
        use crate::lock::scenario::Acquire::*;
        let (threads, per_thread) = if cfg!(miri) { (2, 10) } else { (4, 500) };
        crate::lock::scenario::exclusion::<S>(&mixed(threads, per_thread, Lock, TryLock));
    });

    suite.shrinking(
        "lock::linearizable::loom",
        LOOM_RECORDED,
        loom_recorded(),
        |p| move || fail(crate::loom::lock::contract::lock_linearizable::<L>(&p)),
    );
    for (name, checker, programs) in [
        ("lock::linearizable::shuttle_pct", SHUTTLE_PCT, pct),
        ("lock::linearizable::shuttle_random", SHUTTLE_RANDOM, random),
    ] {
        suite.shrinking(name, checker, programs, |p| {
            move || fail(crate::shuttle::lock::contract::lock_linearizable::<Sh>(&p))
        });
    }

    suite.custom(
        "lock::sequential::proptest",
        Checker::Stress {
            iterations: PROPTEST_CASES as usize,
        },
        Box::new(|test: &str| {
            use crate::lock::scenario::{SeqOp, sequential};
            let op = prop_oneof![
                Just(SeqOp::Lock),
                Just(SeqOp::TryLock),
                Just(SeqOp::Unlock),
                Just(SeqOp::IsLocked),
            ];
            let ops = prop::collection::vec(op, 0..=24);
            let show = |ops: &Vec<SeqOp>| format!("one thread: {ops:?}");
            super::proptest(test, PROPTEST_CASES, ops, show, |ops| sequential::<S>(&ops))
        }),
    );
    suite
}

/// The semaphore suite for one [`RawSemaphore`] type, given as its std, loom and shuttle
/// flavours. Every execution starts from `S::new(permits)`.
///
/// Checks, in order: `semaphore::bound::{loom, shuttle_pct, shuttle_random, stress}`,
/// `semaphore::linearizable::{loom, shuttle_pct, shuttle_random}`,
/// `semaphore::sequential::proptest`. loom uses one permit and two threads (the permit
/// guards data, so a missing ordering is a race); shuttle and stress use two permits and
/// three or four threads, so that one too many permits granted shows.
///
/// ```
/// use synclab::lock::Semaphore;
///
/// let suite = synclab::conformance::semaphore::<
///     Semaphore,
///     synclab::loom::lock::Semaphore,
///     synclab::shuttle::lock::Semaphore,
/// >();
/// suite.only("bound::shuttle_pct").run("doc_semaphore_suite").unwrap();
/// ```
pub fn semaphore<S, L, Sh>() -> Suite
where
    S: RawSemaphore + 'static,
    L: RawSemaphore + 'static,
    Sh: RawSemaphore + 'static,
{
    let mut suite = Suite::new("semaphore");
    let loom = {
        use crate::loom::lock::scenario::Acquire::*;
        vec![vec![Lock, TryLock], vec![TryLock, Lock]]
    };
    let (pct, random) = {
        use crate::shuttle::lock::scenario::Acquire::*;
        (mixed(3, 3, Lock, TryLock), mixed(4, 3, Lock, TryLock))
    };

    suite.shrinking("semaphore::bound::loom", LOOM, loom.clone(), |p| {
        move || crate::loom::lock::contract::semaphore_bound::<L>(1, &p)
    });
    for (name, checker, programs) in [
        ("semaphore::bound::shuttle_pct", SHUTTLE_PCT, pct.clone()),
        (
            "semaphore::bound::shuttle_random",
            SHUTTLE_RANDOM,
            random.clone(),
        ),
    ] {
        suite.shrinking(name, checker, programs, |p| {
            move || crate::shuttle::lock::contract::semaphore_bound::<Sh>(2, &p)
        });
    }
    suite.plain("semaphore::bound::stress", STRESS, || {
        use crate::lock::scenario::Acquire::*;
        let (threads, per_thread) = if cfg!(miri) { (3, 10) } else { (4, 500) };
        let programs = mixed(threads, per_thread, Lock, TryLock);
        crate::lock::contract::semaphore_bound::<S>(2, &programs);
    });

    suite.shrinking("semaphore::linearizable::loom", LOOM_RECORDED, loom, |p| {
        move || {
            fail(crate::loom::lock::contract::semaphore_linearizable::<L>(
                1, &p,
            ))
        }
    });
    for (name, checker, programs) in [
        ("semaphore::linearizable::shuttle_pct", SHUTTLE_PCT, pct),
        (
            "semaphore::linearizable::shuttle_random",
            SHUTTLE_RANDOM,
            random,
        ),
    ] {
        suite.shrinking(name, checker, programs, |p| {
            move || fail(crate::shuttle::lock::contract::semaphore_linearizable::<Sh>(2, &p))
        });
    }

    suite.custom(
        "semaphore::sequential::proptest",
        Checker::Stress {
            iterations: PROPTEST_CASES as usize,
        },
        Box::new(|test: &str| {
            use crate::lock::contract::{PermitStep, semaphore_sequential};
            let step = prop_oneof![
                Just(PermitStep::Acquire),
                Just(PermitStep::TryAcquire),
                Just(PermitStep::Release),
            ];
            let cases = (1usize..=3, prop::collection::vec(step, 0..=24));
            let show = |(max, steps): &(usize, Vec<PermitStep>)| {
                format!("{max} permits, one thread: {steps:?}")
            };
            super::proptest(test, PROPTEST_CASES, cases, show, |(max, steps)| {
                semaphore_sequential::<S>(max, &steps)
            })
        }),
    );
    suite
}
