//! Linearizability checking at scale, on generated histories (`lincheck::generate`).
//!
//! `cargo bench -p synclab-cli --bench lincheck` checks each workload in this process and prints
//! one line per history: operations, verdict, check time. Filter by name with an
//! argument (`-- kv-50`). `cargo bench -p synclab-cli --bench lincheck -- --write DIR` writes the
//! histories as log files instead (Jepsen etcd format for registers, porcupine's
//! key-value format), to measure `synclab lincheck` (or porcupine) on them with
//! `/usr/bin/time -v`; `docs/measurements.md` has the numbers.
//!
//! A run is one check, not a statistic: these take from milliseconds to seconds.

use std::path::PathBuf;
use std::time::Instant;

use synclab::lincheck::generate::{Anomaly, Workload};
use synclab::lincheck::models::{KeyValue, Register};
use synclab::lincheck::{Budget, CheckResult, Model, Operation, check, parse};

/// What a workload makes.
#[derive(Clone, Copy)]
enum Kind {
    Register,
    Kv,
}

/// The workloads: name, kind, shape.
fn workloads() -> Vec<(&'static str, Kind, Workload)> {
    let register = |clients, operations| Workload {
        clients,
        operations,
        stuck: 0.01,
        lost: 0.001,
        ..Workload::default()
    };
    let kv = |clients, keys, operations| Workload {
        clients,
        keys,
        operations,
        stuck: 0.01,
        ..Workload::default()
    };
    let stale = |w: Workload| Workload {
        anomaly: Some(Anomaly::StaleRead),
        anomaly_at: 0.9,
        ..w
    };
    vec![
        ("register-5c-66k", Kind::Register, register(5, 66_000)),
        ("register-5c-691k", Kind::Register, register(5, 691_000)),
        (
            "register-5c-691k-stale",
            Kind::Register,
            stale(register(5, 691_000)),
        ),
        ("kv-50c-10k-100k", Kind::Kv, kv(50, 10, 100_000)),
        (
            "kv-50c-10k-100k-stale",
            Kind::Kv,
            stale(kv(50, 10, 100_000)),
        ),
        ("kv-50c-1k-20k", Kind::Kv, kv(50, 1, 20_000)),
        ("kv-200c-10k-1k", Kind::Kv, kv(200, 10, 1_000)),
        ("kv-200c-1k-1k", Kind::Kv, kv(200, 1, 1_000)),
        ("kv-200c-1k-1k-stale", Kind::Kv, stale(kv(200, 1, 1_000))),
    ]
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let write_to = args
        .iter()
        .position(|a| a == "--write")
        .map(|i| PathBuf::from(args.get(i + 1).expect("--write DIR")));
    let filter: Vec<&String> = args
        .iter()
        .filter(|a| !a.starts_with('-') && Some(PathBuf::from(a)) != write_to)
        .collect();
    for (name, kind, workload) in workloads() {
        if !filter.is_empty() && !filter.iter().any(|f| name.contains(f.as_str())) {
            continue;
        }
        match (kind, &write_to) {
            (Kind::Register, Some(dir)) => {
                write(dir, name, "log", &parse::write::etcd(&workload.register()))
            }
            (Kind::Kv, Some(dir)) => write(dir, name, "txt", &parse::write::kv(&workload.kv())),
            (Kind::Register, None) => measure(name, &Register, &workload.register()),
            (Kind::Kv, None) => measure(name, &KeyValue, &workload.kv()),
        }
    }
}

fn write(dir: &PathBuf, name: &str, extension: &str, text: &str) {
    std::fs::create_dir_all(dir).expect("create the directory");
    let path = dir.join(format!("{name}.{extension}"));
    std::fs::write(&path, text).expect("write the history");
    println!("{}", path.display());
}

fn measure<M: Model>(name: &str, model: &M, history: &[Operation<M::Input, M::Output>]) {
    let start = Instant::now();
    let result = check(model, history, Budget::default());
    let verdict = match &result {
        CheckResult::Linearizable => "linearizable".to_string(),
        CheckResult::NotLinearizable(_) => "not linearizable".to_string(),
        CheckResult::Unknown(exhausted) => format!("unknown: {exhausted}"),
    };
    println!(
        "{name:<24} {:>8} ops  {verdict:<20} {:>9.1} ms",
        history.len(),
        start.elapsed().as_secs_f64() * 1e3
    );
}
