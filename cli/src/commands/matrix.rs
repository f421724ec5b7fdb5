//! `synclab matrix`: every planted bug under every checker, printed as the markdown
//! table (or JSON) and optionally written into the docs between their markers.

use crate::args::MatrixArgs;
use crate::stdio::with_stderr_silenced;
use std::process::ExitCode;
use synclab::gallery::{Matrix, demo, docs};

/// Exit status 1 if a cell contradicts the docs' claims, 2 on bad input or a file that
/// cannot be updated.
pub fn run(args: MatrixArgs) -> ExitCode {
    let MatrixArgs { json, write, bug } = args;
    let bugs = match demo::bugs_named(&bug) {
        Ok(bugs) => bugs,
        Err(e) => {
            eprintln!("error: {e} (see synclab demo --list)");
            return ExitCode::from(2);
        }
    };
    // The file to update is checked before measuring: it must hold the markers, and be
    // writable.
    if let Some(path) = &write {
        if let Err(e) = docs::check_writable(path) {
            eprintln!("error: cannot update {}: {e}", path.display());
            return ExitCode::from(2);
        }
    }
    // A few seconds in all; the checkers' panic output for every failing run is noise.
    let matrix = with_stderr_silenced(|| Matrix::measure(&bugs, |_, _| {}));
    let markdown = matrix.markdown();
    if json {
        println!("{}", matrix.json());
    } else {
        print!("{markdown}");
    }
    if let Some(path) = &write {
        match docs::write_table(path, &markdown) {
            Ok(()) => eprintln!("matrix written to {}", path.display()),
            Err(e) => {
                eprintln!("error: cannot update {}: {e}", path.display());
                return ExitCode::from(2);
            }
        }
    }
    let disagreements = matrix.disagreements();
    for (bug, column, text, claim) in &disagreements {
        eprintln!("disagreement: {bug} under {column}: measured {text}, the docs claim {claim:?}");
    }
    super::status(disagreements.is_empty())
}
