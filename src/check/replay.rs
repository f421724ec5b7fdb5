//! [`Replay`]: how to see a failure again. Its `Display` is the command to run.

use std::fmt;
use std::path::{Path, PathBuf};

/// A schedule longer than this many characters goes to a file, whose path the replay
/// command names instead (a livelocked shuttle run's schedule can be half a million).
pub const MAX_PRINTED_SCHEDULE: usize = 2_000;

/// The replay file `synclab-replay/TEST.EXTENSION` under the temporary directory (`a::b`
/// becomes `a-b`, and a [`with_replay_key`](super::with_replay_key) key is appended), its
/// directory created; `None` if it cannot be.
pub(crate) fn replay_file(test: &str, extension: &str) -> Option<PathBuf> {
    let dir = std::env::temp_dir().join("synclab-replay");
    std::fs::create_dir_all(&dir).ok()?;
    let name = match super::config::scoped().replay_key {
        Some(key) => format!("{test}--{key}"),
        None => test.to_string(),
    };
    Some(dir.join(format!("{}.{extension}", name.replace("::", "-"))))
}

/// The command that reruns one test, possibly narrowed to one check of a suite.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rerun {
    /// The test, as `cargo test` names it (`counter::sharded::loom`).
    pub test: String,
    /// The check of a suite to select with `SYNCLAB_CHECK`, if the test runs several.
    pub check: Option<String>,
    /// The generated scenario to select with `SYNCLAB_SCENARIO`, if the check runs
    /// several (an [`object`](mod@crate::object) check).
    pub scenario: Option<usize>,
    /// A command to print instead of `cargo test -- --exact TEST` (a failure found by
    /// `synclab demo` is replayed with the command that found it).
    pub command: Option<String>,
}

impl Rerun {
    /// `cargo test -- --exact test`, unless a scoped replay command says otherwise (see
    /// [`with_replay_command`](super::with_replay_command)).
    pub(crate) fn of(test: &str) -> Self {
        Rerun {
            test: test.to_string(),
            check: None,
            scenario: None,
            command: super::config::scoped().replay_command,
        }
    }
}

impl fmt::Display for Rerun {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(check) = &self.check {
            write!(f, "SYNCLAB_CHECK={check} ")?;
        }
        if let Some(scenario) = self.scenario {
            write!(f, "SYNCLAB_SCENARIO={scenario} ")?;
        }
        match &self.command {
            Some(command) => f.write_str(command),
            None => write!(f, "cargo test -- --exact {}", self.test),
        }
    }
}

/// How to replay a failure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Replay {
    /// loom: rerun with `LOOM_LOG` (and, when the failure was first found, the checkpoint
    /// file that starts loom at the failing execution).
    Loom {
        /// The checkpoint file holding the failing execution, if one was written.
        checkpoint: Option<PathBuf>,
        /// The rerun.
        rerun: Rerun,
    },
    /// shuttle: rerun this one schedule (`SYNCLAB_REPLAY`).
    Shuttle {
        /// What `SYNCLAB_REPLAY` and [`replay_shuttle`](super::replay_shuttle) take: the
        /// schedule as shuttle encodes it, or, for one longer than
        /// [`MAX_PRINTED_SCHEDULE`] characters, the path of the file that holds it.
        schedule: String,
        /// The rerun.
        rerun: Rerun,
    },
    /// Real threads: a rerun repeats the same budget, which may or may not fail again.
    Stress {
        /// The rerun.
        rerun: Rerun,
    },
    /// proptest: the seed is fixed, so a rerun tries the same cases.
    Proptest {
        /// The rerun.
        rerun: Rerun,
    },
    /// Nothing to replay, and why.
    Unavailable(String),
}

impl Replay {
    /// The loom checkpoint file, if this is a loom replay that has one.
    pub fn checkpoint(&self) -> Option<&Path> {
        match self {
            Replay::Loom { checkpoint, .. } => checkpoint.as_deref(),
            _ => None,
        }
    }

