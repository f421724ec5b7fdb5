//! One call for command-line tools: parse a history file and check it.

use std::fmt;
use std::str::FromStr;
use std::time::{Duration, Instant};

use super::models::{KeyValue, Register};
use super::{Budget, CheckResult, Error, Model, Operation, check, parse};

/// A history file format together with the model its histories are checked against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HistoryKind {
    /// Jepsen etcd logs ([`parse::etcd`]) checked against a [`Register`].
    EtcdRegister,
    /// Porcupine key-value logs ([`parse::kv`]) checked against [`KeyValue`], per key.
    Kv,
}

impl HistoryKind {
    /// Every kind, in the order of their names.
    pub const ALL: [Self; 2] = [Self::EtcdRegister, Self::Kv];

    /// The name accepted by [`FromStr`]: `"etcd-register"` or `"kv"`.
    pub fn name(self) -> &'static str {
        match self {
            Self::EtcdRegister => "etcd-register",
            Self::Kv => "kv",
        }
    }
}

impl FromStr for HistoryKind {
    type Err = Error;

    fn from_str(name: &str) -> Result<Self, Error> {
        Self::ALL
            .into_iter()
            .find(|k| k.name() == name)
            .ok_or_else(|| Error::UnknownModel(name.to_string()))
    }
}

impl fmt::Display for HistoryKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The outcome of [`parse_and_check`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// The verdict.
    pub result: CheckResult,
    /// How many operations the history holds.
    pub operations: usize,
    /// Time spent parsing.
    pub parse_time: Duration,
    /// Time spent checking.
    pub check_time: Duration,
}

impl Report {
    /// `Some(true)`, `Some(false)`, or `None` when the budget ran out.
    pub fn linearizable(&self) -> Option<bool> {
        self.result.is_linearizable()
    }

    /// Parsing plus checking time.
    pub fn total_time(&self) -> Duration {
        self.parse_time + self.check_time
    }
}

/// Parses `text` as a history of the kind named `model` (`"etcd-register"` or
/// `"kv"`, see [`HistoryKind`]) and checks it within `budget`.
///
/// ```
/// use synclab::lincheck::{Budget, parse_and_check};
///
/// let log = "INFO  jepsen.util - 0\t:invoke\t:write\t1\n\
///            INFO  jepsen.util - 0\t:ok\t:write\t1\n\
///            INFO  jepsen.util - 1\t:invoke\t:read\tnil\n\
///            INFO  jepsen.util - 1\t:ok\t:read\tnil\n";
/// let report = parse_and_check("etcd-register", log, Budget::default()).unwrap();
/// assert_eq!(report.linearizable(), Some(false)); // the read missed a completed write
/// println!("{}", report.result); // a readable explanation
/// ```
///
/// # Errors
///
/// [`Error::UnknownModel`] for an unknown name, [`Error::Parse`] for malformed input,
/// [`Error::EmptyHistory`] for a history without operations.
pub fn parse_and_check(model: &str, text: &str, budget: Budget) -> Result<Report, Error> {
    check_text(model.parse()?, text, budget)
}

/// Like [`parse_and_check`], with the kind already chosen.
///
/// # Errors
///
/// [`Error::Parse`] for malformed input, [`Error::EmptyHistory`] for a history
/// without operations.
pub fn check_text(kind: HistoryKind, text: &str, budget: Budget) -> Result<Report, Error> {
    Ok(dispatch(kind, text, budget, None)?.0)
}

/// Like [`check_text`], and also draws the history as an interactive HTML page
/// titled `title` (see [`html_page`](super::html_page)).
///
/// # Errors
///
/// As [`check_text`].
pub fn check_text_with_page(
    kind: HistoryKind,
    text: &str,
    budget: Budget,
    title: &str,
) -> Result<(Report, String), Error> {
    let (report, page) = dispatch(kind, text, budget, Some(title))?;
    Ok((report, page.unwrap_or_default()))
}

fn dispatch(
    kind: HistoryKind,
    text: &str,
    budget: Budget,
    page: Option<&str>,
) -> Result<(Report, Option<String>), Error> {
    match kind {
        HistoryKind::EtcdRegister => timed(&Register, parse::etcd::parse, text, budget, page),
        HistoryKind::Kv => timed(&KeyValue, parse::kv::parse, text, budget, page),
    }
}

/// A parser for histories checked against `M`.
type Parser<M> =
    fn(&str) -> Result<Vec<Operation<<M as Model>::Input, <M as Model>::Output>>, Error>;

/// Parses with `parse`, checks against `model`, and times both; draws the page
/// titled `page`, if asked.
fn timed<M: Model>(
    model: &M,
    parse: Parser<M>,
    text: &str,
    budget: Budget,
    page: Option<&str>,
) -> Result<(Report, Option<String>), Error> {
    let start = Instant::now();
    let history = parse(text)?;
    if history.is_empty() {
        return Err(Error::EmptyHistory);
    }
    let parse_time = start.elapsed();
    let start = Instant::now();
    let result = check(model, &history, budget);
    let check_time = start.elapsed();
    let page = page.map(|title| super::html_page(model, &history, &result, title));
    let report = Report {
        result,
        operations: history.len(),
        parse_time,
        check_time,
    };
    Ok((report, page))
}
