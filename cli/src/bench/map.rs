//! `synclab bench map`: every map strategy against sequential code, rayon and
//! hand-written `std::thread::scope` blocks, on three workloads; `ops_per_sec` is items
//! mapped per second.
//!
//! | workload | items | cost per item |
//! |---|---|---|
//! | `cheap` | 10 M `u64` | `x * x + 1`: ~1 ns, memory-bound; results collected into a `Vec` |
//! | `rising` | 50 k | 1× to 100× a unit of work (4 rounds of a 64-bit mixer), rising with the index |
//! | `random` | 50 k | 1× to 100× the unit, pseudo-random per item |
//! | `cheap@N` | N = 256 .. 1 M | `cheap` at smaller sizes: where does parallel start to win? |
//!
//! | case | what runs |
//! |---|---|
//! | `sequential` | `items.iter().map(f).collect()` on the calling thread |
//! | `rayon` | `items.par_iter().map(f).collect()` in a rayon pool of `threads` threads |
//! | `std::thread::scope` | one contiguous block per thread, written into a zeroed `Vec` |
//! | `static`, `fixed-64`, `fixed-4096`, `guided`, `auto` | `synclab::map::map` on a pool of `threads` workers |
//!
//! Every case's output is compared with the sequential result once per measurement (a
//! round, or a criterion sample), untimed, before it is timed, so a broken map can never
//! be reported fast. Pools are built once per thread count and reused across rounds, as a
//! program would.

use super::{BenchError, Case, Config, Iteration, Row, Sample, Stop};
use rayon::prelude::*;
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::collections::btree_map::Entry;
use std::rc::Rc;
use std::time::Instant;
use synclab::map::{self, Auto, Fixed, Guided, Static, Strategy};
use synclab::pool::ThreadPool;

/// Items in the `cheap` workload.
pub const CHEAP_ITEMS: usize = 10_000_000;
/// Items in the `rising` and `random` workloads.
pub const UNEVEN_ITEMS: usize = 50_000;
/// Input sizes of the `cheap@N` sweep.
pub const SWEEP_SIZES: &[usize] = &[256, 1024, 4096, 16_384, 65_536, 262_144, 1_048_576];
/// Mixer rounds in one unit of work of the uneven workloads.
const ROUNDS_PER_UNIT: u64 = 4;

/// The `cheap` kernel: `x * x + 1` (wrapping, as in a release build).
pub fn cheap(x: &u64) -> u64 {
    x.wrapping_mul(*x).wrapping_add(1)
}

/// The `rising` kernel: 1 to 100 units of work, rising linearly with the index over
/// `0..UNEVEN_ITEMS`.
pub fn rising(x: &u64) -> u64 {
    spin(*x, 1 + 99 * *x / (UNEVEN_ITEMS as u64 - 1))
}

/// The `random` kernel: 1 to 100 units of work, pseudo-random per item.
pub fn random(x: &u64) -> u64 {
    spin(*x, 1 + mix(*x ^ 0x5EED) % 100)
}

