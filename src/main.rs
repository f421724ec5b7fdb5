//! The `synclab` command-line tool.

use clap::{Parser, Subcommand};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;
use synclab::bench::{self, Config, FAMILIES};
use synclab::report::{self, Options};

#[derive(Parser)]
#[command(
    name = "synclab",
    version,
    about = "Concurrency primitives, written once, model-checked and measured."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Measure every family, run the model checks, and write an HTML page with charts.
    #[command(
        after_help = "Examples:\n  synclab report --quick              # about a minute on 2 cores\n  synclab report --out /tmp/r --threads 1,2,4,8\n\n\
                            The full run (7 rounds of 300 ms per case) takes several minutes on 2 cores;\n\
                            the page is written to OUT/index.html (default ./report/index.html)."
    )]
    Report {
        /// Directory for index.html, the SVG charts, report.md and report.json.
        #[arg(long, default_value = "report")]
        out: PathBuf,
        /// Thread counts, comma-separated.
        #[arg(long, value_delimiter = ',', default_values_t = [1, 2, 4])]
        threads: Vec<usize>,
        /// 3 rounds of 100 ms per case instead of 7 rounds of 300 ms.
        #[arg(long)]
        quick: bool,
        /// Print report.json to stdout as well (and no progress bar).
        #[arg(long)]
        json: bool,
        /// Skip the model checks.
        #[arg(long)]
        no_checks: bool,
        /// Override the time per case per round, in milliseconds (for tests).
        #[arg(long, hide = true)]
        round_ms: Option<u64>,
        /// Override the number of rounds (for tests).
        #[arg(long, hide = true)]
        rounds: Option<usize>,
        /// Cap the input size of the map family (for tests).
        #[arg(long, hide = true)]
        max_items: Option<usize>,
    },
    /// Measure one family's strategies against their peers, cases interleaved, median of rounds.
    #[command(
        after_help = "Examples:\n  synclab bench counter\n  synclab bench counter --threads 1,2,4,8 --quick --json"
    )]
    Bench {
        /// The family to measure.
        #[arg(value_parser = clap::builder::PossibleValuesParser::new(FAMILIES.iter().map(|f| f.name)))]
        family: String,
        /// Thread counts, comma-separated.
        #[arg(long, value_delimiter = ',', default_values_t = [1, 2, 4])]
        threads: Vec<usize>,
        /// 3 rounds of 100 ms per case instead of 7 rounds of 300 ms.
        #[arg(long)]
        quick: bool,
        /// Print one JSON object instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Check recorded histories for linearizability against a sequential model.
    #[command(
        after_help = "Examples:\n  synclab lincheck --model etcd-register ../shared/data/porcupine-jepsen-etcd/etcd_000.log\n  synclab lincheck --model kv --json c01-ok.txt c01-bad.txt\n\n\
                            Exit status: 0 if every history is linearizable, 1 if one is not or the budget ran out, 2 on bad input."
    )]
    Lincheck {
        /// The history format and model.
        #[arg(long, value_parser = ["etcd-register", "kv"])]
        model: String,
        /// History files.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Give up on a history after this many seconds (the verdict is then unknown).
        #[arg(long, default_value_t = 10)]
        timeout: u64,
        /// Print one JSON object: {"results":[{"file":..,"linearizable":true|false|null,"millis":..}]}.
        #[arg(long)]
        json: bool,
    },
    /// Run the loom and shuttle models of the primitives and print a summary.
    #[command(
        after_help = "Examples:\n  synclab check\n  synclab check counter --checker loom\n  synclab check --json"
    )]
    Check {
        /// Only this family's models.
        family: Option<String>,
        /// Only this checker: loom, shuttle_random, shuttle_pct.
        #[arg(long, value_parser = ["loom", "shuttle_random", "shuttle_pct"])]
        checker: Option<String>,
        /// Print one JSON object instead of a table.
        #[arg(long)]
        json: bool,
    },
}

