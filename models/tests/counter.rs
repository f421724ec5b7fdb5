//! loom and shuttle models of every counter strategy (see `synclab::counter_strategies!`).
//!
//! Each model runs `synclab::counter::scenario` — the same body that the std stress and
//! proptest checks run — compiled against the loom or shuttle facade.
//!
//! **Why these bounds suffice.** Every counter bug class this family can have (a lost
//! update, two `fetch_add`s returning the same value, a read going backwards, an
//! unflushed batch) needs one thread to be preempted between two of its own accesses
//! while the other thread completes an access: one preemption. Two threads doing three
//! operations each, explored with a preemption bound of 2, therefore cover every such
//! schedule with room to spare (bound 3 adds nothing for the lock-free strategies but
//! costs 5-10x). loom allows at most 5 threads; 2 keep the CAS loops within its branch
//! limit. shuttle then runs 4 threads with more operations, where exhaustive search would
//! be impossible; PCT depth 3 finds any bug that needs up to 2 ordering constraints.

use synclab::check::{self, Checker};

/// Two threads, three operations each, one of them a flush point for batch size 2.
fn loom_programs<Op: Copy>(add: Op, fetch: Op, get: Op) -> Vec<Vec<Op>> {
    vec![vec![fetch, add, get], vec![add, fetch, get]]
}

macro_rules! models {
    ($($name:ident => $model:expr, $bench:expr;)*) => {
        mod counter { $(
            mod $name {
                use super::super::*;

                #[test]
                #[cfg_attr(miri, ignore)]
                fn loom() {
                    use synclab::loom::counter::{*, scenario::{self, Op}};
                    let test = concat!("counter::", stringify!($name), "::loom");
                    check::assert_passes(test, Checker::Loom { preemption_bound: 2 }, || {
                        let programs = loom_programs(Op::Add(1), Op::FetchAdd(1), Op::Get);
                        scenario::run($model, &programs).unwrap();
                    });
                }

                #[test]
                #[cfg_attr(miri, ignore)]
                fn shuttle_random() {
                    use synclab::shuttle::counter::{*, scenario::{self, Op}};
                    let test = concat!("counter::", stringify!($name), "::shuttle_random");
                    check::assert_passes(test, Checker::ShuttleRandom { iterations: 1000 }, || {
                        let program = [Op::FetchAdd(1), Op::Add(2), Op::Get, Op::FetchAdd(3), Op::Get];
                        scenario::run($model, &scenario::uniform(4, &program)).unwrap();
                    });
                }

                #[test]
                #[cfg_attr(miri, ignore)]
                fn shuttle_pct() {
                    use synclab::shuttle::counter::{*, scenario::{self, Op}};
                    let test = concat!("counter::", stringify!($name), "::shuttle_pct");
                    let pct = Checker::ShuttlePct { iterations: 1000, depth: 3 };
                    check::assert_passes(test, pct, || {
                        let program = [Op::FetchAdd(1), Op::Get, Op::FetchAdd(1), Op::Add(1)];
                        scenario::run($model, &scenario::uniform(3, &program)).unwrap();
                    });
                }
            }
        )* }
    };
}

synclab::counter_strategies!(models);
