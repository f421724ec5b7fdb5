//! The conformance suites catch planted bugs: synclab's planted primitives, and "user"
//! types written here, through the same suites downstream crates use. (The suites pass on
//! synclab's correct primitives in `tests/conformance.rs`.)

use synclab::check::test_path as test_name;

mod conformance {
    use super::test_name;
    use synclab::conformance;

    mod counter {
        use super::*;

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

    mod lock {
        use super::*;

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

                // A second bug: an over-release is never refused (`releases` sees it).
                fn release(&self) -> Result<(), synclab::error::SemaphoreError> {
                    self.available.fetch_add(1, std::sync::atomic::Ordering::Release);
                    Ok(())
                }

                fn available_permits(&self) -> usize {
                    self.available.load(std::sync::atomic::Ordering::Acquire)
                }
            }
        };
    }

    mod semaphore {
        use super::*;

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
                for property in ["bound", "releases", "linearizable"] {
                    let check = format!("semaphore::{property}::{checker}");
                    assert!(failure.caught_by(&check), "{check} missed it:\n{failure}");
                }
            }
        }
    }
}
