//! Cases of the lock family: every raw lock (see `raw_locks!`), the semaphore, the
//! condition variable, the barrier, the once cell and the reader-writer lock.
//!
//! Each case runs a [`lock::checks`](crate::lock::checks) property — the same one the
//! std stress and proptest checks run — compiled against the loom or shuttle facade.
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
//!   even at bound 2 (`docs/checkers.md`).
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
//!   needs; bound 2 costs 17k executions (2 s), unbounded > 6M (`docs/checkers.md`).
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

use crate::Family;
use crate::check::budget::{FIFO, MODELS, SLEEPING_LOOM_BOUND};
use crate::check::{Case, Checker};

/// loom at `bound` (the module docs say which bound each case needs).
const fn loom(bound: usize) -> Checker {
    MODELS.with_loom_bound(bound).loom()
}

/// One lock-family case.
fn case<F: Fn() + Send + Sync + Clone + 'static>(
    name: &str,
    checker: Checker,
    scenario: F,
) -> Case {
    Case::new(name, Family::Lock, checker, scenario)
}

/// The loom programs for every raw lock: `[lock, try_lock, lock]` and `[try_lock, lock]`.
fn loom_programs<Op: Copy>(lock: Op, try_lock: Op) -> Vec<Vec<Op>> {
    vec![vec![lock, try_lock, lock], vec![try_lock, lock]]
}

/// loom's preemption bound per kind of lock (see the module docs): higher where waiters
/// sleep.
macro_rules! loom_bound {
    (block) => {
        SLEEPING_LOOM_BOUND
    };
    ($other:ident) => {
        MODELS.loom_bound
    };
}

/// The FIFO models, for the locks registered as `fifo`.
macro_rules! fifo_cases {
    (fifo, $name:ident, $raw:ident) => {
        vec![
            case(
                concat!("lock::", stringify!($name), "::fifo_shuttle_random"),
                FIFO.shuttle_random(),
                || {
                    use crate::shuttle::lock::{checks, *};
                    checks::mutex::fifo::<$raw>(3);
                },
            ),
            case(
                concat!("lock::", stringify!($name), "::fifo_shuttle_pct"),
                FIFO.shuttle_pct(),
                || {
                    use crate::shuttle::lock::{checks, *};
                    checks::mutex::fifo::<$raw>(3);
                },
            ),
        ]
    };
    ($other:ident, $name:ident, $raw:ident) => {
        Vec::<Case>::new()
    };
}

macro_rules! lock_cases {
    ($($name:ident => $raw:ident, $kind:ident;)*) => {
        /// Mutual exclusion for every raw lock (loom, shuttle random, shuttle PCT), and
        /// FIFO order for the `fifo` ones.
        fn raw_lock_cases() -> Vec<Case> {
            let mut cases = Vec::new();
            $(
                cases.extend([
                    case(concat!("lock::", stringify!($name), "::loom"), loom(loom_bound!($kind)), || {
                        use crate::loom::lock::{checks, *};
                        use checks::Acquire::{Lock, TryLock};
                        checks::mutex::exclusion::<$raw>(&loom_programs(Lock, TryLock));
                    }),
                    case(concat!("lock::", stringify!($name), "::shuttle_random"), MODELS.shuttle_random(), || {
                        use crate::shuttle::lock::{checks, *};
                        checks::mutex::exclusion::<$raw>(&checks::mixed_programs(4, 3));
                    }),
                    case(concat!("lock::", stringify!($name), "::shuttle_pct"), MODELS.shuttle_pct(), || {
                        use crate::shuttle::lock::{checks, *};
                        checks::mutex::exclusion::<$raw>(&checks::mixed_programs(3, 3));
                    }),
                ]);
                cases.extend(fifo_cases!($kind, $name, $raw));
            )*
            cases
        }
    };
}

crate::raw_locks!(lock_cases);

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