    /// The shuttle schedule (or the path of the file that holds it), if this is a shuttle
    /// replay.
    pub fn schedule(&self) -> Option<&str> {
        match self {
            Replay::Shuttle { schedule, .. } => Some(schedule),
            _ => None,
        }
    }

    /// The rerun, if there is one.
    pub fn rerun(&self) -> Option<&Rerun> {
        match self {
            Replay::Loom { rerun, .. }
            | Replay::Shuttle { rerun, .. }
            | Replay::Stress { rerun }
            | Replay::Proptest { rerun } => Some(rerun),
            Replay::Unavailable(_) => None,
        }
    }

    /// This replay narrowed to the generated scenario `scenario` (`SYNCLAB_SCENARIO`).
    #[cfg(feature = "conformance")] // only object checks generate scenarios
    pub(crate) fn select_scenario(mut self, scenario: usize) -> Self {
        match &mut self {
            Replay::Loom { rerun, .. }
            | Replay::Shuttle { rerun, .. }
            | Replay::Stress { rerun }
            | Replay::Proptest { rerun } => rerun.scenario = Some(scenario),
            Replay::Unavailable(_) => {}
        }
        self
    }

    /// This replay narrowed to the suite check `check` (`SYNCLAB_CHECK=check`).
    pub(crate) fn select_check(mut self, check: &str) -> Self {
        match &mut self {
            Replay::Loom { rerun, .. }
            | Replay::Shuttle { rerun, .. }
            | Replay::Stress { rerun }
            | Replay::Proptest { rerun } => rerun.check = Some(check.to_string()),
            Replay::Unavailable(_) => {}
        }
        self
    }
}

impl fmt::Display for Replay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Replay::Loom {
                checkpoint: Some(file),
                rerun,
            } => write!(
                f,
                "LOOM_CHECKPOINT_FILE={} LOOM_LOG=trace LOOM_LOCATION=1 {rerun}\n  \
                 (the checkpoint starts loom at the failing execution; LOOM_LOG prints its every step)",
                file.display()
            ),
            Replay::Loom {
                checkpoint: None,
                rerun,
            } => write!(f, "LOOM_LOG=trace LOOM_LOCATION=1 {rerun}"),
            Replay::Shuttle { schedule, rerun } if schedule.contains(['/', '\\']) => write!(
                f,
                "SYNCLAB_REPLAY='{schedule}' {rerun}\n  (the file holds the failing schedule, \
                 too long to print)"
            ),
            Replay::Shuttle { schedule, rerun } => write!(f, "SYNCLAB_REPLAY='{schedule}' {rerun}"),
            Replay::Stress { rerun } => write!(
                f,
                "a stress failure depends on timing; rerun `{rerun}` \
                 (raise SYNCLAB_ITERATIONS to make it likelier)"
            ),
            Replay::Proptest { rerun } => {
                write!(f, "{rerun} (the seed is fixed: the same cases run again)")
            }
            Replay::Unavailable(why) => f.write_str(why),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rerun() -> Rerun {
        Rerun {
            test: "counter::sharded::loom".into(),
            check: None,
            scenario: None,
            command: None,
        }
    }

    #[test]
    fn a_shuttle_replay_prints_the_schedule_and_the_test() {
        let replay = Replay::Shuttle {
            schedule: "91ab".into(),
            rerun: rerun(),
        };
        assert_eq!(
            replay.to_string(),
            "SYNCLAB_REPLAY='91ab' cargo test -- --exact counter::sharded::loom"
        );
        assert_eq!(replay.schedule(), Some("91ab"));
    }

    #[test]
    fn a_selected_check_goes_in_front_of_the_command() {
        let replay = Replay::Loom {
            checkpoint: None,
            rerun: rerun(),
        }
        .select_check("lock::exclusion::loom");
        assert_eq!(
            replay.to_string(),
            "LOOM_LOG=trace LOOM_LOCATION=1 SYNCLAB_CHECK=lock::exclusion::loom \
             cargo test -- --exact counter::sharded::loom"
        );
    }
}
