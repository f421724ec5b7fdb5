//! Every case of synclab's own primitives and every claim of the planted-bug gallery, one
//! test each: the lists are data (`synclab::cases::all()`, `synclab::gallery::all()`), so
//! this harness builds its tests from them instead of a hand-written list.
//!
//! | test | what it runs |
//! |---|---|
//! | `counter::sharded::loom`, `lock::tas::shuttle_pct`, ... | the case of that name (its docs say why its bounds suffice) |
//! | `gallery::BUG::COLUMN` | the docs' claim for the bug under the matrix column (`loom`, `shuttle_pct_d2`, ...) |
//! | `gallery::BUG::fixed` | the fixed twin passes every model checker that finds the bug |
//! | `sctbench::PROGRAM::portfolio` | the portfolio finds the SCTBench program's bug, and the failure replays in one execution |
//! | `sctbench::PROGRAM_ok::CHECKER` | the program's ok twin passes under every SCTBench checker |
//!
//! It takes libtest's arguments: `cargo test -p synclab-models --test cases -- lock::tas`,
//! `-- --exact counter::sharded::loom` (what replay commands print), `--list`.
//!
//! A passing run is quiet. shuttle prints a line or two for every failing execution, and
//! the gallery's planted bugs fail on purpose thousands of times; libtest would capture
//! that per test, but a harness built on `libtest-mimic` cannot. So while the tests run,
//! stderr goes to a log file, named at the end if a test failed (each failure's message
//! already holds its scenario, its per-thread table and its replay command).

use libtest_mimic::{Arguments, Failed, Trial};
use synclab::gallery::{self, COLUMNS};

fn main() {
    let arguments = Arguments::from_args();
    // Every test reads the `SYNCLAB_*` variables: a bad one is refused before any runs
    // (and before stderr goes to the log).
    if let Err(bad) = synclab::check::config::Overrides::from_env() {
        eprintln!("error: {bad}");
        std::process::exit(2);
    }
    let mut trials = Vec::new();
    for case in synclab::cases::all() {
        trials.push(Trial::test(case.name().to_string(), move || {
            case.run()
                .map(drop)
                .map_err(|failure| Failed::from(format!("{}: {failure}", case.name())))
        }));
    }
    for bug in gallery::all() {
        for column in &COLUMNS {
            let name = format!("gallery::{}::{}", bug.name, column.name);
            trials.push(Trial::test(name, move || {
                gallery::verify_claim(&bug, column).map_err(Failed::from)
            }));
        }
        let name = format!("gallery::{}::fixed", bug.name);
        trials.push(Trial::test(name, move || {
            gallery::verify_fixed(&bug).map_err(Failed::from)
        }));
    }
    for program in synclab::sctbench::all() {
        let name = program.test_name("portfolio", false);
        trials.push(Trial::test(name, move || {
            synclab::sctbench::verify_found(&program).map_err(Failed::from)
        }));
        if program.ok.is_none() {
            continue;
        }
        for column in synclab::sctbench::columns(0) {
            let name = program.test_name(column.name, true);
            trials.push(Trial::test(name, move || {
                synclab::sctbench::verify_ok(&program, &column).map_err(Failed::from)
            }));
        }
    }
    let log = std::env::temp_dir().join("synclab-cases-stderr.log");
    let conclusion = with_stderr_to(&log, || libtest_mimic::run(&arguments, trials));
    if conclusion.has_failed() {
        eprintln!(
            "(what the checkers printed to stderr is in {})",
            log.display()
        );
    }
    conclusion.exit();
}

/// Runs `f` with file descriptor 2 pointed at `log` (created anew); stderr is restored
/// afterwards. Where that cannot be done, `f` runs with stderr as it is.
fn with_stderr_to<R>(log: &std::path::Path, f: impl FnOnce() -> R) -> R {
    #[cfg(unix)]
    {
        use std::os::fd::AsRawFd;
        let Ok(file) = std::fs::File::create(log) else {
            return f();
        };
        // SAFETY: dup only duplicates descriptor 2; a negative result means it failed and we
        // run without redirecting.
        let saved = unsafe { libc::dup(2) };
        if saved < 0 {
            return f();
        }
        // SAFETY: `file` is open for the whole call; dup2 makes 2 refer to it, and the
        // original is restored from `saved` below, which is then closed once.
        unsafe { libc::dup2(file.as_raw_fd(), 2) };
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
        // SAFETY: as above.
        unsafe {
            libc::dup2(saved, 2);
            libc::close(saved);
        }
        result.unwrap_or_else(|payload| std::panic::resume_unwind(payload))
    }
    #[cfg(not(unix))]
    f()
}
