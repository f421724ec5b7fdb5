//! [`Object`]: the three flavours of an object, and the checks that run it.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use super::scenario::{OpInfo, Scenario, Step};
use super::spec::Spec;
use crate::Family;
use crate::check::budget::{self, Shape};
use crate::check::config::Overrides;
use crate::check::{Case, Checker, Failure, Report, Shrunk, Suite, run_shrinking};
use crate::lincheck::Model;
use crate::record::History;

/// The history of one run of an object.
pub type ObjectHistory<M> = History<<M as Model>::Input, <M as Model>::Output>;

/// A property of a recorded history: `Ok`, or what is wrong with it, for a person.
pub type Condition<M> = Arc<dyn Fn(&M, &ObjectHistory<M>) -> Result<(), String> + Send + Sync>;

/// Runs a scenario on one flavour of the object and returns the history it recorded.
type Runner<M> = Arc<dyn Fn(&Scenario<<M as Model>::Input>) -> ObjectHistory<M> + Send + Sync>;

/// What the checks of an object need of its model: a model shared by the checkers'
/// threads, with inputs and outputs that can be cloned and printed.
pub trait ObjectModel: Model + Send + Sync + 'static
where
    Self::Input: Clone + Send + Sync + 'static,
    Self::Output: Clone + Send + Sync + 'static,
{
}

impl<M> ObjectModel for M
where
    M: Model + Send + Sync + 'static,
    M::Input: Clone + Send + Sync + 'static,
    M::Output: Clone + Send + Sync + 'static,
{
}

/// The [`Runner`] of one flavour: `$recorder` is the flavour's `Recorder` (of `crate`,
/// `crate::loom` or `crate::shuttle`), which records the scenario on its threads.
/// Builds a fresh object per run, and records each call with the output it returned.
macro_rules! runner {
    ($recorder:path, $spec:ident) => {{
        let (new, ops) = (Arc::clone(&$spec.new), $spec.ops.clone());
        Arc::new(move |s: &Scenario<M::Input>| {
            let object = new();
            let recorder = <$recorder>::new();
            recorder.run_parts(
                &object,
                &s.init,
                &s.parallel,
                &s.post,
                |object, call, client| {
                    let perform = &ops[call.op].perform;
                    client.call(call.input.clone(), || perform(object, &call.input));
                },
            )
        }) as Runner<M>
    }};
}

/// The checkers an object runs under, in order, as its cases and tests name them.
pub const CHECKERS: [&str; 5] = [
    "loom",
    "shuttle_pct",
    "shuttle_random",
    "shuttle_urw",
    "stress",
];

/// An object in its three flavours, its model, and the properties its histories must
/// have (at first one: `linearizable`). [`suite`](Self::suite) turns it into checks, one
/// per property and checker; [`check`](Self::check) runs them all.
///
/// Build it with [`object!`](crate::object!), which compiles one [`Spec`] body per
/// flavour, or with [`Object::new`] from three specs.
pub struct Object<M: Model> {
    model: Arc<M>,
    ops: Arc<Vec<OpInfo<M::Input>>>,
    std: Runner<M>,
    loom: Runner<M>,
    shuttle: Runner<M>,
    properties: Vec<(&'static str, Condition<M>)>,
    seed: u64,
}

impl<M: Model> Clone for Object<M> {
    fn clone(&self) -> Self {
        Object {
            model: Arc::clone(&self.model),
            ops: Arc::clone(&self.ops),
            std: Arc::clone(&self.std),
            loom: Arc::clone(&self.loom),
            shuttle: Arc::clone(&self.shuttle),
            properties: self.properties.clone(),
            seed: self.seed,
        }
    }
}

impl<M: Model> fmt::Debug for Object<M> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ops: Vec<&str> = self.ops.iter().map(|op| op.name).collect();
        let properties: Vec<&str> = self.properties.iter().map(|(name, _)| *name).collect();
        f.debug_struct("Object")
            .field("ops", &ops)
            .field("properties", &properties)
            .field("seed", &self.seed)
            .finish_non_exhaustive()
    }
}

/// Linearizability against the model, with lincheck's explanation on failure.
fn linearizable<M>() -> Condition<M>
where
    M: ObjectModel,
    M::Input: Clone + Send + Sync + 'static,
    M::Output: Clone + Send + Sync + 'static,
{
    Arc::new(|model: &M, history: &ObjectHistory<M>| {
        history
            .check(model)
            .map_err(|violation| violation.to_string())
    })
}

