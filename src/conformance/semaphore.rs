//! The semaphore suite: the [`RawSemaphore`] contract on a downstream semaphore.
//!
//! **Why these bounds suffice** is the lock suite's argument ([`raw_lock`](super::raw_lock)),
//! with "permit" for "lock": loom uses one permit and two threads, so that a missing
//! release/acquire ordering shows up as a race on the data the permit guards; shuttle and
//! stress use two permits and three or four threads, so that one permit too many granted
//! shows.
//!
//! **Releases** (`releases`): the contract refuses an over-release, however many releases
//! race. loom takes the one permit of `S::new(1)` and races two releases: a release whose
//! check against the maximum and add are two steps lets both through after one
//! preemption between them, which bound 3 covers. shuttle and stress race three releases
//! for the one permit taken out of two; stress repeats the race
//! [`RELEASE_ROUNDS`] times per run.

use proptest::prelude::*;

use crate::Family;
use crate::check::budget::{LOCK_SUITE as BUDGET, RECORDED_LOOM_BOUND};
use crate::check::{Case, Checker, Suite};
use crate::lock::RawSemaphore;
use crate::lock::checks::semaphore;

use super::lock::{fail, mixed};

/// How many times one stress run of `semaphore::releases` races its releases: a race
/// of three threads' single steps is rare on real threads, so one run repeats it.
pub const RELEASE_ROUNDS: usize = if cfg!(miri) { 2 } else { 200 };

/// loom for the recorded checks (see [`RECORDED_LOOM_BOUND`]).
const LOOM_RECORDED: Checker = BUDGET.with_loom_bound(RECORDED_LOOM_BOUND).loom();

/// The semaphore suite for one [`RawSemaphore`] type, given as its std, loom and shuttle
/// flavours. Every execution starts from `S::new(permits)`.
///
/// Checks, in order: `semaphore::bound::{loom, shuttle_pct, shuttle_random, stress}`,
/// `semaphore::releases::{loom, shuttle_pct, shuttle_random, stress}`,
/// `semaphore::linearizable::{loom, shuttle_pct, shuttle_random}`,
/// `semaphore::sequential::proptest` (which also releases with no permit taken: refused). loom uses one permit and two threads (the permit
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
        use crate::loom::lock::checks::Acquire::*;
        vec![vec![Lock, TryLock], vec![TryLock, Lock]]
    };
    let (pct, random) = {
        use crate::shuttle::lock::checks::Acquire::*;
        (mixed(3, 3, Lock, TryLock), mixed(4, 3, Lock, TryLock))
    };

    suite.push(Case::shrinking(
        "semaphore::bound::loom",
        Family::Lock,
        BUDGET.loom(),
        loom.clone(),
        |p| move || crate::loom::lock::checks::semaphore::bound::<L>(1, &p),
    ));
    for (name, checker, programs) in [
        (
            "semaphore::bound::shuttle_pct",
            BUDGET.shuttle_pct(),
            pct.clone(),
        ),
        (
            "semaphore::bound::shuttle_random",
            BUDGET.shuttle_random(),
            random.clone(),
        ),
    ] {
        suite.push(Case::shrinking(
            name,
            Family::Lock,
            checker,
            programs,
            |p| move || crate::shuttle::lock::checks::semaphore::bound::<Sh>(2, &p),
        ));
    }
    suite.push(Case::new(
        "semaphore::bound::stress",
        Family::Lock,
        BUDGET.stress(),
        || {
            use crate::lock::checks::Acquire::*;
            let (threads, per_thread) = if cfg!(miri) { (3, 10) } else { (4, 500) };
            semaphore::bound::<S>(2, &mixed(threads, per_thread, Lock, TryLock));
        },
    ));

    suite.push(Case::new(
        "semaphore::releases::loom",
        Family::Lock,
        BUDGET.loom(),
        || crate::loom::lock::checks::semaphore::releases::<L>(1, 1, 2),
    ));
    for (name, checker) in [
        ("semaphore::releases::shuttle_pct", BUDGET.shuttle_pct()),
        (
            "semaphore::releases::shuttle_random",
            BUDGET.shuttle_random(),
        ),
    ] {
        suite.push(Case::new(name, Family::Lock, checker, || {
            crate::shuttle::lock::checks::semaphore::releases::<Sh>(2, 1, 3)
        }));
    }
    suite.push(Case::new(
        "semaphore::releases::stress",
        Family::Lock,
        BUDGET.stress(),
        || {
            for _ in 0..RELEASE_ROUNDS {
                semaphore::releases::<S>(2, 1, 3);
            }
        },
    ));

    suite.push(Case::shrinking(
        "semaphore::linearizable::loom",
        Family::Lock,
        LOOM_RECORDED,
        loom,
        |p| {
            move || {
                fail(crate::loom::lock::checks::semaphore::linearizable::<L>(
                    1, &p,
                ))
            }
        },
    ));
    for (name, checker, programs) in [
        (
            "semaphore::linearizable::shuttle_pct",
            BUDGET.shuttle_pct(),
            pct,
        ),
        (
            "semaphore::linearizable::shuttle_random",
            BUDGET.shuttle_random(),
            random,
        ),
    ] {
        suite.push(Case::shrinking(
            name,
            Family::Lock,
            checker,
            programs,
            |p| {
                move || {
                    fail(crate::shuttle::lock::checks::semaphore::linearizable::<Sh>(
                        2, &p,
                    ))
                }
            },
        ));
    }

    suite.push(Case::custom(
        "semaphore::sequential::proptest",
        Family::Lock,
        BUDGET.stress(),
        |test: &str| {
            use semaphore::PermitStep;
            let step = prop_oneof![
                Just(PermitStep::Acquire),
                Just(PermitStep::TryAcquire),
                Just(PermitStep::Release),
            ];
            let cases = (1usize..=3, prop::collection::vec(step, 0..=24));
            let show = |(max, steps): &(usize, Vec<PermitStep>)| {
                format!("{max} permits, one thread: {steps:?}")
            };
            super::proptest(test, BUDGET.proptest_cases, cases, show, |(max, steps)| {
                semaphore::sequential::<S>(max, &steps)
            })
        },
    ));
    suite
}
