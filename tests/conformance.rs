//! The std checks (stress, proptest) of the conformance suites, on synclab's own
//! primitives; they also run under Miri (proptest only outside it: its machinery is too
//! slow there, and the stress checks cover the same bodies). The loom and shuttle checks
//! of the same suites run in `models/tests/conformance.rs`.
//!
//! Test names carry the suite, the primitive and the checker:
//! `conformance::counter::atomic::stress`.

/// The name `cargo test` gives the test `test` in `module` (given as `module_path!()`,
/// which starts with the crate's name): the name that replay commands must use.
fn test_name(module: &str, test: &str) -> String {
    let path = module.split_once("::").map_or("", |(_, path)| path);
    format!("{path}::{test}")
}

mod conformance {
    use super::test_name;
    use synclab::conformance::{self, Suite};

    /// `stress` and `proptest` tests of `suite()` in the calling module.
    macro_rules! std_checks {
        () => {
            #[test]
            fn stress() {
                suite()
                    .only("::stress")
                    .assert_passes(&test_name(module_path!(), "stress"));
            }

            #[test]
            #[cfg_attr(miri, ignore)]
            fn proptest() {
                suite()
                    .only("::proptest")
                    .assert_passes(&test_name(module_path!(), "proptest"));
            }
        };
    }

    mod counter {
        use super::*;

        macro_rules! exact_counters {
            ($($name:ident => $ty:ident;)*) => { $(
                mod $name {
                    use super::*;

                    fn suite() -> Suite {
                        conformance::counter::<
                            synclab::counter::$ty,
                            synclab::loom::counter::$ty,
                            synclab::shuttle::counter::$ty,
                        >()
                    }

                    std_checks!();
                }
            )* };
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
        fn suite_names_its_checks_by_checker() {
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
    }

    /// One raw lock of each kind (spinning, FIFO, sleeping).
    mod lock {
        use super::*;

        macro_rules! lock_suites {
            ($($name:ident => $raw:ident;)*) => { $(
                mod $name {
                    use super::*;

                    fn suite() -> Suite {
                        conformance::raw_lock::<
                            synclab::lock::$raw,
                            synclab::loom::lock::$raw,
                            synclab::shuttle::lock::$raw,
                        >()
                    }

                    std_checks!();
                }
            )* };
        }

        lock_suites! {
            tas => TasLock;
            ticket => TicketLock;
            parking => ParkingLock;
        }
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

        std_checks!();
    }

    mod map {
        use super::*;

        mod thread_pool {
            use super::*;

            fn suite() -> Suite {
                conformance::map::<
                    synclab::pool::ThreadPool,
                    synclab::loom::pool::ThreadPool,
                    synclab::shuttle::pool::ThreadPool,
                >()
            }

            std_checks!();
        }
    }
}
