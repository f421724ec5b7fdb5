//! `synclab lincheck`: check recorded histories for linearizability.

use crate::args::LincheckArgs;
use std::fs::File;
use std::io::Write as _;
use std::path::Path;
use std::process::ExitCode;
use std::time::Duration;
use synclab::lincheck::{
    Budget, CheckResult, HistoryKind, Report, check_text, check_text_with_page,
};

/// Checks each file; exit status 0 if every history is linearizable, 1 if one is not or
/// the budget ran out, 2 on bad input.
pub fn run(args: LincheckArgs) -> ExitCode {
    let LincheckArgs {
        model,
        files,
        timeout,
        max_memory,
        html,
        json,
    } = args;
    // Everything that can be wrong with the arguments is found before any work.
    let kind: HistoryKind = match model.parse() {
        Ok(kind) => kind,
        Err(e) => return bad_input(&e.to_string()),
    };
    for file in &files {
        if let Err(e) = File::open(file) {
            return bad_input(&format!("cannot read {}: {e}", file.display()));
        }
    }
    let mut page_file = None;
    if let Some(path) = &html {
        if files.len() != 1 {
            return bad_input(&format!(
                "--html draws one history; {} files were given",
                files.len()
            ));
        }
        match File::create(path) {
            Ok(out) => page_file = Some((path, out)),
            Err(e) => return bad_input(&format!("cannot write {}: {e}", path.display())),
        }
    }
    let mut budget = Budget::unlimited().with_max_memory(max_memory);
    if timeout > 0 {
        budget = budget.with_time_limit(Duration::from_secs(timeout));
    }

    let mut results = Vec::new();
    let mut all_linearizable = true;
    for file in &files {
        let text = match std::fs::read_to_string(file) {
            Ok(text) => text,
            Err(e) => return bad_input(&format!("cannot read {}: {e}", file.display())),
        };
        let checked = match &page_file {
            Some(_) => check_text_with_page(kind, &text, budget, &file.display().to_string())
                .map(|(report, page)| (report, Some(page))),
            None => check_text(kind, &text, budget).map(|report| (report, None)),
        };
        let (report, page) = match checked {
            Ok(checked) => checked,
            Err(e) => {
                if let Some((path, _)) = &page_file {
                    let _ = std::fs::remove_file(path);
                }
                return bad_input(&format!("{}: {e}", file.display()));
            }
        };
        if let (Some((path, out)), Some(page)) = (&mut page_file, page) {
            if let Err(e) = out.write_all(page.as_bytes()) {
                return bad_input(&format!("cannot write {}: {e}", path.display()));
            }
        }
        all_linearizable &= report.linearizable() == Some(true);
        if json {
            results.push(json_result(file, &report));
        } else {
            print_result(file, &report);
        }
    }
    if json {
        println!("{}", serde_json::json!({ "results": results }));
    } else if let Some((path, _)) = &page_file {
        println!("page written to {}", path.display());
    }
    super::status(all_linearizable)
}

/// Prints `error: message` and returns exit status 2.
fn bad_input(message: &str) -> ExitCode {
    eprintln!("error: {message}");
    ExitCode::from(2)
}

fn print_result(file: &Path, report: &Report) {
    let millis = report.total_time().as_secs_f64() * 1e3;
    let verdict = match &report.result {
        CheckResult::Linearizable => "linearizable".to_string(),
        CheckResult::NotLinearizable(_) => "NOT linearizable".to_string(),
        CheckResult::Unknown(exhausted) => format!("unknown ({exhausted})"),
    };
    println!(
        "{}: {verdict} ({} operations, {millis:.2} ms)",
        file.display(),
        report.operations
    );
    if let CheckResult::NotLinearizable(explanation) = &report.result {
        println!("{explanation}\n");
    }
}

fn json_result(file: &Path, report: &Report) -> serde_json::Value {
    let millis = report.total_time().as_secs_f64() * 1e3;
    let mut result = serde_json::json!({
        "file": file.display().to_string(),
        "linearizable": report.linearizable(),
        "millis": millis,
    });
    if let CheckResult::Unknown(exhausted) = &report.result {
        result["unknown"] = exhausted.to_string().into();
    }
    result
}