/// Every case of the lock family.
pub fn cases() -> Vec<Case> {
    let mut cases = raw_lock_cases();
    cases.extend([
        // Each thread takes both permits once (exclusive: its cell write must be ordered
        // after the other's) and one permit once.
        case("semaphore::loom", loom(SLEEPING_LOOM_BOUND), || {
            use crate::loom::lock::checks::permits;
            permits::many_bound(2, &[vec![2, 1], vec![1, 2]]);
        }),
        // Three threads against two permits: the least that can exceed the bound.
        case("semaphore::loom_three_threads", loom(1), || {
            use crate::loom::lock::checks::permits;
            permits::many_bound(2, &[vec![2], vec![1], vec![2]]);
        }),
        case("semaphore::shuttle_random", MODELS.shuttle_random(), || {
            use crate::shuttle::lock::checks::permits;
            permits::many_bound(2, &semaphore_programs());
        }),
        case("semaphore::shuttle_pct", MODELS.shuttle_pct(), || {
            use crate::shuttle::lock::checks::permits;
            permits::many_bound(2, &semaphore_programs());
        }),
        case(
            "condvar::loom_producer_consumer",
            loom(SLEEPING_LOOM_BOUND),
            || {
                use crate::loom::lock::{ParkingLock, checks::condvar};
                condvar::producer_consumer::<ParkingLock>(1, 1, 2);
            },
        ),
        case("condvar::loom_notify_all", MODELS.loom(), || {
            use crate::loom::lock::{ParkingLock, checks::condvar};
            condvar::notify_all_wakes_all::<ParkingLock>(2);
        }),
        // With a blocking mutex and with a spinning one: `Condition` works with any lock.
        case("condvar::shuttle_random", MODELS.shuttle_random(), || {
            use crate::shuttle::lock::{ParkingLock, TtasLock, checks::condvar};
            condvar::producer_consumer::<ParkingLock>(2, 2, 3);
            condvar::producer_consumer::<TtasLock>(2, 2, 2);
            condvar::notify_all_wakes_all::<ParkingLock>(3);
        }),
        case("condvar::shuttle_pct", MODELS.shuttle_pct(), || {
            use crate::shuttle::lock::{ParkingLock, checks::condvar};
            condvar::producer_consumer::<ParkingLock>(2, 2, 2);
            condvar::notify_all_wakes_all::<ParkingLock>(3);
        }),
        case("barrier::loom", loom(SLEEPING_LOOM_BOUND), || {
            crate::loom::lock::checks::barrier::generations(2, 2)
        }),
        case("barrier::shuttle_random", MODELS.shuttle_random(), || {
            crate::shuttle::lock::checks::barrier::generations(4, 3)
        }),
        case("barrier::shuttle_pct", MODELS.shuttle_pct(), || {
            crate::shuttle::lock::checks::barrier::generations(3, 3)
        }),
        case("once::loom", MODELS.loom(), || {
            crate::loom::lock::checks::once::single_init(2)
        }),
        case("once::shuttle_random", MODELS.shuttle_random(), || {
            crate::shuttle::lock::checks::once::single_init(4)
        }),
        case("once::shuttle_pct", MODELS.shuttle_pct(), || {
            crate::shuttle::lock::checks::once::single_init(3)
        }),
        case("rwlock::loom", loom(SLEEPING_LOOM_BOUND), || {
            use crate::loom::lock::{
                ParkingRwLock,
                checks::rwlock::{self, RwOp::*},
            };
            rwlock::exclusion::<ParkingRwLock>(&[vec![Read, Write], vec![Write, TryRead]]);
        }),
        case("rwlock::loom_readers_overlap", MODELS.loom(), || {
            use crate::loom::lock::{ParkingRwLock, checks::rwlock};
            rwlock::readers_overlap::<ParkingRwLock>();
        }),
        case("rwlock::shuttle_random", MODELS.shuttle_random(), || {
            use crate::shuttle::lock::{
                ParkingRwLock,
                checks::rwlock::{self, RwOp::*},
            };
            let programs = rw_programs(4, [Read, Write, TryRead, TryWrite]);
            rwlock::exclusion::<ParkingRwLock>(&programs);
            rwlock::readers_overlap::<ParkingRwLock>();
        }),
        case("rwlock::shuttle_pct", MODELS.shuttle_pct(), || {
            use crate::shuttle::lock::{
                ParkingRwLock,
                checks::rwlock::{self, RwOp::*},
            };
            let programs = rw_programs(3, [Read, Write, TryRead, TryWrite]);
            rwlock::exclusion::<ParkingRwLock>(&programs);
        }),
    ]);
    cases
}
