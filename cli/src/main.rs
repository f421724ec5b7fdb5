//! The `synclab` command-line tool: parses the command line and runs one command.
//!
//! [`args`] declares the commands; each is one module of [`commands`], which calls the
//! libraries ([`synclab`] for the primitives, checkers and gallery, [`synclab_cli`] for
//! the benchmarks and the report) and prints what they return.

mod args;
mod commands;
mod progress;
mod stdio;

use args::{Cli, Command};
use clap::Parser;
use std::process::ExitCode;
use synclab::check::config::Overrides;

fn main() -> ExitCode {
    stdio::exit_quietly_on_closed_pipe();
    let cli = Cli::parse();
    // The checks the commands run read the `SYNCLAB_*` variables as they go: a bad one
    // is refused here, before any work.
    if let Err(bad) = Overrides::from_env() {
        eprintln!("error: {bad}");
        return ExitCode::from(2);
    }
    match cli.command {
        Command::Report(args) => commands::report::run(args),
        Command::Bench(args) => commands::bench::run(args),
        Command::Check(args) => commands::check::run(args),
        Command::Lincheck(args) => commands::lincheck::run(args),
        Command::Demo(args) => commands::demo::run(args),
        Command::Matrix(args) => commands::matrix::run(args),
        Command::Sctbench(args) => commands::sctbench::run(args),
    }
}
