//! This crate's primitives through synclab's conformance suites.
//!
//! The same source files as the library's, compiled again against synclab's loom and
//! shuttle facades. Test names carry the check: `conformance::counter::hit::loom` runs the
//! counter suite's loom check on [`HitCounter`]; the `split_fetch` tests assert that the
//! suite catches the bug planted in [`SplitFetchCounter`], and the `lock` tests do the same
//! for [`SpinLock`] and [`CheckThenSetLock`].
//!
//! [`HitCounter`]: synclab_conformance_example::my_counter::HitCounter
//! [`SplitFetchCounter`]: synclab_conformance_example::my_counter::SplitFetchCounter
//! [`SpinLock`]: synclab_conformance_example::my_lock::SpinLock
//! [`CheckThenSetLock`]: synclab_conformance_example::my_lock::CheckThenSetLock

// Compiling the library's files again, once per flavour, is the point.
#![allow(clippy::duplicate_mod)]

/// The loom flavour of this crate's primitives: the same files, next to synclab's loom `rt`.
#[path = "."] // `#[path]`s inside are relative to `tests/`, not to a `tests/loom_flavour/` directory
mod loom_flavour {
    pub use synclab::loom::rt;
    #[path = "../src/my_counter.rs"]
    pub mod my_counter;
    #[path = "../src/my_lock.rs"]
    pub mod my_lock;
}

/// The shuttle flavour of this crate's primitives: the same files, next to synclab's shuttle `rt`.
#[path = "."] // `#[path]`s inside are relative to `tests/`, not to a `tests/shuttle_flavour/` directory
mod shuttle_flavour {
    pub use synclab::shuttle::rt;
    #[path = "../src/my_counter.rs"]
    pub mod my_counter;
    #[path = "../src/my_lock.rs"]
    pub mod my_lock;
}

mod conformance {
    mod counter {
        use crate::{loom_flavour, shuttle_flavour};
        use synclab::conformance::Suite;
        use synclab_conformance_example::my_counter as std_flavour;

        /// The counter suite on the correct counter: every check passes.
        mod hit {
            use super::*;

            fn suite() -> Suite {
                synclab::conformance::counter::<
                    std_flavour::HitCounter,
                    loom_flavour::my_counter::HitCounter,
                    shuttle_flavour::my_counter::HitCounter,
                >()
            }

            #[test]
            #[cfg_attr(miri, ignore)]
            fn loom() {
                suite()
                    .only("::loom")
                    .assert_passes("conformance::counter::hit::loom");
            }

            #[test]
            #[cfg_attr(miri, ignore)]
            fn shuttle_pct() {
                suite()
                    .only("::shuttle_pct")
                    .assert_passes("conformance::counter::hit::shuttle_pct");
            }

            #[test]
            #[cfg_attr(miri, ignore)]
            fn shuttle_random() {
                suite()
                    .only("::shuttle_random")
                    .assert_passes("conformance::counter::hit::shuttle_random");
            }

            #[test]
            fn stress() {
                suite()
                    .only("::stress")
                    .assert_passes("conformance::counter::hit::stress");
            }

            #[test]
            #[cfg_attr(miri, ignore)]
            fn proptest() {
                suite()
                    .only("::proptest")
                    .assert_passes("conformance::counter::hit::proptest");
            }
        }

        /// The counter suite on the buggy counter: the model checkers must catch it.
        mod split_fetch {
            use super::*;
            use synclab::conformance::SuiteFailure;

            fn suite() -> Suite {
                synclab::conformance::counter::<
                    std_flavour::SplitFetchCounter,
                    loom_flavour::my_counter::SplitFetchCounter,
                    shuttle_flavour::my_counter::SplitFetchCounter,
                >()
            }

            /// Runs the checks matching `part` and returns the failure they must report.
            fn caught(part: &str, test: &str) -> SuiteFailure {
                let failure = suite()
                    .only(part)
                    .run(test)
                    .expect_err("the suite must catch the split fetch_add");
                let check = format!("counter::linearizable{part}");
                assert!(failure.caught_by(&check), "{failure}");
                failure
            }

