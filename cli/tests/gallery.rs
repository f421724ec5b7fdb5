//! The planted-bug gallery from the command line: `synclab demo` and `synclab matrix`.
//!
//! The verdict of every cell of the matrix is asserted in `models/tests/gallery.rs`, the
//! Miri column and the docs' copy of the matrix in `tests/gallery.rs` at the root.

use std::process::{Command, Output};
use synclab::gallery;

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
    // --json is for --list only: refused, not ignored, for a run.
    let output = synclab(&["demo", "counter_load_store", "--json"], &[]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("--list"));
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

/// `matrix --write FILE` replaces the table between the markers and keeps the rest; a
/// file without the markers is refused and left alone.
#[test]
#[cfg_attr(miri, ignore)]
fn matrix_write_replaces_the_table_between_the_markers() {
    let dir = std::env::temp_dir().join(format!("synclab-matrix-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary directory");
    let path = dir.join("gallery.md");
    let before = "Intro.\n<!-- matrix:start -->\n| stale |\n<!-- matrix:end -->\nOutro.\n";
    std::fs::write(&path, before).expect("written");
    let path_arg = path.to_str().expect("a UTF-8 path");
    let output = synclab(
        &["matrix", "--bug", "counter_load_store", "--write", path_arg],
        &[],
    );
    assert!(output.status.success(), "{}", stdout(&output));
    let after = std::fs::read_to_string(&path).expect("read back");
    assert!(
        after.starts_with("Intro.\n<!-- matrix:start -->\n| bug |"),
        "{after}"
    );
    assert!(after.contains("| `counter_load_store` |"), "{after}");
    assert!(!after.contains("stale"), "{after}");
    assert!(
        after.ends_with("|\n<!-- matrix:end -->\nOutro.\n"),
        "{after}"
    );

    std::fs::write(&path, "no markers\n").expect("written");
    let output = synclab(
        &["matrix", "--bug", "counter_load_store", "--write", path_arg],
        &[],
    );
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        std::fs::read_to_string(&path).expect("read"),
        "no markers\n"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
