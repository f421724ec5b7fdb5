//! The error type of this module.

use std::fmt;

/// What can go wrong before a check can start. Checking itself never fails: it
/// answers [`CheckResult`](super::CheckResult), possibly `Unknown`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// A history file could not be parsed.
    Parse {
        /// The 1-based line number of the offending line.
        line: usize,
        /// What is wrong with it.
        message: String,
    },
    /// An event list whose calls and returns do not pair up.
    InvalidHistory(String),
    /// A history file without a single operation: most likely the wrong file, or
    /// one cut short, so it is not called linearizable.
    EmptyHistory,
    /// A model name that [`parse_and_check`](super::parse_and_check) does not know.
    UnknownModel(String),
}

impl Error {
    pub(super) fn parse(line: usize, message: impl Into<String>) -> Self {
        Self::Parse {
            line,
            message: message.into(),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Parse { line, message } => write!(f, "line {line}: {message}"),
            Self::InvalidHistory(message) => write!(f, "invalid history: {message}"),
            Self::EmptyHistory => write!(
                f,
                "the history holds no operations (an empty file, or no line in the expected format)"
            ),
            Self::UnknownModel(name) => write!(
                f,
                "unknown model {name:?} (expected one of: {})",
                super::HistoryKind::ALL
                    .map(super::HistoryKind::name)
                    .join(", ")
            ),
        }
    }
}

impl std::error::Error for Error {}
