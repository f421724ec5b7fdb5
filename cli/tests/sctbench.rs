//! `synclab sctbench` from the command line: bad input refused before any work, and the
//! JSON shape with every checker finding a planted SCTBench bug.

use std::process::{Command, Output};

fn synclab(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_synclab"))
        .arg("sctbench")
        .args(args)
        .env_remove("SYNCLAB_REPLAY")
        .env_remove("SYNCLAB_SHARD")
        .env_remove("LOOM_CHECKPOINT_FILE")
        .output()
        .expect("the synclab binary runs")
}

#[test]
#[cfg_attr(miri, ignore)]
fn bad_arguments_exit_2_before_any_work() {
    for args in [
        &["--trials", "0"][..],
        &["--budget", "x"],
        &["--checker", "shuttle_pct_d7"],
        &["--program", "no_such_program"],
    ] {
        let output = synclab(args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(output.stdout.is_empty(), "{args:?} printed a table");
    }
    let output = synclab(&["--program", "no_such_program"]);
    assert!(String::from_utf8_lossy(&output.stderr).contains("reorder_100"));
}

/// A bad `SYNCLAB_*` variable is refused at startup, before any check reads it.
#[test]
#[cfg_attr(miri, ignore)]
fn a_bad_shard_exits_2_before_any_work() {
    for (name, value) in [("SYNCLAB_SHARD", "3/2"), ("SYNCLAB_ITERATIONS", "lots")] {
        let output = Command::new(env!("CARGO_BIN_EXE_synclab"))
            .args(["sctbench", "--program", "account", "--trials", "1"])
            .env(name, value)
            .output()
            .expect("the synclab binary runs");
        assert_eq!(output.status.code(), Some(2), "{name}={value}");
        assert!(output.stdout.is_empty(), "{name}={value} printed a table");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.starts_with(&format!("error: {name}=")), "{stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
}

/// `account` (three threads, the checker must run last) under every checker, two trials
/// of 1,000 schedules: each finds it (the slowest, the DFS, after 545 schedules), and
/// the ok twin passes under each.
#[test]
#[cfg_attr(miri, ignore)]
fn every_checker_finds_account_and_the_json_has_the_documented_shape() {
    let output = synclab(&[
        "--program",
        "account",
        "--trials",
        "2",
        "--budget",
        "1000",
        "--json",
    ]);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let rows = json["results"].as_array().expect("results");
    let checkers: Vec<&str> = rows.iter().filter_map(|r| r["checker"].as_str()).collect();
    assert_eq!(
        checkers,
        [
            "shuttle_random",
            "shuttle_pct_d3",
            "shuttle_urw",
            "shuttle_urw_main_first",
            "shuttle_dfs",
            "loom",
            "portfolio"
        ]
    );
    for row in rows {
        assert_eq!(row["program"], "account");
        let trials = row["trials"].as_u64().expect("trials");
        assert!(trials >= 1, "{row}");
        assert_eq!(row["found"].as_u64(), Some(trials), "{row}");
        assert!(
            row["mean_schedules"].as_f64().is_some_and(|m| m >= 1.0),
            "{row}"
        );
        assert!(row["median_schedules"].as_f64().is_some(), "{row}");
        assert_eq!(row["ok_twin"], "passed", "{row}");
    }
}
