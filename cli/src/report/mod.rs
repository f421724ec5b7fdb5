//! `synclab report`: measure every family, run the model-check suite, and write the
//! results as a page (`index.html` + one SVG chart per family and workload), `report.md`
//! and `report.json`.
//!
//! `report.json` has the shape
//! `{"machine": {...}, "benchmarks": [<bench --json object>, ...], "checks": {...},
//! "sctbench": [...], "advice": [...]}`: each element of `benchmarks` is exactly what
//! `synclab bench FAMILY --json` prints, and `sctbench` is the `results` array of
//! `synclab sctbench --json` (the portfolio only), so one parser reads both.

pub mod advice;
pub mod axis;
pub mod checks;
pub mod html;
pub mod machine;
pub mod sctbench;
pub mod svg;

use crate::bench::{self, BenchError, Config, FAMILIES, Row};
pub use checks::CheckRow;
use machine::Machine;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// What to run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// Where to write the files.
    pub out: PathBuf,
    /// Benchmark settings: thread counts, rounds, round time.
    pub bench: Config,
    /// Run the model-check suite too.
    pub checks: bool,
}

/// Everything a report shows.
#[derive(Debug, Clone)]
pub struct Report {
    /// The machine it ran on.
    pub machine: Machine,
    /// Each family's rows, in [`FAMILIES`] order.
    pub benchmarks: Vec<(&'static bench::Family, Vec<Row>)>,
    /// The model-check suite's results (empty if not run).
    pub checks: Vec<CheckRow>,
    /// The portfolio on the SCTBench programs (empty if the checks were not run).
    pub sctbench: Vec<synclab::sctbench::Measured>,
    /// Tuning advice that the numbers support.
    pub advice: Vec<String>,
    /// Wall time of the whole run.
    pub elapsed: Duration,
}

/// Progress events, for a progress bar.
pub trait Progress {
    /// A new phase with `total` steps.
    fn phase(&mut self, name: &str, total: usize);
    /// `done` of the phase's steps are finished.
    fn step(&mut self, done: usize);
    /// The step now running is called `name` (a model's name).
    fn item(&mut self, name: &str) {
        let _ = name;
    }
}

/// No progress display.
impl Progress for () {
    fn phase(&mut self, _: &str, _: usize) {}
    fn step(&mut self, _: usize) {}
}

/// Checks that the report can be written to `dir` before anything is measured: creates
/// the directory, and writes and removes a file in it. A path that is a file, or where
/// nothing may be written, is an error at once instead of after minutes of measuring.
pub fn prepare(dir: &Path) -> std::io::Result<()> {
    if dir.exists() && !dir.is_dir() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::AlreadyExists,
            "it exists and is not a directory",
        ));
    }
    std::fs::create_dir_all(dir)?;
    for name in ["index.html", "report.json", "report.md"] {
        if dir.join(name).is_dir() {
            return Err(std::io::Error::new(
                std::io::ErrorKind::AlreadyExists,
                format!("{name} in it is a directory"),
            ));
        }
    }
    let probe = dir.join(".synclab-write-check");
    std::fs::write(&probe, b"")?;
    std::fs::remove_file(&probe)
}

/// Runs the benchmarks (and the checks) and computes the advice.
pub fn measure(options: &Options, progress: &mut dyn Progress) -> Result<Report, BenchError> {
    let start = Instant::now();
    let mut benchmarks = Vec::new();
    for family in FAMILIES {
        progress.phase(&format!("bench {}", family.name), 1);
        let rows = (family.run)(&options.bench, &mut |done, total| {
            if done == 1 {
                progress.phase(&format!("bench {}", family.name), total);
            }
            progress.step(done);
        })?;
        benchmarks.push((family, rows));
    }
    let (checks, sctbench) = if options.checks {
        let checks = checks::run(synclab::cases::all().cases(), progress);
        (checks, sctbench::run(progress))
    } else {
        (Vec::new(), Vec::new())
    };
    let machine = Machine::detect();
    let advice = advice::advise(&benchmarks, machine.cores);
    Ok(Report {
        machine,
        benchmarks,
        checks,
        sctbench,
        advice,
        elapsed: start.elapsed(),
    })
}

impl Report {
    /// The report as JSON (see the module docs for the shape).
    pub fn to_json(&self) -> Value {
        json!({
            "machine": self.machine.to_json(),
            "elapsed_secs": self.elapsed.as_secs_f64(),
            "benchmarks": self.benchmarks.iter().map(|(f, rows)| bench::output::to_json(f.name, rows)).collect::<Vec<_>>(),
            "checks": checks::to_json(&self.checks),
            "sctbench": sctbench::to_json(&self.sctbench),
            "advice": self.advice,
        })
    }

    /// The report as Markdown.
    pub fn to_markdown(&self) -> String {
        let mut md = format!(
            "# synclab report\n\nMachine: {}\n\n## Advice\n\n",
            self.machine
        );
        for a in &self.advice {
            md += &format!("- {a}\n");
        }
        for (family, rows) in &self.benchmarks {
            md += &format!(
                "\n## {} ({})\n\n```\n{}```\n",
                family.name,
                family.about,
                bench::output::to_table(rows, family.baseline)
            );
        }
        if !self.checks.is_empty() {
            md += "\n## Model checks\n\n| model | checker | executions | ms | verdict |\n|---|---|---|---|---|\n";
            for c in &self.checks {
                md += &format!(
                    "| {} | {} | {} | {:.0} | {} |\n",
                    c.name,
                    c.checker,
                    c.executions,
                    c.elapsed.as_secs_f64() * 1e3,
                    if c.failure.is_some() { "FAIL" } else { "pass" }
                );
            }
        }
        if !self.sctbench.is_empty() {
            md += "\n## Checker power on SCTBench (the portfolio)\n\n";
            md += &synclab::sctbench::markdown(&self.sctbench, &["portfolio"]);
        }
        md
    }

    /// Writes `index.html`, the charts, `report.md` and `report.json` into `dir`; returns
    /// the page's path.
    pub fn write(&self, dir: &Path) -> std::io::Result<PathBuf> {
        std::fs::create_dir_all(dir)?;
        let charts = html::charts(self);
        for chart in &charts {
            std::fs::write(dir.join(&chart.file), &chart.svg)?;
        }
        std::fs::write(
            dir.join("report.json"),
            serde_json::to_string_pretty(&self.to_json())? + "\n",
        )?;
        std::fs::write(dir.join("report.md"), self.to_markdown())?;
        let page = dir.join("index.html");
        std::fs::write(&page, html::page(self, &charts))?;
        Ok(page)
    }
}
