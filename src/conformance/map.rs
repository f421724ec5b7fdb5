//! The parallel-map suite: the map equals the sequential map, and a panic in the closure
//! propagates (with every produced value dropped once, and the map still usable).
//!
//! Every check runs [`map::checks::parallel_map::check`](crate::map::checks::parallel_map::check)
//! on the flavour of the type that matches its checker.
//!
//! **Why these bounds suffice for loom.** A map's races are a chunk claimed twice or
//! never, a result read before its writer finished, and a value dropped twice or never
//! when a panic races a claim. Each shows up with two workers and a few items, and needs
//! one worker preempted between two of its own steps while the other completes one: one or
//! two preemptions. So loom runs 2 workers (3 threads with the caller; loom allows 5) over
//! 3 items at preemption bound 2, as synclab's own map models do. shuttle runs 3 workers
//! over 8 items, std stress 4 workers over many items, and proptest random sizes, worker
//! counts and panic positions.

use proptest::prelude::*;

use crate::Family;
use crate::check::budget::MAP_SUITE as BUDGET;
use crate::check::{Case, Failure, Report, Suite};
use crate::map::ParallelMap;

/// One map call to check, whatever the runtime: [`call!`] turns it into that runtime's
/// `map::checks::Call`.
#[derive(Debug, Clone, Copy)]
struct Shape {
    workers: usize,
    len: usize,
    panic_at: Option<usize>,
    reuse: bool,
}

impl Shape {
    fn new(workers: usize, len: usize, panic_at: Option<usize>, reuse: bool) -> Self {
        Self {
            workers,
            len,
            panic_at,
            reuse,
        }
    }
}

/// `call!(flavour's Call type, shape)`: the flavour's `Call` for a [`Shape`].
macro_rules! call {
    ($call:ty, $shape:expr) => {{
        let shape: Shape = $shape;
        let mut call = <$call>::new(shape.workers, shape.len);
        if let Some(index) = shape.panic_at {
            call = call.panic_at(index);
        }
        if shape.reuse {
            call = call.reuse();
        }
        call
    }};
}

/// The map suite for one [`ParallelMap`] type, given as its std, loom and shuttle flavours
/// (the same source compiled against `synclab::rt`, `synclab::loom::rt` and
/// `synclab::shuttle::rt`). Every execution builds a fresh map with
/// [`with_workers`](ParallelMap::with_workers).
///
/// Checks, in order: `map::equals_sequential::{loom, shuttle_pct, shuttle_random, stress}`,
/// `map::panic_propagates::{loom, shuttle_pct, shuttle_random, stress}`,
/// `map::random_cases::proptest`.
///
/// The `panic_propagates` checks panic on purpose in every execution, with a
/// [`PlannedPanic`](crate::check::PlannedPanic) payload that the harness keeps off stderr.
///
/// ```
/// use synclab::pool::ThreadPool;
///
/// // synclab's own pool, flavour by flavour, through the suite a downstream crate uses.
/// let suite = synclab::conformance::map::<
///     ThreadPool,
///     synclab::loom::pool::ThreadPool,
///     synclab::shuttle::pool::ThreadPool,
/// >();
/// suite.only("equals_sequential::stress").run("doc_map_suite").unwrap();
/// ```
pub fn map<S, L, Sh>() -> Suite
where
    S: ParallelMap + 'static,
    L: ParallelMap + 'static,
    Sh: ParallelMap + 'static,
{
    let mut suite = Suite::new("map");
    let (stress_workers, stress_len) = if cfg!(miri) { (2, 20) } else { (4, 1000) };
    for (property, panics) in [("equals_sequential", false), ("panic_propagates", true)] {
        // loom: no reuse (a second map after each explored interleaving of the first
        // multiplies the executions many times over); shuttle and stress map again.
        let loom = Shape::new(2, 3, panics.then_some(1), false);
        let shuttle = Shape::new(3, 8, panics.then_some(5), true);
        let stress = Shape::new(
            stress_workers,
            stress_len,
            panics.then_some(stress_len / 2),
            true,
        );
        let name = |checker: &str| format!("map::{property}::{checker}");
        suite.push(Case::new(
            name("loom"),
            Family::Map,
            BUDGET.loom(),
            move || {
                let call = call!(crate::loom::map::checks::Call, loom);
                fail(crate::loom::map::checks::parallel_map::check::<L>(&call));
            },
        ));
        let shuttle = move || {
            let call = call!(crate::shuttle::map::checks::Call, shuttle);
            fail(crate::shuttle::map::checks::parallel_map::check::<Sh>(
                &call,
            ));
        };
        let (pct, random) = (BUDGET.shuttle_pct(), BUDGET.shuttle_random());
        suite.push(Case::new(name("shuttle_pct"), Family::Map, pct, shuttle));
        suite.push(Case::new(
            name("shuttle_random"),
            Family::Map,
            random,
            shuttle,
        ));
        suite.push(Case::new(
            name("stress"),
            Family::Map,
            BUDGET.stress(),
            move || {
                let call = call!(crate::map::checks::Call, stress);
                fail(crate::map::checks::parallel_map::check::<S>(&call));
            },
        ));
    }
    suite.push(Case::custom(
        "map::random_cases::proptest",
        Family::Map,
        BUDGET.stress(),
        proptest_check::<S>,
    ));
    suite
}

/// Fails the check (a panic, inside a checker) with the violated property.
fn fail(outcome: Result<(), String>) {
    if let Err(violation) = outcome {
        panic!("{violation}");
    }
}

/// Random calls: 1-3 workers, 0-40 items of any value, the closure panicking on one of
/// them a quarter of the time.
fn calls() -> impl Strategy<Value = (usize, Vec<u64>, Option<usize>)> {
    (1usize..=3, prop::collection::vec(any::<u64>(), 0..=40)).prop_flat_map(|(workers, items)| {
        let len = items.len();
        let panic_at = if len == 0 {
            Just(None).boxed()
        } else {
            prop_oneof![3 => Just(None), 1 => (0..len).prop_map(Some)].boxed()
        };
        (Just(workers), Just(items), panic_at)
    })
}

/// The map's proptest check: random [`cases`] on std threads.
fn proptest_check<S: ParallelMap + 'static>(test: &str) -> Result<Report, Failure> {
    let describe = |(workers, items, panic_at): &(usize, Vec<u64>, Option<usize>)| {
        format!("{workers} workers, items {items:?}, panic at {panic_at:?}")
    };
    super::proptest(
        test,
        BUDGET.proptest_cases,
        calls(),
        describe,
        |(w, items, panic_at)| {
            let mut call = crate::map::checks::Call::with_items(w, items);
            call.panic_at = panic_at;
            crate::map::checks::parallel_map::check::<S>(&call.reuse())
        },
    )
}
