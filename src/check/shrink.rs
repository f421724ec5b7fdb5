//! Shrinking a failing scenario to fewer threads and operations: [`run_shrinking`].

use std::fmt::{self, Debug};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::budget::MAX_SHRINK_RUNS;
use super::config::Overrides;
use super::{Checker, Failure, Report, run, run_attempt};

/// A failure, shrunk: the smallest failing programs found, and how they fail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shrunk<P> {
    /// The smallest programs found that still fail (thread `i` runs `programs[i]`).
    pub programs: Vec<Vec<P>>,
    /// How they fail.
    pub failure: Failure,
    /// The failure of the programs as given; its replay command is the one to use.
    pub original: Failure,
    /// Threads and operations in the programs as given.
    pub original_size: (usize, usize),
    /// Extra check runs spent shrinking.
    pub runs: usize,
    /// Why shrinking stopped early, if it did (a replay was requested, or the run budget
    /// ran out).
    pub stopped: Option<&'static str>,
}

/// `1 thread`, `2 threads`.
fn count(n: usize, noun: &str) -> String {
    format!("{n} {noun}{}", if n == 1 { "" } else { "s" })
}

/// Threads and operations in `programs`.
fn size<P>(programs: &[Vec<P>]) -> (usize, usize) {
    (programs.len(), programs.iter().map(Vec::len).sum())
}

/// Runs the scenario that `scenario` builds from `programs` under `checker`, like
/// [`run`]; if it fails, shrinks the programs to fewer threads and operations.
///
/// `programs` are per-thread programs (thread `i` runs `programs[i]`), and
/// `scenario(programs)` must return the closure to check: build the object, run the
/// programs on threads, panic on a violated property.
///
/// On a failure, the programs are minimised the way Kotlin's lincheck does it: the
/// checker runs again with one thread removed, then with one operation removed, keeping
/// every candidate that still fails, until no single removal fails any more (or the run
/// budget is spent). What is left is a failure a person can read: typically two threads
/// with one or two operations each.
///
/// Every kept candidate really failed under the same checker (in the scenario, not in
/// the checker around it), so the result is a genuine failure, also under std
/// stress, where a retry may pass by luck (the candidate is then simply not taken).
/// Candidates that pass cost a full run of the checker's budget, so shrinking is meant for
/// the small scenarios that model checkers run; it makes at most [`MAX_SHRINK_RUNS`] extra
/// runs (`SYNCLAB_SHRINK_RUNS` overrides it; `0` turns shrinking off).
///
/// The replay command of the result replays the scenario *as first found*, which is what
/// the test runs; while a replay is requested (`SYNCLAB_REPLAY`, `LOOM_CHECKPOINT_FILE`)
/// nothing is shrunk, so that the replay sees the original run.
///
/// ```
/// use synclab::check::{self, Checker};
///
/// // A "bug" that needs two ones in one thread.
/// let programs = vec![vec![0, 1, 0, 1], vec![1, 0], vec![0]];
/// let checker = Checker::Stress { iterations: 1 };
/// let shrunk = check::run_shrinking("doc::shrink", checker, programs, |p| {
///     move || assert!(p.iter().all(|t| t.iter().sum::<u32>() < 2), "two ones in a thread")
/// })
/// .unwrap_err();
/// assert_eq!(shrunk.programs, [vec![1, 1]]);
/// println!("{shrunk}"); // the smallest programs, their failure, the replay command
/// ```
///
/// # Errors
/// The shrunk failure (boxed: it holds two [`Failure`]s). Its `Display` shows the
/// smallest programs, their failure message, and the replay command of the original
/// failure.
pub fn run_shrinking<P, S, B>(
    test: &str,
    checker: Checker,
    programs: Vec<Vec<P>>,
    scenario: B,
) -> Result<Report, Box<Shrunk<P>>>
where
    P: Clone,
    B: Fn(Vec<Vec<P>>) -> S,
    S: Fn() + Send + Sync + 'static,
{
    let original = match run(test, checker, scenario(programs.clone())) {
        Ok(report) => return Ok(report),
        Err(failure) => failure,
    };
    let overrides = Overrides::current();
    let replaying = overrides.replaying();
    let limit = overrides.shrink_runs.unwrap_or(MAX_SHRINK_RUNS);

    let mut shrinker = Shrinker {
        best: programs.clone(),
        failure: original.clone(),
        runs: 0,
        limit,
    };
    let stopped = if replaying {
        Some("a replay was requested")
    } else {
        shrinker.shrink(|candidate| attempt(test, checker, scenario(candidate)));
        if shrinker.runs > 0 && shrinker.failure.trace.is_none() {
            // Shrinking attempts record nothing: replay the smallest failure once, with
            // recording on, so that its steps can be printed. Under its own name, so that
            // its loom checkpoint does not overwrite the original's, which the replay
            // command names.
            let smallest = run(
                &format!("{test}--shrunk"),
                checker,
                scenario(shrinker.best.clone()),
            );
            shrinker.failure.trace = smallest.err().and_then(|f| f.trace);
        }
        (shrinker.runs >= limit).then_some("the shrink budget (SYNCLAB_SHRINK_RUNS) ran out")
    };
    Err(Box::new(Shrunk {
        programs: shrinker.best,
        failure: shrinker.failure,
        original,
        original_size: size(&programs),
        runs: shrinker.runs,
        stopped,
    }))
}

