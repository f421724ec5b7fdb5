//! This crate's primitives through synclab's conformance suites.
//!
//! The same source files as the library's, compiled again against synclab's loom and
//! shuttle facades. Test names carry the check: `conformance::counter::hit::loom` runs the
//! counter suite's loom check on [`HitCounter`]; the `split_fetch` tests assert that the
//! suite catches the bug planted in [`SplitFetchCounter`].
//!
//! [`HitCounter`]: synclab_conformance_example::my_counter::HitCounter
//! [`SplitFetchCounter`]: synclab_conformance_example::my_counter::SplitFetchCounter

// Compiling the library's files again, once per flavour, is the point.
#![allow(clippy::duplicate_mod)]

/// The loom flavour of this crate's primitives: the same files, next to synclab's loom `rt`.
#[path = "."] // `#[path]`s inside are relative to `tests/`, not to a `tests/loom_flavour/` directory
mod loom_flavour {
    pub use synclab::loom::rt;
    #[path = "../src/my_counter.rs"]
    pub mod my_counter;
}

/// The shuttle flavour of this crate's primitives: the same files, next to synclab's shuttle `rt`.
#[path = "."] // `#[path]`s inside are relative to `tests/`, not to a `tests/shuttle_flavour/` directory
mod shuttle_flavour {
    pub use synclab::shuttle::rt;
    #[path = "../src/my_counter.rs"]
    pub mod my_counter;
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
}