fn main() -> ExitCode {
    exit_quietly_on_closed_pipe();
    match Cli::parse().command {
        Command::Report {
            out,
            threads,
            quick,
            json,
            no_checks,
            round_ms,
            rounds,
            max_items,
        } => {
            let mut bench = Config::new(valid_threads(threads), quick);
            if let Some(ms) = round_ms {
                bench.round_time = Duration::from_millis(ms);
            }
            if let Some(r) = rounds {
                bench.rounds = r.max(1);
            }
            bench.max_items = max_items;
            let options = Options {
                out,
                bench,
                checks: !no_checks,
            };
            let mut bar = Bar::new(json);
            let report = report::measure(&options, &mut bar);
            bar.0.finish_and_clear();
            let page = match report.write(&options.out) {
                Ok(page) => page,
                Err(e) => {
                    eprintln!(
                        "error: cannot write the report to {}: {e}",
                        options.out.display()
                    );
                    return ExitCode::FAILURE;
                }
            };
            if json {
                println!("{}", report.to_json());
            } else {
                for line in &report.advice {
                    println!("- {line}");
                }
                println!("\nreport written to {}", page.display());
            }
            if report.checks.iter().any(|c| c.failure.is_some()) {
                eprintln!("some model checks failed: see the report");
                return ExitCode::FAILURE;
            }
        }
        Command::Bench {
            family,
            threads,
            quick,
            json,
        } => {
            let family = bench::family(&family).expect("clap checked the name");
            let bar = Bar::new(json);
            bar.phase_named(&format!("bench {}", family.name));
            let rows = (family.run)(
                &Config::new(valid_threads(threads), quick),
                &mut |done, total| {
                    bar.0.set_length(total as u64);
                    bar.0.set_position(done as u64);
                },
            );
            bar.0.finish_and_clear();
            if json {
                println!("{}", bench::output::to_json(family.name, &rows));
            } else {
                print!("{}", bench::output::to_table(&rows, family.baseline));
                if let Some(summary) = family.summary {
                    print!("{}", summary(&rows));
                }
            }
        }
        Command::Check {
            family,
            checker,
            json,
        } => return check(family, checker, json),
        Command::Lincheck {
            model,
            files,
            timeout,
            json,
        } => return lincheck(&model, &files, timeout, json),
    }
    ExitCode::SUCCESS
}

