//! Measuring the checkers on the programs: [`measure`], its table ([`markdown`],
//! [`json`]), and the checks `cargo test` makes ([`verify_found`], [`verify_ok`]).

use super::{Column, Program, columns};
use crate::check::budget::{DEFAULT_SEED, SCTBENCH, SCTBENCH_OK_SCHEDULES};
use crate::check::{self, Checker};
use std::fmt::Write as _;
use std::time::{Duration, Instant};

/// What one checker did with one program.
#[derive(Debug, Clone, PartialEq)]
pub struct Measured {
    /// The program.
    pub program: &'static str,
    /// The column's name (`shuttle_urw`, `portfolio`, ...).
    pub checker: &'static str,
    /// Trials run: 0 if the checker does not run the program ([`not_run`](Self::not_run)
    /// says why); 1 for a deterministic checker (loom, DFS), whose every trial would
    /// repeat the first.
    pub trials: usize,
    /// Trials that found the bug.
    pub found: usize,
    /// The mean, over the trials that found it, of the schedules up to and including
    /// the first failing one (the portfolio: of all its slots together).
    pub mean_schedules: Option<f64>,
    /// The median of the same.
    pub median_schedules: Option<f64>,
    /// What the ok twin did under the same checker (one run, the first trial's seed).
    pub ok_twin: OkTwin,
    /// Why the checker does not run the program, if it does not.
    pub not_run: Option<&'static str>,
    /// Wall time of the trials (not of the ok twin's run).
    pub elapsed: Duration,
    /// A failure that is not the program's bug (its message lacks
    /// [`Program::symptom`]): a fault in synclab or a scheduler, not counted as found.
    pub wrong: Option<String>,
}

/// What an ok twin did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OkTwin {
    /// The program has no ok twin, or the checker does not run it.
    None,
    /// It passed.
    Passed,
    /// It failed: the failure, which is a bug in the port or a false alarm.
    Failed(String),
}

/// The seed of trial `trial` (from 0): the default seed, then the next ones.
pub fn trial_seed(trial: usize) -> u64 {
    DEFAULT_SEED.wrapping_add(trial as u64)
}

/// Whether `checker` explores the same way from every seed.
fn deterministic(checker: Checker) -> bool {
    matches!(checker, Checker::Loom { .. } | Checker::ShuttleDfs { .. })
}

/// Runs `program` under `column`'s checker in `trials` trials (seeds [`trial_seed`]),
/// and its ok twin once; `progress(trial)` is called before each trial.
pub fn measure(
    program: &Program,
    column: &Column,
    trials: usize,
    mut progress: impl FnMut(usize),
) -> Measured {
    let checker = column.checker;
    let mut measured = Measured {
        program: program.name,
        checker: column.name,
        trials: 0,
        found: 0,
        mean_schedules: None,
        median_schedules: None,
        ok_twin: OkTwin::None,
        not_run: None,
        elapsed: Duration::ZERO,
        wrong: None,
    };
    let Some(scenario) = program.scenario(checker, false) else {
        measured.not_run = program.loom_not_run().or(Some("no scenario"));
        return measured;
    };
    measured.trials = if deterministic(checker) { 1 } else { trials };
    let test = program.test_name(column.name, false);
    let start = Instant::now();
    let mut schedules: Vec<usize> = (0..measured.trials)
        .filter_map(|trial| {
            progress(trial);
            let outcome = check::with_seed(trial_seed(trial), || {
                check::without_replay(|| check::run_attempt(&test, checker, scenario))
            });
            match outcome {
                Ok(_) => None,
                Err(failure) if failure.message.contains(program.symptom()) => {
                    Some(failure.executions)
                }
                Err(failure) => {
                    measured.wrong.get_or_insert(failure.to_string());
                    None
                }
            }
        })
        .collect();
    measured.elapsed = start.elapsed();
    schedules.sort_unstable();
    measured.found = schedules.len();
    if !schedules.is_empty() {
        let n = schedules.len();
        measured.mean_schedules = Some(schedules.iter().sum::<usize>() as f64 / n as f64);
        measured.median_schedules = Some((schedules[(n - 1) / 2] + schedules[n / 2]) as f64 / 2.0);
    }
    if let Some(ok) = program.scenario(checker, true) {
        let test = program.test_name(column.name, true);
        let outcome = check::with_seed(trial_seed(0), || {
            check::without_replay(|| check::run_attempt(&test, checker, ok))
        });
        measured.ok_twin = match outcome {
            Ok(_) => OkTwin::Passed,
            Err(failure) => OkTwin::Failed(failure.to_string()),
        };
    }
    measured
}

/// [`measure`] for every program under every column, program by program;
/// `progress(program, column, trial)` is called before each trial.
pub fn measure_all(
    programs: &[Program],
    columns: &[Column],
    trials: usize,
    mut progress: impl FnMut(&Program, &Column, usize),
) -> Vec<Measured> {
    let mut rows = Vec::new();
    for program in programs {
        for column in columns {
            rows.push(measure(program, column, trials, |t| {
                progress(program, column, t)
            }));
        }
    }
    rows
}

/// Checks that the portfolio finds `program`'s bug within [`SCTBENCH`]'s schedules from
/// the default seed, on one thread (the verdict does not depend on the threads, and
/// `cargo test` already runs tests side by side), and that the failure it returns
/// replays in one execution.
///
/// # Errors
/// What happened instead.
pub fn verify_found(program: &Program) -> Result<(), String> {
    let checker = Checker::Portfolio {
        iterations: SCTBENCH.schedules,
        threads: 1,
    };
    let test = program.test_name("portfolio", false);
    let scenario = program.bad.shuttle;
    let failure = match check::without_replay(|| check::run(&test, checker, scenario)) {
        Ok(report) => {
            return Err(format!(
                "{}: the portfolio missed it in {} schedules",
                program.name, report.executions
            ));
        }
        Err(failure) => failure,
    };
    let schedule = (failure.replay.schedule())
        .ok_or_else(|| format!("{}: no schedule to replay:\n{failure}", program.name))?;
    match check::replay_shuttle(&test, checker, schedule, scenario) {
        Err(replayed) if replayed.executions == 1 => Ok(()),
        Err(replayed) => Err(format!(
            "{}: the replay ran {} executions",
            program.name, replayed.executions
        )),
        Ok(_) => Err(format!("{}: the replay passed:\n{failure}", program.name)),
    }
}

