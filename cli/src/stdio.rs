//! The standard streams of a command-line tool: quiet on a closed pipe, and stderr
//! silenced while the checkers print a panic per failing execution.

/// Runs `f` with file descriptor 2 pointed at /dev/null: the checkers' panic hooks print
/// every failing execution's panic there, while the demo prints the failure once.
pub fn with_stderr_silenced<R>(f: impl FnOnce() -> R) -> R {
    #[cfg(unix)]
    {
        use std::os::fd::AsRawFd;
        let Ok(null) = std::fs::OpenOptions::new().write(true).open("/dev/null") else {
            return f();
        };
        // SAFETY: dup and dup2 only duplicate descriptors: 2 is saved in `saved` (if dup
        // fails we run unsilenced), replaced by /dev/null, and restored below; `null` stays
        // open until after the restore.
        let saved = unsafe { libc::dup(2) };
        if saved < 0 {
            return f();
        }
        // SAFETY: see above.
        unsafe { libc::dup2(null.as_raw_fd(), 2) };
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
        // SAFETY: see above; `saved` is a descriptor we own and close once.
        unsafe {
            libc::dup2(saved, 2);
            libc::close(saved);
        }
        drop(null);
        result.unwrap_or_else(|payload| std::panic::resume_unwind(payload))
    }
    #[cfg(not(unix))]
    f()
}

/// `synclab lincheck ... | head`: once the reader is gone, end like other Unix tools do
/// (killed by SIGPIPE, no message) instead of panicking in `println!`. Rust ignores
/// SIGPIPE by default, which turns the closed pipe into a write error.
pub fn exit_quietly_on_closed_pipe() {
    #[cfg(unix)]
    // SAFETY: called first thing in `main`, before any other thread exists; SIG_DFL is a
    // valid disposition for SIGPIPE and installs no handler code.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}