            #[test]
            #[cfg_attr(miri, ignore)]
            fn caught_by_loom() {
                let failure = caught(
                    "::loom",
                    "conformance::counter::split_fetch::caught_by_loom",
                );
                let text = failure.to_string();
                // The learner sees the smallest scenario, the explanation and a replay.
                assert!(text.contains("Shrunk"), "{text}");
                assert!(text.contains("not linearizable"), "{text}");
                assert!(text.contains("fetch_add(1) -> 0"), "{text}");
                assert!(text.contains("LOOM_CHECKPOINT_FILE"), "{text}");
            }

            #[test]
            #[cfg_attr(miri, ignore)]
            fn caught_by_shuttle_pct() {
                let failure = caught(
                    "::shuttle_pct",
                    "conformance::counter::split_fetch::caught_by_shuttle_pct",
                );
                let text = failure.to_string();
                assert!(
                    text.contains("SYNCLAB_CHECK=counter::linearizable::shuttle_pct"),
                    "{text}"
                );
                assert!(text.contains("SYNCLAB_REPLAY="), "{text}");
            }

            #[test]
            #[cfg_attr(miri, ignore)]
            fn caught_by_shuttle_random() {
                caught(
                    "::shuttle_random",
                    "conformance::counter::split_fetch::caught_by_shuttle_random",
                );
            }
        }
    }

    mod lock {
        use crate::{loom_flavour, shuttle_flavour};
        use synclab::conformance::Suite;
        use synclab_conformance_example::my_lock as std_flavour;

        /// The lock suite on the correct spin lock: every check passes.
        mod spin {
            use super::*;

            fn suite() -> Suite {
                synclab::conformance::raw_lock::<
                    std_flavour::SpinLock,
                    loom_flavour::my_lock::SpinLock,
                    shuttle_flavour::my_lock::SpinLock,
                >()
            }

            #[test]
            #[cfg_attr(miri, ignore)]
            fn loom() {
                suite()
                    .only("::loom")
                    .assert_passes("conformance::lock::spin::loom");
            }

            #[test]
            #[cfg_attr(miri, ignore)]
            fn shuttle() {
                suite()
                    .only("::shuttle")
                    .assert_passes("conformance::lock::spin::shuttle");
            }

            #[test]
            fn stress() {
                suite()
                    .only("::stress")
                    .assert_passes("conformance::lock::spin::stress");
            }

            #[test]
            #[cfg_attr(miri, ignore)]
            fn proptest() {
                suite()
                    .only("::proptest")
                    .assert_passes("conformance::lock::spin::proptest");
            }
        }

        /// The lock suite on the check-then-set lock: the model checkers must catch it.
        /// (It refuses to run on real threads, so its std checks are not run.)
        mod check_then_set {
            use super::*;

            fn suite() -> Suite {
                synclab::conformance::raw_lock::<
                    std_flavour::CheckThenSetLock,
                    loom_flavour::my_lock::CheckThenSetLock,
                    shuttle_flavour::my_lock::CheckThenSetLock,
                >()
            }

            #[test]
            #[cfg_attr(miri, ignore)]
            fn caught_by_loom() {
                let failure = suite()
                    .only("::loom")
                    .run("conformance::lock::check_then_set::caught_by_loom")
                    .expect_err("the suite must catch the check-then-set race");
                for check in ["lock::exclusion::loom", "lock::linearizable::loom"] {
                    assert!(failure.caught_by(check), "{check} missed it:\n{failure}");
                }
                let text = failure.to_string();
                // loom's race detector sees the two writers of the guarded counter.
                assert!(text.contains("Causality violation"), "{text}");
                // The recorded history shows a try_lock that won while the lock was held.
                assert!(
                    text.contains("impossible in state held by client"),
                    "{text}"
                );
                assert!(text.contains("Shrunk"), "{text}");
            }

            #[test]
            #[cfg_attr(miri, ignore)]
            fn caught_by_shuttle_pct() {
                let failure = suite()
                    .only("::shuttle_pct")
                    .run("conformance::lock::check_then_set::caught_by_shuttle_pct")
                    .expect_err("the suite must catch the check-then-set race");
                for check in [
                    "lock::exclusion::shuttle_pct",
                    "lock::linearizable::shuttle_pct",
                ] {
                    assert!(failure.caught_by(check), "{check} missed it:\n{failure}");
                }
            }
        }
    }
}
