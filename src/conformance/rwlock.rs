//! The raw reader-writer lock suite.
//!
//! Three properties, each written once in [`lock::checks::rwlock`](crate::lock::checks::rwlock):
//! `exclusion` (a writer is alone, readers share, no write lost, the lock free at the end),
//! `readers_overlap` (two readers *can* be inside together: each waits, holding its read
//! lock, until the other holds one too, so a lock that serialises readers leaves them
//! waiting for ever, which the checkers report) and `linearizable` (the recorded
//! acquisitions and releases fit lincheck's [`RwLock`](crate::lincheck::models::RwLock)
//! model: many readers or one writer).
//!
//! **Why these bounds suffice.** A reader admitted beside a writer, or two writers, needs
//! two threads and one acquisition each, with one preemption inside the second one's
//! acquisition (between a check and an act); a lock whose waiters sleep can also lose a
//! wakeup, which takes three preemptions (see the raw-lock suite): loom explores
//! `exclusion` at bound 3 with `[read, write]` and `[write, try_read]`, which pairs every
//! mode with every other. The recorded check runs at bound 2 (one preemption inside a
//! call decides what it returns; the clock's ticks make bound 3 cost much more). shuttle
//! runs 3 and 4 threads of every kind of call.

use crate::Family;
use crate::check::budget::{LOCK_SUITE as BUDGET, RECORDED_LOOM_BOUND};
use crate::check::{Case, Suite};
use crate::lock::RawRwLock;

/// `threads` programs of three acquisitions each, every kind of call in turn.
fn programs<Op: Copy>(threads: usize, kinds: [Op; 4]) -> Vec<Vec<Op>> {
    (0..threads)
        .map(|t| (0..3).map(|i| kinds[(t + i) % 4]).collect())
        .collect()
}

/// The reader-writer lock suite for one [`RawRwLock`] type, given as its std, loom and
/// shuttle flavours: `rwlock::exclusion::{loom, shuttle_pct, shuttle_random, stress}`,
/// `rwlock::readers_overlap::{loom, shuttle_pct, shuttle_random}`,
/// `rwlock::linearizable::{loom, shuttle_pct, shuttle_random}`.
///
/// ```
/// use synclab::lock::ParkingRwLock;
///
/// let suite = synclab::conformance::raw_rwlock::<
///     ParkingRwLock,
///     synclab::loom::lock::ParkingRwLock,
///     synclab::shuttle::lock::ParkingRwLock,
/// >();
/// suite.only("linearizable::shuttle_pct").run("doc_rwlock_suite").unwrap();
/// ```
pub fn raw_rwlock<S, L, Sh>() -> Suite
where
    S: RawRwLock + 'static,
    L: RawRwLock + 'static,
    Sh: RawRwLock + 'static,
{
    let mut suite = Suite::new("rwlock");
    let loom = {
        use crate::loom::lock::checks::rwlock::RwOp::*;
        vec![vec![Read, Write], vec![Write, TryRead]]
    };
    let (pct, random) = {
        use crate::shuttle::lock::checks::rwlock::RwOp::*;
        let kinds = [Read, Write, TryRead, TryWrite];
        (programs(3, kinds), programs(4, kinds))
    };
    suite.push(Case::shrinking(
        "rwlock::exclusion::loom",
        Family::Lock,
        BUDGET.loom(),
        loom.clone(),
        |p| move || crate::loom::lock::checks::rwlock::exclusion::<L>(&p),
    ));
    for (name, checker, programs) in [
        (
            "rwlock::exclusion::shuttle_pct",
            BUDGET.shuttle_pct(),
            pct.clone(),
        ),
        (
            "rwlock::exclusion::shuttle_random",
            BUDGET.shuttle_random(),
            random.clone(),
        ),
    ] {
        suite.push(Case::shrinking(
            name,
            Family::Lock,
            checker,
            programs,
            |p| move || crate::shuttle::lock::checks::rwlock::exclusion::<Sh>(&p),
        ));
    }
    suite.push(Case::new(
        "rwlock::exclusion::stress",
        Family::Lock,
        BUDGET.stress(),
        || {
            use crate::lock::checks::rwlock::{RwOp::*, exclusion};
            let per_thread = if cfg!(miri) { 2 } else { 200 };
            let program = |t: usize| {
                (0..per_thread)
                    .map(|i| [Read, Write, TryRead, TryWrite][(t + i) % 4])
                    .collect()
            };
            exclusion::<S>(&(0..4).map(program).collect::<Vec<_>>());
        },
    ));

    suite.push(Case::new(
        "rwlock::readers_overlap::loom",
        Family::Lock,
        BUDGET.with_loom_bound(RECORDED_LOOM_BOUND).loom(),
        crate::loom::lock::checks::rwlock::readers_overlap::<L>,
    ));
    for (name, checker) in [
        ("rwlock::readers_overlap::shuttle_pct", BUDGET.shuttle_pct()),
        (
            "rwlock::readers_overlap::shuttle_random",
            BUDGET.shuttle_random(),
        ),
    ] {
        suite.push(Case::new(
            name,
            Family::Lock,
            checker,
            crate::shuttle::lock::checks::rwlock::readers_overlap::<Sh>,
        ));
    }

    suite.push(Case::shrinking(
        "rwlock::linearizable::loom",
        Family::Lock,
        BUDGET.with_loom_bound(RECORDED_LOOM_BOUND).loom(),
        loom,
        |p| move || super::lock::fail(crate::loom::lock::checks::rwlock::linearizable::<L>(&p)),
    ));
    for (name, checker, programs) in [
        (
            "rwlock::linearizable::shuttle_pct",
            BUDGET.shuttle_pct(),
            pct,
        ),
        (
            "rwlock::linearizable::shuttle_random",
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
                    super::lock::fail(crate::shuttle::lock::checks::rwlock::linearizable::<Sh>(&p))
                }
            },
        ));
    }
    suite
}
