//! What a failure shows: the trace says which store each load read from, has a row per
//! fence and shows large values compactly; a long stress failure message is cut to its
//! ends, and kept whole in a file.

use synclab::check::{self, Checker, Failure};

#[cfg(feature = "loom")]
const LOOM: Checker = Checker::Loom {
    preemption_bound: 2,
};

/// The rows of `failure`'s table that contain `text`.
#[cfg(any(feature = "loom", feature = "shuttle"))]
fn rows(failure: &Failure, text: &str) -> Vec<String> {
    let table = failure.trace.as_ref().expect("a recorded trace").table();
    table
        .lines()
        .filter(|l| l.contains(text))
        .map(str::to_string)
        .collect()
}

/// Message passing with `Relaxed` only: the reader sees the flag set and still reads the
/// old data. The trace says where each load got its value: the flag from the writer's
/// store, the data from the initial value although the writer's store came before.
#[test]
#[cfg(feature = "loom")]
#[cfg_attr(miri, ignore)]
fn a_stale_load_says_which_store_it_read_and_which_one_is_newer() {
    let failure = check::run("trace::message_passing::loom", LOOM, || {
        use synclab::loom::rt::sync::atomic::{AtomicUsize, Ordering::Relaxed};
        use synclab::loom::rt::{sync::Arc, thread};
        let shared = Arc::new((AtomicUsize::new(0), AtomicUsize::new(0)));
        let writer = {
            let shared = Arc::clone(&shared);
            thread::spawn(move || {
                shared.0.store(7, Relaxed); // the data
                shared.1.store(1, Relaxed); // the flag
            })
        };
        if shared.1.load(Relaxed) == 1 {
            assert_eq!(shared.0.load(Relaxed), 7, "stale data");
        }
        writer.join().unwrap();
    })
    .expect_err("loom lets the data load read the old value");
    assert!(failure.message.contains("stale data"), "{failure}");
    let table = failure.trace.as_ref().unwrap().table();
    let step_of = |row: &str| row.split('|').next().unwrap().trim().to_string();
    let data_store = step_of(&rows(&failure, "store Relaxed ← 7")[0]);
    let flag_store = step_of(&rows(&failure, "store Relaxed ← 1")[0]);
    assert_eq!(
        rows(
            &failure,
            &format!("load Relaxed → 1 (from step {flag_store})")
        )
        .len(),
        1,
        "{table}"
    );
    assert_eq!(
        rows(
            &failure,
            &format!("load Relaxed → 0 (initial; step {data_store} is newer)")
        )
        .len(),
        1,
        "{table}"
    );
}

/// A fence is a row of its own, and a value near the top of its type reads `MAX`.
#[test]
#[cfg(feature = "shuttle")]
#[cfg_attr(miri, ignore)]
fn fences_are_rows_and_large_values_are_compact() {
    let checker = Checker::ShuttleRandom { iterations: 1 };
    let failure = check::run("trace::fence::shuttle", checker, || {
        use synclab::shuttle::rt::sync::atomic::{AtomicUsize, Ordering::SeqCst, fence};
        let word = AtomicUsize::new(0);
        word.store(usize::MAX, SeqCst);
        fence(SeqCst);
        word.fetch_sub(1, SeqCst);
        panic!("planted: {}", word.load(SeqCst));
    })
    .expect_err("it always fails");
    let table = failure.trace.as_ref().unwrap().table();
    assert_eq!(rows(&failure, "fence SeqCst").len(), 1, "{table}");
    assert_eq!(rows(&failure, "store SeqCst ← MAX").len(), 1, "{table}");
    assert_eq!(
        rows(&failure, "fetch_sub SeqCst MAX → MAX-1").len(),
        1,
        "{table}"
    );
}

/// A stress failure is not shrunk; a message of a thousand lines is cut to its first and
/// last lines, and the whole of it is in the file that the cut names.
#[test]
#[cfg_attr(miri, ignore)]
fn a_long_stress_failure_message_is_cut_and_kept_whole_in_a_file() {
    let history: Vec<String> = (0..1_000).map(|i| format!("operation {i}")).collect();
    let whole = format!("not linearizable\n{}\nstuck here", history.join("\n"));
    let message = whole.clone();
    let checker = Checker::Stress { iterations: 1 };
    let failure = check::run("trace::long_message::stress", checker, move || {
        panic!("{message}")
    })
    .expect_err("it always fails");
    let lines: Vec<&str> = failure.message.lines().collect();
    assert!(lines.len() <= check::MAX_MESSAGE_LINES + 1, "{failure}");
    assert_eq!(lines[0], "not linearizable");
    assert_eq!(lines[lines.len() - 1], "stuck here");
    let cut = lines
        .iter()
        .find(|l| l.contains("lines cut"))
        .expect("a cut");
    let file = cut
        .split("the whole message is in ")
        .nth(1)
        .and_then(|rest| rest.strip_suffix(" ...]"))
        .expect("the file");
    assert_eq!(std::fs::read_to_string(file).unwrap(), whole);
}
