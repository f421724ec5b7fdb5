//! The `synclab` command-line tool.

use clap::{Parser, Subcommand};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;
use synclab::gallery::{
    self,
    demo::{Demo, Outcome, REPLAY_VARIABLES},
};
use synclab_cli::bench::{self, Config, FAMILIES};
use synclab_cli::report::{self, Options};

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
    /// Run a checker on a planted bug: the failing execution as a per-thread table, the
    /// command that replays it, then the fixed version passing.
    #[command(
        after_help = "Examples:\n  synclab demo --list\n  synclab demo counter_load_store\n  synclab demo lock_relaxed_spin --checker shuttle_pct   # shuttle cannot see it\n\n\
                            Default checker: shuttle PCT (depth 3) for an interleaving bug, loom for a memory-ordering bug.\n\
                            Exit status: 0 if the checker did what the docs claim and the fixed version passes, 1 if not,\n\
                            2 on bad input or a checker that does not run this bug."
    )]
    Demo {
        /// The planted bug (see --list).
        #[arg(required_unless_present = "list")]
        name: Option<String>,
        /// List the bugs instead.
        #[arg(long)]
        list: bool,
        /// The checker to run.
        #[arg(long, value_parser = ["loom", "shuttle_random", "shuttle_pct", "stress"])]
        checker: Option<String>,
        /// With --list: print one JSON array of {name, family, kind, caught_by}.
        #[arg(long)]
        json: bool,
        /// Keep the checker's own panic messages on stderr (silenced by default: the
        /// failure is printed once, as a table).
        #[arg(long)]
        verbose: bool,
    },
    /// Run every planted bug under every checker: the sensitivity matrix.
    #[command(
        after_help = "Examples:\n  synclab matrix                      # a markdown table (a few seconds)\n  synclab matrix --json\n  synclab matrix --write docs/gallery.md\n\n\
                            A cell is found in k of its runs (5 shuttle seeds, 5 stress runs, 1 loom run), with the median\n\
                            number of executions to the first failure. Exit status 1 if a cell contradicts the docs' claims."
    )]
    Matrix {
        /// Print one JSON object instead of the markdown table.
        #[arg(long)]
        json: bool,
        /// Replace the table between `<!-- matrix:start -->` and `<!-- matrix:end -->` in FILE.
        #[arg(long)]
        write: Option<PathBuf>,
        /// Only these bugs (repeat the flag, or separate with commas).
        #[arg(long, value_delimiter = ',')]
        bug: Vec<String>,
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
        Command::Demo {
            name,
            list,
            checker,
            json,
            verbose,
        } => {
            return match (list, name) {
                (true, _) => demo_list(json),
                (false, Some(name)) => demo(&name, checker.as_deref(), verbose),
                (false, None) => unreachable!("clap requires a name without --list"),
            };
        }
        Command::Matrix { json, write, bug } => return matrix(json, write.as_deref(), &bug),
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

fn demo_list(json: bool) -> ExitCode {
    let bugs = gallery::all();
    if json {
        let list: Vec<_> = bugs
            .iter()
            .map(|b| {
                serde_json::json!({"name": b.name, "family": b.family, "kind": b.kind.name(),
                    "caught_by": b.caught_by(), "planted": format!("synclab::{}", b.planted), "what": b.what})
            })
            .collect();
        println!("{}", serde_json::Value::Array(list));
    } else {
        println!("{:<30} {:<8} {:<13} caught by", "name", "family", "kind");
        for b in &bugs {
            println!(
                "{:<30} {:<8} {:<13} {}\n{:>30} {}",
                b.name,
                b.family,
                b.kind.name(),
                b.caught_by().join(", "),
                "",
                b.what
            );
        }
        println!("\nsynclab demo NAME runs one; synclab matrix runs them all under every checker.");
    }
    ExitCode::SUCCESS
}

fn demo(name: &str, checker: Option<&str>, verbose: bool) -> ExitCode {
    let demo = match Demo::new(name, checker) {
        Ok(demo) => demo,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let (bug, checker) = (&demo.bug, demo.checker);
    println!("{}: {}", bug.name, bug.what);
    println!(
        "  planted: synclab::{} ({} bug, {} family)",
        bug.planted,
        bug.kind.name(),
        bug.family
    );
    println!("  the fix: {}", bug.fix);
    println!("  caught by: {}\n", bug.caught_by().join(", "));

    let outcome = if verbose {
        demo.run()
    } else {
        with_stderr_silenced(|| demo.run())
    };
    match &outcome {
        Outcome::NotRun(why) => {
            println!("{checker} does not run this bug: {why}");
            return ExitCode::from(2);
        }
        Outcome::Found(failure) => println!("{failure}\n"),
        Outcome::Missed { report, why } => println!(
            "{checker} did not find the bug in {} executions{}\n",
            report.executions,
            why.map(|why| format!(": {why}")).unwrap_or_default()
        ),
    }
    let as_claimed = demo.as_claimed(&outcome);
    // SAFETY: the process has one thread here (the checkers run their threads on this one
    // and have returned), so nothing reads the environment concurrently.
    unsafe {
        for variable in REPLAY_VARIABLES {
            std::env::remove_var(variable);
        }
    }
    let fixed = with_stderr_silenced(|| demo.run_fixed());
    match fixed {
        None => println!("(no fixed twin runs under {checker})"),
        Some(Ok(report)) => println!(
            "The fixed version passes the same check: {} executions in {:.0} ms.",
            report.executions,
            report.elapsed.as_secs_f64() * 1e3
        ),
        Some(Err(failure)) => {
            println!("The fixed version FAILED:\n{failure}");
            return ExitCode::FAILURE;
        }
    }
    if as_claimed {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn matrix(json: bool, write: Option<&std::path::Path>, only: &[String]) -> ExitCode {
    let bugs = match gallery::demo::bugs_named(only) {
        Ok(bugs) => bugs,
        Err(e) => {
            eprintln!("error: {e} (see synclab demo --list)");
            return ExitCode::from(2);
        }
    };
    // A few seconds in all; the checkers' panic output for every failing run is noise.
    let matrix = with_stderr_silenced(|| gallery::Matrix::measure(&bugs, |_, _| {}));
    let markdown = matrix.markdown();
    if json {
        println!("{}", matrix.json());
    } else {
        print!("{markdown}");
    }
    if let Some(path) = write {
        match gallery::docs::write_table(path, &markdown) {
            Ok(()) => eprintln!("matrix written to {}", path.display()),
            Err(e) => {
                eprintln!("error: cannot update {}: {e}", path.display());
                return ExitCode::from(2);
            }
        }
    }
    let disagreements = matrix.disagreements();
    for (bug, column, text, claim) in &disagreements {
        eprintln!("disagreement: {bug} under {column}: measured {text}, the docs claim {claim:?}");
    }
    if disagreements.is_empty() {
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

/// Runs `f` with file descriptor 2 pointed at /dev/null: the checkers' panic hooks print
/// every failing execution's panic there, while the demo prints the failure once.
fn with_stderr_silenced<R>(f: impl FnOnce() -> R) -> R {
    #[cfg(unix)]
    {
        use std::os::fd::AsRawFd;
        let Ok(null) = std::fs::OpenOptions::new().write(true).open("/dev/null") else {
            return f();
        };
        // SAFETY: dup and dup2 only duplicate descriptors: 2 is saved in `saved` (if dup
        // fails we run unsilenced), replaced by /dev/null, and restored below; `null` stays
        // open until after the restore.
        let saved = unsafe { libc::dup(2) };
        if saved < 0 {
            return f();
        }
        // SAFETY: see above.
        unsafe { libc::dup2(null.as_raw_fd(), 2) };
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
        // SAFETY: see above; `saved` is a descriptor we own and close once.
        unsafe {
            libc::dup2(saved, 2);
            libc::close(saved);
        }
        drop(null);
        result.unwrap_or_else(|payload| std::panic::resume_unwind(payload))
    }
    #[cfg(not(unix))]
    f()
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
