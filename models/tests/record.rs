//! loom and shuttle checks of `synclab::record`: a recorded history catches the planted
//! lost-update counter, shrinking brings the failure down to two threads with one
//! `fetch_add` each, and the explanation shows it.
//!
//! **Why these bounds suffice.** The lost update needs one preemption: one thread stopped
//! between its load and its store while the other completes a `fetch_add`. loom with
//! 2 threads and a preemption bound of 2 explores every such schedule (and finds the bug
//! in its first few executions); each recorded call adds two clock ticks, which keeps
//! loom to 2 threads. shuttle PCT needs depth 2 for it (see `models/tests/planted.rs`).

use synclab::check::{self, Checker};

/// The smallest failing scenario: two threads with one operation each (two
/// `fetch_add`s that return the same total, or an add that the final `get` misses).
fn assert_two_single_ops<P: std::fmt::Debug>(shrunk: &check::Shrunk<P>) {
    let lengths: Vec<usize> = shrunk.programs.iter().map(Vec::len).collect();
    assert_eq!(lengths, [1, 1], "{shrunk}");
    let text = shrunk.to_string();
    for line in [
        "not linearizable",
        "client  op  call  return  operation",
        "fetch_add(1) -> 0",
        "impossible in state",
    ] {
        assert!(text.contains(line), "missing {line:?} in:\n{text}");
    }
}

mod record {
    use super::*;

    mod planted_load_store {
        use super::*;

        #[test]
        #[cfg_attr(miri, ignore)]
        fn loom() {
            use synclab::loom::counter::checks::{self as scenario, Op::*};
            use synclab::loom::counter::planted::LoadStoreCounter;
            let programs = vec![vec![FetchAdd(1), Get], vec![Add(1), FetchAdd(1)]];
            let checker = Checker::Loom {
                preemption_bound: 2,
            };
            let shrunk =
                check::run_shrinking("record::planted_load_store::loom", checker, programs, |p| {
                    move || {
                        if let Err(violation) = scenario::linearizable(LoadStoreCounter::new(), &p)
                        {
                            panic!("{violation}");
                        }
                    }
                })
                .expect_err("loom finds the lost update in the recorded history");
            println!("{shrunk}");
            assert_two_single_ops(&shrunk);
            assert!(shrunk.original.replay.checkpoint().is_some(), "{shrunk}");
        }

        #[test]
        #[cfg_attr(miri, ignore)]
        fn shuttle_pct() {
            use synclab::shuttle::counter::checks::{self as scenario, Op::*};
            use synclab::shuttle::counter::planted::LoadStoreCounter;
            let programs = vec![vec![FetchAdd(1), Get, FetchAdd(1)]; 3];
            let checker = Checker::ShuttlePct {
                iterations: 200,
                depth: 2,
            };
            let shrunk = check::run_shrinking(
                "record::planted_load_store::shuttle_pct",
                checker,
                programs,
                |p| {
                    move || {
                        if let Err(violation) = scenario::linearizable(LoadStoreCounter::new(), &p)
                        {
                            panic!("{violation}");
                        }
                    }
                },
            )
            .expect_err("shuttle PCT finds the lost update in the recorded history");
            assert_two_single_ops(&shrunk);
            assert_eq!(shrunk.original_size, (3, 9));
            assert!(shrunk.original.replay.schedule().is_some(), "{shrunk}");
            // The smallest failing execution, step by step.
            assert!(shrunk.to_string().contains(" step | thread"), "{shrunk}");
        }
    }

    /// The correct counter passes the very check that catches the planted one.
    #[test]
    #[cfg_attr(miri, ignore)]
    fn atomic_passes_loom() {
        use synclab::loom::counter::AtomicCounter;
        use synclab::loom::counter::checks::{self as scenario, Op::*};
        let checker = Checker::Loom {
            preemption_bound: 2,
        };
        check::assert_passes("record::atomic::loom", checker, || {
            let programs = [vec![FetchAdd(1), Get], vec![Add(1), FetchAdd(1)]];
            scenario::linearizable(AtomicCounter::new(), &programs).unwrap();
        });
    }
}
