//! The command line: every command, its arguments and its `--help` text.

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;
use synclab_cli::bench::{self, BenchError, Config, FAMILIES};

/// `synclab COMMAND ...`.
#[derive(Parser)]
#[command(
    name = "synclab",
    version,
    about = "Concurrency primitives, written once, model-checked and measured."
)]
pub struct Cli {
    /// The command to run.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Subcommand)]
pub enum Command {
    /// Measure every family, run the model checks, and write an HTML page with charts.
    #[command(
        after_help = "Examples:\n  synclab report --quick              # about a minute on 2 cores\n  synclab report --out /tmp/r --threads 1,2,4,8\n\n\
                            The full run (7 rounds of 300 ms per case) takes several minutes on 2 cores;\n\
                            the page is written to OUT/index.html (default ./report/index.html)."
    )]
    Report(ReportArgs),
    /// Measure one family's strategies against their peers, cases interleaved, median of rounds.
    #[command(
        after_help = "Examples:\n  synclab bench counter\n  synclab bench counter --threads 1,2,4,8 --quick --json"
    )]
    Bench(BenchArgs),
    /// Check recorded histories for linearizability against a sequential model.
    #[command(
        after_help = "Examples:\n  synclab lincheck --model etcd-register ../shared/data/porcupine-jepsen-etcd/etcd_000.log\n  synclab lincheck --model kv --json c01-ok.txt c01-bad.txt\n  synclab lincheck --model kv --html bad.html --max-memory 512M c10-bad.txt\n\n\
                            Exit status: 0 if every history is linearizable, 1 if one is not or the budget ran out, 2 on bad input."
    )]
    Lincheck(LincheckArgs),
    /// Run a checker on a planted bug: the failing execution as a per-thread table, the
    /// command that replays it, then the fixed version passing.
    #[command(
        after_help = "Examples:\n  synclab demo --list\n  synclab demo counter_load_store\n  synclab demo lock_relaxed_spin --checker shuttle_pct   # shuttle cannot see it\n\n\
                            Default checker: shuttle PCT (depth 3) for an interleaving bug, loom for a memory-ordering bug.\n\
                            Exit status: 0 if the checker did what the docs claim and the fixed version passes, 1 if not,\n\
                            2 on bad input or a checker that does not run this bug."
    )]
    Demo(DemoArgs),
    /// Run every planted bug under every checker: the sensitivity matrix.
    #[command(
        after_help = "Examples:\n  synclab matrix                      # a markdown table (a few seconds)\n  synclab matrix --json\n  synclab matrix --write docs/gallery.md\n\n\
                            A cell is found in k of its runs (5 shuttle seeds, 5 stress runs, 1 loom run), with the median\n\
                            number of executions to the first failure. Exit status 1 if a cell contradicts the docs' claims."
    )]
    Matrix(MatrixArgs),
    /// Measure every checker on the SCTBench programs, beside the published numbers.
    #[command(
        after_help = "Examples:\n  synclab sctbench                                 # a few minutes on 2 cores\n  synclab sctbench --trials 20                     # the papers' 20 trials (longer)\n  synclab sctbench --program reorder_10,twostage --checker shuttle_urw,portfolio --json\n\n\
                            Per program and checker: found k/N trials and the mean schedules to the first failure,\n\
                            then the published SURW, PCT d3, POS and random-walk means (budget 10,000, 20 trials).\n\
                            loom and shuttle DFS are deterministic and run once. Each ok twin runs once per checker.\n\
                            Exit status: 1 if an ok twin failed, 2 on bad input."
    )]
    Sctbench(SctbenchArgs),
    /// Run the loom and shuttle models of the primitives and print a summary.
    #[command(
        after_help = "Examples:\n  synclab check\n  synclab check counter --checker loom\n  synclab check --json"
    )]
    Check(CheckArgs),
}

/// What `synclab report` and `synclab bench` measure at, and for how long.
#[derive(Args)]
pub struct MeasureArgs {
    /// Thread counts, comma-separated.
    #[arg(long, value_delimiter = ',', default_values_t = [1, 2, 4], value_parser = thread_count)]
    pub threads: Vec<usize>,
    /// 3 rounds of 100 ms per case instead of 7 rounds of 300 ms.
    #[arg(long)]
    pub quick: bool,
}

impl MeasureArgs {
    /// The benchmark settings these arguments ask for, once the most threads asked for
    /// have been started (and let go): a thread or memory limit is an error before
    /// anything is measured.
    pub fn checked_config(&self) -> Result<Config, BenchError> {
        let most = self.threads.iter().copied().max().unwrap_or(1);
        bench::threads::probe(most)?;
        Ok(Config::new(self.threads.clone(), self.quick))
    }
}

/// The arguments of `synclab report`.
#[derive(Args)]
pub struct ReportArgs {
    /// Directory for index.html, the SVG charts, report.md and report.json.
    #[arg(long, default_value = "report")]
    pub out: PathBuf,
    #[command(flatten)]
    pub measure: MeasureArgs,
    /// Print report.json to stdout as well (and no progress bar).
    #[arg(long)]
    pub json: bool,
    /// Skip the model checks.
    #[arg(long)]
    pub no_checks: bool,
    /// Override the time per case per round, in milliseconds (for tests).
    #[arg(long, hide = true)]
    pub round_ms: Option<u64>,
    /// Override the number of rounds (for tests).
    #[arg(long, hide = true)]
    pub rounds: Option<usize>,
    /// Cap the input size of the map family (for tests).
    #[arg(long, hide = true)]
    pub max_items: Option<usize>,
}

