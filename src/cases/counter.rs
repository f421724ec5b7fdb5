//! Cases of every counter strategy (see `counter_strategies!`), and of every raw lock as
//! a [`LockCounter`](crate::counter::LockCounter) (see `raw_locks!`, named `lock_NAME`).
//!
//! Each case runs [`counter::checks::run`](crate::counter::checks::run) — the same body
//! that the std stress and proptest checks run — compiled against the loom or shuttle
//! facade.
//!
//! **Why these bounds suffice.** Every counter bug class this family can have (a lost
//! update, two `fetch_add`s returning the same value, a read going backwards, an
//! unflushed batch) needs one thread to be preempted between two of its own accesses
//! while the other thread completes an access: one preemption. Two threads doing three
//! operations each, explored with a preemption bound of 2 ([`MODELS`]), therefore cover
//! every such schedule with room to spare (bound 3 adds nothing for the lock-free
//! strategies but costs 5-10x). loom allows at most 5 threads; 2 keep the CAS loops
//! within its branch limit. shuttle then runs 3-4 threads with more operations, where
//! exhaustive search would be impossible; PCT depth 3 finds any bug that needs up to 2
//! ordering constraints.

use crate::Family;
use crate::check::Case;
use crate::check::budget::MODELS;

/// Two threads, three operations each, one of them a flush point for batch size 2.
fn loom_programs<Op: Copy>(add: Op, fetch: Op, get: Op) -> Vec<Vec<Op>> {
    vec![vec![fetch, add, get], vec![add, fetch, get]]
}

/// The three cases of one counter: `counter::NAME::{loom, shuttle_random, shuttle_pct}`,
/// each building the counter with `$new` in its flavour.
macro_rules! counter_cases {
    ($name:expr, $new:expr) => {
        [
            Case::new(
                format!("counter::{}::loom", $name),
                Family::Counter,
                MODELS.loom(),
                || {
                    use crate::loom::counter::{
                        checks::{self, Op},
                        *,
                    };
                    #[allow(unused_imports)] // the lock types, for `LockCounter<R>`
                    use crate::loom::lock::*;
                    let programs = loom_programs(Op::Add(1), Op::FetchAdd(1), Op::Get);
                    checks::run($new, &programs).unwrap();
                },
            ),
            Case::new(
                format!("counter::{}::shuttle_random", $name),
                Family::Counter,
                MODELS.shuttle_random(),
                || {
                    use crate::shuttle::counter::{
                        checks::{self, Op},
                        *,
                    };
                    #[allow(unused_imports)]
                    use crate::shuttle::lock::*;
                    let program = [
                        Op::FetchAdd(1),
                        Op::Add(2),
                        Op::Get,
                        Op::FetchAdd(3),
                        Op::Get,
                    ];
                    checks::run($new, &checks::uniform(4, &program)).unwrap();
                },
            ),
            Case::new(
                format!("counter::{}::shuttle_pct", $name),
                Family::Counter,
                MODELS.shuttle_pct(),
                || {
                    use crate::shuttle::counter::{
                        checks::{self, Op},
                        *,
                    };
                    #[allow(unused_imports)]
                    use crate::shuttle::lock::*;
                    let program = [Op::FetchAdd(1), Op::Get, Op::FetchAdd(1), Op::Add(1)];
                    checks::run($new, &checks::uniform(3, &program)).unwrap();
                },
            ),
        ]
    };
}

/// Every counter case: three per strategy, three per raw lock.
pub fn cases() -> Vec<Case> {
    let mut cases = Vec::new();
    macro_rules! strategies {
        ($($name:ident => $model:expr, $bench:expr;)*) => {
            $( cases.extend(counter_cases!(stringify!($name), $model)); )*
        };
    }
    crate::counter_strategies!(strategies);
    macro_rules! locks {
        ($($name:ident => $raw:ident, $kind:ident;)*) => {
            $( cases.extend(counter_cases!(concat!("lock_", stringify!($name)), LockCounter::<$raw>::new())); )*
        };
    }
    crate::raw_locks!(locks);
    cases
}
