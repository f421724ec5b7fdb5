//! `synclab::object` on synclab's collections: what a failing check reports, and the
//! docs chapter's example kept verbatim. (Each collection's suite, and each planted twin
//! caught, is a test in `tests/conformance.rs`; the planted bugs' matrix cells are in the
//! gallery.)

use synclab::check::Suite;
use synclab::collections::planted::DuplicatingQueue;
use synclab::collections::{SpscRing, TwoLockQueue};
use synclab::lincheck::models::{Queue, QueueOp};
use synclab::object::{Object, Scenario, Shape, Spec};

fn duplicating_queue() -> Suite {
    synclab::conformance::queue::<
        DuplicatingQueue,
        synclab::loom::collections::planted::DuplicatingQueue,
        synclab::shuttle::collections::planted::DuplicatingQueue,
    >()
}

#[test]
#[cfg_attr(miri, ignore)]
fn a_failure_shows_both_scenarios_the_explanation_and_a_replay_of_its_scenario() {
    let failure = duplicating_queue()
        .only("shuttle_pct")
        .run("object::a_failure")
        .expect_err("two pops of one value");
    let text = failure.to_string();
    for part in [
        "as generated:\n",
        "shrunk in ",
        "thread 0: ",
        "not linearizable",
        "is the main thread",
        "SYNCLAB_CHECK=queue::linearizable::shuttle_pct SYNCLAB_SCENARIO=",
        "SYNCLAB_REPLAY=",
    ] {
        assert!(text.contains(part), "no {part:?} in:\n{text}");
    }
}

#[test]
#[cfg_attr(miri, ignore)]
fn an_spsc_ring_refuses_a_second_producer_instead_of_racing() {
    let failure = synclab::conformance::queue::<
        SpscRing<u32, 2>,
        synclab::loom::collections::SpscRing<u32, 2>,
        synclab::shuttle::collections::SpscRing<u32, 2>,
    >()
    .only("shuttle_random")
    .run("object::spsc_as_mpmc")
    .expect_err("two threads push in the MPMC suite");
    assert!(
        failure.to_string().contains("SpscRing: two threads"),
        "{failure}"
    );
}

#[test]
fn scenarios_are_fixed_by_the_seed_and_keep_their_shape() {
    let queue = || -> Object<Queue> {
        synclab::object!(
            synclab
                | f
                | Spec::new(Queue::unbounded(), f::collections::TwoLockQueue::new)
                    .op(
                        "push",
                        |g| QueueOp::Push(g.unique()),
                        |q, op| q.push(op.value()).err()
                    )
                    .op("pop", |_| QueueOp::Pop, |q, _| q.pop())
        )
    };
    let shape = Shape {
        scenarios: 3,
        init: 1,
        threads: 2,
        ops: 2,
        post: 1,
    };
    let scenarios: Vec<Scenario<QueueOp>> = queue().scenarios(&shape);
    assert_eq!(scenarios, queue().scenarios(&shape));
    assert_ne!(scenarios, queue().with_seed(1).scenarios(&shape));
    assert!(scenarios.iter().all(|s| s.size() == (2, 6)));
    let _ = TwoLockQueue::<u32>::new();
}

/// `docs/check-any-object.md` shows the example's test file as it is.
#[test]
#[cfg_attr(miri, ignore)]
fn the_chapter_holds_the_example_verbatim() {
    let read = |path: &str| {
        let path = format!("{}/{path}", env!("CARGO_MANIFEST_DIR"));
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
    };
    let chapter = read("docs/check-any-object.md");
    let example = read("examples/conformance/tests/queue.rs");
    assert!(
        chapter.contains(&format!("```rust\n{example}```")),
        "docs/check-any-object.md does not show examples/conformance/tests/queue.rs as it is"
    );
    let lines = example.lines().count();
    assert!(lines < 30, "the example has {lines} lines");
    assert!(
        chapter.contains(&format!("({lines} lines,")),
        "the chapter miscounts"
    );
}
