//! One module per command: each calls the libraries ([`synclab`], [`synclab_cli`]) and
//! prints what they return; the exit status is decided here.

pub mod bench;
pub mod check;
pub mod demo;
pub mod lincheck;
pub mod matrix;
pub mod report;
pub mod sctbench;

use std::process::ExitCode;

/// Exit status 0 on success, 1 otherwise.
fn status(success: bool) -> ExitCode {
    if success {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