/// Runs one shrinking candidate; its failure, if the scenario itself failed.
///
/// A checker can also fail *around* a scenario: shuttle's PCT scheduler, for one, panics
/// when a run has nothing concurrent in it, which a small enough candidate may not. Such
/// a failure is not the bug being shrunk. So a candidate counts as failing only if some
/// execution of the scenario did not run to its end: it panicked, in the closure or in
/// one of its threads (loom and shuttle then abandon the execution), or it deadlocked.
fn attempt<S>(test: &str, checker: Checker, scenario: S) -> Option<Failure>
where
    S: Fn() + Send + Sync + 'static,
{
    // std atomics, outside any model: they only count executions.
    let started = Arc::new(AtomicUsize::new(0));
    let finished = Arc::new(AtomicUsize::new(0));
    let (start, finish) = (Arc::clone(&started), Arc::clone(&finished));
    let observed = move || {
        start.fetch_add(1, Ordering::Relaxed);
        scenario();
        finish.fetch_add(1, Ordering::Relaxed);
    };
    let failure = run_attempt(test, checker, observed).err()?;
    let unfinished = started.load(Ordering::Relaxed) > finished.load(Ordering::Relaxed);
    unfinished.then_some(failure)
}

/// The greedy minimisation loop, separate from the checker so it reads as the algorithm.
struct Shrinker<P> {
    best: Vec<Vec<P>>,
    failure: Failure,
    runs: usize,
    limit: usize,
}

impl<P: Clone> Shrinker<P> {
    /// Removes threads, then single operations, while the result still fails; repeats
    /// until a whole pass removes nothing.
    fn shrink(&mut self, mut fails: impl FnMut(Vec<Vec<P>>) -> Option<Failure>) {
        loop {
            let mut progress = false;
            // Whole threads first: the biggest cut, and fewer threads is what makes a
            // failure readable. Last thread first, so earlier indices stay valid.
            for t in (0..self.best.len()).rev() {
                let mut candidate = self.best.clone();
                candidate.remove(t);
                progress |= self.try_candidate(candidate, &mut fails);
            }
            // Then single operations; a thread left with none is removed.
            for t in (0..self.best.len()).rev() {
                for i in (0..self.best[t].len()).rev() {
                    let mut candidate = self.best.clone();
                    candidate[t].remove(i);
                    let emptied = candidate[t].is_empty();
                    if emptied {
                        candidate.remove(t);
                    }
                    let kept = self.try_candidate(candidate, &mut fails);
                    progress |= kept;
                    if kept && emptied {
                        break; // thread `t` is gone; the threads before it are intact
                    }
                }
            }
            if !progress || self.runs >= self.limit {
                return;
            }
        }
    }

    /// Runs one candidate (if the budget allows); keeps it if it fails.
    ///
    /// A candidate keeps at least one operation: a scenario without any tests nothing.
    fn try_candidate(
        &mut self,
        candidate: Vec<Vec<P>>,
        fails: &mut impl FnMut(Vec<Vec<P>>) -> Option<Failure>,
    ) -> bool {
        if self.runs >= self.limit || candidate.iter().all(Vec::is_empty) {
            return false;
        }
        self.runs += 1;
        match fails(candidate.clone()) {
            Some(failure) => {
                self.best = candidate;
                self.failure = failure;
                true
            }
            None => false,
        }
    }
}

impl<P: Debug> Shrunk<P> {
    /// The programs, one line per thread: `thread 0: FetchAdd(1), Get`.
    pub fn programs_text(&self) -> String {
        let lines: Vec<String> = self
            .programs
            .iter()
            .enumerate()
            .map(|(t, program)| {
                let ops: Vec<String> = program.iter().map(|op| format!("{op:?}")).collect();
                format!("thread {t}: {}", ops.join(", "))
            })
            .collect();
        lines.join("\n")
    }
}

impl<P: Debug> Shrunk<P> {
    /// How the failure was shrunk, the smallest programs, and their failure message.
    fn story(&self) -> String {
        let (threads, ops) = self.original_size;
        let (now_threads, now_ops) = size(&self.programs);
        let mut text = format!(
            "The scenario as first found had {}, {}. ",
            count(threads, "thread"),
            count(ops, "operation")
        );
        match self.stopped {
            Some(why) if self.runs == 0 => text += &format!("Not shrunk: {why}.\n"),
            _ => {
                let stopped = self
                    .stopped
                    .map_or(String::new(), |why| format!(" (stopped: {why})"));
                text += &format!(
                    "Shrunk in {} to {}, {}{stopped}:\n  {}\n",
                    count(self.runs, "more run"),
                    count(now_threads, "thread"),
                    count(now_ops, "operation"),
                    self.programs_text().replace('\n', "\n  ")
                );
            }
        }
        text += &format!(
            "It fails with:\n  {}",
            self.failure.message.replace('\n', "\n  ")
        );
        text
    }
}

impl<P: Debug> fmt::Display for Shrunk<P> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{} found a failure in execution {}.",
            self.original.checker, self.original.executions
        )?;
        writeln!(f, "{}", self.story())?;
        if let Some(trace) = self.failure.trace.as_ref().or(self.original.trace.as_ref()) {
            writeln!(
                f,
                "the failing execution, step by step, up to the failure:\n{trace}"
            )?;
        }
        write!(
            f,
            "replay (the scenario as first found): {}",
            self.original.replay
        )
    }
}

impl<P: Debug> From<Shrunk<P>> for Failure {
    /// The original failure (its checker, execution count and replay command) with the
    /// whole shrunk story as its message.
    fn from(shrunk: Shrunk<P>) -> Failure {
        Failure {
            message: shrunk.story(),
            trace: shrunk
                .failure
                .trace
                .clone()
                .or(shrunk.original.trace.clone()),
            ..shrunk.original
        }
    }
}
