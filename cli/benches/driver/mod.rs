//! The one criterion driver of every bench: it measures the cases that `synclab bench`
//! measures (`synclab_cli::bench`), with their timing helpers. Criterion picks the number
//! of iterations; a case runs that many ([`Stop::Iterations`]) and returns their time.

use criterion::{BenchmarkId, Criterion, Throughput};
use synclab_cli::bench::{Case, Stop};

/// Benchmarks every case at every thread count: one criterion group per workload
/// (`family`, or `family/workload`), one benchmark per case and thread count
/// (`name/threads`), throughput in the case's operations (adds, critical sections,
/// hand-offs, items mapped).
pub fn bench(c: &mut Criterion, family: &str, cases: &[Case], threads: &[usize]) {
    let mut workloads: Vec<Option<&str>> = Vec::new();
    for case in cases {
        if !workloads.contains(&case.workload.as_deref()) {
            workloads.push(case.workload.as_deref());
        }
    }
    for workload in workloads {
        let mut group = c.benchmark_group(match workload {
            Some(workload) => format!("{family}/{workload}"),
            None => family.to_string(),
        });
        for case in cases.iter().filter(|c| c.workload.as_deref() == workload) {
            for &t in threads {
                group.throughput(Throughput::Elements(case.ops_per_iteration(t)));
                group.bench_function(BenchmarkId::new(&case.name, t), |b| {
                    b.iter_custom(|iters| match (case.measure)(t, Stop::Iterations(iters)) {
                        Ok(sample) => sample.elapsed,
                        Err(e) => panic!("{family}: {e}"),
                    })
                });
            }
        }
        group.finish();
    }
}