fn check(family: Option<String>, checker: Option<String>, json: bool) -> ExitCode {
    let models: Vec<_> = synclab::suite::all()
        .into_iter()
        .filter(|m| family.as_deref().is_none_or(|f| m.family == f))
        .filter(|m| checker.as_deref().is_none_or(|c| m.checker.name() == c))
        .collect();
    if models.is_empty() {
        eprintln!("error: no model matches (families: counter, lock, map, pool)");
        return ExitCode::from(2);
    }
    let bar = Bar::new(json);
    bar.0.set_length(models.len() as u64);
    bar.0.set_prefix("model checks");
    let mut rows = Vec::new();
    for model in &models {
        bar.0.set_message(model.name);
        let outcome = model.run();
        bar.0.inc(1);
        rows.push((model, outcome));
    }
    bar.0.finish_and_clear();
    let failures = rows.iter().filter(|(_, o)| o.is_err()).count();
    if json {
        let results: Vec<_> = rows
            .iter()
            .map(|(m, o)| {
                let (executions, millis, failure) = match o {
                    Ok(r) => (r.executions, r.elapsed.as_secs_f64() * 1e3, None),
                    Err(f) => (f.executions, 0.0, Some(f.to_string())),
                };
                serde_json::json!({"name": m.name, "family": m.family, "checker": m.checker.to_string(),
                    "executions": executions, "millis": millis, "verdict": if failure.is_some() {"fail"} else {"pass"}, "failure": failure})
            })
            .collect();
        println!(
            "{}",
            serde_json::json!({ "models": rows.len(), "failures": failures, "results": results })
        );
    } else {
        println!(
            "{:<40} {:<40} {:>10} {:>9}  verdict",
            "model", "checker", "executions", "ms"
        );
        for (m, o) in &rows {
            match o {
                Ok(r) => println!(
                    "{:<40} {:<40} {:>10} {:>9.0}  pass",
                    m.name,
                    m.checker.to_string(),
                    r.executions,
                    r.elapsed.as_secs_f64() * 1e3
                ),
                Err(f) => println!(
                    "{:<40} {:<40} {:>10} {:>9}  FAIL\n{f}",
                    m.name,
                    m.checker.to_string(),
                    f.executions,
                    "-"
                ),
            }
        }
        let executions: usize = rows
            .iter()
            .map(|(_, o)| o.as_ref().map_or_else(|f| f.executions, |r| r.executions))
            .sum();
        println!(
            "\n{} models, {executions} executions, {failures} failed",
            rows.len()
        );
    }
    if failures == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn lincheck(model: &str, files: &[PathBuf], timeout: u64, json: bool) -> ExitCode {
    use synclab::lincheck::{Budget, parse_and_check};
    let mut results = Vec::new();
    let mut all_linearizable = true;
    for file in files {
        let text = match std::fs::read_to_string(file) {
            Ok(text) => text,
            Err(e) => {
                eprintln!("error: cannot read {}: {e}", file.display());
                return ExitCode::from(2);
            }
        };
        let budget = Budget::default().with_time_limit(Duration::from_secs(timeout));
        let report = match parse_and_check(model, &text, budget) {
            Ok(report) => report,
            Err(e) => {
                eprintln!("error: {}: {e}", file.display());
                return ExitCode::from(2);
            }
        };
        let verdict = report.linearizable();
        all_linearizable &= verdict == Some(true);
        let millis = report.total_time().as_secs_f64() * 1e3;
        if json {
            results.push(serde_json::json!({ "file": file.display().to_string(), "linearizable": verdict, "millis": millis }));
        } else {
            let word = match verdict {
                Some(true) => "linearizable",
                Some(false) => "NOT linearizable",
                None => "unknown (budget ran out)",
            };
            println!(
                "{}: {word} ({} operations, {millis:.2} ms)",
                file.display(),
                report.operations
            );
            if verdict == Some(false) {
                println!("{}\n", report.result);
            }
        }
    }
    if json {
        println!("{}", serde_json::json!({ "results": results }));
    }
    if all_linearizable {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn valid_threads(threads: Vec<usize>) -> Vec<usize> {
    if threads.is_empty() || threads.contains(&0) {
        eprintln!("error: --threads needs counts of at least 1");
        std::process::exit(2);
    }
    threads
}

/// A progress bar on stderr, hidden for `--json` and when stderr is not a terminal.
struct Bar(ProgressBar);

impl Bar {
    fn new(quiet: bool) -> Self {
        let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr());
        if quiet || !std::io::stderr().is_terminal() {
            bar.set_draw_target(ProgressDrawTarget::hidden());
        }
        bar.set_style(
            ProgressStyle::with_template("{prefix:>16} [{bar:30}] {pos}/{len} {elapsed} {msg}")
                .expect("a valid template")
                .progress_chars("=> "),
        );
        Self(bar)
    }

    fn phase_named(&self, name: &str) {
        self.0.set_prefix(name.to_string());
    }
}

impl report::Progress for Bar {
    fn phase(&mut self, name: &str, total: usize) {
        self.phase_named(name);
        self.0.set_length(total as u64);
        self.0.set_position(0);
    }

    fn step(&mut self, done: usize) {
        self.0.set_position(done as u64);
    }
}

/// `synclab lincheck ... | head`: once the reader is gone, end like other Unix tools do
/// (killed by SIGPIPE, no message) instead of panicking in `println!`. Rust ignores
/// SIGPIPE by default, which turns the closed pipe into a write error.
fn exit_quietly_on_closed_pipe() {
    #[cfg(unix)]
    // SAFETY: called first thing in `main`, before any other thread exists; SIG_DFL is a
    // valid disposition for SIGPIPE and installs no handler code.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}
