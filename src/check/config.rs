//! Where a run's settings come from, in one place.
//!
//! A check runs with the budget its [`Checker`](super::Checker) carries (the defaults are
//! in [`budget`](super::budget)), adjusted by two channels:
//!
//! 1. **The environment**, for a person or a CI job: the `SYNCLAB_*` variables below,
//!    read by [`Overrides::from_env`] and nowhere else.
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
//! | `SYNCLAB_SCENARIO` | run only this generated scenario of an [`object`](crate::object) check (what its replay command sets) |
//! | `SYNCLAB_SHARD` | `k/n`: run shard `k` of `n` of every shuttle check's schedules (see [`Shard`]) |
//! | `LOOM_CHECKPOINT_FILE` | loom's own: start at the execution stored there (a replay) |

use std::cell::RefCell;

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
    /// Whether loom's `LOOM_CHECKPOINT_FILE` is set: loom then replays a stored execution.
    pub loom_checkpoint: bool,
}

impl Overrides {
    /// Reads the variables. A variable that is set but empty counts as unset.
    ///
    /// # Panics
    /// If a numeric variable holds something that is not a number, or `SYNCLAB_SHARD`
    /// something that is not `k/n`: a budget the user asked for and did not get would
    /// make a passing run mean less than it says.
    pub fn from_env() -> Self {
        let text = |name: &str| {
            std::env::var(name)
                .ok()
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
        };
        fn number<T: std::str::FromStr>(name: &str, value: Option<String>) -> Option<T> {
            let value = value?;
            match value.parse() {
                Ok(n) => Some(n),
                Err(_) => panic!("{name}={value:?} is not a non-negative integer"),
            }
        }
        Overrides {
            iterations: number("SYNCLAB_ITERATIONS", text("SYNCLAB_ITERATIONS")),
            preemption_bound: number("SYNCLAB_PREEMPTION_BOUND", text("SYNCLAB_PREEMPTION_BOUND")),
            pct_depth: number("SYNCLAB_PCT_DEPTH", text("SYNCLAB_PCT_DEPTH")),
            seed: number("SYNCLAB_SEED", text("SYNCLAB_SEED")),
            replay: text("SYNCLAB_REPLAY"),
            shrink_runs: number("SYNCLAB_SHRINK_RUNS", text("SYNCLAB_SHRINK_RUNS")),
            stall_secs: number("SYNCLAB_STALL_SECS", text("SYNCLAB_STALL_SECS")),
            check: text("SYNCLAB_CHECK"),
            scenario: number("SYNCLAB_SCENARIO", text("SYNCLAB_SCENARIO")),
            shard: text("SYNCLAB_SHARD")
                .map(|v| v.parse().unwrap_or_else(|e| panic!("SYNCLAB_SHARD: {e}"))),
            loom_checkpoint: std::env::var_os("LOOM_CHECKPOINT_FILE").is_some(),
        }
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
        .or(Overrides::from_env().seed)
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
