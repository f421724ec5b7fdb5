//! The planted-bug gallery's claims that only the root package can check: the Miri column
//! of the matrix (only `cargo miri test` can check it), and the copy of the matrix in
//! `docs/gallery.md`.
//!
//! The verdict of every other cell is asserted in `models/tests/cases.rs`; `synclab demo`
//! and `synclab matrix` are tested in `cli/tests/gallery.rs`.

use synclab::check::{self, Checker};
use synclab::gallery::{self, Claim};

/// `docs/gallery.md` holds the matrix that `synclab matrix` measures (regenerate it with
/// `cargo run --release -- matrix --write docs/gallery.md`), and every verdict in it is
/// the one the gallery's data claims. `cargo test` checks each claim against a fresh
/// measurement (`gallery::BUG::COLUMN` in `models/tests/cases.rs`), so the table cannot
/// go stale unnoticed. Medians of executions vary with the build, and the std stress
/// column with the machine (it is measured, not claimed): only claimed verdicts count.
#[test]
#[cfg_attr(miri, ignore)]
fn the_docs_hold_the_claimed_verdicts() {
    let docs = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/gallery.md"))
        .expect("docs/gallery.md");
    let table = gallery::docs::table(&docs).expect("the matrix markers");
    let word = |claim: Claim| match claim {
        Claim::Found => Some("found"),
        Claim::Missed => Some("missed"),
        Claim::NotRun => Some("—"),
        Claim::Unclaimed => None,
    };
    let bugs = gallery::all();
    let rows: Vec<&str> = table.lines().filter(|l| l.starts_with("| `")).collect();
    assert_eq!(rows.len(), bugs.len(), "one row per bug:\n{table}");
    for (row, bug) in rows.iter().zip(&bugs) {
        // `| `name` | family | kind | loom | random | d1 | d2 | d3 | stress | Miri |`
        let cells: Vec<&str> = row.split('|').map(str::trim).collect();
        let first_word = |i: usize| cells[i].split(' ').next().unwrap_or("");
        assert_eq!(
            cells[1],
            format!("`{}`", bug.name),
            "rows out of order:\n{table}"
        );
        assert_eq!(cells[2], bug.family.name(), "{}", bug.name);
        assert_eq!(cells[3], bug.kind.name(), "{}", bug.name);
        for (i, claim) in bug.claims.iter().chain([&bug.miri]).enumerate() {
            if let Some(word) = word(*claim) {
                assert_eq!(
                    first_word(4 + i),
                    word,
                    "docs/gallery.md is stale for {} (column {}): run \
                     `cargo run --release -- matrix --write docs/gallery.md`",
                    bug.name,
                    4 + i
                );
            }
        }
    }
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
        let Some(scenario) = bug.scenario(gallery::COLUMNS[5].checker) else {
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
