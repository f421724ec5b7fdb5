//! Models of the thread pool under the map: submit and join, scoped borrows, shutdown
//! with queued jobs, and a scope inside a job.
//!
//! **Why these bounds suffice.** The pool's concurrency is one lock-protected queue, one
//! condition variable and a countdown latch per joiner. Its bug classes — a lost wake-up
//! (a waiter that checks, then sleeps through the notification), a result read before the
//! job's release, a latch freed while a job still touches it, a worker not joined at drop
//! — each need one thread preempted between two of its steps (check and wait; write and
//! count down) while another completes a step. Two workers plus the caller (three of
//! loom's five threads) with two jobs and a preemption bound of 2 cover those schedules;
//! loom also reports any `rt::Arc` still alive at the end of an execution, which is how
//! an unjoined worker (it holds the pool's shared state) shows up. shuttle then runs 3-4
//! workers over more jobs.

use super::Model;
use crate::check::Checker;

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

macro_rules! pool_models {
    ($($name:ident: $loom:expr, $shuttle:expr;)*) => {
        /// Every pool model: loom, shuttle random and shuttle PCT per scenario.
        pub fn models() -> Vec<Model> {
            vec![$(
                Model {
                    family: "pool",
                    name: concat!("pool::", stringify!($name), "::loom"),
                    checker: LOOM,
                    scenario: || {
                        use crate::loom::pool::scenario::*;
                        $loom
                    },
                },
                Model {
                    family: "pool",
                    name: concat!("pool::", stringify!($name), "::shuttle_random"),
                    checker: SHUTTLE_RANDOM,
                    scenario: || {
                        use crate::shuttle::pool::scenario::*;
                        $shuttle
                    },
                },
                Model {
                    family: "pool",
                    name: concat!("pool::", stringify!($name), "::shuttle_pct"),
                    checker: SHUTTLE_PCT,
                    scenario: || {
                        use crate::shuttle::pool::scenario::*;
                        $shuttle
                    },
                },
            )*]
        }
    };
}

/// The registry of pool scenarios: `name: loom call, shuttle call;` (arguments:
/// workers, jobs, ...), from `pool::scenario`. `models/tests/pool.rs` expands it into one
/// test per model.
#[macro_export]
#[doc(hidden)]
macro_rules! pool_scenarios {
    ($callback:ident) => {
        $callback! {
            submit_and_join: submit_and_join(2, 2), submit_and_join(3, 6);
            scope_borrows: scope_borrows(2, 2, 0), scope_borrows(4, 5, 3);
            drop_runs_queued_jobs: drop_runs_queued_jobs(2, 2), drop_runs_queued_jobs(4, 6);
            nested_scope: nested_scope_does_not_deadlock(), nested_scope_does_not_deadlock();
        }
    };
}

crate::pool_scenarios!(pool_models);
