//! `synclab report`: measure every family, run the model checks, write the page.

use crate::args::ReportArgs;
use crate::progress::Bar;
use std::process::ExitCode;
use std::time::Duration;
use synclab_cli::bench::plausible;
use synclab_cli::report::{self, Options};

/// Measures, writes the report and prints the advice (or report.json). Exit status 2 if
/// the output directory cannot be written or the threads cannot be started (both
/// checked before anything is measured), 1 if a model check failed.
pub fn run(args: ReportArgs) -> ExitCode {
    if let Err(e) = report::prepare(&args.out) {
        eprintln!(
            "error: cannot write the report to {}: {e}",
            args.out.display()
        );
        return ExitCode::from(2);
    }
    let mut bench = match args.measure.checked_config() {
        Ok(config) => config,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
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
    let report = match report {
        Ok(report) => report,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
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
    for (_, rows) in &report.benchmarks {
        for warning in plausible::warnings(rows) {
            eprintln!("warning: {warning}");
        }
    }
    if report.checks.iter().any(|c| c.failure.is_some()) {
        eprintln!("some model checks failed: see the report");
        return ExitCode::FAILURE;
    }
    if !synclab_cli::report::sctbench::all_well(&report.sctbench) {
        eprintln!("the portfolio missed an SCTBench bug, or an ok twin failed: see the report");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
