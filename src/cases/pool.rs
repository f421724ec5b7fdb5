//! Cases of the thread pool under the map: submit and join, scoped borrows, shutdown
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

use crate::Family;
use crate::check::Case;
use crate::check::budget::MODELS;

/// The three cases of one pool property: `pool::NAME::{loom, shuttle_random, shuttle_pct}`
/// (the calls' arguments are workers, jobs, ...).
macro_rules! pool_cases {
    ($($name:ident: $loom:expr, $shuttle:expr;)*) => {
        vec![$(
            Case::new(concat!("pool::", stringify!($name), "::loom"), Family::Pool, MODELS.loom(), || {
                use crate::loom::pool::checks::*;
                $loom
            }),
            Case::new(concat!("pool::", stringify!($name), "::shuttle_random"), Family::Pool, MODELS.shuttle_random(), || {
                use crate::shuttle::pool::checks::*;
                $shuttle
            }),
            Case::new(concat!("pool::", stringify!($name), "::shuttle_pct"), Family::Pool, MODELS.shuttle_pct(), || {
                use crate::shuttle::pool::checks::*;
                $shuttle
            }),
        )*]
    };
}

/// Every pool case: loom, shuttle random and shuttle PCT per property.
pub fn cases() -> Vec<Case> {
    pool_cases! {
        submit_and_join: submit_and_join(2, 2), submit_and_join(3, 6);
        scope_borrows: scope_borrows(2, 2, 0), scope_borrows(4, 5, 3);
        drop_runs_queued_jobs: drop_runs_queued_jobs(2, 2), drop_runs_queued_jobs(4, 6);
        nested_scope: nested_scope_does_not_deadlock(), nested_scope_does_not_deadlock();
    }
}
