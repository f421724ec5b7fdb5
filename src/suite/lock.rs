//! Models of the lock family: every raw lock (see `raw_locks!`), the semaphore, the
//! condition variable, the barrier and the reader-writer lock.
//!
//! Each model runs a `lock::scenario` body — the same one the std stress and proptest
//! checks run — compiled against the loom or shuttle facade.
//!
//! **Why these bounds and thread counts suffice.**
//! * *Spinning locks, loom: 2 threads (`[lock, try_lock, lock]`, `[try_lock, lock]`),
//!   preemption bound 2.* A broken lock shows up as two critical sections that overlap
//!   or are not ordered by happens-before. Both need only two threads and one
//!   acquisition each: the second thread acquires while (or right after) the first holds
//!   the lock. One preemption places a thread inside the other's acquire/release window;
//!   loom explores every memory-model outcome of the accesses in every such schedule.
//!   The further acquisitions add `try_lock` and the lock's re-use after a hand-over
//!   (the ticket lock advances; MCS re-uses a node whose flag its predecessor cleared:
//!   thread 0's second `lock` may wait behind thread 1 after its first one did — a
//!   spare node that is not reset is caught only so), and bound 2 covers one preemption
//!   in each. Spinning locks stay at 2 threads: three spinners exceed loom's branch limit
//!   even at bound 2 (ARCHITECTURE.md).
//! * *Everything that sleeps, loom: preemption bound 3.* A lost wakeup needs three
//!   preemptions: the waiter arrives while the lock is held; the holder pauses before
//!   releasing until the waiter has checked the lock word; the waiter pauses between
//!   that check and its sleep while the holder releases and wakes. Measured: a futex
//!   emulation that notifies without taking its bucket lock passes every bound-2 model
//!   and is caught at bound 3. Bound 3 costs 100–2,600 executions per model here.
//! * *Locks, shuttle: 4 threads (random), 3 threads (PCT depth 3).* Queue effects (a
//!   third waiter behind a hand-over, the MCS successor that has swapped the tail but
//!   not linked yet while a third thread arrives) need 3+ threads, which loom cannot
//!   afford; shuttle's random and PCT schedulers sample them. PCT depth 3 finds any bug
//!   that needs at most two ordering constraints (e.g. "A swaps the tail, then B, then A
//!   links").
//! * *FIFO, shuttle: 3 queued waiters.* Overtaking needs two waiters and a third party
//!   (the releasing holder); a third waiter checks the order is kept along a chain.
//! * *Semaphore, loom: 2 threads at bound 3, and 3 threads at bound 1.* A missing
//!   Acquire/Release shows when two threads each hold *all* permits in turn (the
//!   scenario then writes a cell that loom watches): 2 threads, one preemption inside a
//!   hand-over, as for the locks; bound 3 for the sleeping path (above). More than `max`
//!   holders needs `max + 1` threads: 3 against 2 permits. One preemption lets the third
//!   acquirer run between another's check and its CAS, which is what an over-grant
//!   needs; bound 2 costs 25k executions (5 s), unbounded > 6M (ARCHITECTURE.md).
//! * *Condition variable, loom: 1 producer with 2 items and 1 consumer; 2 waiters for
//!   `notify_all`.* A lost wakeup needs a notify to fall between a waiter's check and its
//!   sleep: one preemption of the waiter; the second item exercises a wait after a
//!   wake. Two waiters are the least that tell `notify_all` from `notify_one`; that model
//!   runs at bound 2 (both waiters asleep needs no preemption; bound 3 costs 8,000
//!   executions), the sleep/wake race itself is covered at bound 3 by producer/consumer.
//! * *Barrier, loom: 2 parties, 2 generations.* Leaving early needs one thread to pass
//!   while the other has not arrived; the second generation checks re-use (a fast
//!   thread's next arrival must not count in the old generation).
//! * *OnceCell, loom: 2 threads at bound 2.* A reader that sees `ready` without
//!   synchronising with the initialiser needs one thread to initialise while the other
//!   reads: two threads, one preemption; a second initialiser run needs one thread
//!   between the other's check and its lock: one more.
//! * *RwLock, loom: 2 threads mixing reads and writes.* A writer overlapping a reader or
//!   a writer needs two threads.

use super::Model;
use crate::check::Checker;

const fn loom(preemption_bound: usize) -> Checker {
    Checker::Loom { preemption_bound }
}

/// shuttle's random scheduler, 1000 schedules.
pub const SHUTTLE_RANDOM: Checker = Checker::ShuttleRandom { iterations: 1000 };
/// shuttle's PCT scheduler, depth 3, 1000 schedules.
pub const SHUTTLE_PCT: Checker = Checker::ShuttlePct {
    iterations: 1000,
    depth: 3,
};
/// The FIFO checks: 500 schedules each.
const FIFO_RANDOM: Checker = Checker::ShuttleRandom { iterations: 500 };
const FIFO_PCT: Checker = Checker::ShuttlePct {
    iterations: 500,
    depth: 3,
};

