//! loom and shuttle models of the lock family: every raw lock (see `synclab::raw_locks!`),
//! the semaphore, the condition variable, the barrier and the reader-writer lock.
//!
//! Each model runs a `synclab::lock::scenario` body — the same one the std stress and
//! proptest checks run — compiled against the loom or shuttle facade.
//!
//! **Why these bounds and thread counts suffice.**
//! * *Spinning locks, loom: 2 threads, 2 acquisitions each, preemption bound 2.* A broken lock
//!   shows up as two critical sections that overlap or are not ordered by
//!   happens-before. Both need only two threads and one acquisition each: the second
//!   thread acquires while (or right after) the first holds the lock. One preemption
//!   places a thread inside the other's acquire/release window; loom explores every
//!   memory-model outcome of the accesses in every such schedule. The second acquisition
//!   per thread adds `try_lock` and the lock's re-use after a hand-over (MCS frees and
//!   re-allocates nodes, the ticket lock advances), and bound 2 covers one preemption in
//!   each. Spinning locks stay at 2 threads: three spinners exceed loom's branch limit
//!   even at bound 2 (ARCHITECTURE.md).
//! * *Everything that sleeps, loom: preemption bound 3.* A lost wakeup needs three
//!   preemptions: the waiter arrives while the lock is held; the holder pauses before
//!   releasing until the waiter has checked the lock word; the waiter pauses between
//!   that check and its sleep while the holder releases and wakes. Measured: a futex
//!   emulation that notifies without taking its bucket lock passes every bound-2 model
//!   and is caught at bound 3. Bound 3 costs 100–7,000 executions per model here.
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
//!   hand-over, as for the locks; bound 3 for the sleeping path (above). More than `max` holders needs `max + 1` threads: 3
//!   against 2 permits. One preemption lets the third acquirer run between another's
//!   check and its CAS, which is what an over-grant needs; bound 2 costs 25k executions
//!   (5 s), unbounded > 6M (ARCHITECTURE.md).
//! * *Condition variable, loom: 1 producer with 2 items and 1 consumer; 2 waiters for
//!   `notify_all`.* A lost wakeup needs a notify to fall between a waiter's check and its
//!   sleep: one preemption of the waiter; the second item exercises a wait after a
//!   wake. Two waiters are the least that tell `notify_all` from `notify_one`; that model
//!   runs at bound 2 (both waiters asleep needs no preemption; bound 3 costs 8,000
//!   executions), the sleep/wake race itself is covered at bound 3 by producer/consumer.
//! * *Barrier, loom: 2 parties, 2 generations.* Leaving early needs one thread to pass
//!   while the other has not arrived; the second generation checks re-use (a fast
//!   thread's next arrival must not count in the old generation).
//! * *RwLock, loom: 2 threads mixing reads and writes.* A writer overlapping a reader or
//!   a writer needs two threads.

use synclab::check::{self, Checker};

macro_rules! lock_models {
    ($($name:ident => $raw:ident, $kind:ident;)*) => {
        mod lock { $(
            mod $name {
                use super::super::*;

                #[test]
                #[cfg_attr(miri, ignore)]
                fn loom() {
                    use synclab::loom::lock::{*, scenario};
                    let test = concat!("lock::", stringify!($name), "::loom");
                    let bound = Checker::Loom { preemption_bound: loom_bound!($kind) };
                    check::assert_passes(test, bound, || {
                        scenario::exclusion::<$raw>(&scenario::mixed_programs(2, 2));
                    });
                }

                #[test]
                #[cfg_attr(miri, ignore)]
                fn shuttle_random() {
                    use synclab::shuttle::lock::{*, scenario};
                    let test = concat!("lock::", stringify!($name), "::shuttle_random");
                    check::assert_passes(test, Checker::ShuttleRandom { iterations: 1000 }, || {
                        scenario::exclusion::<$raw>(&scenario::mixed_programs(4, 3));
                    });
                }

                #[test]
                #[cfg_attr(miri, ignore)]
                fn shuttle_pct() {
                    use synclab::shuttle::lock::{*, scenario};
                    let test = concat!("lock::", stringify!($name), "::shuttle_pct");
                    let pct = Checker::ShuttlePct { iterations: 1000, depth: 3 };
                    check::assert_passes(test, pct, || {
                        scenario::exclusion::<$raw>(&scenario::mixed_programs(3, 3));
                    });
                }

                fifo_models!($kind, $name, $raw);
            }
        )* }
    };
}