impl<M> Object<M>
where
    M: ObjectModel,
    M::Input: Clone + Send + Sync + 'static,
    M::Output: Clone + Send + Sync + 'static,
{
    /// The object from its std, loom and shuttle flavours: the same [`Spec`] body
    /// compiled three times. The model, the operations and their generators are taken
    /// from the std flavour (the three are the same code).
    ///
    /// # Panics
    /// If the flavours do not declare the same operations, or declare none.
    pub fn new<S, L, Sh>(std: Spec<M, S>, loom: Spec<M, L>, shuttle: Spec<M, Sh>) -> Self
    where
        S: Sync + 'static,
        L: Sync + 'static,
        Sh: Sync + 'static,
    {
        assert!(
            !std.ops.is_empty(),
            "an object needs at least one operation"
        );
        assert!(
            std.op_names() == loom.op_names() && std.op_names() == shuttle.op_names(),
            "the three flavours declare different operations: {:?}, {:?}, {:?}",
            std.op_names(),
            loom.op_names(),
            shuttle.op_names()
        );
        let ops = (std.ops.iter())
            .map(|op| OpInfo {
                name: op.name,
                thread: op.thread,
                generate: Arc::clone(&op.generate),
            })
            .collect();
        Object {
            std: runner!(crate::record::Recorder, std),
            loom: runner!(crate::loom::record::Recorder, loom),
            shuttle: runner!(crate::shuttle::record::Recorder, shuttle),
            model: Arc::new(std.model),
            ops: Arc::new(ops),
            properties: vec![("linearizable", linearizable())],
            seed: budget::DEFAULT_SEED,
        }
    }

    /// The same object with its histories checked for `condition` instead of
    /// linearizability, as the property `name` (`quiescent`, ...): its checks are named
    /// `STRUCTURE::NAME::CHECKER`.
    #[must_use]
    pub fn with_condition(
        mut self,
        name: &'static str,
        condition: impl Fn(&M, &ObjectHistory<M>) -> Result<(), String> + Send + Sync + 'static,
    ) -> Self {
        self.properties = vec![(name, Arc::new(condition))];
        self
    }

    /// The same object with one more property, checked after the others.
    #[must_use]
    pub fn and_condition(
        mut self,
        name: &'static str,
        condition: impl Fn(&M, &ObjectHistory<M>) -> Result<(), String> + Send + Sync + 'static,
    ) -> Self {
        self.properties.push((name, Arc::new(condition)));
        self
    }

    /// The same object generating its scenarios from `seed` (by default a fixed seed,
    /// so that every run checks the same scenarios).
    #[must_use]
    pub fn with_seed(mut self, seed: u64) -> Self {
        self.seed = seed;
        self
    }

    /// The scenarios a check of `shape` runs, in order: scenario `k` comes from the
    /// object's seed and `k`.
    pub fn scenarios(&self, shape: &Shape) -> Vec<Scenario<M::Input>> {
        (0..shape.scenarios)
            .map(|k| {
                let seed = self.seed ^ (k as u64 + 1).wrapping_mul(0xA076_1D64_78BD_642F);
                Scenario::generate(&self.ops, shape, seed)
            })
            .collect()
    }

    /// The checks: for each property, one case per checker of [`CHECKERS`], named
    /// `STRUCTURE::PROPERTY::CHECKER` (`queue::linearizable::loom`).
    pub fn suite(&self, structure: &str) -> Suite {
        let mut suite = Suite::new(structure);
        for (property, condition) in &self.properties {
            for checker in CHECKERS {
                let name = format!("{structure}::{property}::{checker}");
                let (object, condition) = (self.clone(), Arc::clone(condition));
                let (checker, shape, runner) = self.plan(checker);
                let case = Case::custom(name, Family::Object, checker, move |test: &str| {
                    object.run(test, checker, &shape, &runner, &condition)
                });
                suite.push(case);
            }
        }
        suite
    }

    /// Runs every check of [`suite`](Self::suite) inside the test `test`.
    ///
    /// # Errors
    /// The failures: per failing check, the smallest failing scenario, the explanation
    /// and the replay command.
    pub fn check(
        &self,
        test: &str,
    ) -> Result<crate::check::SuiteReport, crate::check::SuiteFailure> {
        self.suite("object").run(test)
    }

    /// The checker, scenario shape and flavour of the checker called `name`.
    fn plan(&self, name: &str) -> (Checker, Shape, Runner<M>) {
        let b = budget::OBJECT;
        let shuttle = |checker| (checker, budget::OBJECT_SHUTTLE, Arc::clone(&self.shuttle));
        match name {
            "loom" => (b.loom(), budget::OBJECT_LOOM, Arc::clone(&self.loom)),
            "shuttle_pct" => shuttle(b.shuttle_pct()),
            "shuttle_random" => shuttle(b.shuttle_random()),
            "shuttle_urw" => shuttle(Checker::ShuttleUrw {
                iterations: b.schedules,
            }),
            "stress" => (b.stress(), budget::OBJECT_STRESS, Arc::clone(&self.std)),
            other => unreachable!("no checker {other}"),
        }
    }

    /// Runs the scenarios of `shape` under `checker`, each with the checker's whole
    /// budget; the first failing one is shrunk and reported.
    fn run(
        &self,
        test: &str,
        checker: Checker,
        shape: &Shape,
        runner: &Runner<M>,
        condition: &Condition<M>,
    ) -> Result<Report, Failure> {
        let scenarios = self.scenarios(shape);
        let only = Overrides::from_env().scenario;
        let (mut executions, mut elapsed) = (0, Duration::ZERO);
        let mut ran = None;
        for (k, scenario) in scenarios.iter().enumerate() {
            if only.is_some_and(|only| only != k) {
                continue;
            }
            let build = |lanes: Vec<Vec<Step<M::Input>>>| {
                let scenario = Scenario::from_lanes(lanes);
                let (model, runner, condition) = (
                    Arc::clone(&self.model),
                    Arc::clone(runner),
                    Arc::clone(condition),
                );
                let main = scenario.parallel.len();
                move || {
                    let history = runner(&scenario);
                    if let Err(why) = condition(&model, &history) {
                        panic!(
                            "{why}\n(client {main} is the main thread: the initial part \
                             before the threads start, the final part after they are joined)"
                        );
                    }
                }
            };
            match run_shrinking(test, checker, scenario.clone().into_lanes(), build) {
                Ok(report) => {
                    executions += report.executions;
                    elapsed += report.elapsed;
                    ran = Some(report.checker);
                }
                Err(shrunk) => {
                    return Err(failure(*shrunk, k, scenarios.len(), scenario, executions));
                }
            }
        }
        let Some(checker) = ran else {
            return Err(Failure {
                checker,
                message: format!(
                    "SYNCLAB_SCENARIO={} names no scenario: this check runs {} (0 to {})",
                    only.unwrap_or_default(),
                    scenarios.len(),
                    scenarios.len().saturating_sub(1)
                ),
                executions: 0,
                replay: crate::check::Replay::Unavailable("unset SYNCLAB_SCENARIO".into()),
                trace: None,
            });
        };
        Ok(Report {
            checker,
            executions,
            elapsed,
        })
    }
}

