//! Models of every counter strategy (see `counter_strategies!`).
//!
//! Each model runs `counter::scenario` — the same body that the std stress and proptest
//! checks run — compiled against the loom or shuttle facade.
//!
//! **Why these bounds suffice.** Every counter bug class this family can have (a lost
//! update, two `fetch_add`s returning the same value, a read going backwards, an
//! unflushed batch) needs one thread to be preempted between two of its own accesses
//! while the other thread completes an access: one preemption. Two threads doing three
//! operations each, explored with a preemption bound of 2, therefore cover every such
//! schedule with room to spare (bound 3 adds nothing for the lock-free strategies but
//! costs 5-10x). loom allows at most 5 threads; 2 keep the CAS loops within its branch
//! limit. shuttle then runs 3-4 threads with more operations, where exhaustive search
//! would be impossible; PCT depth 3 finds any bug that needs up to 2 ordering constraints.

use super::Model;
use crate::check::Checker;

/// Two threads, three operations each, one of them a flush point for batch size 2.
fn loom_programs<Op: Copy>(add: Op, fetch: Op, get: Op) -> Vec<Vec<Op>> {
    vec![vec![fetch, add, get], vec![add, fetch, get]]
}

/// The loom bound; see the module docs.
pub const LOOM: Checker = Checker::Loom {
    preemption_bound: 2,
};
/// shuttle's random scheduler, 1000 schedules.
pub const SHUTTLE_RANDOM: Checker = Checker::ShuttleRandom { iterations: 1000 };
/// shuttle's PCT scheduler, depth 3, 1000 schedules.
pub const SHUTTLE_PCT: Checker = Checker::ShuttlePct {
    iterations: 1000,
    depth: 3,
};

macro_rules! counter_models {
    ($($name:ident => $model:expr, $bench:expr;)*) => {
        /// Every counter model: loom, shuttle random and shuttle PCT per strategy.
        pub fn models() -> Vec<Model> {
            vec![$(
                Model {
                    family: "counter",
                    name: concat!("counter::", stringify!($name), "::loom"),
                    checker: LOOM,
                    scenario: || {
                        use crate::loom::counter::{*, scenario::{self, Op}};
                        let programs = loom_programs(Op::Add(1), Op::FetchAdd(1), Op::Get);
                        scenario::run($model, &programs).unwrap();
                    },
                },
                Model {
                    family: "counter",
                    name: concat!("counter::", stringify!($name), "::shuttle_random"),
                    checker: SHUTTLE_RANDOM,
                    scenario: || {
                        use crate::shuttle::counter::{*, scenario::{self, Op}};
                        let program = [Op::FetchAdd(1), Op::Add(2), Op::Get, Op::FetchAdd(3), Op::Get];
                        scenario::run($model, &scenario::uniform(4, &program)).unwrap();
                    },
                },
                Model {
                    family: "counter",
                    name: concat!("counter::", stringify!($name), "::shuttle_pct"),
                    checker: SHUTTLE_PCT,
                    scenario: || {
                        use crate::shuttle::counter::{*, scenario::{self, Op}};
                        let program = [Op::FetchAdd(1), Op::Get, Op::FetchAdd(1), Op::Add(1)];
                        scenario::run($model, &scenario::uniform(3, &program)).unwrap();
                    },
                },
            )*]
        }
    };
}

crate::counter_strategies!(counter_models);
