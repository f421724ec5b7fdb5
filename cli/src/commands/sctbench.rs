//! `synclab sctbench`: every checker on the SCTBench programs, beside the published
//! numbers (the measuring is `synclab::sctbench::measure`).

use crate::args::SctbenchArgs;
use crate::progress::Bar;
use crate::stdio::with_stderr_silenced;
use std::process::ExitCode;
use synclab::check::Checker;
use synclab::sctbench::{self, Column, OkTwin, Program};
use synclab_cli::report::Progress;

/// Exit status 1 if an ok twin failed or a program failed with something other than its
/// bug, 2 on bad input.
pub fn run(args: SctbenchArgs) -> ExitCode {
    let SctbenchArgs {
        trials,
        budget,
        checker,
        program,
        threads,
        json,
    } = args;
    let programs: Vec<Program> = if program.is_empty() {
        sctbench::all()
    } else {
        let mut programs = Vec::new();
        for name in &program {
            match sctbench::find(name) {
                Some(p) => programs.push(p),
                None => {
                    let names: Vec<&str> = sctbench::all().iter().map(|p| p.name).collect();
                    eprintln!(
                        "error: no program {name:?}; the programs: {}",
                        names.join(", ")
                    );
                    return ExitCode::from(2);
                }
            }
        }
        programs
    };
    let columns: Vec<Column> = sctbench::columns(budget)
        .into_iter()
        .filter(|c| checker.is_empty() || checker.iter().any(|n| n == c.name))
        .map(|c| match c.checker {
            Checker::Portfolio { iterations, .. } => Column {
                checker: Checker::Portfolio {
                    iterations,
                    threads,
                },
                ..c
            },
            _ => c,
        })
        .collect();
    let mut bar = Bar::new(json);
    bar.phase("sctbench", programs.len() * columns.len());
    let mut done = 0;
    // The checkers print a panic for every failing execution: noise here.
    let rows = with_stderr_silenced(|| {
        sctbench::measure_all(&programs, &columns, trials, |program, column, trial| {
            if trial == 0 {
                bar.step(done);
                done += 1;
            }
            bar.item(&format!("{} under {}", program.name, column.name));
        })
    });
    bar.finish();
    let names: Vec<&str> = columns.iter().map(|c| c.name).collect();
    if json {
        println!("{}", sctbench::json(&rows));
    } else {
        println!(
            "SCTBench: {} programs, {trials} trials per seeded checker, budget {budget} schedules\n\
             (cell: found/trials (mean schedules to the first failure); det.: deterministic, one run)\n",
            programs.len()
        );
        print!("{}", sctbench::markdown(&rows, &names));
    }
    let mut failed = false;
    for row in &rows {
        if let Some(failure) = &row.wrong {
            eprintln!(
                "{} failed under {} with something else than its bug:\n{failure}",
                row.program, row.checker
            );
            failed = true;
        }
        if let OkTwin::Failed(failure) = &row.ok_twin {
            eprintln!(
                "the ok twin of {} failed under {}:\n{failure}",
                row.program, row.checker
            );
            failed = true;
        }
    }
    super::status(!failed)
}
