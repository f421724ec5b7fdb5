//! Criterion benchmarks of the parallel map: synclab's strategies against sequential
//! code, rayon and hand-written `std::thread::scope` blocks, at 1 and 2 threads, on the
//! workloads of `synclab bench map` (see `src/bench/map.rs`); throughput in items.
//!
//! `cargo bench --bench map` (filter with e.g. `-- cheap/auto`). For one-process
//! interleaved comparisons with ratios, use `cargo run --release -- bench map` instead.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use rayon::prelude::*;
use std::hint::black_box;
use std::time::Duration;
use synclab::map::{self, Auto, Fixed, Guided, Static, Strategy};
use synclab::pool::ThreadPool;
use synclab_cli::bench::map::{CHEAP_ITEMS, UNEVEN_ITEMS, cheap, random, rising};

const THREADS: [usize; 2] = [1, 2];

fn workload<F>(c: &mut Criterion, name: &str, n: usize, f: F)
where
    F: Fn(&u64) -> u64 + Copy + Send + Sync,
{
    let items: Vec<u64> = (0..n as u64).collect();
    let mut group = c.benchmark_group(format!("map/{name}"));
    group
        .throughput(Throughput::Elements(n as u64))
        .sample_size(10)
        .measurement_time(Duration::from_secs(3))
        .warm_up_time(Duration::from_millis(500));
    group.bench_function("sequential", |b| {
        b.iter(|| black_box(&items).iter().map(f).collect::<Vec<u64>>())
    });
    for threads in THREADS {
        let rayon = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        group.bench_with_input(BenchmarkId::new("rayon", threads), &threads, |b, _| {
            b.iter(|| rayon.install(|| items.par_iter().map(f).collect::<Vec<u64>>()))
        });
        group.bench_with_input(
            BenchmarkId::new("std::thread::scope", threads),
            &threads,
            |b, &t| b.iter(|| scoped_blocks(t, &items, f)),
        );
        let pool = ThreadPool::new(threads).unwrap();
        strategy(&mut group, &pool, &items, "static", Static, f);
        strategy(
            &mut group,
            &pool,
            &items,
            "fixed-4096",
            Fixed::new(4096).unwrap(),
            f,
        );
        strategy(&mut group, &pool, &items, "guided", Guided::default(), f);
        strategy(&mut group, &pool, &items, "auto", Auto::new(), f);
    }
    group.finish();
}

fn strategy<S: Strategy, F: Fn(&u64) -> u64 + Sync>(
    group: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
    pool: &ThreadPool,
    items: &[u64],
    name: &str,
    strategy: S,
    f: F,
) {
    let id = BenchmarkId::new(name, pool.workers());
    group.bench_with_input(id, &(), |b, _| {
        b.iter(|| map::map(pool, items, &strategy, &f))
    });
}

fn scoped_blocks<F: Fn(&u64) -> u64 + Copy + Send>(
    threads: usize,
    items: &[u64],
    f: F,
) -> Vec<u64> {
    let mut out = vec![0u64; items.len()];
    let block = items.len().div_ceil(threads).max(1);
    std::thread::scope(|s| {
        for (input, output) in items.chunks(block).zip(out.chunks_mut(block)) {
            s.spawn(move || output.iter_mut().zip(input).for_each(|(o, x)| *o = f(x)));
        }
    });
    out
}

fn maps(c: &mut Criterion) {
    workload(c, "cheap", CHEAP_ITEMS, cheap);
    workload(c, "rising", UNEVEN_ITEMS, rising);
    workload(c, "random", UNEVEN_ITEMS, random);
}

criterion_group!(benches, maps);
criterion_main!(benches);
