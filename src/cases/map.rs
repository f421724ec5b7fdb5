//! Cases of every map strategy (see `map_strategies!`): one case per named config and
//! checker.
//!
//! Each case runs [`map::checks::strategy::check`](crate::map::checks::strategy::check) —
//! the same body that the std stress, proptest and fuzz checks run — compiled against the
//! loom or shuttle facade: every item
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

use crate::Family;
use crate::check::budget::MODELS;
use crate::check::{Case, Checker};

/// One case of the map family.
fn case(name: &str, checker: Checker, scenario: fn()) -> Case {
    Case::new(name, Family::Map, checker, scenario)
}

macro_rules! map_cases {
    ($($name:ident => [$($variant:ident: $model:expr),*], $stress:expr;)*) => {
        /// Every map case: per strategy config, three loom cases (borrowed items, a
        /// panic, owned items with a panic) and two shuttle cases.
        pub fn cases() -> Vec<Case> {
            vec![$($(
                case(
                    concat!("map::", stringify!($name), "::", stringify!($variant), "::loom"),
                    MODELS.loom(),
                    // Two workers, three borrowed items: exactly once, in order, no leak.
                    || {
                        use crate::loom::map::{*, checks::{Call, strategy}};
                        strategy::check(&Call::new(2, 3), $model).unwrap();
                    },
                ),
                case(
                    concat!("map::", stringify!($name), "::", stringify!($variant), "::loom_panic"),
                    MODELS.loom(),
                    // Two workers, four items, the closure panics on item 1: the panic is
                    // re-raised and every produced value is dropped exactly once.
                    || {
                        use crate::loom::map::{*, checks::{Call, strategy}};
                        strategy::check(&Call::new(2, 4).panic_at(1), $model).unwrap();
                    },
                ),
                case(
                    concat!("map::", stringify!($name), "::", stringify!($variant), "::loom_owned_panic"),
                    MODELS.loom(),
                    // Two workers, three owned items, a panic on the last: unclaimed and
                    // cut-short items are dropped exactly once too.
                    || {
                        use crate::loom::map::{*, checks::{Call, strategy}};
                        strategy::check(&Call::new(2, 3).owned().panic_at(2), $model).unwrap();
                    },
                ),
                case(
                    concat!("map::", stringify!($name), "::", stringify!($variant), "::shuttle_random"),
                    MODELS.shuttle_random(),
                    || {
                        use crate::shuttle::map::{*, checks::{Call, strategy}};
                        strategy::check(&Call::new(4, 9).reuse(), $model).unwrap();
                        strategy::check(&Call::new(3, 7).panic_at(4), $model).unwrap();
                        strategy::check(&Call::new(4, 6).owned().panic_at(1), $model).unwrap();
                    },
                ),
                case(
                    concat!("map::", stringify!($name), "::", stringify!($variant), "::shuttle_pct"),
                    MODELS.shuttle_pct(),
                    || {
                        use crate::shuttle::map::{*, checks::{Call, strategy}};
                        strategy::check(&Call::new(3, 8).reuse(), $model).unwrap();
                        strategy::check(&Call::new(4, 7).panic_at(6), $model).unwrap();
                        strategy::check(&Call::new(3, 5).owned().panic_at(0), $model).unwrap();
                    },
                ),
            )*)*]
        }
    };
}

crate::map_strategies!(map_cases);
