//! loom and shuttle models of the thread pool under the map: submit and join, scopes,
//! graceful shutdown, nested scopes. Each runs `synclab::pool::scenario` — the same
//! bodies the std tests run — against the loom or shuttle facade.
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

use synclab::check::{self, Checker};

const LOOM: Checker = Checker::Loom {
    preemption_bound: 2,
};
const RANDOM: Checker = Checker::ShuttleRandom { iterations: 1000 };
const PCT: Checker = Checker::ShuttlePct {
    iterations: 1000,
    depth: 3,
};

/// Keeps the planned panics quiet (loom's coroutine stacks are too small for the default
/// hook's printing, and thousands of executions would each print one).
fn quiet_planned_panics() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if info.payload().downcast_ref::<&str>() != Some(&synclab::pool::scenario::PLANNED) {
                default(info);
            }
        }));
    });
}

macro_rules! models {
    ($($name:ident: $loom:expr, $shuttle:expr;)*) => {
        mod pool { $(
            mod $name {
                use super::super::*;

                #[test]
                #[cfg_attr(miri, ignore)]
                fn loom() {
                    use synclab::loom::pool::scenario::*;
                    quiet_planned_panics();
                    check::assert_passes(concat!("pool::", stringify!($name), "::loom"), LOOM, || $loom);
                }

                #[test]
                #[cfg_attr(miri, ignore)]
                fn shuttle_random() {
                    use synclab::shuttle::pool::scenario::*;
                    quiet_planned_panics();
                    let test = concat!("pool::", stringify!($name), "::shuttle_random");
                    check::assert_passes(test, RANDOM, || $shuttle);
                }

                #[test]
                #[cfg_attr(miri, ignore)]
                fn shuttle_pct() {
                    use synclab::shuttle::pool::scenario::*;
                    quiet_planned_panics();
                    let test = concat!("pool::", stringify!($name), "::shuttle_pct");
                    check::assert_passes(test, PCT, || $shuttle);
                }
            }
        )* }
    };
}

models! {
    submit_and_join: submit_and_join(2, 2), submit_and_join(3, 6);
    scope_borrows: scope_borrows(2, 2, 0), scope_borrows(4, 5, 3);
    drop_runs_queued_jobs: drop_runs_queued_jobs(2, 2), drop_runs_queued_jobs(4, 6);
    nested_scope: nested_scope_does_not_deadlock(), nested_scope_does_not_deadlock();
}