/// The arguments of `synclab bench`.
#[derive(Args)]
pub struct BenchArgs {
    /// The family to measure.
    #[arg(value_parser = clap::builder::PossibleValuesParser::new(FAMILIES.iter().map(|f| f.name)))]
    pub family: String,
    #[command(flatten)]
    pub measure: MeasureArgs,
    /// Print one JSON object instead of a table.
    #[arg(long)]
    pub json: bool,
}

/// The arguments of `synclab lincheck`.
#[derive(Args)]
pub struct LincheckArgs {
    /// The history format and model.
    #[arg(long, value_parser = ["etcd-register", "kv"])]
    pub model: String,
    /// History files.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Give up on a history after this many seconds of wall-clock time spent checking it
    /// (the verdict is then unknown, and says so); 0 for no time limit. No other limit
    /// ends a check, except --max-memory for a history too large to hold.
    #[arg(long, default_value_t = 10, value_name = "SECONDS")]
    pub timeout: u64,
    /// Hold at most this much memory per history (e.g. 512M, 4G). The memo of explored
    /// situations is a cache: when full it is emptied and the search goes on. Only a
    /// history whose own search structures need more ends unknown.
    #[arg(long, default_value = "1G", value_name = "SIZE", value_parser = synclab::lincheck::parse_size)]
    pub max_memory: u64,
    /// Also write the history as one self-contained interactive HTML page (per-client
    /// timelines, the longest partial linearization, the operation that cannot fit).
    /// Needs exactly one history file.
    #[arg(long, value_name = "FILE")]
    pub html: Option<PathBuf>,
    /// Print one JSON object: {"results":[{"file":..,"linearizable":true|false|null,"millis":..}]}
    /// (with "unknown": the limit that ran out, when the verdict is null).
    #[arg(long)]
    pub json: bool,
}

/// The arguments of `synclab demo`.
#[derive(Args)]
pub struct DemoArgs {
    /// The planted bug (see --list).
    #[arg(required_unless_present = "list")]
    pub name: Option<String>,
    /// List the bugs instead.
    #[arg(long)]
    pub list: bool,
    /// The checker to run.
    #[arg(long, value_parser = ["loom", "shuttle_random", "shuttle_pct", "stress"])]
    pub checker: Option<String>,
    /// With --list: print one JSON array of {name, family, kind, caught_by} (a demo run
    /// prints its table only, so --json without --list is refused).
    #[arg(long, requires = "list")]
    pub json: bool,
    /// Keep the checker's own panic messages on stderr (silenced by default: the
    /// failure is printed once, as a table).
    #[arg(long)]
    pub verbose: bool,
}

/// The arguments of `synclab matrix`.
#[derive(Args)]
pub struct MatrixArgs {
    /// Print one JSON object instead of the markdown table.
    #[arg(long)]
    pub json: bool,
    /// Replace the table between `<!-- matrix:start -->` and `<!-- matrix:end -->` in FILE.
    #[arg(long)]
    pub write: Option<PathBuf>,
    /// Only these bugs (repeat the flag, or separate with commas).
    #[arg(long, value_delimiter = ',')]
    pub bug: Vec<String>,
}

/// The arguments of `synclab check`.
#[derive(Args)]
pub struct CheckArgs {
    /// Only this family's models: counter, lock, map, pool.
    pub family: Option<synclab::Family>,
    /// Only this checker: loom, shuttle_random, shuttle_pct.
    #[arg(long, value_parser = ["loom", "shuttle_random", "shuttle_pct"])]
    pub checker: Option<String>,
    /// Print one JSON object instead of a table.
    #[arg(long)]
    pub json: bool,
}

/// The arguments of `synclab sctbench`.
#[derive(Args)]
pub struct SctbenchArgs {
    /// Trials per program and seeded checker (each from its own seed).
    #[arg(long, default_value_t = synclab::check::budget::SCTBENCH_DEFAULT_TRIALS, value_parser = at_least_one)]
    pub trials: usize,
    /// Schedules per run (the portfolio: of all its explorations together).
    #[arg(long, default_value_t = synclab::check::budget::SCTBENCH.schedules, value_parser = at_least_one)]
    pub budget: usize,
    /// Only these checkers (repeat the flag, or separate with commas).
    #[arg(long, value_delimiter = ',', value_parser = ["shuttle_random", "shuttle_pct_d3", "shuttle_urw", "shuttle_urw_main_first", "shuttle_dfs", "loom", "portfolio"])]
    pub checker: Vec<String>,
    /// Only these programs (repeat the flag, or separate with commas).
    #[arg(long, value_delimiter = ',')]
    pub program: Vec<String>,
    /// OS threads for the portfolio (0: one per core).
    #[arg(long, default_value_t = 0)]
    pub threads: usize,
    /// Print one JSON object instead of the table.
    #[arg(long)]
    pub json: bool,
}

/// A count that is at least 1.
fn at_least_one(text: &str) -> Result<usize, String> {
    match text.trim().parse() {
        Ok(0) => Err("must be at least 1".to_string()),
        Ok(n) => Ok(n),
        Err(e) => Err(format!("not a count: {e}")),
    }
}

/// A thread count: at least 1, at most [`bench::max_threads`] on this machine.
fn thread_count(text: &str) -> Result<usize, String> {
    match text.trim().parse() {
        Ok(0) => Err("a thread count is at least 1".to_string()),
        Ok(n) if n > bench::max_threads() => Err(format!(
            "{n} threads on {} CPUs: at most {} ({} per CPU); {}",
            bench::cpus(),
            bench::max_threads(),
            bench::MAX_THREADS_PER_CPU,
            bench::WHY_MAX_THREADS
        )),
        Ok(n) => Ok(n),
        Err(e) => Err(format!("not a thread count: {e}")),
    }
}
