//! synclab's own primitives through the conformance suites that downstream crates use:
//! the model checks (loom, shuttle) of each suite pass on correct primitives, and catch
//! the planted bugs. (The std checks of the same suites run in `tests/conformance.rs`.)
//!
//! Test names carry the suite, the primitive and the checker:
//! `conformance::counter::atomic::loom`.

/// The name `cargo test` gives the test `test` in `module` (given as `module_path!()`,
/// which starts with the crate's name): the name that replay commands must use.
fn test_name(module: &str, test: &str) -> String {
    let path = module.split_once("::").map_or("", |(_, path)| path);
    format!("{path}::{test}")
}

mod conformance {
    use super::test_name;
    use synclab::conformance::{self, Suite};

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

                #[test]
                #[cfg_attr(miri, ignore)]
                fn loom() {
                    suite().only("::loom").assert_passes(&test_name(module_path!(), "loom"));
                }

                #[test]
                #[cfg_attr(miri, ignore)]
                fn shuttle() {
                    suite().only("::shuttle").assert_passes(&test_name(module_path!(), "shuttle"));
                }
            }
        )* };
    }

    mod counter {
        use super::*;

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
            let test = test_name(
                module_path!(),
                "planted_load_store_is_caught_by_every_model_check",
            );
            let failure = conformance::counter::<
                LoadStoreCounter,
                synclab::loom::counter::planted::LoadStoreCounter,
                synclab::shuttle::counter::planted::LoadStoreCounter,
            >()
            .run(&test)
            .expect_err("the suite catches the lost update");
            // Which std checks also catch it depends on timing; the model checks must.
            for check in [
                "counter::linearizable::loom",
                "counter::linearizable::shuttle_pct",
                "counter::linearizable::shuttle_random",
            ] {
                assert!(failure.caught_by(check), "{check} missed it:\n{failure}");
            }
        }
    }

    mod map {
        use super::*;
        use synclab::map::ParallelMap;

        mod thread_pool {
            use super::*;

            fn suite() -> Suite {
                conformance::map::<
                    synclab::pool::ThreadPool,
                    synclab::loom::pool::ThreadPool,
                    synclab::shuttle::pool::ThreadPool,
                >()
            }

            #[test]
            #[cfg_attr(miri, ignore)]
            fn loom() {
                suite()
                    .only("::loom")
                    .assert_passes(&test_name(module_path!(), "loom"));
            }

            #[test]
            #[cfg_attr(miri, ignore)]
            fn shuttle() {
                suite()
                    .only("::shuttle")
                    .assert_passes(&test_name(module_path!(), "shuttle"));
            }
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

        /// The planted cursor is caught by the loom and the shuttle checks. (Its std
        /// flavour refuses to run outside a model checker, so the std checks are not run.)
        mod planted_load_store_cursor {
            use super::*;

            planted_map!(PlantedStd, synclab);
            planted_map!(PlantedLoom, synclab::loom);
            planted_map!(PlantedShuttle, synclab::shuttle);

            /// Runs the `equals_sequential` check under the checkers matching `part` (the
            /// `panic_propagates` checks run the same claims, with a panic on top).
            fn caught(part: &str, test: &str) {
                let check = format!("map::equals_sequential{part}");
                let failure = conformance::map::<PlantedStd, PlantedLoom, PlantedShuttle>()
                    .only(&check)
                    .run(&test_name(module_path!(), test))
                    .expect_err("the suite catches the duplicated chunk");
                assert!(failure.caught_by(&check), "{check} missed it:\n{failure}");
            }

            #[test]
            #[cfg_attr(miri, ignore)]
            fn caught_by_loom() {
                caught("::loom", "caught_by_loom");
            }

            #[test]
            #[cfg_attr(miri, ignore)]
            fn caught_by_shuttle_pct() {
                caught("::shuttle_pct", "caught_by_shuttle_pct");
            }
        }
    }

    /// Raw locks through the lock suite's model checks: one of each kind in
    /// `synclab::raw_locks!` (spinning, FIFO, sleeping). Their own models run every one.
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

                    #[test]
                    #[cfg_attr(miri, ignore)]
                    fn loom() {
                        suite().only("::loom").assert_passes(&test_name(module_path!(), "loom"));
                    }

                    #[test]
                    #[cfg_attr(miri, ignore)]
                    fn shuttle() {
                        suite().only("::shuttle").assert_passes(&test_name(module_path!(), "shuttle"));
                    }
                }
            )* };
        }

        lock_suites! {
            tas => TasLock;
            ticket => TicketLock;
            parking => ParkingLock;
        }

        /// The planted Relaxed spin lock excludes, but does not order the critical
        /// sections: loom's race detector catches it, shuttle (sequentially consistent)
        /// cannot. The suite's report shows exactly that.
        #[test]
        #[cfg_attr(miri, ignore)]
        fn planted_relaxed_is_caught_by_loom_only() {
            use synclab::lock::planted::RelaxedSpinLock;
            let test = test_name(module_path!(), "planted_relaxed_is_caught_by_loom_only");
            let suite = || {
                conformance::raw_lock::<
                    RelaxedSpinLock,
                    synclab::loom::lock::planted::RelaxedSpinLock,
                    synclab::shuttle::lock::planted::RelaxedSpinLock,
                >()
                .only("exclusion::")
            };
            let failure =
                (suite().only("::loom").run(&test)).expect_err("loom catches the missing ordering");
            assert!(failure.caught_by("lock::exclusion::loom"), "{failure}");
            (suite().only("::shuttle").run(&test)).expect("shuttle cannot see ordering bugs");
        }
    }

    /// A "user" semaphore that checks for a permit and then takes it in two steps, on
    /// the facade of each flavour: two threads can take the last permit.
    macro_rules! racy_semaphore {
        ($name:ident, $($flavour:ident)::+) => {
            struct $name {
                available: $($flavour)::+::rt::sync::atomic::AtomicUsize,
            }

            impl synclab::lock::RawSemaphore for $name {
                fn new(permits: usize) -> Self {
                    let available = $($flavour)::+::rt::sync::atomic::AtomicUsize::new(permits);
                    Self { available }
                }

                fn acquire(&self) {
                    while !self.try_acquire() {
                        $($flavour)::+::rt::hint::spin_loop();
                    }
                }

                fn try_acquire(&self) -> bool {
                    use std::sync::atomic::Ordering::{Acquire, Release};
                    let n = self.available.load(Acquire);
                    // BUG: another thread can take the same permit between these two.
                    n > 0 && {
                        self.available.store(n - 1, Release);
                        true
                    }
                }

                fn release(&self) {
                    self.available.fetch_add(1, std::sync::atomic::Ordering::Release);
                }

                fn available_permits(&self) -> usize {
                    self.available.load(std::sync::atomic::Ordering::Acquire)
                }
            }
        };
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
            suite()
                .only("::loom")
                .assert_passes(&test_name(module_path!(), "loom"));
        }

        #[test]
        #[cfg_attr(miri, ignore)]
        fn shuttle() {
            suite()
                .only("::shuttle")
                .assert_passes(&test_name(module_path!(), "shuttle"));
        }

        racy_semaphore!(RacyStd, synclab);
        racy_semaphore!(RacyLoom, synclab::loom);
        racy_semaphore!(RacyShuttle, synclab::shuttle);

        /// The check-then-take semaphore is caught by the loom and PCT checks of the suite.
        #[test]
        #[cfg_attr(miri, ignore)]
        fn racy_is_caught_by_loom_and_shuttle_pct() {
            let test = test_name(module_path!(), "racy_is_caught_by_loom_and_shuttle_pct");
            let suite = conformance::semaphore::<RacyStd, RacyLoom, RacyShuttle>;
            for checker in ["loom", "shuttle_pct"] {
                let failure = (suite().only(&format!("::{checker}")).run(&test))
                    .expect_err("the suite catches the double grant");
                for property in ["bound", "linearizable"] {
                    let check = format!("semaphore::{property}::{checker}");
                    assert!(failure.caught_by(&check), "{check} missed it:\n{failure}");
                }
            }
        }
    }
}