/// A failing scenario's story: the scenario as generated, as shrunk, its failure, and
/// a replay command that selects it.
fn failure<I: fmt::Debug + Clone>(
    shrunk: Shrunk<Step<I>>,
    k: usize,
    of: usize,
    scenario: &Scenario<I>,
    before: usize,
) -> Failure {
    let indent = |text: String| format!("  {}", text.replace('\n', "\n  "));
    let smallest = Scenario::from_lanes(shrunk.programs.clone());
    let (threads, ops) = smallest.size();
    let mut message = format!(
        "scenario {k} of {of}, as generated:\n{}\n",
        indent(scenario.describe())
    );
    message += &match shrunk.stopped {
        Some(why) if shrunk.runs == 0 => format!("not shrunk: {why}\n"),
        stopped => format!(
            "shrunk in {} more runs{} to {threads} thread(s), {ops} operation(s):\n{}\n",
            shrunk.runs,
            stopped.map_or(String::new(), |why| format!(" (stopped: {why})")),
            indent(smallest.describe())
        ),
    };
    message += &format!("it fails with:\n{}", indent(shrunk.failure.message.clone()));
    Failure {
        message,
        executions: before + shrunk.original.executions,
        replay: shrunk.original.replay.clone().select_scenario(k),
        trace: shrunk.failure.trace.or(shrunk.original.trace.clone()),
        ..shrunk.original
    }
}