/// A 64-bit mixer (splitmix64's finaliser): a dependent chain the compiler cannot skip.
fn mix(mut h: u64) -> u64 {
    h = (h ^ (h >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    h = (h ^ (h >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    h ^ (h >> 31)
}

/// `units` units of work on `x`.
fn spin(x: u64, units: u64) -> u64 {
    (0..units * ROUNDS_PER_UNIT).fold(x, |h, _| mix(h))
}

/// Measures every case of the map family, reporting progress as (done, total).
pub fn run(
    config: &Config,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Vec<Row>, BenchError> {
    let mut rows = super::run_cases("map", config, &cases(config.max_items), progress)?;
    // Per-thread spread has no meaning for a map (the threads share one job).
    rows.iter_mut().for_each(|r| r.spread = None);
    Ok(rows)
}

/// Every case name, peers first.
const ALL: [&str; 8] = [
    "sequential",
    "rayon",
    "std::thread::scope",
    "static",
    "fixed-64",
    "fixed-4096",
    "guided",
    "auto",
];

/// Every case: (workload, size) × (peers and strategies), with no input longer than
/// `max_items` (a cap for smoke tests of the tooling).
pub fn cases(max_items: Option<usize>) -> Vec<Case> {
    let cap = |n: usize| max_items.map_or(n, |m| n.min(m.max(1)));
    let mut cases = workload_cases(max_items);
    let sizes: Vec<usize> = SWEEP_SIZES
        .iter()
        .copied()
        .filter(|&n| cap(n) == n)
        .collect();
    cases.extend(sweep_cases(&sizes));
    cases
}

/// Every peer and strategy on the `cheap`, `rising` and `random` workloads (no size
/// sweep), with no input longer than `max_items`.
pub fn workload_cases(max_items: Option<usize>) -> Vec<Case> {
    let cap = |n: usize| max_items.map_or(n, |m| n.min(m.max(1)));
    let mut cases = Vec::new();
    add(&mut cases, cheap, cap(CHEAP_ITEMS), "cheap", &ALL);
    add(&mut cases, rising, cap(UNEVEN_ITEMS), "rising", &ALL);
    add(&mut cases, random, cap(UNEVEN_ITEMS), "random", &ALL);
    cases
}

/// `sequential`, `rayon` and `auto` on the `cheap` kernel at each of `sizes`.
pub fn sweep_cases(sizes: &[usize]) -> Vec<Case> {
    let mut cases = Vec::new();
    for &n in sizes {
        let label = format!("cheap@{n}");
        add(
            &mut cases,
            cheap,
            n,
            &label,
            &["sequential", "rayon", "auto"],
        );
    }
    cases
}

/// The cases `names` of one workload: `f` over `0..n`. Generic over the kernel's own
/// type, so that every case inlines it (a function pointer would cost a call per item
/// and stop vectorisation).
fn add<F>(cases: &mut Vec<Case>, f: F, n: usize, workload: &str, names: &[&str])
where
    F: Fn(&u64) -> u64 + Copy + Send + Sync + 'static,
{
    let input: Rc<Vec<u64>> = Rc::new((0..n as u64).collect());
    let expected: Rc<Vec<u64>> = Rc::new(input.iter().map(f).collect());
    let runners: [(&str, MakeRunner<F>); 8] = [
        ("sequential", |f| {
            Box::new(move |_, items| Ok(items.iter().map(f).collect()))
        }),
        ("rayon", rayon_runner),
        ("std::thread::scope", |f| {
            Box::new(move |t, items| scoped_blocks(t, items, f))
        }),
        ("static", |f| synclab_runner(Static, f)),
        ("fixed-64", |f| {
            synclab_runner(Fixed::new(64).expect("64 > 0"), f)
        }),
        ("fixed-4096", |f| {
            synclab_runner(Fixed::new(4096).expect("4096 > 0"), f)
        }),
        ("guided", |f| synclab_runner(Guided::default(), f)),
        ("auto", |f| synclab_runner(Auto::new(), f)),
    ];
    for (name, make) in runners {
        if names.contains(&name) {
            cases.push(case(name, workload, &input, &expected, make(f)));
        }
    }
}

/// Builds a case's runner around the kernel.
type MakeRunner<F> = fn(F) -> Runner;

/// One map call at `threads` threads; a pool or thread the system refuses to start is an
/// error. (synclab's [`ThreadPool::new`] panics instead, as `std::thread::spawn` does; the
/// pool's workers started so far are joined, so nothing hangs, and the commands check
/// first that the threads can be started at all, [`super::threads::probe`].)
type Runner = Box<dyn Fn(usize, &[u64]) -> Result<Vec<u64>, BenchError>>;

fn rayon_runner<F>(f: F) -> Runner
where
    F: Fn(&u64) -> u64 + Copy + Send + Sync + 'static,
{
    let pools = RefCell::new(BTreeMap::<usize, rayon::ThreadPool>::new());
    Box::new(move |t, items| {
        let mut pools = pools.borrow_mut();
        let pool = match pools.entry(t) {
            Entry::Occupied(pool) => pool.into_mut(),
            Entry::Vacant(slot) => slot.insert(
                rayon::ThreadPoolBuilder::new()
                    .num_threads(t)
                    .build()
                    .map_err(|e| BenchError::Spawn {
                        threads: t,
                        error: std::io::Error::other(e),
                    })?,
            ),
        };
        Ok(pool.install(|| items.par_iter().map(f).collect()))
    })
}

/// A synclab strategy on a pool of `threads` workers, built once per thread count.
fn synclab_runner<S, F>(strategy: S, f: F) -> Runner
where
    S: Strategy + 'static,
    F: Fn(&u64) -> u64 + Copy + Send + Sync + 'static,
{
    let pools = RefCell::new(BTreeMap::<usize, ThreadPool>::new());
    Box::new(move |t, items| {
        let mut pools = pools.borrow_mut();
        let pool = pools
            .entry(t)
            .or_insert_with(|| ThreadPool::new(t).expect("threads >= 1"));
        Ok(map::map(pool, items, &strategy, f))
    })
}

/// The hand-written peer: one contiguous block per thread, each written in place.
fn scoped_blocks<F: Fn(&u64) -> u64 + Copy + Send>(
    threads: usize,
    items: &[u64],
    f: F,
) -> Result<Vec<u64>, BenchError> {
    let mut out = vec![0u64; items.len()];
    let block = items.len().div_ceil(threads).max(1);
    std::thread::scope(|s| {
        for (input, output) in items.chunks(block).zip(out.chunks_mut(block)) {
            // On an error the scope still joins the blocks already started.
            std::thread::Builder::new()
                .spawn_scoped(s, move || {
                    for (o, x) in output.iter_mut().zip(input) {
                        *o = f(x);
                    }
                })
                .map_err(|error| BenchError::Spawn { threads, error })?;
        }
        Ok(())
    })?;
    Ok(out)
}

fn case(
    name: &str,
    workload: &str,
    input: &Rc<Vec<u64>>,
    expected: &Rc<Vec<u64>>,
    runner: Runner,
) -> Case {
    let (input, expected) = (Rc::clone(input), Rc::clone(expected));
    let label = format!("{name} on {workload}");
    Case {
        name: name.to_string(),
        workload: Some(workload.to_string()),
        iteration: Iteration::Call {
            items: input.len() as u64,
        },
        measure: Box::new(move |threads: usize, stop: Stop| {
            // Untimed: a warm-up call whose result is checked.
            let out = runner(threads, &input)?;
            assert!(out == *expected, "{label}: wrong results");
            drop(out);
            let start = Instant::now();
            let mut calls = 0u64;
            let more = |calls: u64| match stop {
                Stop::After(time) => calls == 0 || start.elapsed() < time,
                Stop::Iterations(n) => calls < n,
            };
            while more(calls) {
                drop(std::hint::black_box(runner(threads, &input)?));
                calls += 1;
            }
            let elapsed = start.elapsed();
            let items = calls as f64 * input.len() as f64;
            Ok(Sample {
                ops_per_sec: items / elapsed.as_secs_f64(),
                spread: 1.0,
                elapsed,
            })
        }),
    }
}

/// The smallest sweep size from which `name` beats `sequential` at `threads` threads at
/// every larger size too; `None` if it never does.
pub fn crossover(rows: &[Row], name: &str, threads: usize) -> Option<usize> {
    let at = |case: &str, n: usize| {
        let workload = format!("cheap@{n}");
        rows.iter()
            .find(|r| {
                r.name == case && r.threads == threads && r.workload.as_ref() == Some(&workload)
            })
            .map(|r| r.ops_per_sec)
    };
    let wins: Vec<(usize, bool)> = SWEEP_SIZES
        .iter()
        .filter_map(|&n| Some((n, at(name, n)? > at("sequential", n)?)))
        .collect();
    let last_loss = wins.iter().rposition(|&(_, win)| !win);
    let first_win = last_loss.map_or(0, |i| i + 1);
    wins.get(first_win).map(|&(n, _)| n)
}

/// Lines for the table's footer: Auto against rayon and sequential per workload, and
/// where parallel starts to win.
pub fn summary(rows: &[Row]) -> String {
    let ops = |name: &str, threads: usize, workload: &str| {
        rows.iter()
            .find(|r| {
                r.name == name && r.threads == threads && r.workload.as_deref() == Some(workload)
            })
            .map(|r| r.ops_per_sec)
    };
    let mut threads: Vec<usize> = rows.iter().map(|r| r.threads).collect();
    threads.sort_unstable();
    threads.dedup();
    let mut out = String::new();
    for &t in &threads {
        for workload in ["cheap", "rising", "random"] {
            if let (Some(auto), Some(rayon), Some(seq)) = (
                ops("auto", t, workload),
                ops("rayon", t, workload),
                ops("sequential", t, workload),
            ) {
                out += &format!(
                    "auto at {t} threads on {workload}: {:.2}x rayon, {:.2}x sequential\n",
                    auto / rayon,
                    auto / seq
                );
            }
        }
        for name in ["auto", "rayon"] {
            let from = crossover(rows, name, t)
                .map_or("never (in the sweep)".into(), |n| format!("from {n} items"));
            out += &format!("{name} at {t} threads beats sequential on cheap items {from}\n");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(name: &str, n: usize, ops: f64) -> Row {
        Row {
            family: "map",
            name: name.into(),
            threads: 2,
            workload: Some(format!("cheap@{n}")),
            ops_per_sec: ops,
            spread: None,
            implausible: None,
        }
    }

    #[test]
    fn crossover_is_the_first_size_from_which_parallel_always_wins() {
        let mut rows = Vec::new();
        for (i, &n) in SWEEP_SIZES.iter().enumerate() {
            rows.push(row("sequential", n, 10.0));
            // Loses at 256, wins at 1024, loses at 4096, wins from 16384 on.
            let auto = if i == 1 || i >= 3 { 11.0 } else { 9.0 };
            rows.push(row("auto", n, auto));
            rows.push(row("rayon", n, 5.0));
        }
        assert_eq!(crossover(&rows, "auto", 2), Some(16_384));
        assert_eq!(crossover(&rows, "rayon", 2), None);
        assert!(
            summary(&rows)
                .contains("auto at 2 threads beats sequential on cheap items from 16384 items")
        );
    }

    #[test]
    fn kernels_cost_what_they_say() {
        assert_eq!(cheap(&3), 10);
        assert_eq!(spin(7, 0), 7);
        assert_eq!(spin(7, 1), mix(mix(mix(mix(7)))));
        assert_ne!(rising(&0), rising(&1));
        assert_ne!(random(&0), random(&1));
    }

    #[test]
    #[cfg_attr(miri, ignore)] // rayon's pool is slow to start under Miri
    fn sweep_cases_compute_the_sequential_result() {
        // The warm-up call of each case asserts its output; run it with empty rounds.
        for case in sweep_cases(&[256]) {
            let sample = (case.measure)(2, Stop::Iterations(1)).unwrap();
            assert!(sample.ops_per_sec > 0.0, "{}", case.name);
            assert_eq!(case.ops_per_iteration(2), 256);
        }
    }
}