/// loom's preemption bound per kind of lock (see the header): 3 where waiters sleep.
macro_rules! loom_bound {
    (block) => {
        3
    };
    ($other:ident) => {
        2
    };
}

/// The FIFO checks, for the locks registered as `fifo`.
macro_rules! fifo_models {
    (fifo, $name:ident, $raw:ident) => {
        #[test]
        #[cfg_attr(miri, ignore)]
        fn fifo_shuttle_random() {
            use synclab::shuttle::lock::{scenario, *};
            let test = concat!("lock::", stringify!($name), "::fifo_shuttle_random");
            check::assert_passes(test, Checker::ShuttleRandom { iterations: 500 }, || {
                scenario::fifo::<$raw>(3)
            });
        }

        #[test]
        #[cfg_attr(miri, ignore)]
        fn fifo_shuttle_pct() {
            use synclab::shuttle::lock::{scenario, *};
            let test = concat!("lock::", stringify!($name), "::fifo_shuttle_pct");
            let pct = Checker::ShuttlePct {
                iterations: 500,
                depth: 3,
            };
            check::assert_passes(test, pct, || scenario::fifo::<$raw>(3));
        }
    };
    ($other:ident, $name:ident, $raw:ident) => {};
}

synclab::raw_locks!(lock_models);

mod semaphore {
    use super::*;

    /// Thread programs of `acquire_many` amounts against 2 permits: the `2`s need both.
    const PROGRAMS: [&[usize]; 4] = [&[1, 2, 1], &[2, 1], &[1, 1, 1], &[2]];

    fn programs(threads: usize) -> Vec<Vec<usize>> {
        PROGRAMS[..threads].iter().map(|p| p.to_vec()).collect()
    }

    /// Each thread takes both permits once (exclusive: its cell write must be ordered
    /// after the other's) and one permit once.
    #[test]
    #[cfg_attr(miri, ignore)]
    fn loom() {
        use synclab::loom::lock::scenario;
        let bound = Checker::Loom {
            preemption_bound: 3,
        };
        check::assert_passes("semaphore::loom", bound, || {
            scenario::semaphore_bound(2, &[vec![2, 1], vec![1, 2]]);
        });
    }

    /// Three threads against two permits: the least that can exceed the bound.
    #[test]
    #[cfg_attr(miri, ignore)]
    fn loom_three_threads() {
        use synclab::loom::lock::scenario;
        let bound = Checker::Loom {
            preemption_bound: 1,
        };
        check::assert_passes("semaphore::loom_three_threads", bound, || {
            scenario::semaphore_bound(2, &[vec![2], vec![1], vec![2]]);
        });
    }

    #[test]
    #[cfg_attr(miri, ignore)]
    fn shuttle_random() {
        use synclab::shuttle::lock::scenario;
        let random = Checker::ShuttleRandom { iterations: 1000 };
        check::assert_passes("semaphore::shuttle_random", random, || {
            scenario::semaphore_bound(2, &programs(4));
        });
    }

    #[test]
    #[cfg_attr(miri, ignore)]
    fn shuttle_pct() {
        use synclab::shuttle::lock::scenario;
        let pct = Checker::ShuttlePct {
            iterations: 1000,
            depth: 3,
        };
        check::assert_passes("semaphore::shuttle_pct", pct, || {
            scenario::semaphore_bound(2, &programs(4));
        });
    }
}

mod condvar {
    use super::*;

    #[test]
    #[cfg_attr(miri, ignore)]
    fn loom_producer_consumer() {
        use synclab::loom::lock::{ParkingLock, scenario};
        let bound = Checker::Loom {
            preemption_bound: 3,
        };
        check::assert_passes("condvar::loom_producer_consumer", bound, || {
            scenario::producer_consumer::<ParkingLock>(1, 1, 2);
        });
    }

    #[test]
    #[cfg_attr(miri, ignore)]
    fn loom_notify_all() {
        use synclab::loom::lock::{ParkingLock, scenario};
        let bound = Checker::Loom {
            preemption_bound: 2,
        };
        check::assert_passes("condvar::loom_notify_all", bound, || {
            scenario::notify_all_wakes_all::<ParkingLock>(2);
        });
    }

