//! Criterion benchmarks of waking the next thread of a ring: synclab's condition
//! variable and semaphore against std's and parking_lot's condition variables, at 1, 2
//! and 4 threads, as throughput (hand-offs per second): the cases of
//! `synclab bench handoff` (`cli/src/bench/handoff.rs`).
//!
//! `cargo bench -p synclab-cli --bench handoff`. For one-process interleaved comparisons
//! with ratios, use `cargo run --release -- bench handoff`.

mod driver;

use criterion::{Criterion, criterion_group, criterion_main};
use std::time::Duration;
use synclab_cli::bench::handoff;

fn handoffs(c: &mut Criterion) {
    driver::bench(c, "handoff", &handoff::cases(), &[1, 2, 4]);
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .measurement_time(Duration::from_secs(1))
        .warm_up_time(Duration::from_millis(300));
    targets = handoffs
}
criterion_main!(benches);
