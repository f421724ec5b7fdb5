//! `synclab demo`: list the planted bugs, or run one under a checker and print what the
//! checker did, against what the docs claim (the logic is [`synclab::gallery::demo`]).

use crate::args::DemoArgs;
use crate::stdio::with_stderr_silenced;
use std::process::ExitCode;
use synclab::gallery::{
    self,
    demo::{Demo, Outcome},
};

/// Exit status: 0 if the checker did what the docs claim and the fixed version passes, 1
/// if not, 2 on bad input or a checker that does not run the bug.
pub fn run(args: DemoArgs) -> ExitCode {
    match (args.list, args.name) {
        (true, _) => list(args.json),
        (false, Some(name)) => show(&name, args.checker.as_deref(), args.verbose),
        (false, None) => unreachable!("clap requires a name without --list"),
    }
}

fn list(json: bool) -> ExitCode {
    let bugs = gallery::all();
    if json {
        let list: Vec<_> = bugs
            .iter()
            .map(|b| {
                serde_json::json!({"name": b.name, "family": b.family.name(), "kind": b.kind.name(),
                    "caught_by": b.caught_by(), "planted": format!("synclab::{}", b.planted), "what": b.what})
            })
            .collect();
        println!("{}", serde_json::Value::Array(list));
    } else {
        println!("{:<30} {:<8} {:<13} caught by", "name", "family", "kind");
        for b in &bugs {
            println!(
                "{:<30} {:<8} {:<13} {}\n{:>30} {}",
                b.name,
                b.family,
                b.kind.name(),
                b.caught_by().join(", "),
                "",
                b.what
            );
        }
        println!("\nsynclab demo NAME runs one; synclab matrix runs them all under every checker.");
    }
    ExitCode::SUCCESS
}

fn show(name: &str, checker: Option<&str>, verbose: bool) -> ExitCode {
    let demo = match Demo::new(name, checker) {
        Ok(demo) => demo,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let (bug, checker) = (&demo.bug, demo.checker);
    println!("{}: {}", bug.name, bug.what);
    println!(
        "  planted: synclab::{} ({} bug, {} family)",
        bug.planted,
        bug.kind.name(),
        bug.family
    );
    println!("  the fix: {}", bug.fix);
    println!("  caught by: {}\n", bug.caught_by().join(", "));

    let outcome = if verbose {
        demo.run()
    } else {
        with_stderr_silenced(|| demo.run())
    };
    match &outcome {
        Outcome::NotRun(why) => {
            println!("{checker} does not run this bug: {why}");
            return ExitCode::from(2);
        }
        Outcome::Found(failure) => println!("{failure}\n"),
        Outcome::Missed { report, why } => println!(
            "{checker} did not find the bug in {} executions{}\n",
            report.executions,
            why.map(|why| format!(": {why}")).unwrap_or_default()
        ),
    }
    let as_claimed = demo.as_claimed(&outcome);
    let fixed = with_stderr_silenced(|| demo.run_fixed());
    match fixed {
        None => println!("(no fixed twin runs under {checker})"),
        Some(Ok(report)) => println!(
            "The fixed version passes the same check: {} executions in {:.0} ms.",
            report.executions,
            report.elapsed.as_secs_f64() * 1e3
        ),
        Some(Err(failure)) => {
            println!("The fixed version FAILED:\n{failure}");
            return ExitCode::FAILURE;
        }
    }
    super::status(as_claimed)
}
