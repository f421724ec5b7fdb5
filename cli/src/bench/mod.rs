//! In-process benchmarks behind `synclab bench FAMILY`: every case of a family measured in
//! one process, cases interleaved round by round, the median of the rounds reported.
//!
//! Interleaving matters on a shared, noisy machine: a burst of background load then hits
//! every case in that round alike instead of one case's whole measurement, so the ratios
//! between cases stay meaningful even when absolute numbers drift. Quote ratios measured
//! in one run, never absolute numbers across runs.
//!
//! A family is one file here with a `cases` function (the case definitions: name, setup
//! and operation) and a `run` function, registered with one entry in [`FAMILIES`]. The
//! criterion benches in `cli/benches/` measure the same cases, with the same timing
//! helpers: a case measures until a [`Stop`], a time for `synclab bench` or a number of
//! iterations for criterion's `iter_custom`.

pub mod counter;
pub mod handoff;
pub mod lock;
pub mod map;
pub mod output;
pub mod pin;
pub mod plausible;
pub mod threads;

use std::time::Duration;

/// Measures one family: every case at every thread count, calling `progress(done, total)`
/// after each measurement.
pub type Runner = fn(&Config, &mut dyn FnMut(usize, usize)) -> Result<Vec<Row>, BenchError>;

/// A measurement that could not be made.
#[derive(Debug)]
pub enum BenchError {
    /// The operating system refused to start a thread (a thread or memory limit).
    Spawn {
        /// Threads the measurement wanted.
        threads: usize,
        /// The spawn's error.
        error: std::io::Error,
    },
}

impl std::fmt::Display for BenchError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BenchError::Spawn { threads, error } => write!(
                f,
                "cannot start {threads} threads: {error} (measure at fewer threads, or raise \
                 the limit: ulimit -u, ulimit -v)"
            ),
        }
    }
}

impl std::error::Error for BenchError {}

/// The most threads per CPU a measurement may run. Any count up to it is measured
/// correctly ([`threads`]: the window, a stop flag looked at after every operation); at
/// 1,000 threads on 2 CPUs `synclab bench counter --quick` took 55 s and `lock` 43 s.
/// See [`WHY_MAX_THREADS`] for why not more.
pub const MAX_THREADS_PER_CPU: usize = 512;

/// Why there is a most, as `synclab bench` says when refusing more.
pub const WHY_MAX_THREADS: &str = "past that most threads never get a turn in a round, and starting them takes longer than the round itself";

/// The most threads a measurement may run on this machine: [`MAX_THREADS_PER_CPU`] per
/// CPU this process may use.
pub fn max_threads() -> usize {
    MAX_THREADS_PER_CPU * cpus()
}

/// The CPUs this process may run on (`std::thread::available_parallelism`, 1 if unknown).
pub fn cpus() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// A benchmark family.
#[derive(Debug, Clone, Copy)]
pub struct Family {
    /// The name `synclab bench` takes.
    pub name: &'static str,
    /// The case every other one is compared with.
    pub baseline: &'static str,
    /// One line on what is measured.
    pub about: &'static str,
    /// The measurement.
    pub run: Runner,
    /// Extra lines printed under the family's table (the report's advice keeps those for
    /// its headline thread count).
    pub summary: Option<fn(&[Row]) -> String>,
    /// Whether the rate at N threads over the rate at 1 thread means scaling. Not for a
    /// ring, where one thread only signals itself.
    pub scales: bool,
}

/// Every benchmark family.
pub const FAMILIES: &[Family] = &[
    Family {
        name: "counter",
        baseline: "std::sync::Mutex",
        about: "add(1) in a loop on every thread; throughput of all threads together",
        run: counter::run,
        summary: None,
        scales: true,
    },
    Family {
        name: "map",
        baseline: "sequential",
        about: "an ordered map over a slice; items per second (workload@N: the size sweep)",
        run: map::run,
        summary: Some(map::summary),
        scales: true,
    },
    Family {
        name: "lock",
        baseline: "std::sync::Mutex",
        about: "*u64 += 1 under each lock on every thread, with no work or ~100 ns of work outside",
        run: lock::run,
        summary: None,
        scales: true,
    },
    Family {
        name: "handoff",
        baseline: "std::sync::Condvar",
        about: "a token passed round a ring of threads; wake-ups of the next thread per second",
        run: handoff::run,
        summary: None,
        scales: false,
    },
];

/// The family called `name`.
pub fn family(name: &str) -> Option<&'static Family> {
    FAMILIES.iter().find(|f| f.name == name)
}

/// What to measure and for how long.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// Thread counts to measure at.
    pub threads: Vec<usize>,
    /// Rounds per case; the median is reported.
    pub rounds: usize,
    /// How long one case runs in one round.
    pub round_time: Duration,
    /// Caps the input size of families that map over items (`None`: their full sizes).
    /// Only for smoke tests of the tooling: capped numbers are not comparable.
    pub max_items: Option<usize>,
}

