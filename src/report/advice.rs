//! Tuning advice computed from the measurements: only what the numbers support.

use crate::bench::{Family, Row};

/// One line of advice per finding: the best synclab case against the family's baseline
/// at each thread count, the scaling from 1 to 2 threads, fairness for locks, and how
/// close the default map strategy comes to the best one.
pub fn advise(benchmarks: &[(&Family, Vec<Row>)]) -> Vec<String> {
    let mut advice = Vec::new();
    for (family, rows) in benchmarks {
        // A size sweep (`cheap@1000`) is the family's own summary's business.
        let mut workloads: Vec<Option<String>> = rows
            .iter()
            .map(|r| r.workload.clone())
            .filter(|w| !w.as_deref().is_some_and(|w| w.contains('@')))
            .collect();
        workloads.dedup();
        workloads.sort();
        workloads.dedup();
        for workload in workloads {
            let rows: Vec<&Row> = rows.iter().filter(|r| r.workload == workload).collect();
            let on = workload
                .as_deref()
                .map_or(String::new(), |w| format!(" ({w})"));
            let mut threads: Vec<usize> = rows.iter().map(|r| r.threads).collect();
            threads.sort_unstable();
            threads.dedup();
            for &t in &threads {
                let at: Vec<&&Row> = rows.iter().filter(|r| r.threads == t).collect();
                let base = at
                    .iter()
                    .find(|r| r.name == family.baseline)
                    .map(|r| r.ops_per_sec);
                let ours = at
                    .iter()
                    .filter(|r| !is_peer(&r.name))
                    .max_by(|a, b| a.ops_per_sec.total_cmp(&b.ops_per_sec));
                if let (Some(base), Some(best)) = (base, ours) {
                    if base > 0.0 {
                        advice.push(format!(
                            "{}{on}: {} is {:.1}× {} at {t} thread{}",
                            family.name,
                            best.name,
                            best.ops_per_sec / base,
                            family.baseline,
                            if t == 1 { "" } else { "s" }
                        ));
                    }
                }
            }
            if let (Some(&one), Some(&two)) = (threads.first(), threads.iter().find(|&&t| t == 2)) {
                if one == 1 {
                    if let Some((name, s)) = best_scaling(&rows, one, two) {
                        advice.push(format!(
                            "{}{on}: {name} scales {s:.2}× from 1 to 2 threads",
                            family.name
                        ));
                    }
                }
            }
            if let Some(&max_t) = threads.last() {
                let unfair: Vec<String> = rows
                    .iter()
                    .filter(|r| {
                        r.threads == max_t && r.spread.is_some_and(|s| s > 2.0) && !is_peer(&r.name)
                    })
                    .map(|r| r.name.clone())
                    .collect();
                if family.name == "lock" && !unfair.is_empty() {
                    advice.push(format!(
                        "lock{on}: at {max_t} threads {} let one thread do more than twice the work of another (spread > 2)",
                        unfair.join(", ")
                    ));
                }
                if let Some(auto) = rows.iter().find(|r| r.threads == max_t && r.name == "auto") {
                    if let Some(best) = rows
                        .iter()
                        .filter(|r| r.threads == max_t && !is_peer(&r.name))
                        .max_by(|a, b| a.ops_per_sec.total_cmp(&b.ops_per_sec))
                    {
                        advice.push(format!(
                            "map{on}: auto is within {:.0}% of the best strategy ({}) at {max_t} threads",
                            (1.0 - auto.ops_per_sec / best.ops_per_sec) * 100.0,
                            best.name
                        ));
                    }
                }
            }
        }
    }
    advice
}

/// Peers are named by their Rust path (`std::sync::Mutex`) or are the map baselines.
pub fn is_peer(name: &str) -> bool {
    name.contains("::") || name == "sequential" || name == "rayon"
}

fn best_scaling(rows: &[&Row], one: usize, two: usize) -> Option<(String, f64)> {
    rows.iter()
        .filter(|r| r.threads == two && !is_peer(&r.name))
        .filter_map(|r2| {
            let r1 = rows
                .iter()
                .find(|r| r.threads == one && r.name == r2.name)?;
            (r1.ops_per_sec > 0.0).then(|| (r2.name.clone(), r2.ops_per_sec / r1.ops_per_sec))
        })
        .max_by(|a, b| a.1.total_cmp(&b.1))
}
