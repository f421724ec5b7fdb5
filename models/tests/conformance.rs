//! synclab's own counters through the conformance suite that downstream crates use: the
//! exact strategies pass every model check, and the planted lost-update counter is caught
//! by each of them. (The std checks of the same suite run in `tests/conformance.rs`.)

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
                #[cfg_attr(miri, ignore)]
                fn loom() {
                    suite().only("::loom").assert_passes(concat!("counter::", stringify!($name), "::loom"));
                }

                #[test]
                #[cfg_attr(miri, ignore)]
                fn shuttle() {
                    suite().only("::shuttle").assert_passes(concat!("counter::", stringify!($name), "::shuttle"));
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

/// The planted lost-update counter fails every model check of the suite.
#[test]
#[cfg_attr(miri, ignore)]
fn planted_load_store_is_caught_by_every_model_check() {
    use synclab::counter::planted::LoadStoreCounter;
    let failure = conformance::counter::<
        LoadStoreCounter,
        synclab::loom::counter::planted::LoadStoreCounter,
        synclab::shuttle::counter::planted::LoadStoreCounter,
    >()
    .run("planted_load_store_is_caught_by_every_model_check")
    .expect_err("the suite catches the lost update");
    // Which std checks also catch it depends on timing; the model checks must.
    println!("{}", failure.report);
    for check in [
        "counter::linearizable::loom",
        "counter::linearizable::shuttle_pct",
        "counter::linearizable::shuttle_random",
    ] {
        assert!(failure.caught_by(check), "{check} missed it:\n{failure}");
    }
}

mod map {
    use super::*;
    use synclab::map::ParallelMap;

    fn pool_suite() -> Suite {
        conformance::map::<
            synclab::pool::ThreadPool,
            synclab::loom::pool::ThreadPool,
            synclab::shuttle::pool::ThreadPool,
        >()
    }

    #[test]
    #[cfg_attr(miri, ignore)]
    fn thread_pool_loom() {
        pool_suite()
            .only("::loom")
            .assert_passes("map::thread_pool_loom");
    }

    #[test]
    #[cfg_attr(miri, ignore)]
    fn thread_pool_shuttle() {
        pool_suite()
            .only("::shuttle")
            .assert_passes("map::thread_pool_shuttle");
    }

    /// A "user" map built on the planted cursor, which hands one chunk to two workers.
    macro_rules! planted_map {
        ($name:ident, $($flavour:ident)::+) => {
            struct $name($($flavour)::+::pool::ThreadPool);

            impl ParallelMap for $name {
                fn with_workers(workers: usize) -> Self {
                    Self($($flavour)::+::pool::ThreadPool::new(workers).unwrap())
                }

                fn map<T: Sync, R: Send, F: Fn(&T) -> R + Sync>(&self, items: &[T], f: F) -> Vec<R> {
                    let cursor = $($flavour)::+::map::planted::LoadStoreCursor::new(1).unwrap();
                    $($flavour)::+::map::map(&self.0, items, cursor, f)
                }
            }
        };
    }
    planted_map!(PlantedStd, synclab);
    planted_map!(PlantedLoom, synclab::loom);
    planted_map!(PlantedShuttle, synclab::shuttle);

    /// The planted cursor is caught by the loom and the shuttle checks. (Its std flavour
    /// refuses to run outside a model checker, so the std checks are not run.)
    #[test]
    #[cfg_attr(miri, ignore)]
    fn planted_load_store_cursor_is_caught() {
        let suite = || conformance::map::<PlantedStd, PlantedLoom, PlantedShuttle>();
        for (part, checks) in [
            (
                "::loom",
                [
                    "map::equals_sequential::loom",
                    "map::panic_propagates::loom",
                ],
            ),
            (
                "::shuttle_pct",
                [
                    "map::equals_sequential::shuttle_pct",
                    "map::panic_propagates::shuttle_pct",
                ],
            ),
        ] {
            let failure = suite()
                .only(part)
                .run("map::planted_load_store_cursor_is_caught")
                .expect_err("the suite catches the duplicated chunk");
            for check in checks {
                assert!(failure.caught_by(check), "{check} missed it:\n{failure}");
            }
        }
    }
}

/// Raw locks through the lock suite's model checks: one of each kind in
/// `synclab::raw_locks!` (spinning, FIFO, sleeping). Their own models run every one.
macro_rules! lock_suites {
    ($($name:ident => $raw:ident, $kind:ident;)*) => {
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
                #[cfg_attr(miri, ignore)]
                fn loom() {
                    suite().only("::loom").assert_passes(concat!("lock::", stringify!($name), "::loom"));
                }

                #[test]
                #[cfg_attr(miri, ignore)]
                fn shuttle() {
                    suite().only("::shuttle").assert_passes(concat!("lock::", stringify!($name), "::shuttle"));
                }
            }
        )* }
    };
}

lock_suites! {
    tas => TasLock, spin;
    ticket => TicketLock, fifo;
    parking => ParkingLock, block;
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
    #[cfg_attr(miri, ignore)]
    fn loom() {
        suite().only("::loom").assert_passes("semaphore::loom");
    }

    #[test]
    #[cfg_attr(miri, ignore)]
    fn shuttle() {
        suite()
            .only("::shuttle")
            .assert_passes("semaphore::shuttle");
    }
}
