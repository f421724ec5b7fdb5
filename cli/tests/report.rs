//! `synclab report` for real: run it on a tiny budget, read what it wrote, and render the
//! page in headless Chromium.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

fn out_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("synclab-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

/// Runs `synclab report --quick` with one 20 ms round per case and map inputs of at most
/// 2,000 items (this is a debug build).
fn tiny_report(dir: &Path) -> Value {
    let output = Command::new(env!("CARGO_BIN_EXE_synclab"))
        .args([
            "report",
            "--quick",
            "--rounds",
            "1",
            "--round-ms",
            "20",
            "--threads",
            "1,2",
            "--max-items",
            "2000",
            "--out",
        ])
        .arg(dir)
        .output()
        .expect("synclab runs");
    assert!(
        output.status.success(),
        "report failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("report written to"), "{stdout}");
    let json = std::fs::read_to_string(dir.join("report.json")).expect("report.json written");
    serde_json::from_str(&json).expect("report.json is JSON")
}

#[test]
#[cfg_attr(miri, ignore)]
fn report_writes_json_markdown_and_a_page_whose_charts_exist() {
    let dir = out_dir("report");
    let report = tiny_report(&dir);

    // Every family of `synclab bench` is there, in the `bench --json` shape.
    let benchmarks = report["benchmarks"].as_array().expect("benchmarks array");
    let families: Vec<&str> = benchmarks
        .iter()
        .map(|b| b["family"].as_str().unwrap())
        .collect();
    for family in synclab_cli::bench::FAMILIES {
        assert!(
            families.contains(&family.name),
            "{} missing from {families:?}",
            family.name
        );
    }
    for b in benchmarks {
        let results = b["results"].as_array().expect("results array");
        assert!(!results.is_empty());
        for r in results {
            assert!(r["name"].is_string() && r["threads"].is_u64(), "{r}");
            assert!(r["ops_per_sec"].as_f64().is_some_and(|x| x > 0.0), "{r}");
        }
    }
    assert!(report["machine"]["cores"].as_u64().is_some_and(|c| c >= 1));
    assert!(
        report["machine"]["rustc"]
            .as_str()
            .is_some_and(|r| r.starts_with("rustc"))
    );
    assert_eq!(report["checks"]["failures"], 0, "{}", report["checks"]);
    assert!(report["checks"]["models"].as_u64().is_some_and(|m| m > 0));
    assert!(!report["advice"].as_array().unwrap().is_empty());

    // The page references chart files, and every one of them exists and is an SVG.
    let page = std::fs::read_to_string(dir.join("index.html")).unwrap();
    let charts: Vec<&str> = page
        .split("src=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .collect();
    assert!(
        charts.len() >= families.len(),
        "one chart per family at least: {charts:?}"
    );
    for chart in &charts {
        let svg =
            std::fs::read_to_string(dir.join(chart)).unwrap_or_else(|_| panic!("{chart} missing"));
        assert!(
            svg.starts_with("<svg") && svg.contains("<polyline"),
            "{chart} is not a chart"
        );
    }
    assert!(
        std::fs::read_to_string(dir.join("report.md"))
            .unwrap()
            .contains("# synclab report")
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// Renders the page in headless Chromium. CI installs Chromium, so there a missing
/// browser fails the test; elsewhere the test says so and passes.
#[test]
#[cfg_attr(miri, ignore)]
fn report_page_renders_in_headless_chromium() {
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
    let dir = out_dir("render");
    tiny_report(&dir);
    let shot = dir.join("screenshot.png");
    let profile = dir.join("chromium-profile");
    let status = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            "--window-size=1200,2600",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--screenshot={}", shot.display()))
        .arg(format!("file://{}", dir.join("index.html").display()))
        .output()
        .expect("chromium runs");
    assert!(
        status.status.success(),
        "chromium failed: {}",
        String::from_utf8_lossy(&status.stderr)
    );
    let png = std::fs::read(&shot).expect("screenshot written");
    assert_eq!(&png[1..4], b"PNG");
    // A blank 1200x2600 page compresses to a few kB; charts and tables make it far larger.
    assert!(
        png.len() > 60_000,
        "screenshot is only {} bytes: the page looks empty",
        png.len()
    );
    if let Ok(keep) = std::env::var("SYNCLAB_KEEP_SCREENSHOT") {
        std::fs::copy(&shot, keep).unwrap();
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// Bad arguments are refused before anything is measured: an output path that is a
/// file or cannot be created, and more threads than the tool measures on this machine.
/// (Were anything measured first, the default settings used here would take minutes.)
#[test]
#[cfg_attr(miri, ignore)]
fn bad_arguments_are_refused_before_measuring() {
    let dir = out_dir("refused");
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("a-file");
    std::fs::write(&file, "").unwrap();
    let synclab = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_synclab"))
            .args(args)
            .output()
            .expect("synclab runs")
    };
    for out in [file.clone(), file.join("below"), "/proc/synclab".into()] {
        let output = synclab(&["report", "--out", out.to_str().unwrap()]);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{stderr}");
        assert!(stderr.contains("cannot write the report to"), "{stderr}");
        assert!(!stderr.contains("warning"), "{stderr}");
    }
    let too_many = (synclab_cli::bench::max_threads() + 1).to_string();
    for command in ["bench counter", "report"] {
        let mut args: Vec<&str> = command.split(' ').collect();
        args.extend(["--threads", &too_many]);
        let output = synclab(&args);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{stderr}");
        assert!(stderr.contains("per CPU"), "{stderr}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}