/// Checks that `program`'s ok twin passes under `column`'s checker with
/// [`SCTBENCH_OK_SCHEDULES`] schedules (loom: at its bound). `Ok` also when there is
/// nothing to run.
///
/// # Errors
/// The failure.
pub fn verify_ok(program: &Program, column: &Column) -> Result<(), String> {
    let checker = match column.checker {
        Checker::Loom { .. } => column.checker,
        _ => columns(SCTBENCH_OK_SCHEDULES)
            .into_iter()
            .find(|c| c.name == column.name)
            .map_or(column.checker, |c| c.checker),
    };
    let checker = match checker {
        Checker::Portfolio { iterations, .. } => Checker::Portfolio {
            iterations,
            threads: 1,
        },
        other => other,
    };
    let Some(ok) = program.scenario(checker, true) else {
        return Ok(());
    };
    let test = program.test_name(column.name, true);
    check::run(&test, checker, ok)
        .map(drop)
        .map_err(|failure| format!("{test}: the ok twin failed: {failure}"))
}

/// The table as markdown: per program, each column's `found/trials mean` (`det.` for a
/// deterministic checker's one trial), then the published SURW, PCT d3, POS and random
/// walk means.
pub fn markdown(rows: &[Measured], names: &[&str]) -> String {
    let mut out = String::from("| program |");
    for name in names {
        let _ = write!(out, " {name} |");
    }
    out.push_str(" SURW | PCT d3 | POS | random walk | ok twin |\n|---|");
    out.push_str(&"---|".repeat(names.len() + 5));
    out.push('\n');
    let mut programs: Vec<&str> = rows.iter().map(|r| r.program).collect();
    programs.dedup();
    for name in programs {
        let _ = write!(out, "| `{name}` |");
        let mine: Vec<&Measured> = rows.iter().filter(|r| r.program == name).collect();
        for column in names {
            let cell = mine
                .iter()
                .find(|r| r.checker == *column)
                .map_or(String::new(), |r| cell(r));
            let _ = write!(out, " {cell} |");
        }
        let published = super::find(name).and_then(|p| p.published);
        for value in [
            published.map(|p| p.surw),
            published.map(|p| p.pct3),
            published.map(|p| p.pos),
            published.map(|p| p.random_walk),
        ] {
            let _ = write!(
                out,
                " {} |",
                value.map_or("—".to_string(), |v| v.to_string())
            );
        }
        let ok = ok_text(&mine);
        let _ = writeln!(out, " {ok} |");
    }
    out
}

/// `found/trials (mean)`, `0/20`, `—` (not run).
fn cell(r: &Measured) -> String {
    match (r.trials, r.mean_schedules) {
        (0, _) => "—".to_string(),
        (1, Some(mean)) if deterministic_name(r.checker) => format!("det. ({mean:.0})"),
        (1, None) if deterministic_name(r.checker) => "det. missed".to_string(),
        (trials, Some(mean)) => format!("{}/{trials} ({mean:.0})", r.found),
        (trials, None) => format!("0/{trials}"),
    }
}

fn deterministic_name(checker: &str) -> bool {
    matches!(checker, "loom" | "shuttle_dfs")
}

/// `passes` if every checker that ran the ok twin passed, the failing checkers if not,
/// `—` if there is no twin.
fn ok_text(rows: &[&Measured]) -> String {
    let failed: Vec<&str> = (rows.iter())
        .filter(|r| matches!(r.ok_twin, OkTwin::Failed(_)))
        .map(|r| r.checker)
        .collect();
    if !failed.is_empty() {
        format!("FAILS under {}", failed.join(", "))
    } else if rows.iter().any(|r| r.ok_twin == OkTwin::Passed) {
        "passes".to_string()
    } else {
        "—".to_string()
    }
}

/// The table as one JSON object: `{"results":[{"program","checker","trials","found",
/// "mean_schedules","median_schedules","seconds","ok_twin","not_run"}]}` (`ok_twin`:
/// `"passed"`, `"failed"` or `null`; `seconds`: the trials' wall time).
pub fn json(rows: &[Measured]) -> String {
    let number = |v: Option<f64>| v.map_or("null".to_string(), |v| format!("{v:.1}"));
    let text = |v: Option<&str>| v.map_or("null".to_string(), |v| format!("{v:?}"));
    let results: Vec<String> = rows
        .iter()
        .map(|r| {
            let ok = match r.ok_twin {
                OkTwin::None => None,
                OkTwin::Passed => Some("passed"),
                OkTwin::Failed(_) => Some("failed"),
            };
            format!(
                "{{\"program\":\"{}\",\"checker\":\"{}\",\"trials\":{},\"found\":{},\"mean_schedules\":{},\"median_schedules\":{},\"seconds\":{:.3},\"ok_twin\":{},\"not_run\":{}}}",
                r.program,
                r.checker,
                r.trials,
                r.found,
                number(r.mean_schedules),
                number(r.median_schedules),
                r.elapsed.as_secs_f64(),
                text(ok),
                text(r.not_run),
            )
        })
        .collect();
    format!("{{\"results\":[{}]}}", results.join(","))
}
