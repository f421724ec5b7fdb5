//! `synclab lincheck`: check recorded histories for linearizability.

use crate::args::LincheckArgs;
use std::process::ExitCode;
use std::time::Duration;
use synclab::lincheck::{Budget, parse_and_check};

/// Checks each file; exit status 0 if every history is linearizable, 1 if one is not or
/// the budget ran out, 2 on bad input.
pub fn run(args: LincheckArgs) -> ExitCode {
    let LincheckArgs {
        model,
        files,
        timeout,
        json,
    } = args;
    let mut results = Vec::new();
    let mut all_linearizable = true;
    for file in &files {
        let text = match std::fs::read_to_string(file) {
            Ok(text) => text,
            Err(e) => {
                eprintln!("error: cannot read {}: {e}", file.display());
                return ExitCode::from(2);
            }
        };
        let budget = Budget::default().with_time_limit(Duration::from_secs(timeout));
        let report = match parse_and_check(&model, &text, budget) {
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
    super::status(all_linearizable)
}
