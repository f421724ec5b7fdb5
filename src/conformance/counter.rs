//! The counter suite: `fetch_add`, `add` and `get` are linearizable.
//!
//! Every check runs [`counter::checks::linearizable`](crate::counter::checks::linearizable)
//! — each call recorded, the history checked against lincheck's sequential counter — on
//! the flavour of the type that matches its checker.
//!
//! **Why these bounds suffice for loom.** A counter bug shows up as two operations that
//! overlap and see the same total (a lost update, a duplicated `fetch_add` result, a read
//! that goes back). Making two operations overlap takes one preemption: one thread stopped
//! inside its operation while the other runs. Two threads with two operations each cover
//! every such pair, the second operation letting a thread overlap again after a first,
//! complete one. The bound is 3 rather than 2 because a counter built on a lock whose
//! waiters sleep can also lose a wakeup, which takes three preemptions (see the lock
//! suite); it costs little here: 70 executions at bound 2 and 293 at bound 3 for a
//! one-instruction counter, under 0.2 s for synclab's mutex and CAS counters. loom permits
//! at most 5 threads and each recorded call adds two clock ticks (scheduling points), so
//! 2 threads keep it fast. shuttle then runs 3 threads with more operations each, where
//! exhaustive search would be impossible; PCT depth 3 finds any bug that needs up to two
//! ordering constraints, and std stress and proptest run real threads and random programs
//! (amounts near `u64::MAX` included, for wrap-around).

use proptest::prelude::*;

use crate::Family;
use crate::check::budget::COUNTER_SUITE as BUDGET;
use crate::check::{Case, Failure, Report, Suite};
use crate::counter::Counter;
use crate::record::Violation;

/// The counter suite for one counter type, given as its std, loom and shuttle flavours
/// (the same source compiled against `synclab::rt`, `synclab::loom::rt` and
/// `synclab::shuttle::rt`). Every execution starts from `Default::default()`.
///
/// Checks, in order: `counter::linearizable::{loom, shuttle_pct, shuttle_random, stress,
/// proptest}`. The counter must be *linearizable*: `fetch_add` returns `Some(total before
/// the add)`, `get` the current total, all modulo 2^64. (synclab's own sharded and batched
/// counters trade this away on purpose and would fail it.)
///
/// ```
/// use synclab::counter::AtomicCounter;
///
/// // synclab's own counter, flavour by flavour, through the suite a downstream crate uses.
/// let suite = synclab::conformance::counter::<
///     AtomicCounter,
///     synclab::loom::counter::AtomicCounter,
///     synclab::shuttle::counter::AtomicCounter,
/// >();
/// let report = suite.only("shuttle_pct").run("doc_counter_suite").unwrap();
/// assert_eq!(report.outcomes.len(), 1);
/// println!("{report}");
/// ```
pub fn counter<S, L, Sh>() -> Suite
where
    S: Counter + Default + 'static,
    L: Counter + Default + 'static,
    Sh: Counter + Default + 'static,
{
    let mut suite = Suite::new("counter");

    let programs = {
        use crate::loom::counter::checks::Op::*;
        vec![vec![FetchAdd(1), Get], vec![FetchAdd(1), Add(2)]]
    };
    suite.push(Case::shrinking(
        "counter::linearizable::loom",
        Family::Counter,
        BUDGET.loom(),
        programs,
        |p| {
            move || {
                let outcome = crate::loom::counter::checks::linearizable(L::default(), &p);
                outcome.unwrap_or_else(|violation| fail(&violation, p.len()));
            }
        },
    ));

    let (pct, random) = {
        use crate::shuttle::counter::checks::Op::*;
        (
            vec![vec![FetchAdd(1), Get, FetchAdd(2)]; 3],
            vec![vec![FetchAdd(1), Add(1), Get]; 3],
        )
    };
    for (name, checker, programs) in [
        (
            "counter::linearizable::shuttle_pct",
            BUDGET.shuttle_pct(),
            pct,
        ),
        (
            "counter::linearizable::shuttle_random",
            BUDGET.shuttle_random(),
            random,
        ),
    ] {
        suite.push(Case::shrinking(
            name,
            Family::Counter,
            checker,
            programs,
            |p| {
                move || {
                    let outcome = crate::shuttle::counter::checks::linearizable(Sh::default(), &p);
                    outcome.unwrap_or_else(|violation| fail(&violation, p.len()));
                }
            },
        ));
    }

    suite.push(Case::new(
        "counter::linearizable::stress",
        Family::Counter,
        BUDGET.stress(),
        || {
            use crate::counter::checks::{self, Op::*};
            let (threads, rounds) = if cfg!(miri) { (2, 3) } else { (4, 50) };
            let program = [FetchAdd(1), Get, Add(2), FetchAdd(3)].repeat(rounds);
            let outcome = checks::linearizable(S::default(), &checks::uniform(threads, &program));
            outcome.unwrap_or_else(|violation| fail(&violation, threads));
        },
    ));

    suite.push(Case::custom(
        "counter::linearizable::proptest",
        Family::Counter,
        BUDGET.stress(),
        proptest_check::<S>,
    ));
    suite
}

/// The violation, and who made the last read in its table.
fn describe(violation: &Violation, threads: usize) -> String {
    let report = violation.report();
    format!("{report}\n(client {threads} is the `get` made after every thread was joined)")
}

/// Fails the check (a panic, inside a checker) with [`describe`].
fn fail(violation: &Violation, threads: usize) -> ! {
    panic!("{}", describe(violation, threads))
}

/// Random programs: 1-3 threads, 0-6 operations each; amounts 0-3, or `u64::MAX` to
/// exercise wrap-around.
fn programs() -> impl Strategy<Value = Vec<Vec<crate::counter::checks::Op>>> {
    use crate::counter::checks::Op;
    let amount = prop_oneof![4 => 0u64..4, 1 => Just(u64::MAX)];
    let op = prop_oneof![
        amount.clone().prop_map(Op::Add),
        amount.prop_map(Op::FetchAdd),
        Just(Op::Get),
    ];
    prop::collection::vec(prop::collection::vec(op, 0..=6), 1..=3)
}

/// The counter's proptest check: random [`programs`] on std threads.
fn proptest_check<S: Counter + Default + 'static>(test: &str) -> Result<Report, Failure> {
    let show = |programs: &Vec<_>| super::describe_programs(programs);
    super::proptest(test, BUDGET.proptest_cases, programs(), show, |p| {
        crate::counter::checks::linearizable(S::default(), &p)
            .map_err(|violation| describe(&violation, p.len()))
    })
}
