//! `synclab check`: run the loom and shuttle models of the primitives and print a summary.

use crate::args::CheckArgs;
use crate::progress::Bar;
use std::process::ExitCode;
use synclab_cli::report::checks;

/// Runs the models that match; exit status 1 if one fails, 2 if none matches.
pub fn run(args: CheckArgs) -> ExitCode {
    let CheckArgs {
        family,
        checker,
        json,
    } = args;
    let models: Vec<_> = synclab::cases::all()
        .into_iter()
        .filter(|m| family.is_none_or(|f| m.family() == f))
        .filter(|m| checker.as_deref().is_none_or(|c| m.checker().name() == c))
        .collect();
    if models.is_empty() {
        eprintln!("error: no model matches");
        return ExitCode::from(2);
    }
    let mut bar = Bar::new(json);
    let rows = checks::run(&models, &mut bar);
    bar.finish();
    let failures = rows.iter().filter(|r| r.failure.is_some()).count();
    if json {
        println!("{}", checks::to_json(&rows));
    } else {
        println!(
            "{:<40} {:<40} {:>10} {:>9}  verdict",
            "model", "checker", "executions", "ms"
        );
        for row in &rows {
            let ms = format!("{:.0}", row.elapsed.as_secs_f64() * 1e3);
            match &row.failure {
                None => println!(
                    "{:<40} {:<40} {:>10} {ms:>9}  pass",
                    row.name, row.checker, row.executions
                ),
                Some(failure) => println!(
                    "{:<40} {:<40} {:>10} {ms:>9}  FAIL\n{failure}",
                    row.name, row.checker, row.executions
                ),
            }
        }
        let executions: usize = rows.iter().map(|r| r.executions).sum();
        println!(
            "\n{} models, {executions} executions, {failures} failed",
            rows.len()
        );
    }
    super::status(failures == 0)
}
