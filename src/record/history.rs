//! The runtime-independent half of [`record`](crate::record): a recorded [`History`] and
//! its verdict. Declared once (outside `primitives!`) and re-exported by every flavour of
//! `record`, so a history recorded under loom has the same type as one recorded on std
//! threads.

use std::fmt;
use std::path::PathBuf;

use crate::lincheck::{self, Budget, CheckResult, Exhausted, Explanation, Model, Operation};

/// The operations recorded in one run, ordered by call tick.
///
/// Call and return times are ticks of one [`Recorder`](crate::record::Recorder)'s logical
/// clock: operation `a` finished before `b` started exactly when `a.return_ < b.call`
/// (see the [`record`](crate::record) module docs for why that order is real).
///
/// ```
/// use synclab::lincheck::Operation;
/// use synclab::lincheck::models::{Counter, CounterInput};
/// use synclab::record::History;
///
/// // Two overlapping fetch_adds that both returned 0: one of them was lost.
/// let history = History::from_operations(vec![
///     Operation::new(0, CounterInput::FetchAdd(1), 0, 0, 3),
///     Operation::new(1, CounterInput::FetchAdd(1), 1, 0, 2),
/// ]);
/// let violation = history.check(&Counter).unwrap_err();
/// assert!(violation.to_string().contains("fetch_add(1) -> 0"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct History<I, O> {
    operations: Vec<Operation<I, O>>,
}

impl<I, O> Default for History<I, O> {
    fn default() -> Self {
        Self {
            operations: Vec::new(),
        }
    }
}

impl<I, O> History<I, O> {
    /// An empty history.
    pub fn new() -> Self {
        Self::default()
    }

    /// A history of these operations (in any order; they are sorted by call tick).
    pub fn from_operations(operations: Vec<Operation<I, O>>) -> Self {
        let mut history = Self { operations };
        history.sort();
        history
    }

    /// Adds operations, e.g. one [`Client`](crate::record::Client)'s log.
    pub fn extend(&mut self, operations: impl IntoIterator<Item = Operation<I, O>>) {
        self.operations.extend(operations);
        self.sort();
    }

    /// The operations, ordered by call tick.
    pub fn operations(&self) -> &[Operation<I, O>] {
        &self.operations
    }

    /// The operations, ordered by call tick.
    pub fn into_operations(self) -> Vec<Operation<I, O>> {
        self.operations
    }

    /// How many operations were recorded.
    pub fn len(&self) -> usize {
        self.operations.len()
    }

    /// Whether nothing was recorded.
    pub fn is_empty(&self) -> bool {
        self.operations.is_empty()
    }

    fn sort(&mut self) {
        // Ticks are distinct, so this order is total; the explanation's operation
        // numbers (`#n`) are positions in it.
        self.operations.sort_by_key(|op| (op.call, op.client_id));
    }

    /// Checks the history against `model` with the default [`Budget`].
    ///
    /// # Errors
    /// A [`Violation`] when no order of the operations that respects the recorded
    /// real-time order is a legal sequential run of `model` (or the budget ran out).
    pub fn check<M>(&self, model: &M) -> Result<(), Violation>
    where
        M: Model<Input = I, Output = O>,
    {
        self.check_within(model, Budget::default())
    }

    /// [`check`](Self::check) within `budget`.
    ///
    /// # Errors
    /// As for [`check`](Self::check).
    pub fn check_within<M>(&self, model: &M, budget: Budget) -> Result<(), Violation>
    where
        M: Model<Input = I, Output = O>,
    {
        match lincheck::check(model, &self.operations, budget) {
            CheckResult::Linearizable => Ok(()),
            CheckResult::NotLinearizable(explanation) => {
                Err(Violation::NotLinearizable(Box::new(explanation)))
            }
            CheckResult::Unknown(exhausted) => Err(Violation::Undecided {
                operations: self.operations.len(),
                exhausted,
            }),
        }
    }
}

/// Why a recorded history failed its check.
///
/// Its `Display` is meant for a person: the lincheck [`Explanation`] (a per-client table
/// of the operations, the longest order the checker could build, and the operations none
/// of which fits next), with a note on what the times are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Violation {
    /// No order of the operations consistent with the recorded real-time order is a legal
    /// sequential run of the model.
    NotLinearizable(Box<Explanation>),
    /// The checker's budget ran out before it could decide: make the scenario smaller.
    Undecided {
        /// How many operations the history held.
        operations: usize,
        /// Which limit ran out, and how far the check got.
        exhausted: Exhausted,
    },
}

impl Violation {
    /// The explanation, if the history was shown not to be linearizable.
    pub fn explanation(&self) -> Option<&Explanation> {
        match self {
            Violation::NotLinearizable(explanation) => Some(explanation),
            Violation::Undecided { .. } => None,
        }
    }

    /// Writes the history's picture ([`Explanation::html_page`]) to
    /// `$SYNCLAB_HTML_DIR`, or else `synclab/` in cargo's target directory, named
    /// after the current thread (a test's thread is named after the test).
    /// Returns where; `None` for an undecided check, or when it cannot be written.
    pub fn write_page(&self) -> Option<PathBuf> {
        let explanation = self.explanation()?;
        let thread = std::thread::current();
        let name: String = (thread.name().unwrap_or("history").chars())
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '_' {
                    c
                } else {
                    '-'
                }
            })
            .collect();
        let dir = page_dir();
        std::fs::create_dir_all(&dir).ok()?;
        let path = dir.join(format!("{name}.html"));
        std::fs::write(&path, explanation.html_page(&name)).ok()?;
        Some(path)
    }

    /// What a failed check says: the [`Display`](fmt::Display) text and, for a
    /// history that is not linearizable, where its page is ([`write_page`](Self::write_page)).
    pub fn report(&self) -> String {
        match self.write_page() {
            Some(path) => format!("{self}\nThe history as a page: {}", path.display()),
            None => self.to_string(),
        }
    }
}

/// `$SYNCLAB_HTML_DIR`; else `synclab` in `$CARGO_TARGET_DIR`, or in the `target`
/// directory this program was built in (a test runs from `target/<profile>/deps`);
/// else in the system's temporary directory.
fn page_dir() -> PathBuf {
    if let Some(dir) = crate::check::config::Overrides::current().html_dir {
        return dir;
    }
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .or_else(|| {
            let exe = std::env::current_exe().ok()?;
            let target = exe.ancestors().find(|a| a.ends_with("target"))?;
            Some(target.to_path_buf())
        })
        .unwrap_or_else(std::env::temp_dir);
    target.join("synclab")
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Violation::NotLinearizable(explanation) => {
                writeln!(f, "{explanation}")?;
                write!(
                    f,
                    "(call and return are ticks of the recorder's clock: an operation whose \
                     return is below another's call finished before that one started)"
                )
            }
            Violation::Undecided {
                operations,
                exhausted,
            } => write!(
                f,
                "the linearizability check of {operations} recorded operations was cut short: \
                 {exhausted}; record fewer operations"
            ),
        }
    }
}

impl std::error::Error for Violation {}
