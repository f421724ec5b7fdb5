//! `synclab lincheck` from the command line: arguments checked before work, the
//! limit that ran out named, long explanations bounded, the HTML page.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use synclab::lincheck::generate::{Anomaly, Workload};
use synclab::lincheck::parse;

fn synclab(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_synclab"))
        .arg("lincheck")
        .args(args)
        .output()
        .expect("the synclab binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn data(name: &str) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/data/porcupine");
    root.join(name).display().to_string()
}

/// A fresh directory for one test's files.
fn out_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("synclab-lincheck-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create a temporary directory");
    dir
}

#[test]
#[cfg_attr(miri, ignore)]
fn bad_arguments_are_refused_before_any_work() {
    let dir = out_dir("args");
    let empty = dir.join("empty.txt");
    std::fs::write(&empty, "").unwrap();
    let empty = empty.display().to_string();
    let output = synclab(&["--model", "kv", &empty]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        text(&output.stderr).contains("no operations"),
        "{}",
        text(&output.stderr)
    );

    let bad = data("kv/c01-bad.txt");
    let output = synclab(&[
        "--model",
        "kv",
        "--html",
        "/nonexistent/dir/page.html",
        &bad,
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stderr).contains("cannot write /nonexistent/dir/page.html"));
    assert!(output.stdout.is_empty(), "nothing was checked");

    let page = dir.join("two.html").display().to_string();
    let output = synclab(&["--model", "kv", "--html", &page, &bad, &bad]);
    assert_eq!(output.status.code(), Some(2));
    let output = synclab(&["--model", "kv", "--max-memory", "lots", &bad]);
    assert_eq!(output.status.code(), Some(2));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
#[cfg_attr(miri, ignore)]
fn the_limit_that_ran_out_is_named() {
    let output = synclab(&[
        "--model",
        "kv",
        "--max-memory",
        "1K",
        &data("kv/c10-ok.txt"),
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        text(&output.stdout).contains("unknown (the memory limit (1 KiB) ran out"),
        "{}",
        text(&output.stdout)
    );
}

#[test]
#[cfg_attr(miri, ignore)]
fn a_long_history_gets_a_short_explanation() {
    let workload = Workload {
        clients: 5,
        operations: 5_000,
        anomaly: Some(Anomaly::StaleRead),
        anomaly_at: 0.9,
        ..Workload::default()
    };
    let dir = out_dir("long");
    let file = dir.join("stale.log");
    std::fs::write(&file, parse::write::etcd(&workload.register())).unwrap();
    let output = synclab(&["--model", "etcd-register", &file.display().to_string()]);
    assert_eq!(output.status.code(), Some(1));
    let out = text(&output.stdout);
    assert!(out.contains("NOT linearizable"), "{out}");
    assert!(out.contains("operations left out"), "{out}");
    assert!(out.contains("earlier steps left out"), "{out}");
    assert!(
        out.lines().count() < 150,
        "{} lines:\n{out}",
        out.lines().count()
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
#[cfg_attr(miri, ignore)]
fn the_page_draws_the_history_and_the_stuck_operation() {
    let dir = out_dir("page");
    let page = dir.join("c10-bad.html");
    let output = synclab(&[
        "--model",
        "kv",
        "--html",
        &page.display().to_string(),
        &data("kv/c10-bad.txt"),
    ]);
    assert_eq!(output.status.code(), Some(1));
    let html = std::fs::read_to_string(&page).expect("the page is written");
    assert!(html.contains("\"f\":\"impossible\""));
    // Run its script in headless Chromium, where there is one, and read the DOM back.
    let Some(chromium) = ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|b| {
            Command::new(b)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        })
    else {
        assert!(std::env::var_os("CI").is_none(), "CI must install chromium");
        eprintln!("chromium not installed: skipping the render check");
        return;
    };
    let dom = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
        ])
        .args([
            "--disable-background-networking",
            "--disable-component-update",
        ])
        .arg(format!("--user-data-dir={}", dir.join("profile").display()))
        .arg("--dump-dom")
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("chromium runs");
    let dom = text(&dom.stdout);
    assert!(
        dom.contains("class=\"op lin\""),
        "no linearized operation drawn"
    );
    assert!(
        dom.contains("class=\"op impossible\""),
        "the stuck operation is not drawn"
    );
    assert!(
        dom.contains("cannot fit in"),
        "the story does not end where it is stuck"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