/// The loom programs for every raw lock: `[lock, try_lock, lock]` and `[try_lock, lock]`.
fn loom_programs<Op: Copy>(lock: Op, try_lock: Op) -> Vec<Vec<Op>> {
    vec![vec![lock, try_lock, lock], vec![try_lock, lock]]
}

/// loom's preemption bound per kind of lock (see the module docs): 3 where waiters sleep.
macro_rules! loom_bound {
    (block) => {
        3
    };
    ($other:ident) => {
        2
    };
}

/// The FIFO models, for the locks registered as `fifo`.
macro_rules! fifo_models {
    (fifo, $name:ident, $raw:ident) => {
        vec![
            Model {
                family: "lock",
                name: concat!("lock::", stringify!($name), "::fifo_shuttle_random"),
                checker: FIFO_RANDOM,
                scenario: || {
                    use crate::shuttle::lock::{scenario, *};
                    scenario::fifo::<$raw>(3);
                },
            },
            Model {
                family: "lock",
                name: concat!("lock::", stringify!($name), "::fifo_shuttle_pct"),
                checker: FIFO_PCT,
                scenario: || {
                    use crate::shuttle::lock::{scenario, *};
                    scenario::fifo::<$raw>(3);
                },
            },
        ]
    };
    ($other:ident, $name:ident, $raw:ident) => {
        Vec::<Model>::new()
    };
}

macro_rules! lock_models {
    ($($name:ident => $raw:ident, $kind:ident;)*) => {
        /// Mutual exclusion for every raw lock (loom, shuttle random, shuttle PCT), and
        /// FIFO order for the `fifo` ones.
        fn raw_lock_models() -> Vec<Model> {
            let mut models = Vec::new();
            $(
                models.extend([
                    Model {
                        family: "lock",
                        name: concat!("lock::", stringify!($name), "::loom"),
                        checker: loom(loom_bound!($kind)),
                        scenario: || {
                            use crate::loom::lock::{scenario, *};
                            use scenario::Acquire::{Lock, TryLock};
                            scenario::exclusion::<$raw>(&loom_programs(Lock, TryLock));
                        },
                    },
                    Model {
                        family: "lock",
                        name: concat!("lock::", stringify!($name), "::shuttle_random"),
                        checker: SHUTTLE_RANDOM,
                        scenario: || {
                            use crate::shuttle::lock::{scenario, *};
                            scenario::exclusion::<$raw>(&scenario::mixed_programs(4, 3));
                        },
                    },
                    Model {
                        family: "lock",
                        name: concat!("lock::", stringify!($name), "::shuttle_pct"),
                        checker: SHUTTLE_PCT,
                        scenario: || {
                            use crate::shuttle::lock::{scenario, *};
                            scenario::exclusion::<$raw>(&scenario::mixed_programs(3, 3));
                        },
                    },
                ]);
                models.extend(fifo_models!($kind, $name, $raw));
            )*
            models
        }
    };
}

crate::raw_locks!(lock_models);

/// Semaphore permit programs for shuttle, against 2 permits: the `2`s need both.
fn semaphore_programs() -> Vec<Vec<usize>> {
    vec![vec![1, 2, 1], vec![2, 1], vec![1, 1, 1], vec![2]]
}

/// Reader-writer programs for `threads` threads (`ops` = read, write, try_read, try_write).
fn rw_programs<Op: Copy>(
    threads: usize,
    [read, write, try_read, try_write]: [Op; 4],
) -> Vec<Vec<Op>> {
    let all = [
        vec![read, write, try_read],
        vec![write, read, try_write],
        vec![try_read, read, write],
        vec![read, try_write, read],
    ];
    all[..threads].to_vec()
}

