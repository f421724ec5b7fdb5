//! The model-check suite: every loom and shuttle model of every primitive, as data.
//!
//! One list serves two runners: `cargo test` (each model is one `#[test]` in
//! `models/tests/`, named like the model) and `synclab check` / `synclab report`, which run
//! the list from the command line. Available with features `loom` and `shuttle`.
//!
//! A family adds its models in one file here and one line in [`all`].

pub mod counter;
pub mod lock;
pub mod map;
pub mod pool;

use crate::check::{self, Checker, Failure, Report};

/// One model: a scenario compiled against loom or shuttle, and the checker to run it under.
#[derive(Debug, Clone, Copy)]
pub struct Model {
    /// The family: `counter`, `lock`, `map`, ...
    pub family: &'static str,
    /// The test name, `family::primitive::checker` (e.g. `counter::sharded::loom`).
    pub name: &'static str,
    /// The checker and its budget.
    pub checker: Checker,
    /// The scenario; it panics on a violated property.
    pub scenario: fn(),
}

impl Model {
    /// Runs the model (environment overrides apply).
    pub fn run(&self) -> Result<Report, Failure> {
        quiet_planned_panics();
        check::run(self.name, self.checker, self.scenario)
    }
}

/// Every model of every family.
pub fn all() -> Vec<Model> {
    [
        counter::models(),
        lock::models(),
        map::models(),
        pool::models(),
    ]
    .concat()
}

/// The model called `name`; panics if there is none (a test named after a missing model).
pub fn find(name: &str) -> Model {
    all()
        .into_iter()
        .find(|m| m.name == name)
        .unwrap_or_else(|| panic!("no model named {name}"))
}

/// Runs the model called `name` and panics with its failure and replay command: the body
/// of every test in `models/tests/`.
pub fn assert_model_passes(name: &str) -> Report {
    match find(name).run() {
        Ok(report) => report,
        Err(failure) => panic!("{name}: {failure}"),
    }
}

/// Silences the panics that the map and pool scenarios raise on purpose (their payloads:
/// `map::scenario::PlannedPanic`, `pool::scenario::PLANNED`): each explored execution
/// would print one. Every other panic still reaches the hook installed before.
pub(crate) fn quiet_planned_panics() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let payload = info.payload();
            let planned = payload.is::<crate::loom::map::scenario::PlannedPanic>()
                || payload.is::<crate::shuttle::map::scenario::PlannedPanic>()
                || payload.downcast_ref::<&str>() == Some(&crate::pool::scenario::PLANNED);
            if !planned {
                previous(info);
            }
        }));
    });
}
