//! This crate's primitives through synclab's conformance suites.
//!
//! `synclab::flavours!` compiles the library's own source files again against synclab's
//! loom and shuttle facades; `synclab::conformance_tests!` writes one test per check.
//! Test names carry suite, type, property and checker:
//! `counter::hit::linearizable::loom` runs the counter suite's loom check on
//! [`HitCounter`]; `counter::split_fetch::caught_by::loom` passes only if loom catches
//! the bug planted in [`SplitFetchCounter`], and the `raw_lock` tests do the same for
//! [`SpinLock`] and [`CheckThenSetLock`]. The `what_a_failure_shows` tests pin what a
//! learner reads when a check fails.
//!
//! [`HitCounter`]: synclab_conformance_example::my_counter::HitCounter
//! [`SplitFetchCounter`]: synclab_conformance_example::my_counter::SplitFetchCounter
//! [`SpinLock`]: synclab_conformance_example::my_lock::SpinLock
//! [`CheckThenSetLock`]: synclab_conformance_example::my_lock::CheckThenSetLock

synclab::flavours!(synclab_conformance_example:
    my_counter => "../src/my_counter.rs",
    my_lock => "../src/my_lock.rs",
    my_queue => "../src/my_queue.rs",
);

synclab::conformance_tests! {
    counter {
        hit => my_counter::HitCounter;
        split_fetch => my_counter::SplitFetchCounter, caught_by [loom, shuttle_pct, shuttle_random];
    }
    // The check-then-set lock refuses to run on real threads: only the model checkers run it.
    raw_lock {
        spin => my_lock::SpinLock;
        check_then_set => my_lock::CheckThenSetLock, caught_by [loom, shuttle_pct];
    }
}

/// What a learner reads when a suite catches a bug: the smallest scenario, the
/// explanation, and a replay command that selects the failing check.
mod what_a_failure_shows {
    use synclab::conformance::{Suite, SuiteFailure};

    fn split_fetch() -> Suite {
        synclab::conformance::counter::<
            crate::std_flavour::my_counter::SplitFetchCounter,
            crate::loom_flavour::my_counter::SplitFetchCounter,
            crate::shuttle_flavour::my_counter::SplitFetchCounter,
        >()
    }

    fn check_then_set() -> Suite {
        synclab::conformance::raw_lock::<
            crate::std_flavour::my_lock::CheckThenSetLock,
            crate::loom_flavour::my_lock::CheckThenSetLock,
            crate::shuttle_flavour::my_lock::CheckThenSetLock,
        >()
    }

    /// Runs the checks matching `part` and returns the failure they must report.
    fn caught(suite: Suite, part: &str, test: &str) -> SuiteFailure {
        let test = synclab::check::test_path(module_path!(), test);
        suite
            .only(part)
            .run(&test)
            .expect_err("the suite must catch the bug")
    }

    #[test]
    #[cfg_attr(miri, ignore)]
    fn a_loom_failure_is_shrunk_explained_and_replayable() {
        let failure = caught(
            split_fetch(),
            "::loom",
            "a_loom_failure_is_shrunk_explained_and_replayable",
        );
        assert!(
            failure.caught_by("counter::linearizable::loom"),
            "{failure}"
        );
        let text = failure.to_string();
        assert!(text.contains("Shrunk"), "{text}");
        assert!(text.contains("not linearizable"), "{text}");
        assert!(text.contains("fetch_add(1) -> 0"), "{text}");
        assert!(text.contains("LOOM_CHECKPOINT_FILE"), "{text}");
    }

    /// The failure that `docs/check-any-object.md` shows (`-- --nocapture` prints it).
    #[test]
    #[cfg_attr(miri, ignore)]
    fn an_object_failure_shows_both_scenarios_the_explanation_and_the_replay() {
        use synclab::lincheck::models::{Queue, QueueOp};
        use synclab::object::Spec;
        let slot_queue = synclab::object! { |f| Spec::new(Queue::unbounded(), f::my_queue::SlotQueue::new)
            .op("push", |g| QueueOp::Push(g.unique()), |q, op| { q.push(op.value()); None })
            .op("pop", |_| QueueOp::Pop, |q, _| q.pop())
        };
        let failure = caught(
            slot_queue.suite("slot_queue"),
            "::shuttle_pct",
            "an_object_failure_shows_both_scenarios_the_explanation_and_the_replay",
        );
        let text = failure.to_string();
        println!("{text}");
        for part in [
            "as generated:",
            "shrunk in",
            "not linearizable",
            "SYNCLAB_SCENARIO=",
        ] {
            assert!(text.contains(part), "no {part:?} in:\n{text}");
        }
    }

    #[test]
    #[cfg_attr(miri, ignore)]
    fn a_shuttle_replay_selects_the_failing_check() {
        let failure = caught(
            split_fetch(),
            "::shuttle_pct",
            "a_shuttle_replay_selects_the_failing_check",
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
    fn both_lock_properties_see_the_check_then_set_race() {
        let test = "both_lock_properties_see_the_check_then_set_race";
        for checker in ["loom", "shuttle_pct"] {
            let failure = caught(check_then_set(), &format!("::{checker}"), test);
            for property in ["exclusion", "linearizable"] {
                let check = format!("lock::{property}::{checker}");
                assert!(failure.caught_by(&check), "{check} missed it:\n{failure}");
            }
        }
        let failure = caught(check_then_set(), "::loom", test);
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
}