/// Every model of the lock family.
pub fn models() -> Vec<Model> {
    let mut models = raw_lock_models();
    models.extend([
        // Each thread takes both permits once (exclusive: its cell write must be ordered
        // after the other's) and one permit once.
        Model {
            family: "lock",
            name: "semaphore::loom",
            checker: loom(3),
            scenario: || {
                use crate::loom::lock::scenario;
                scenario::semaphore_bound(2, &[vec![2, 1], vec![1, 2]]);
            },
        },
        // Three threads against two permits: the least that can exceed the bound.
        Model {
            family: "lock",
            name: "semaphore::loom_three_threads",
            checker: loom(1),
            scenario: || {
                use crate::loom::lock::scenario;
                scenario::semaphore_bound(2, &[vec![2], vec![1], vec![2]]);
            },
        },
        Model {
            family: "lock",
            name: "semaphore::shuttle_random",
            checker: SHUTTLE_RANDOM,
            scenario: || {
                use crate::shuttle::lock::scenario;
                scenario::semaphore_bound(2, &semaphore_programs());
            },
        },
        Model {
            family: "lock",
            name: "semaphore::shuttle_pct",
            checker: SHUTTLE_PCT,
            scenario: || {
                use crate::shuttle::lock::scenario;
                scenario::semaphore_bound(2, &semaphore_programs());
            },
        },
        Model {
            family: "lock",
            name: "condvar::loom_producer_consumer",
            checker: loom(3),
            scenario: || {
                use crate::loom::lock::{ParkingLock, scenario};
                scenario::producer_consumer::<ParkingLock>(1, 1, 2);
            },
        },
        Model {
            family: "lock",
            name: "condvar::loom_notify_all",
            checker: loom(2),
            scenario: || {
                use crate::loom::lock::{ParkingLock, scenario};
                scenario::notify_all_wakes_all::<ParkingLock>(2);
            },
        },
        // With a blocking mutex and with a spinning one: `Condition` works with any lock.
        Model {
            family: "lock",
            name: "condvar::shuttle_random",
            checker: SHUTTLE_RANDOM,
            scenario: || {
                use crate::shuttle::lock::{ParkingLock, TtasLock, scenario};
                scenario::producer_consumer::<ParkingLock>(2, 2, 3);
                scenario::producer_consumer::<TtasLock>(2, 2, 2);
                scenario::notify_all_wakes_all::<ParkingLock>(3);
            },
        },
        Model {
            family: "lock",
            name: "condvar::shuttle_pct",
            checker: SHUTTLE_PCT,
            scenario: || {
                use crate::shuttle::lock::{ParkingLock, scenario};
                scenario::producer_consumer::<ParkingLock>(2, 2, 2);
                scenario::notify_all_wakes_all::<ParkingLock>(3);
            },
        },
        Model {
            family: "lock",
            name: "barrier::loom",
            checker: loom(3),
            scenario: || crate::loom::lock::scenario::barrier(2, 2),
        },
        Model {
            family: "lock",
            name: "barrier::shuttle_random",
            checker: SHUTTLE_RANDOM,
            scenario: || crate::shuttle::lock::scenario::barrier(4, 3),
        },
        Model {
            family: "lock",
            name: "barrier::shuttle_pct",
            checker: SHUTTLE_PCT,
            scenario: || crate::shuttle::lock::scenario::barrier(3, 3),
        },
        Model {
            family: "lock",
            name: "once::loom",
            checker: loom(2),
            scenario: || crate::loom::lock::scenario::once_cell(2),
        },
        Model {
            family: "lock",
            name: "once::shuttle_random",
            checker: SHUTTLE_RANDOM,
            scenario: || crate::shuttle::lock::scenario::once_cell(4),
        },
        Model {
            family: "lock",
            name: "once::shuttle_pct",
            checker: SHUTTLE_PCT,
            scenario: || crate::shuttle::lock::scenario::once_cell(3),
        },
        Model {
            family: "lock",
            name: "rwlock::loom",
            checker: loom(3),
            scenario: || {
                use crate::loom::lock::{ParkingRwLock, scenario};
                use scenario::RwOp::*;
                scenario::rwlock::<ParkingRwLock>(&[vec![Read, Write], vec![Write, TryRead]]);
            },
        },
        Model {
            family: "lock",
            name: "rwlock::loom_readers_overlap",
            checker: loom(2),
            scenario: || {
                use crate::loom::lock::{ParkingRwLock, scenario};
                scenario::readers_overlap::<ParkingRwLock>();
            },
        },
        Model {
            family: "lock",
            name: "rwlock::shuttle_random",
            checker: SHUTTLE_RANDOM,
            scenario: || {
                use crate::shuttle::lock::{ParkingRwLock, scenario};
                use scenario::RwOp::*;
                let programs = rw_programs(4, [Read, Write, TryRead, TryWrite]);
                scenario::rwlock::<ParkingRwLock>(&programs);
                scenario::readers_overlap::<ParkingRwLock>();
            },
        },
        Model {
            family: "lock",
            name: "rwlock::shuttle_pct",
            checker: SHUTTLE_PCT,
            scenario: || {
                use crate::shuttle::lock::{ParkingRwLock, scenario};
                use scenario::RwOp::*;
                let programs = rw_programs(3, [Read, Write, TryRead, TryWrite]);
                scenario::rwlock::<ParkingRwLock>(&programs);
            },
        },
    ]);
    models
}
