//! The parallel-map suite: the map equals the sequential map, and a panic in the closure
//! propagates (with every produced value dropped once, and the map still usable).
//!
//! Every check runs [`map::contract::check`](crate::map::contract::check) on the flavour
//! of the type that matches its checker.
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
use std::sync::Once;

use super::Suite;
use crate::check::{Checker, Failure, Report};
use crate::map::ParallelMap;

/// loom: exhaustive up to 2 preemptions (see the module docs).
const LOOM: Checker = Checker::Loom {
    preemption_bound: 2,
};
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
/// Random cases, each run once on real threads.
const PROPTEST_CASES: u32 = if cfg!(miri) { 2 } else { 32 };

/// One map call to check, whatever the runtime: [`case!`] turns it into that runtime's
/// `map::scenario::Case`.
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

/// `case!(flavour's Case type, shape)`: the flavour's `Case` for a [`Shape`].
macro_rules! case {
    ($case:ty, $shape:expr) => {{
        let shape: Shape = $shape;
        let mut case = <$case>::new(shape.workers, shape.len);
        if let Some(index) = shape.panic_at {
            case = case.panic_at(index);
        }
        if shape.reuse {
            case = case.reuse();
        }
        case
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
/// The `panic_propagates` checks panic on purpose in every execution; building the suite
/// installs a panic hook (once per process) that keeps those planned panics, and only
/// those, from being printed.
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
        if panics {
            quiet_planned_panics();
        }
        let name = |checker: &str| format!("map::{property}::{checker}");
        suite.plain(&name("loom"), LOOM, move || {
            let case = case!(crate::loom::map::scenario::Case, loom);
            fail(crate::loom::map::contract::check::<L>(&case));
        });
        let shuttle = move || {
            let case = case!(crate::shuttle::map::scenario::Case, shuttle);
            fail(crate::shuttle::map::contract::check::<Sh>(&case));
        };
        suite.plain(&name("shuttle_pct"), SHUTTLE_PCT, shuttle);
        suite.plain(&name("shuttle_random"), SHUTTLE_RANDOM, shuttle);
        suite.plain(&name("stress"), STRESS, move || {
            let case = case!(crate::map::scenario::Case, stress);
            fail(crate::map::contract::check::<S>(&case));
        });
    }
    suite.custom(
        "map::random_cases::proptest",
        Checker::Stress {
            iterations: PROPTEST_CASES as usize,
        },
        Box::new(proptest_check::<S>),
    );
    suite
}

/// Keeps the planned panics of the `panic_propagates` checks quiet: thousands of
/// explored executions would each print one (and capture a backtrace, which is most of
/// their cost when `RUST_BACKTRACE` is set). Every other panic still reaches the hook that
/// was installed before.
fn quiet_planned_panics() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let payload = info.payload();
            let planned = payload.is::<crate::map::scenario::PlannedPanic>()
                || payload.is::<crate::loom::map::scenario::PlannedPanic>()
                || payload.is::<crate::shuttle::map::scenario::PlannedPanic>();
            if !planned {
                previous(info);
            }
        }));
    });
}

/// Fails the check (a panic, inside a checker) with the violated property.
fn fail(outcome: Result<(), String>) {
    if let Err(violation) = outcome {
        panic!("{violation}");
    }
}

/// Random cases: 1-3 workers, 0-40 items of any value, the closure panicking on one of
/// them a quarter of the time.
fn cases() -> impl Strategy<Value = (usize, Vec<u64>, Option<usize>)> {
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
        PROPTEST_CASES,
        cases(),
        describe,
        |(w, items, panic_at)| {
            let mut case = crate::map::scenario::Case::with_items(w, items);
            case.panic_at = panic_at;
            crate::map::contract::check::<S>(&case.reuse())
        },
    )
}
