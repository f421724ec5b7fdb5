//! The planted-bug gallery's claims that only the root package can check: the Miri column
//! of the matrix (only `cargo miri test` can check it), and the copy of the matrix in
//! `docs/gallery.md`.
//!
//! The verdict of every other cell is asserted in `models/tests/gallery.rs`; `synclab demo`
//! and `synclab matrix` are tested in `cli/tests/gallery.rs`.

use synclab::check::{self, Checker};
use synclab::gallery::{self, Claim, Matrix};

/// `docs/gallery.md` holds the table that `synclab matrix` prints for the current code
/// (and every cell agrees with the claims, which `synclab matrix` checks too):
/// regenerate it with `cargo run --release -- matrix --write docs/gallery.md`. Medians
/// of executions vary with the build, and the std stress column with the machine (it is
/// measured, not claimed); every other found/missed/not-run must match.
#[test]
#[cfg_attr(miri, ignore)]
fn the_docs_hold_the_current_matrix() {
    let docs = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/gallery.md"))
        .expect("docs/gallery.md");
    // `| bug | family | kind | loom | random | d1 | d2 | d3 | stress |`: split on `|`,
    // the stress cell is the tenth piece (the first is empty).
    const STRESS_COLUMN: usize = 9;
    // What `synclab matrix` measures and prints, measured here in-process.
    let matrix = Matrix::measure(&gallery::all(), |_, _| {});
    let disagreements = matrix.disagreements();
    assert!(
        disagreements.is_empty(),
        "cells contradict the claims: {disagreements:?}"
    );
    let verdicts = |table: &str| -> Vec<String> {
        table
            .lines()
            .filter(|l| l.starts_with("| `"))
            .map(|l| {
                let mut cells: Vec<String> = (l.split('|'))
                    .map(|cell| cell.trim().split(' ').next().unwrap_or("").to_string())
                    .collect();
                cells.remove(STRESS_COLUMN);
                cells.join("|")
            })
            .collect()
    };
    let table = gallery::docs::table(&docs).expect("the matrix markers");
    assert_eq!(
        verdicts(table),
        verdicts(&matrix.markdown()),
        "docs/gallery.md is stale: run `cargo run --release -- matrix --write docs/gallery.md`"
    );
}

/// The Miri column: Miri runs the std stress scenario of each bug that is safe to run
/// on real threads, with its own scheduler preempting threads at random points, and must
/// find every bug the docs say it finds. (Natively the same stress runs are unclaimed:
/// two cores and a thread spawn per execution rarely overlap the racing steps.)
#[test]
#[cfg_attr(
    not(miri),
    ignore = "the Miri column is checked by `cargo miri test` (CI runs it)"
)]
fn miri_finds_what_the_docs_claim() {
    for bug in gallery::all() {
        let Some(scenario) = bug.stress else {
            assert_eq!(bug.miri, Claim::NotRun, "{}", bug.name);
            continue;
        };
        let outcome = check::run(
            &format!("gallery::{}::miri", bug.name),
            Checker::Stress { iterations: 100 },
            scenario,
        );
        match bug.miri {
            Claim::Found => {
                outcome.expect_err(&format!("Miri must find {}", bug.name));
            }
            Claim::Missed => {
                outcome.unwrap_or_else(|f| panic!("Miri found {}: {f}", bug.name));
            }
            _ => {}
        }
    }
}
