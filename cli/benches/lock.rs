//! Criterion benchmarks of every synclab lock against std, parking_lot and spin, at 1, 2
//! and 4 threads, with no work and with ~100 ns of work outside the lock, reported as
//! throughput (critical sections per second, all threads).
//!
//! `cargo bench --bench lock`. For one-process interleaved comparisons with ratios and
//! the fairness spread, use `cargo run --release -- bench lock` instead.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use std::sync::Barrier;
use std::time::{Duration, Instant};
use synclab::lock::*;
use synclab_cli::bench::lock::{work, work_rounds};

/// Each of `threads` threads runs `op` `iters` times; returns the wall time of the slowest.
fn time_threads<L: Sync>(lock: &L, threads: usize, iters: u64, op: impl Fn(&L) + Sync) -> Duration {
    let start_line = Barrier::new(threads);
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads)
            .map(|_| {
                s.spawn(|| {
                    start_line.wait();
                    let start = Instant::now();
                    for _ in 0..iters {
                        op(lock);
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

fn bench_case<L: Sync>(
    c: &mut Criterion,
    workload: &str,
    name: &str,
    make: impl Fn() -> L,
    incr: impl Fn(&L) + Sync + Copy,
) {
    let outside = if workload == "none" { 0 } else { work_rounds() };
    let mut group = c.benchmark_group(format!("lock/{workload}"));
    group
        .measurement_time(Duration::from_secs(1))
        .warm_up_time(Duration::from_millis(300));
    for threads in [1, 2, 4] {
        group.throughput(Throughput::Elements(threads as u64));
        group.bench_with_input(BenchmarkId::new(name, threads), &threads, |b, &threads| {
            b.iter_custom(|iters| {
                time_threads(&make(), threads, iters, |lock| {
                    incr(lock);
                    work(outside);
                })
            });
        });
    }
    group.finish();
}

fn locks(c: &mut Criterion) {
    for workload in ["none", "100ns"] {
        macro_rules! synclab_locks {
            ($($name:ident => $raw:ident, $kind:ident;)*) => {
                $( bench_case(c, workload, stringify!($name), Mutex::<$raw, u64>::default, |m| *m.lock() += 1); )*
            };
        }
        synclab::raw_locks!(synclab_locks);
        bench_case(
            c,
            workload,
            "std::sync::Mutex",
            std::sync::Mutex::<u64>::default,
            |m| {
                *m.lock().unwrap() += 1;
            },
        );
        bench_case(
            c,
            workload,
            "parking_lot::Mutex",
            parking_lot::Mutex::<u64>::default,
            |m| {
                *m.lock() += 1;
            },
        );
        bench_case(
            c,
            workload,
            "spin::Mutex",
            || spin::Mutex::new(0u64),
            |m| {
                *m.lock() += 1;
            },
        );
    }
}

criterion_group!(benches, locks);
criterion_main!(benches);
