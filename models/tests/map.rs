//! loom and shuttle models of every map strategy (see `synclab::map_strategies!`).
//!
//! Each model runs `synclab::map::scenario::check` — the same body that the std stress,
//! proptest and fuzz checks run — compiled against the loom or shuttle facade: every item
//! processed exactly once, results in order, every produced value dropped exactly once,
//! a planned panic re-raised with its payload.
//!
//! **Why these bounds suffice.** A map's concurrency lives in three places: the claim of
//! a chunk (one atomic read-modify-write on the cursor), the stop flag after a panic, and
//! the pool's hand-off (queue lock, latch count-down, the caller's wait). Every bug class
//! in them — two workers owning one chunk, a chunk nobody owns, a result read before its
//! writer's count-down, a value dropped twice or never when a panic races a claim — shows
//! up with two workers and a few chunks, and needs one worker to be preempted between two
//! of its own steps while the other completes a step: one or two preemptions. So loom
//! runs 2 workers (3 threads with the caller; loom allows 5) over 3-4 items with chunk
//! sizes 1 and 2 — several chunks to race for, one of them partial — at preemption bound
//! 2. shuttle then runs 3-4 workers over more items, where exhaustive search would be
//! impossible, with the random scheduler and PCT depth 3.

use synclab::check::{self, Checker};

/// Keeps the planned panics quiet: thousands of explored executions each print one
/// otherwise. Every other panic still reaches the default hook. (The hook is global to
/// this test binary, which holds only map models.)
fn quiet_planned_panics() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let planned = info
                .payload()
                .is::<synclab::loom::map::scenario::PlannedPanic>()
                || info
                    .payload()
                    .is::<synclab::shuttle::map::scenario::PlannedPanic>();
            if !planned {
                default(info);
            }
        }));
    });
}

const LOOM: Checker = Checker::Loom {
    preemption_bound: 2,
};
const RANDOM: Checker = Checker::ShuttleRandom { iterations: 1000 };
const PCT: Checker = Checker::ShuttlePct {
    iterations: 1000,
    depth: 3,
};

macro_rules! models {
    ($($name:ident => [$($model:expr),*], $stress:expr;)*) => {
        mod map { $(
            mod $name {
                use super::super::*;

                /// Two workers, three borrowed items: exactly once, in order, no leak.
                #[test]
                #[cfg_attr(miri, ignore)]
                fn loom() {
                    use synclab::loom::map::{*, scenario::{self, Case}};
                    let test = concat!("map::", stringify!($name), "::loom");
                    for strategy in [$($model),*] {
                        check::assert_passes(test, LOOM, move || {
                            scenario::check(&Case::new(2, 3), strategy).unwrap();
                        });
                    }
                }

                /// Two workers, four items, the closure panics on item 1: the panic is
                /// re-raised and every produced value is dropped exactly once.
                #[test]
                #[cfg_attr(miri, ignore)]
                fn loom_panic() {
                    use synclab::loom::map::{*, scenario::{self, Case}};
                    quiet_planned_panics();
                    let test = concat!("map::", stringify!($name), "::loom_panic");
                    for strategy in [$($model),*] {
                        check::assert_passes(test, LOOM, move || {
                            scenario::check(&Case::new(2, 4).panic_at(1), strategy).unwrap();
                        });
                    }
                }

                /// Two workers, three owned items, a panic on the last: unclaimed and
                /// cut-short items are dropped exactly once too.
                #[test]
                #[cfg_attr(miri, ignore)]
                fn loom_owned_panic() {
                    use synclab::loom::map::{*, scenario::{self, Case}};
                    quiet_planned_panics();
                    let test = concat!("map::", stringify!($name), "::loom_owned_panic");
                    for strategy in [$($model),*] {
                        check::assert_passes(test, LOOM, move || {
                            let case = Case::new(2, 3).owned().panic_at(2);
                            scenario::check(&case, strategy).unwrap();
                        });
                    }
                }

                #[test]
                #[cfg_attr(miri, ignore)]
                fn shuttle_random() {
                    use synclab::shuttle::map::{*, scenario::{self, Case}};
                    quiet_planned_panics();
                    let test = concat!("map::", stringify!($name), "::shuttle_random");
                    for strategy in [$($model),*] {
                        check::assert_passes(test, RANDOM, move || {
                            scenario::check(&Case::new(4, 9).reuse(), strategy).unwrap();
                            scenario::check(&Case::new(3, 7).panic_at(4), strategy).unwrap();
                            scenario::check(&Case::new(4, 6).owned().panic_at(1), strategy).unwrap();
                        });
                    }
                }

                #[test]
                #[cfg_attr(miri, ignore)]
                fn shuttle_pct() {
                    use synclab::shuttle::map::{*, scenario::{self, Case}};
                    quiet_planned_panics();
                    let test = concat!("map::", stringify!($name), "::shuttle_pct");
                    for strategy in [$($model),*] {
                        check::assert_passes(test, PCT, move || {
                            scenario::check(&Case::new(3, 8).reuse(), strategy).unwrap();
                            scenario::check(&Case::new(4, 7).panic_at(6), strategy).unwrap();
                            scenario::check(&Case::new(3, 5).owned().panic_at(0), strategy).unwrap();
                        });
                    }
                }
            }
        )* }
    };
}

synclab::map_strategies!(models);
