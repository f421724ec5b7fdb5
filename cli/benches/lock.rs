//! Criterion benchmarks of every synclab lock against std, parking_lot and spin, at 1, 2
//! and 4 threads, with no work and with ~100 ns of work outside the lock, as throughput
//! (critical sections per second, all threads): the cases of `synclab bench lock`
//! (`cli/src/bench/lock.rs`).
//!
//! `cargo bench -p synclab-cli --bench lock`. For one-process interleaved comparisons
//! with ratios and the fairness spread, use `cargo run --release -- bench lock`.

mod driver;

use criterion::{Criterion, criterion_group, criterion_main};
use std::time::Duration;
use synclab_cli::bench::lock;

fn locks(c: &mut Criterion) {
    driver::bench(c, "lock", &lock::cases(), &[1, 2, 4]);
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .measurement_time(Duration::from_secs(1))
        .warm_up_time(Duration::from_millis(300));
    targets = locks
}
criterion_main!(benches);
