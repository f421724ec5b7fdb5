//! Criterion benchmarks of the parallel map: synclab's strategies against sequential
//! code, rayon and hand-written `std::thread::scope` blocks, at 1 and 2 threads, on the
//! `cheap`, `rising` and `random` workloads, as throughput (items mapped per second): the
//! cases of `synclab bench map` (`cli/src/bench/map.rs`) without its size sweep.
//!
//! `cargo bench -p synclab-cli --bench map` (filter with e.g. `-- map/cheap/auto`). For
//! one-process interleaved comparisons with ratios and the size sweep, use
//! `cargo run --release -- bench map`.

mod driver;

use criterion::{Criterion, criterion_group, criterion_main};
use std::time::Duration;
use synclab_cli::bench::map;

fn maps(c: &mut Criterion) {
    driver::bench(c, "map", &map::workload_cases(None), &[1, 2]);
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(10)
        .measurement_time(Duration::from_secs(3))
        .warm_up_time(Duration::from_millis(500));
    targets = maps
}
criterion_main!(benches);
