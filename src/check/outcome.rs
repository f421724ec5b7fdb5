//! What a run ends with: a [`Report`] when it passes, a [`Failure`] when it does not.

use std::fmt;
use std::time::Duration;

use super::{Checker, Replay};

/// A passing run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// The checker, after environment overrides.
    pub checker: Checker,
    /// How many executions ran (loom: interleavings explored).
    pub executions: usize,
    /// Wall time.
    pub elapsed: Duration,
}

/// A failing run: what broke, and how to see it again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// The checker, after environment overrides.
    pub checker: Checker,
    /// The panic message of the failing execution.
    pub message: String,
    /// How many executions ran, the failing one included.
    pub executions: usize,
    /// How to replay the failing execution; its `Display` is the command.
    pub replay: Replay,
    /// The failing execution step by step, when a model checker replayed it with recording
    /// on (loom and shuttle; `None` for stress runs and shrinking attempts).
    pub trace: Option<crate::trace::Trace>,
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{} found a failure in execution {}:",
            self.checker, self.executions
        )?;
        writeln!(f, "  {}", self.message.replace('\n', "\n  "))?;
        if let Some(trace) = &self.trace {
            writeln!(
                f,
                "the failing execution, step by step, up to the failure:\n{trace}"
            )?;
        }
        write!(f, "replay: {}", self.replay)
    }
}

impl std::error::Error for Failure {}

/// The message inside a panic payload.
pub(crate) fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else if let Some(planned) = payload.downcast_ref::<super::PlannedPanic>() {
        format!("{planned:?}")
    } else {
        "a panic with a non-string payload".to_string()
    }
}

/// A std stress failure message longer than this many lines is cut to its first and last
/// lines, and kept whole in a file that the cut names.
pub const MAX_MESSAGE_LINES: usize = 80;

/// `message`, cut to its first and last [`MAX_MESSAGE_LINES`]` / 2` lines if it is longer:
/// what a long message is about comes first (a broken property, "not linearizable"), and
/// where it went wrong comes last (the state the check got stuck in, the operations that
/// do not fit). The whole message goes to a file (`synclab-replay/TEST.message.txt` under
/// the temporary directory), which the cut names. A std stress failure is not shrunk, and
/// its history can hold thousands of operations.
pub(crate) fn cut(test: &str, message: String) -> String {
    let lines: Vec<&str> = message.lines().collect();
    if lines.len() <= MAX_MESSAGE_LINES {
        return message;
    }
    let keep = MAX_MESSAGE_LINES / 2;
    let file = super::replay::replay_file(test, "message.txt")
        .filter(|file| std::fs::write(file, &message).is_ok());
    let whole = match &file {
        Some(file) => format!("the whole message is in {}", file.display()),
        None => "the whole message could not be written to a file".to_string(),
    };
    format!(
        "{}\n[... {} lines cut; {whole} ...]\n{}",
        lines[..keep].join("\n"),
        lines.len() - 2 * keep,
        lines[lines.len() - keep..].join("\n")
    )
}
