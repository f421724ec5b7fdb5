//! The planted-bug gallery: every verdict that the docs claim (`docs/gallery.md`, made by
//! `synclab matrix`) is asserted here, one test per bug and checker
//! (`counter_load_store::shuttle_pct_d2`), and every fixed twin passes the checks that
//! catch its bug.
//!
//! A `found` claim must hold for every seed of the matrix, a `missed` claim for none;
//! each found bug also carries its failing execution as a per-thread table, and its
//! printed replay reproduces the failure in one execution.

use synclab::check::{self, Checker};
use synclab::gallery::{self, COLUMNS, Cell, Claim};

/// Asserts the docs' claim for `bug` under the matrix column `column`.
fn assert_claim(bug: &str, column: &str) {
    let bug = gallery::find(bug).expect("a listed bug");
    let (index, column) = COLUMNS
        .iter()
        .enumerate()
        .find(|(_, c)| c.name == column)
        .expect("a matrix column");
    let claim = bug.claims[index];
    let cell = Cell::measure(&bug, column);
    match claim {
        Claim::Unclaimed => assert!(cell.runs > 0, "{}: the scenario did not run", bug.name),
        _ => assert!(
            cell.agrees_with(claim),
            "{} under {}: measured {}, the docs claim {claim:?}",
            bug.name,
            column.name,
            cell.text()
        ),
    }
    if claim == Claim::Found && !matches!(column.checker, Checker::Stress { .. }) {
        assert_explained_and_replayable(&bug, column.checker);
    }
}

/// The failure carries its execution as a table, and its replay fails at once.
fn assert_explained_and_replayable(bug: &gallery::Bug, checker: Checker) {
    let failure = bug.check(checker).expect("runs").expect_err("found above");
    let trace = failure
        .trace
        .as_ref()
        .expect("a model checker records the failing execution");
    assert!(
        trace.threads().len() >= 2,
        "{}: the table shows one thread only:\n{trace}",
        bug.name
    );
    let table = trace.table();
    assert!(table.contains(" step | thread"), "{table}");
    let scenario = bug.scenario(checker).expect("it ran");
    let test = bug.test_name(checker);
    let replayed = match checker {
        Checker::Loom { .. } => {
            let file = failure
                .replay
                .split_whitespace()
                .find_map(|w| w.strip_prefix("LOOM_CHECKPOINT_FILE="))
                .expect("the replay command names the checkpoint");
            check::replay_loom(&test, checker, file.as_ref(), scenario)
        }
        _ => {
            let schedule = failure
                .replay
                .split('\'')
                .nth(1)
                .expect("a quoted schedule");
            check::replay_shuttle(&test, checker, schedule, scenario)
        }
    };
    let replayed = replayed.expect_err("the replay fails again");
    assert_eq!(
        replayed.executions, 1,
        "{}: the replay ran more than once",
        bug.name
    );
    // The same steps (addresses aside: every run allocates anew).
    let path = |t: &Option<synclab::trace::Trace>| {
        let steps = &t.as_ref().expect("the replay records its steps").steps;
        steps
            .iter()
            .map(|s| (s.thread, s.op, s.location))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        path(&replayed.trace),
        path(&failure.trace),
        "{}: the replay took another path",
        bug.name
    );
}

/// The fixed twin passes the model checkers that catch the bug.
fn assert_fixed_passes(bug: &str) {
    let bug = gallery::find(bug).expect("a listed bug");
    for (column, claim) in COLUMNS.iter().zip(bug.claims) {
        if claim != Claim::Found {
            continue;
        }
        if let Some(fixed) = bug.fixed(column.checker) {
            check::assert_passes(
                &format!("gallery::{}::fixed", bug.name),
                column.checker,
                fixed,
            );
        }
    }
}

macro_rules! gallery_tests {
    ($($bug:ident),* $(,)?) => {
        $(
            mod $bug {
                use super::*;

                #[test]
                #[cfg_attr(miri, ignore)]
                fn loom() {
                    assert_claim(stringify!($bug), "loom");
                }

                #[test]
                #[cfg_attr(miri, ignore)]
                fn shuttle_random() {
                    assert_claim(stringify!($bug), "shuttle_random");
                }

                #[test]
                #[cfg_attr(miri, ignore)]
                fn shuttle_pct_d1() {
                    assert_claim(stringify!($bug), "shuttle_pct_d1");
                }

                #[test]
                #[cfg_attr(miri, ignore)]
                fn shuttle_pct_d2() {
                    assert_claim(stringify!($bug), "shuttle_pct_d2");
                }

                #[test]
                #[cfg_attr(miri, ignore)]
                fn shuttle_pct_d3() {
                    assert_claim(stringify!($bug), "shuttle_pct_d3");
                }

                #[test]
                #[cfg_attr(miri, ignore)]
                fn stress() {
                    assert_claim(stringify!($bug), "stress");
                }

                #[test]
                #[cfg_attr(miri, ignore)]
                fn fixed() {
                    assert_fixed_passes(stringify!($bug));
                }
            }
        )*

        /// Every bug of the gallery has its tests above.
        #[test]
        fn every_bug_is_tested() {
            let listed = [$(stringify!($bug)),*];
            let names: Vec<_> = gallery::all().iter().map(|b| b.name).collect();
            assert_eq!(names, listed);
        }
    };
}

gallery_tests! {
    counter_load_store,
    lock_relaxed_spin,
    lock_early_release,
    lock_barging,
    lock_relaxed_ticket,
    lock_relaxed_mcs_handover,
    semaphore_check_then_act,
    condvar_if_not_while,
    condvar_notify_before_change,
    barrier_no_generation,
    once_relaxed_check,
    map_load_store_cursor,
    pool_relaxed_result,
}

/// The headline facts the docs build on, across the whole gallery.
#[test]
fn loom_finds_every_bug_it_runs_and_shuttle_no_ordering_bug() {
    let bugs = gallery::all();
    assert!(bugs.len() >= 12, "the gallery keeps at least 12 bugs");
    for bug in &bugs {
        let [loom, random, d1, d2, d3, _] = bug.claims;
        assert!(matches!(loom, Claim::Found | Claim::NotRun), "{}", bug.name);
        match bug.kind {
            gallery::Kind::Ordering => {
                assert_eq!([random, d1, d2, d3], [Claim::Missed; 4], "{}", bug.name);
            }
            gallery::Kind::Interleaving => {
                assert_eq!([random, d3], [Claim::Found; 2], "{}", bug.name);
            }
        }
    }
    for family in ["counter", "lock", "map"] {
        for kind in [gallery::Kind::Interleaving, gallery::Kind::Ordering] {
            assert!(
                bugs.iter().any(|b| b.family == family && b.kind == kind)
                    || (family == "counter" && kind == gallery::Kind::Ordering),
                "no {kind:?} bug in the {family} family"
            );
        }
    }
}
