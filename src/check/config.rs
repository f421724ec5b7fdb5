//! Where a run's settings come from, in one place.
//!
//! A check runs with the budget its [`Checker`](super::Checker) carries (the defaults are
//! in [`budget`](super::budget)), adjusted by two channels:
//!
//! 1. **The environment**, for a person or a CI job: the `SYNCLAB_*` variables below,
//!    read by [`Overrides::from_env`] and nowhere else (a bad value is a
//!    [`BadVariable`] error there).
//! 2. **Scoped settings**, for a program that runs checks (the CLI, the matrix): a seed,
//!    the command a replay line names, a key that tells one check's replay files from
//!    another's. Each is set for the duration of a closure ([`with_seed`],
//!    [`with_replay_command`], ...) and restored when it returns *or unwinds*.
//!
//! | variable | effect |
//! |---|---|
//! | `SYNCLAB_ITERATIONS` | shuttle schedules, stress runs and proptest cases per check |
//! | `SYNCLAB_PREEMPTION_BOUND` | loom's preemption bound |
//! | `SYNCLAB_PCT_DEPTH` | shuttle PCT's depth |
//! | `SYNCLAB_SEED` | shuttle's seed (default: a fixed seed, so CI is reproducible) |
//! | `SYNCLAB_REPLAY` | replay this shuttle schedule (the string, or a file holding it) instead of exploring |
//! | `SYNCLAB_SHRINK_RUNS` | the most extra runs shrinking makes (`0`: no shrinking) |
//! | `SYNCLAB_STALL_SECS` | the stress watchdog's stall bound in seconds (see [`STRESS_STALL`](super::budget::STRESS_STALL)) |
//! | `SYNCLAB_CHECK` | run only the checks of a suite whose name contains this |
//! | `SYNCLAB_SCENARIO` | run only this generated scenario of an [`object`](mod@crate::object) check (what its replay command sets) |
//! | `SYNCLAB_SHARD` | `k/n`: run shard `k` of `n` of every shuttle check's schedules (see [`Shard`]) |
//! | `SYNCLAB_HTML_DIR` | where a failed history check writes its page (default `target/synclab`, see [`Violation::report`](crate::record::Violation::report)) |
//! | `LOOM_CHECKPOINT_FILE` | loom's own: start at the execution stored there (a replay) |

use std::cell::RefCell;
use std::fmt;
use std::str::FromStr;

use super::Shard;

/// The `SYNCLAB_*` environment variables, parsed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Overrides {
    /// `SYNCLAB_ITERATIONS`.
    pub iterations: Option<usize>,
    /// `SYNCLAB_PREEMPTION_BOUND`.
    pub preemption_bound: Option<usize>,
    /// `SYNCLAB_PCT_DEPTH`.
    pub pct_depth: Option<usize>,
    /// `SYNCLAB_SEED`.
    pub seed: Option<u64>,
    /// `SYNCLAB_REPLAY`: a shuttle schedule, or the path of a file holding one.
    pub replay: Option<String>,
    /// `SYNCLAB_SHRINK_RUNS`.
    pub shrink_runs: Option<usize>,
    /// `SYNCLAB_STALL_SECS`.
    pub stall_secs: Option<u64>,
    /// `SYNCLAB_CHECK`.
    pub check: Option<String>,
    /// `SYNCLAB_SCENARIO`.
    pub scenario: Option<usize>,
    /// `SYNCLAB_SHARD`.
    pub shard: Option<Shard>,
    /// `SYNCLAB_HTML_DIR`.
    pub html_dir: Option<std::path::PathBuf>,
    /// Whether loom's `LOOM_CHECKPOINT_FILE` is set: loom then replays a stored execution.
    pub loom_checkpoint: bool,
}

/// A `SYNCLAB_*` variable set to something it cannot mean: `SYNCLAB_SHARD=3/2`,
/// `SYNCLAB_ITERATIONS=lots`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadVariable {
    /// The variable.
    pub name: &'static str,
    /// What it holds.
    pub value: String,
    /// What it should hold.
    pub expected: String,
}

impl fmt::Display for BadVariable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}={:?}: {}", self.name, self.value, self.expected)
    }
}

impl std::error::Error for BadVariable {}

