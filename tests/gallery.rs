//! The planted-bug gallery from the command line (`synclab demo`, `synclab matrix`), and
//! the Miri column of the matrix: the claims that only `cargo miri test` can check.
//!
//! The verdict of every other cell is asserted in `models/tests/gallery.rs`.

use std::process::{Command, Output};
use synclab::check::{self, Checker};
use synclab::gallery::{self, Claim};

fn synclab(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_synclab"));
    command
        .args(args)
        .env_remove("SYNCLAB_REPLAY")
        .env_remove("LOOM_CHECKPOINT_FILE");
    for (key, value) in env {
        command.env(key, value);
    }
    command.output().expect("the synclab binary runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
#[cfg_attr(miri, ignore)]
fn demo_list_json_names_every_bug_with_its_checkers() {
    let output = synclab(&["demo", "--list", "--json"], &[]);
    assert!(output.status.success());
    let list: serde_json::Value = serde_json::from_slice(&output.stdout).expect("one JSON array");
    let list = list.as_array().expect("an array");
    assert_eq!(list.len(), gallery::all().len());
    assert!(list.len() >= 12);
    for (entry, bug) in list.iter().zip(gallery::all()) {
        assert_eq!(entry["name"], bug.name);
        assert_eq!(entry["family"], bug.family.name());
        assert_eq!(entry["kind"], bug.kind.name());
        let caught_by: Vec<&str> = (entry["caught_by"].as_array().expect("caught_by"))
            .iter()
            .map(|c| c.as_str().expect("a checker name"))
            .collect();
        assert_eq!(caught_by, bug.caught_by());
    }
}

/// The demo prints the table and a replay command; running that command finds the same
/// failure in its first execution.
#[test]
#[cfg_attr(miri, ignore)]
fn a_shuttle_demo_prints_a_table_and_a_replay_that_fails_at_once() {
    let output = synclab(&["demo", "counter_load_store"], &[]);
    assert!(output.status.success(), "{}", stdout(&output));
    let text = stdout(&output);
    assert!(text.contains(" step | thread 0"), "{text}");
    assert!(text.contains("load Relaxed → 0"), "{text}");
    assert!(
        text.contains("let prev = self.value.load(Relaxed);"),
        "{text}"
    );
    assert!(text.contains("The fixed version passes"), "{text}");
    let schedule = text
        .lines()
        .find_map(|l| l.strip_prefix("replay: SYNCLAB_REPLAY='"))
        .and_then(|rest| rest.split('\'').next())
        .expect("a replay line");
    assert!(
        text.contains("cargo run --release -- demo counter_load_store --checker shuttle_pct"),
        "{text}"
    );
    let replayed = synclab(
        &["demo", "counter_load_store", "--checker", "shuttle_pct"],
        &[("SYNCLAB_REPLAY", schedule)],
    );
    let again = stdout(&replayed);
    assert!(again.contains("found a failure in execution 1:"), "{again}");
    assert!(again.contains("lost update"), "{again}");
    assert!(replayed.status.success(), "{again}");
}

#[test]
#[cfg_attr(miri, ignore)]
fn a_loom_demo_replays_from_its_checkpoint() {
    let output = synclab(&["demo", "once_relaxed_check"], &[]);
    let text = stdout(&output);
    assert!(output.status.success(), "{text}");
    assert!(text.contains("Causality violation"), "{text}");
    assert!(text.contains("load Relaxed → true"), "{text}");
    let checkpoint = text
        .split_whitespace()
        .find_map(|w| w.strip_prefix("LOOM_CHECKPOINT_FILE="))
        .expect("a checkpoint in the replay line");
    let replayed = synclab(
        &["demo", "once_relaxed_check", "--checker", "loom"],
        &[("LOOM_CHECKPOINT_FILE", checkpoint)],
    );
    let again = stdout(&replayed);
    assert!(again.contains("found a failure in execution 1:"), "{again}");
    assert!(again.contains("The fixed version passes"), "{again}");
}

/// A checker that cannot see the bug says so, and the demo still exits 0: the docs claim
/// exactly that miss.
#[test]
#[cfg_attr(miri, ignore)]
fn a_demo_explains_a_documented_miss() {
    let output = synclab(
        &["demo", "lock_relaxed_ticket", "--checker", "shuttle_random"],
        &[],
    );
    let text = stdout(&output);
    assert!(output.status.success(), "{text}");
    assert!(text.contains("did not find the bug"), "{text}");
    assert!(text.contains("sequentially consistent"), "{text}");
}

#[test]
#[cfg_attr(miri, ignore)]
fn demo_rejects_unknown_bugs_and_checkers_it_cannot_run() {
    let output = synclab(&["demo", "no_such_bug"], &[]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("counter_load_store"));
    let output = synclab(&["demo", "lock_relaxed_spin", "--checker", "stress"], &[]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stdout(&output).contains("does not run this bug"));
}

#[test]
#[cfg_attr(miri, ignore)]
fn matrix_json_has_one_row_per_bug_and_every_checker() {
    let output = synclab(
        &[
            "matrix",
            "--json",
            "--bug",
            "counter_load_store,lock_relaxed_spin",
        ],
        &[],
    );
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let matrix: serde_json::Value = serde_json::from_slice(&output.stdout).expect("one object");
    let rows = matrix["rows"].as_array().expect("rows");
    assert_eq!(rows.len(), 2);
    let counter = &rows[0];
    assert_eq!(counter["name"], "counter_load_store");
    assert_eq!(counter["kind"], "interleaving");
    let checkers = &counter["checkers"];
    for column in gallery::COLUMNS {
        assert!(
            checkers[column.name]["found"].is_boolean(),
            "{}",
            column.name
        );
    }
    assert_eq!(checkers["loom"]["found"], true);
    assert_eq!(checkers["loom"]["median_executions"], 1);
    assert_eq!(checkers["shuttle_pct_d1"]["found"], false);
    let relaxed = &rows[1]["checkers"];
    assert_eq!(rows[1]["kind"], "ordering");
    assert_eq!(relaxed["shuttle_random"]["found"], false);
    assert!(
        relaxed["stress"]["found"].is_null(),
        "stress does not run it"
    );
}

/// `docs/gallery.md` holds the table that `synclab matrix` prints for the current code:
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
    let output = synclab(&["matrix"], &[]);
    assert!(output.status.success(), "a cell contradicts the claims");
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
    let table = docs
        .split("<!-- matrix:start -->")
        .nth(1)
        .and_then(|rest| rest.split("<!-- matrix:end -->").next())
        .expect("the matrix markers");
    assert_eq!(
        verdicts(table),
        verdicts(&stdout(&output)),
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
        let Some(scenario) = bug.scenario(synclab::gallery::COLUMNS[5].checker) else {
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