impl Config {
    /// The full run (7 rounds of 300 ms) or the quick one (3 rounds of 100 ms).
    pub fn new(threads: Vec<usize>, quick: bool) -> Self {
        let (rounds, ms) = if quick { (3, 100) } else { (7, 300) };
        Self {
            threads,
            rounds,
            round_time: Duration::from_millis(ms),
            max_items: None,
        }
    }
}

/// One measured case at one thread count: the schema shared by every family's `--json`.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The family: `counter`, `lock`, `map`, `handoff`.
    pub family: &'static str,
    /// The case: a synclab strategy's short name, or a peer's Rust path.
    pub name: String,
    /// Threads that ran it.
    pub threads: usize,
    /// The workload, for families that have several.
    pub workload: Option<String>,
    /// Median operations per second over the rounds.
    pub ops_per_sec: f64,
    /// Median over rounds of busiest thread's ops / least busy thread's ops.
    pub spread: Option<f64>,
    /// Why no machine with this many CPUs could produce this row, if it could not
    /// ([`plausible`]): the measurement is then broken, not the primitive fast.
    pub implausible: Option<String>,
}

/// When a measurement of one case stops.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stop {
    /// After this long (`synclab bench`, which reports operations per second).
    After(Duration),
    /// After this many iterations (criterion's `iter_custom`, which wants their time).
    Iterations(u64),
}

/// What one iteration of a case is, for [`Stop::Iterations`] and criterion's throughput.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Iteration {
    /// One operation on every thread (counter, lock, handoff).
    OnEveryThread,
    /// One call that maps this many items (map).
    Call {
        /// Items mapped by one call.
        items: u64,
    },
}

/// One measurement of one case.
#[derive(Debug, Clone, PartialEq)]
pub struct Sample {
    /// Operations per second, all threads together.
    pub ops_per_sec: f64,
    /// Busiest thread's ops / least busy thread's ops.
    pub spread: f64,
    /// The time measured.
    pub elapsed: Duration,
}

/// A case: its name, its workload, and how to measure it at `n` threads.
pub struct Case {
    /// Reported name.
    pub name: String,
    /// Reported workload, if the family has several.
    pub workload: Option<String>,
    /// What one iteration is.
    pub iteration: Iteration,
    /// Sets the case up and measures it: `(threads, stop) -> sample`. Every case checks
    /// its result (a counter's total, a map's output) so that a broken primitive can
    /// never be reported fast. A thread the system refuses to start is an error.
    pub measure: Box<dyn Fn(usize, Stop) -> Result<Sample, BenchError>>,
}

impl Case {
    /// The operations one iteration makes at `threads` threads: what `ops_per_sec`
    /// counts.
    pub fn ops_per_iteration(&self, threads: usize) -> u64 {
        match self.iteration {
            Iteration::OnEveryThread => threads.max(1) as u64,
            Iteration::Call { items } => items,
        }
    }
}

/// Runs every case at every thread count for `config.rounds` rounds, interleaved, and
/// returns the median per (case, threads). `progress` is called after each measurement
/// with (done, total).
pub fn run_cases(
    family: &'static str,
    config: &Config,
    cases: &[Case],
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Vec<Row>, BenchError> {
    let total = config.rounds * config.threads.len() * cases.len();
    let mut samples: Vec<Vec<Vec<Sample>>> =
        vec![vec![Vec::new(); config.threads.len()]; cases.len()];
    let mut done = 0;
    for _round in 0..config.rounds {
        for (t, &threads) in config.threads.iter().enumerate() {
            for (c, case) in cases.iter().enumerate() {
                let stop = Stop::After(config.round_time);
                samples[c][t].push((case.measure)(threads, stop)?);
                done += 1;
                progress(done, total);
            }
        }
    }
    let mut rows = Vec::new();
    for (c, case) in cases.iter().enumerate() {
        for (t, &threads) in config.threads.iter().enumerate() {
            let s = &samples[c][t];
            rows.push(Row {
                family,
                name: case.name.clone(),
                threads,
                workload: case.workload.clone(),
                ops_per_sec: median(s.iter().map(|s| s.ops_per_sec)),
                spread: Some(median(s.iter().map(|s| s.spread))),
                implausible: None,
            });
        }
    }
    Ok(rows)
}

/// The median of some numbers (the mean of the middle two for an even count); 0 if none.
pub fn median(values: impl Iterator<Item = f64>) -> f64 {
    let mut v: Vec<f64> = values.collect();
    if v.is_empty() {
        return 0.0;
    }
    v.sort_by(f64::total_cmp);
    let mid = v.len() / 2;
    if v.len() % 2 == 1 {
        v[mid]
    } else {
        (v[mid - 1] + v[mid]) / 2.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_of_odd_and_even_counts() {
        assert_eq!(median([3.0, 1.0, 2.0].into_iter()), 2.0);
        assert_eq!(median([4.0, 1.0, 2.0, 3.0].into_iter()), 2.5);
        assert_eq!(median(std::iter::empty()), 0.0);
    }
}
