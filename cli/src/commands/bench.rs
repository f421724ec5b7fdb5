//! `synclab bench FAMILY`: one family's table, or its JSON object.

use crate::args::BenchArgs;
use crate::progress::Bar;
use std::process::ExitCode;
use synclab_cli::bench;

/// Measures the family and prints its rows.
pub fn run(args: BenchArgs) -> ExitCode {
    let family = bench::family(&args.family).expect("clap checked the name");
    let bar = Bar::new(args.json);
    let mut progress = |done, total| bar.at(done, total);
    let rows = (family.run)(&args.measure.config(), &mut progress);
    bar.finish();
    if args.json {
        println!("{}", bench::output::to_json(family.name, &rows));
    } else {
        print!("{}", bench::output::to_table(&rows, family.baseline));
        if let Some(summary) = family.summary {
            print!("{}", summary(&rows));
        }
    }
    ExitCode::SUCCESS
}