    /// With a blocking mutex and with a spinning one: `Condition` works with any raw lock.
    #[test]
    #[cfg_attr(miri, ignore)]
    fn shuttle_random() {
        use synclab::shuttle::lock::{ParkingLock, TtasLock, scenario};
        let random = Checker::ShuttleRandom { iterations: 1000 };
        check::assert_passes("condvar::shuttle_random", random, || {
            scenario::producer_consumer::<ParkingLock>(2, 2, 3);
            scenario::producer_consumer::<TtasLock>(2, 2, 2);
            scenario::notify_all_wakes_all::<ParkingLock>(3);
        });
    }

    #[test]
    #[cfg_attr(miri, ignore)]
    fn shuttle_pct() {
        use synclab::shuttle::lock::{ParkingLock, scenario};
        let pct = Checker::ShuttlePct {
            iterations: 1000,
            depth: 3,
        };
        check::assert_passes("condvar::shuttle_pct", pct, || {
            scenario::producer_consumer::<ParkingLock>(2, 2, 2);
            scenario::notify_all_wakes_all::<ParkingLock>(3);
        });
    }
}

mod barrier {
    use super::*;

    #[test]
    #[cfg_attr(miri, ignore)]
    fn loom() {
        use synclab::loom::lock::scenario;
        let bound = Checker::Loom {
            preemption_bound: 3,
        };
        check::assert_passes("barrier::loom", bound, || scenario::barrier(2, 2));
    }

    #[test]
    #[cfg_attr(miri, ignore)]
    fn shuttle_random() {
        use synclab::shuttle::lock::scenario;
        let random = Checker::ShuttleRandom { iterations: 1000 };
        check::assert_passes("barrier::shuttle_random", random, || {
            scenario::barrier(4, 3)
        });
    }

    #[test]
    #[cfg_attr(miri, ignore)]
    fn shuttle_pct() {
        use synclab::shuttle::lock::scenario;
        let pct = Checker::ShuttlePct {
            iterations: 1000,
            depth: 3,
        };
        check::assert_passes("barrier::shuttle_pct", pct, || scenario::barrier(3, 3));
    }
}

mod rwlock {
    use super::*;

    fn programs<Op: Copy>(threads: usize, ops: [Op; 4]) -> Vec<Vec<Op>> {
        let [read, write, try_read, try_write] = ops;
        let all = [
            vec![read, write, try_read],
            vec![write, read, try_write],
            vec![try_read, read, write],
            vec![read, try_write, read],
        ];
        all[..threads].to_vec()
    }

    #[test]
    #[cfg_attr(miri, ignore)]
    fn loom() {
        use synclab::loom::lock::scenario::{self, RwOp::*};
        let bound = Checker::Loom {
            preemption_bound: 3,
        };
        check::assert_passes("rwlock::loom", bound, || {
            scenario::rwlock(&[vec![Read, Write], vec![Write, TryRead]]);
        });
    }

    #[test]
    #[cfg_attr(miri, ignore)]
    fn loom_readers_overlap() {
        use synclab::loom::lock::scenario;
        let bound = Checker::Loom {
            preemption_bound: 2,
        };
        check::assert_passes(
            "rwlock::loom_readers_overlap",
            bound,
            scenario::readers_overlap,
        );
    }

    #[test]
    #[cfg_attr(miri, ignore)]
    fn shuttle_random() {
        use synclab::shuttle::lock::scenario::{self, RwOp::*};
        let random = Checker::ShuttleRandom { iterations: 1000 };
        check::assert_passes("rwlock::shuttle_random", random, || {
            scenario::rwlock(&programs(4, [Read, Write, TryRead, TryWrite]));
            scenario::readers_overlap();
        });
    }

    #[test]
    #[cfg_attr(miri, ignore)]
    fn shuttle_pct() {
        use synclab::shuttle::lock::scenario::{self, RwOp::*};
        let pct = Checker::ShuttlePct {
            iterations: 1000,
            depth: 3,
        };
        check::assert_passes("rwlock::shuttle_pct", pct, || {
            scenario::rwlock(&programs(3, [Read, Write, TryRead, TryWrite]));
        });
    }
}
