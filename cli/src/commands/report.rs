//! `synclab report`: measure every family, run the model checks, write the page.

use crate::args::ReportArgs;
use crate::progress::Bar;
use std::process::ExitCode;
use std::time::Duration;
use synclab_cli::report::{self, Options};

/// Measures, writes the report and prints the advice (or report.json); exit status 1 if
/// the report cannot be written or a model check failed.
pub fn run(args: ReportArgs) -> ExitCode {
    let mut bench = args.measure.config();
    if let Some(ms) = args.round_ms {
        bench.round_time = Duration::from_millis(ms);
    }
    if let Some(rounds) = args.rounds {
        bench.rounds = rounds.max(1);
    }
    bench.max_items = args.max_items;
    let options = Options {
        out: args.out,
        bench,
        checks: !args.no_checks,
    };
    let mut bar = Bar::new(args.json);
    let report = report::measure(&options, &mut bar);
    bar.finish();
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
    if args.json {
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
    ExitCode::SUCCESS
}
