//! Criterion benchmarks of every counter strategy against std, parking_lot and a bare
//! atomic, at 1, 2 and 4 threads, as throughput (adds per second, all threads): the
//! cases of `synclab bench counter` (`cli/src/bench/counter.rs`).
//!
//! `cargo bench -p synclab-cli --bench counter`. For one-process interleaved comparisons
//! with ratios and the fairness spread, use `cargo run --release -- bench counter`.

mod driver;

use criterion::{Criterion, criterion_group, criterion_main};
use std::time::Duration;
use synclab_cli::bench::counter;

fn counters(c: &mut Criterion) {
    driver::bench(c, "counter", &counter::cases(), &[1, 2, 4]);
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .measurement_time(Duration::from_secs(2))
        .warm_up_time(Duration::from_millis(500));
    targets = counters
}
criterion_main!(benches);
