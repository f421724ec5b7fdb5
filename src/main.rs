//! The `synclab` command-line tool.

use clap::{Parser, Subcommand};
use synclab::bench::{self, Config, FAMILIES};

#[derive(Parser)]
#[command(
    name = "synclab",
    version,
    about = "Concurrency primitives, checked and measured."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Measure one family's strategies against their peers, cases interleaved, median of rounds.
    #[command(
        after_help = "Examples:\n  synclab bench counter\n  synclab bench counter --threads 1,2,4,8 --quick --json"
    )]
    Bench {
        /// The family to measure.
        #[arg(value_parser = clap::builder::PossibleValuesParser::new(FAMILIES.iter().map(|(name, _)| *name)))]
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
}

fn main() {
    match Cli::parse().command {
        Command::Bench {
            family,
            threads,
            quick,
            json,
        } => {
            if threads.contains(&0) {
                eprintln!("error: --threads needs counts of at least 1");
                std::process::exit(2);
            }
            let (name, run) = FAMILIES
                .iter()
                .find(|(name, _)| *name == family)
                .expect("clap checked the name");
            let rows = run(&Config::new(threads, quick));
            if json {
                println!("{}", bench::output::to_json(name, &rows));
            } else {
                print!("{}", bench::output::to_table(&rows, bench::baseline(name)));
            }
        }
    }
}
