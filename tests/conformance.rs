//! The std checks (stress, proptest) of the conformance suites, on synclab's own
//! primitives; they also run under Miri (proptest only outside it: its machinery is too
//! slow there, and the stress checks cover the same bodies). The loom and shuttle checks of the same suites
//! run in `models/tests/conformance.rs`.

use synclab::conformance::{self, Suite};

macro_rules! exact_counters {
    ($($name:ident => $ty:ident;)*) => {
        mod counter { $(
            mod $name {
                use super::super::*;

                fn suite() -> Suite {
                    conformance::counter::<
                        synclab::counter::$ty,
                        synclab::loom::counter::$ty,
                        synclab::shuttle::counter::$ty,
                    >()
                }

                #[test]
                fn stress() {
                    suite().only("::stress").assert_passes(concat!("counter::", stringify!($name), "::stress"));
                }

                // proptest's machinery is too slow under Miri; the stress check covers
                // the same scenario body there.
                #[test]
                #[cfg_attr(miri, ignore)]
                fn proptest() {
                    suite().only("::proptest").assert_passes(concat!("counter::", stringify!($name), "::proptest"));
                }
            }
        )* }
    };
}

// The strategies whose `get` is exact while writers run (see `synclab::counter`).
exact_counters! {
    mutex => MutexCounter;
    rwlock => RwLockCounter;
    atomic => AtomicCounter;
    cas => CasCounter;
}

/// The suite lists its checks in a fixed order, and `only` keeps the matching ones.
#[test]
fn counter_suite_names_its_checks_by_checker() {
    use synclab::counter::AtomicCounter;
    let suite = conformance::counter::<
        AtomicCounter,
        synclab::loom::counter::AtomicCounter,
        synclab::shuttle::counter::AtomicCounter,
    >();
    assert_eq!(
        suite.names(),
        [
            "counter::linearizable::loom",
            "counter::linearizable::shuttle_pct",
            "counter::linearizable::shuttle_random",
            "counter::linearizable::stress",
            "counter::linearizable::proptest",
        ]
    );
    assert_eq!(suite.only("shuttle").names().len(), 2);
}

mod map {
    use super::*;

    fn pool_suite() -> Suite {
        conformance::map::<
            synclab::pool::ThreadPool,
            synclab::loom::pool::ThreadPool,
            synclab::shuttle::pool::ThreadPool,
        >()
    }

    #[test]
    fn thread_pool_stress() {
        pool_suite()
            .only("::stress")
            .assert_passes("map::thread_pool_stress");
    }

    #[test]
    #[cfg_attr(miri, ignore)]
    fn thread_pool_proptest() {
        pool_suite()
            .only("::proptest")
            .assert_passes("map::thread_pool_proptest");
    }
}

/// One raw lock of each kind (spinning, FIFO, sleeping) through the lock suite's std checks.
macro_rules! lock_suites {
    ($($name:ident => $raw:ident;)*) => {
        mod lock { $(
            mod $name {
                use super::super::*;

                fn suite() -> Suite {
                    conformance::raw_lock::<
                        synclab::lock::$raw,
                        synclab::loom::lock::$raw,
                        synclab::shuttle::lock::$raw,
                    >()
                }

                #[test]
                fn stress() {
                    suite().only("::stress").assert_passes(concat!("lock::", stringify!($name), "::stress"));
                }

                #[test]
                #[cfg_attr(miri, ignore)]
                fn proptest() {
                    suite().only("::proptest").assert_passes(concat!("lock::", stringify!($name), "::proptest"));
                }
            }
        )* }
    };
}

lock_suites! {
    tas => TasLock;
    ticket => TicketLock;
    parking => ParkingLock;
}

mod semaphore {
    use super::*;

    fn suite() -> Suite {
        conformance::semaphore::<
            synclab::lock::Semaphore,
            synclab::loom::lock::Semaphore,
            synclab::shuttle::lock::Semaphore,
        >()
    }

    #[test]
    fn stress() {
        suite().only("::stress").assert_passes("semaphore::stress");
    }

    #[test]
    #[cfg_attr(miri, ignore)]
    fn proptest() {
        suite()
            .only("::proptest")
            .assert_passes("semaphore::proptest");
    }
}
