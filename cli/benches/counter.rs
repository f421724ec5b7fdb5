//! Criterion benchmarks of every counter strategy against std, parking_lot and a bare
//! atomic, at 1, 2 and 4 threads, reported as throughput (adds per second, all threads).
//!
//! `cargo bench --bench counter`. For one-process interleaved comparisons with ratios, use
//! `cargo run --release -- bench counter` instead.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use std::sync::Barrier;
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use std::time::{Duration, Instant};
use synclab::counter::*;

/// Each of `threads` threads calls `add` `iters` times; returns the wall time of the slowest.
fn time_threads<C: Sync>(
    counter: &C,
    threads: usize,
    iters: u64,
    add: impl Fn(&C) + Sync,
) -> Duration {
    let start_line = Barrier::new(threads);
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads)
            .map(|_| {
                s.spawn(|| {
                    start_line.wait();
                    let start = Instant::now();
                    for _ in 0..iters {
                        add(counter);
                    }
                    start.elapsed()
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap())
            .max()
            .unwrap()
    })
}

fn bench_case<C: Sync>(
    c: &mut Criterion,
    name: &str,
    make: impl Fn() -> C,
    add: impl Fn(&C) + Sync + Copy,
) {
    let mut group = c.benchmark_group("counter");
    group
        .measurement_time(Duration::from_secs(2))
        .warm_up_time(Duration::from_millis(500));
    for threads in [1, 2, 4] {
        group.throughput(Throughput::Elements(threads as u64));
        group.bench_with_input(BenchmarkId::new(name, threads), &threads, |b, &threads| {
            b.iter_custom(|iters| time_threads(&make(), threads, iters, add));
        });
    }
    group.finish();
}

fn counters(c: &mut Criterion) {
    macro_rules! strategies {
        ($($name:ident => $model:expr, $bench:expr;)*) => {
            $( bench_case(c, stringify!($name), || $bench, |x| x.add(1)); )*
        };
    }
    synclab::counter_strategies!(strategies);
    bench_case(
        c,
        "std::sync::Mutex",
        std::sync::Mutex::<u64>::default,
        |m| *m.lock().unwrap() += 1,
    );
    bench_case(
        c,
        "parking_lot::Mutex",
        parking_lot::Mutex::<u64>::default,
        |m| *m.lock() += 1,
    );
    bench_case(c, "AtomicU64::fetch_add", AtomicU64::default, |a| {
        a.fetch_add(1, Relaxed);
    });
}

criterion_group!(benches, counters);
criterion_main!(benches);