impl Overrides {
    /// Reads the variables. A variable that is set but empty counts as unset.
    ///
    /// A program that runs checks calls this once before it starts (the `synclab` CLI
    /// and the `cases` test harness do, and exit with status 2 on an error): a budget
    /// or a shard the user asked for and did not get would make a passing run mean less
    /// than it says, so a bad value is an error before any work, not a fallback.
    ///
    /// # Errors
    /// The first variable (in the table's order) that is set to something it cannot
    /// mean: a numeric one to something that is not a non-negative integer,
    /// `SYNCLAB_SHARD` to something that is not `k/n` with `1 <= k <= n`.
    pub fn from_env() -> Result<Self, BadVariable> {
        let mut overrides = Self::from_vars(|name| std::env::var(name).ok())?;
        overrides.loom_checkpoint = std::env::var_os("LOOM_CHECKPOINT_FILE").is_some();
        Ok(overrides)
    }

    /// [`from_env`](Self::from_env) with the `SYNCLAB_*` variables looked up by `var`
    /// instead of in the environment (which tests cannot change safely while checks run
    /// beside them); `loom_checkpoint` is left `false`.
    ///
    /// # Errors
    /// As [`from_env`](Self::from_env).
    pub fn from_vars(var: impl Fn(&str) -> Option<String>) -> Result<Self, BadVariable> {
        let text = |name: &str| {
            var(name)
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
        };
        fn parse<T: FromStr>(
            (name, value): (&'static str, Option<String>),
            expected: &str,
        ) -> Result<Option<T>, BadVariable> {
            let Some(value) = value else { return Ok(None) };
            value.parse().map(Some).map_err(|_| BadVariable {
                name,
                value,
                expected: expected.to_string(),
            })
        }
        let set = |name: &'static str| (name, text(name));
        let number = "expected a non-negative integer";
        Ok(Overrides {
            iterations: parse(set("SYNCLAB_ITERATIONS"), number)?,
            preemption_bound: parse(set("SYNCLAB_PREEMPTION_BOUND"), number)?,
            pct_depth: parse(set("SYNCLAB_PCT_DEPTH"), number)?,
            seed: parse(set("SYNCLAB_SEED"), number)?,
            replay: text("SYNCLAB_REPLAY"),
            shrink_runs: parse(set("SYNCLAB_SHRINK_RUNS"), number)?,
            stall_secs: parse(set("SYNCLAB_STALL_SECS"), number)?,
            check: text("SYNCLAB_CHECK"),
            scenario: parse(set("SYNCLAB_SCENARIO"), number)?,
            shard: parse(
                set("SYNCLAB_SHARD"),
                "expected k/n with 1 <= k <= n, as in 2/4",
            )?,
            html_dir: text("SYNCLAB_HTML_DIR").map(Into::into),
            loom_checkpoint: false,
        })
    }

    /// [`from_env`](Self::from_env) for the checkers, which read the variables as they
    /// run.
    ///
    /// # Panics
    /// If a variable is bad: a program that validated them before starting never gets
    /// here with one, and one that did not learns it at its first check.
    pub(crate) fn current() -> Self {
        Self::from_env().unwrap_or_else(|bad| panic!("{bad}"))
    }

    /// Whether a replay was requested (`SYNCLAB_REPLAY` or `LOOM_CHECKPOINT_FILE`) and
    /// not switched off by [`without_replay`].
    pub fn replaying(&self) -> bool {
        !scoped().ignore_replay && (self.replay.is_some() || self.loom_checkpoint)
    }
}

/// The settings a program sets for the checks it runs (see the [module docs](self)).
#[derive(Debug, Clone, Default)]
pub(crate) struct Scoped {
    /// The shuttle seed, ahead of `SYNCLAB_SEED` ([`with_seed`]).
    pub(crate) seed: Option<u64>,
    /// The command a replay line ends with, instead of `cargo test -- --exact TEST`
    /// ([`with_replay_command`]).
    pub(crate) replay_command: Option<String>,
    /// What tells one check's replay files from another's ([`with_replay_key`]).
    pub(crate) replay_key: Option<String>,
    /// Explore from the start even if a replay is requested ([`without_replay`]).
    pub(crate) ignore_replay: bool,
}

thread_local! {
    static SCOPED: RefCell<Scoped> = RefCell::new(Scoped::default());
}

/// The scoped settings of this thread.
pub(crate) fn scoped() -> Scoped {
    SCOPED.with(|s| s.borrow().clone())
}

/// Runs `f` with the scoped settings changed by `change`, and restores the previous
/// settings afterwards, also when `f` panics.
fn scope<R>(change: impl FnOnce(&mut Scoped), f: impl FnOnce() -> R) -> R {
    /// Puts the saved settings back when dropped: on return and on unwind alike.
    struct Restore(Option<Scoped>);
    impl Drop for Restore {
        fn drop(&mut self) {
            if let Some(saved) = self.0.take() {
                SCOPED.with(|s| *s.borrow_mut() = saved);
            }
        }
    }
    let saved = SCOPED.with(|s| {
        let saved = s.borrow().clone();
        change(&mut s.borrow_mut());
        saved
    });
    let _restore = Restore(Some(saved));
    f()
}

/// The seed a shuttle run starts from: the scoped one ([`with_seed`]), else
/// `SYNCLAB_SEED`, else [`DEFAULT_SEED`](super::budget::DEFAULT_SEED).
pub(crate) fn shuttle_seed() -> u64 {
    (scoped().seed)
        .or(Overrides::current().seed)
        .unwrap_or(super::budget::DEFAULT_SEED)
}

/// Runs `f` (which runs checks) with shuttle's seed set to `seed`, ahead of
/// `SYNCLAB_SEED`: how the sensitivity matrix repeats a check over several seeds.
pub fn with_seed<R>(seed: u64, f: impl FnOnce() -> R) -> R {
    scope(|s| s.seed = Some(seed), f)
}

/// Runs `f` (which runs checks) with replay lines that end in `command` instead of
/// `cargo test -- --exact TEST`: a failure found outside `cargo test` (by `synclab demo`,
/// say) says how to replay it with the command that found it.
pub fn with_replay_command<R>(command: &str, f: impl FnOnce() -> R) -> R {
    scope(|s| s.replay_command = Some(command.to_string()), f)
}

/// Runs `f` (which runs checks) exploring from the start even where `SYNCLAB_REPLAY` or
/// `LOOM_CHECKPOINT_FILE` asks for a replay: a replay names one scenario's failing run,
/// and the other scenarios a program runs next (a fixed twin, say) must not take it.
pub fn without_replay<R>(f: impl FnOnce() -> R) -> R {
    scope(|s| s.ignore_replay = true, f)
}

/// Runs `f` (which runs checks) with replay files named after `key` as well as the test:
/// a suite runs several loom checks inside one `#[test]`, and each failing one needs its
/// own checkpoint file.
pub(crate) fn with_replay_key<R>(key: &str, f: impl FnOnce() -> R) -> R {
    scope(|s| s.replay_key = Some(key.to_string()), f)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The variables of `pairs`, as [`Overrides::from_vars`] looks them up.
    fn vars(pairs: &'static [(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        move |name| (pairs.iter().find(|(n, _)| *n == name)).map(|(_, v)| v.to_string())
    }

    #[test]
    fn a_bad_variable_is_an_error_that_names_it() {
        let bad = Overrides::from_vars(vars(&[("SYNCLAB_SHARD", "3/2")])).unwrap_err();
        assert_eq!(
            bad.to_string(),
            "SYNCLAB_SHARD=\"3/2\": expected k/n with 1 <= k <= n, as in 2/4"
        );
        let bad = Overrides::from_vars(vars(&[("SYNCLAB_ITERATIONS", "lots")])).unwrap_err();
        assert_eq!(bad.name, "SYNCLAB_ITERATIONS");
        const GOOD: &[(&str, &str)] = &[("SYNCLAB_SHARD", " 2/4 "), ("SYNCLAB_ITERATIONS", "")];
        let read = Overrides::from_vars(vars(GOOD)).unwrap();
        assert_eq!(read.shard, Some(Shard { index: 1, count: 4 }));
        assert_eq!(read.iterations, None, "an empty variable counts as unset");
    }

    #[test]
    fn scoped_settings_are_restored_after_a_panic() {
        let caught = std::panic::catch_unwind(|| {
            with_seed(7, || {
                assert_eq!(scoped().seed, Some(7));
                panic!("inside");
            })
        });
        assert!(caught.is_err());
        assert_eq!(scoped().seed, None, "the seed leaked out of its scope");
    }

    #[test]
    fn scopes_nest_and_unwind_in_order() {
        with_replay_command("outer", || {
            with_replay_command("inner", || {
                assert_eq!(scoped().replay_command.as_deref(), Some("inner"));
            });
            assert_eq!(scoped().replay_command.as_deref(), Some("outer"));
        });
        assert_eq!(scoped().replay_command, None);
    }
}
