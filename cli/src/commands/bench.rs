//! `synclab bench FAMILY`: one family's table, or its JSON object.

use crate::args::BenchArgs;
use crate::progress::Bar;
use std::process::ExitCode;
use synclab_cli::bench::{self, plausible};

/// Measures the family and prints its rows. Exit status 2 if the threads cannot be
/// started (checked before measuring); a row the harness's self-check flags is printed
/// as a warning on stderr and marked in the output, and the exit status stays 0.
pub fn run(args: BenchArgs) -> ExitCode {
    let family = bench::family(&args.family).expect("clap checked the name");
    let config = match args.measure.checked_config() {
        Ok(config) => config,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let bar = Bar::new(args.json);
    let mut progress = |done, total| bar.at(done, total);
    let rows = (family.run)(&config, &mut progress);
    bar.finish();
    let rows = match rows {
        Ok(rows) => rows,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    if args.json {
        println!("{}", bench::output::to_json(family.name, &rows));
    } else {
        print!("{}", bench::output::to_table(&rows, family.baseline));
        if let Some(summary) = family.summary {
            print!("{}", summary(&rows));
        }
    }
    for warning in plausible::warnings(&rows) {
        eprintln!("warning: {warning}");
    }
    ExitCode::SUCCESS
}
