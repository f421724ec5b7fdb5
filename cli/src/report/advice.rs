//! Tuning advice computed from the measurements: a few headlines, only what the numbers
//! support.
//!
//! Per family and workload, at the *headline thread count* (one thread per core, or the
//! largest measured count below that):
//!
//! | line | when |
//! |---|---|
//! | the fastest synclab case against the baseline, and how that case scales from 1 thread | always |
//! | the synclab locks below 0.5× the baseline, or with spread > 2, when oversubscribed | lock family, threads > cores |
//! | the family's own summary lines for the headline thread count | families with a summary (map) |
//!
//! The full tables hold everything else.

use crate::bench::{Family, Row};

/// Headline advice for `benchmarks` measured on a machine with `cores` cores.
pub fn advise(benchmarks: &[(&Family, Vec<Row>)], cores: usize) -> Vec<String> {
    let mut advice = Vec::new();
    for (family, rows) in benchmarks {
        let mut threads: Vec<usize> = rows.iter().map(|r| r.threads).collect();
        threads.sort_unstable();
        threads.dedup();
        let Some(headline) = headline_threads(&threads, cores) else {
            continue;
        };
        for workload in workloads(rows) {
            let rows: Vec<&Row> = rows.iter().filter(|r| r.workload == workload).collect();
            let on = workload
                .as_deref()
                .map_or(String::new(), |w| format!(" ({w})"));
            if let Some(line) = fastest(family, &rows, headline) {
                advice.push(format!("{}{on}: {line}", family.name));
            }
            if family.name == "lock" {
                advice.extend(
                    oversubscribed(family, &rows, &threads, cores)
                        .into_iter()
                        .map(|l| format!("{}{on}: {l}", family.name)),
                );
            }
        }
        if let Some(summary) = family.summary {
            let at = format!(" at {headline} thread");
            advice.extend(
                summary(rows)
                    .lines()
                    .filter(|l| l.contains(&at))
                    .map(|l| format!("{}: {l}", family.name)),
            );
        }
    }
    advice
}

/// Peers are named by their Rust path (`std::sync::Mutex`) or are the map baselines.
pub fn is_peer(name: &str) -> bool {
    name.contains("::") || name == "sequential" || name == "rayon"
}

/// One thread per core if measured, else the largest count below the cores, else the
/// smallest measured.
fn headline_threads(threads: &[usize], cores: usize) -> Option<usize> {
    threads
        .iter()
        .copied()
        .filter(|&t| t <= cores.max(1))
        .max()
        .or_else(|| threads.first().copied())
}

/// The workloads of a family in name order; a size sweep (`cheap@1000`) is left to the
/// family's own summary.
fn workloads(rows: &[Row]) -> Vec<Option<String>> {
    let mut workloads: Vec<Option<String>> = rows
        .iter()
        .map(|r| r.workload.clone())
        .filter(|w| !w.as_deref().is_some_and(|w| w.contains('@')))
        .collect();
    workloads.sort();
    workloads.dedup();
    workloads
}

/// "at 2 threads sharded is fastest: 16.8× std::sync::Mutex (2.09× its 1-thread rate)".
fn fastest(family: &Family, rows: &[&Row], t: usize) -> Option<String> {
    let at = |t: usize, name: &str| {
        rows.iter()
            .find(|r| r.threads == t && r.name == name)
            .map(|r| r.ops_per_sec)
    };
    let base = at(t, family.baseline).filter(|&b| b > 0.0)?;
    let best = rows
        .iter()
        .filter(|r| r.threads == t && !is_peer(&r.name))
        .max_by(|a, b| a.ops_per_sec.total_cmp(&b.ops_per_sec))?;
    let mut line = format!(
        "at {t} thread{} {} is fastest: {:.1}× {}",
        if t == 1 { "" } else { "s" },
        best.name,
        best.ops_per_sec / base,
        family.baseline
    );
    if let Some(one) = at(1, &best.name).filter(|&one| t > 1 && one > 0.0 && family.scales) {
        line += &format!(" ({:.2}× its 1-thread rate)", best.ops_per_sec / one);
    }
    Some(line)
}

/// At the largest thread count above `cores`: which synclab locks fall below half the
/// baseline, and which let one thread do more than twice the work of another.
fn oversubscribed(family: &Family, rows: &[&Row], threads: &[usize], cores: usize) -> Vec<String> {
    let Some(&t) = threads.last().filter(|&&t| t > cores) else {
        return Vec::new();
    };
    let ours = || {
        rows.iter()
            .filter(move |r| r.threads == t && !is_peer(&r.name))
    };
    let base = rows
        .iter()
        .find(|r| r.threads == t && r.name == family.baseline)
        .map(|r| r.ops_per_sec);
    let mut lines = Vec::new();
    if let Some(base) = base.filter(|&b| b > 0.0) {
        let slow: Vec<String> = ours()
            .filter(|r| r.ops_per_sec < 0.5 * base)
            .map(|r| format!("{} {:.2}×", r.name, r.ops_per_sec / base))
            .collect();
        if !slow.is_empty() {
            lines.push(format!(
                "oversubscribed ({t} threads on {cores} cores), below half of {}: {}",
                family.baseline,
                slow.join(", ")
            ));
        }
    }
    let unfair: Vec<String> = ours()
        .filter(|r| r.spread.is_some_and(|s| s > 2.0))
        .map(|r| format!("{} {:.1}", r.name, r.spread.unwrap_or(0.0)))
        .collect();
    if !unfair.is_empty() {
        lines.push(format!(
            "oversubscribed ({t} threads on {cores} cores), one thread did over twice the work of another (spread): {}",
            unfair.join(", ")
        ));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bench::FAMILIES;

    fn row(name: &str, threads: usize, mops: f64, spread: f64) -> Row {
        Row {
            family: "test",
            name: name.into(),
            threads,
            workload: None,
            ops_per_sec: mops * 1e6,
            spread: Some(spread),
            implausible: None,
        }
    }

    fn family(name: &str) -> &'static Family {
        FAMILIES.iter().find(|f| f.name == name).unwrap()
    }

    #[test]
    fn one_headline_per_family_at_one_thread_per_core() {
        let rows = vec![
            row("std::sync::Mutex", 1, 200.0, 1.0),
            row("std::sync::Mutex", 2, 50.0, 1.0),
            row("std::sync::Mutex", 4, 50.0, 1.0),
            row("sharded", 1, 400.0, 1.0),
            row("sharded", 2, 800.0, 1.0),
            row("sharded", 4, 900.0, 1.0),
            row("atomic", 2, 100.0, 1.0),
        ];
        let advice = advise(&[(family("counter"), rows)], 2);
        assert_eq!(
            advice,
            [
                "counter: at 2 threads sharded is fastest: 16.0× std::sync::Mutex (2.00× its 1-thread rate)"
            ]
        );
    }

    #[test]
    fn oversubscribed_locks_are_named_when_slow_or_unfair() {
        let rows = vec![
            row("std::sync::Mutex", 2, 50.0, 1.0),
            row("std::sync::Mutex", 4, 40.0, 1.0),
            row("ttas", 2, 100.0, 1.0),
            row("ttas", 4, 120.0, 9.5),
            row("ticket", 2, 25.0, 1.0),
            row("ticket", 4, 1.0, 1.5),
        ];
        let advice = advise(&[(family("lock"), rows)], 2);
        assert_eq!(advice.len(), 3, "{advice:#?}");
        assert!(advice[1].ends_with("below half of std::sync::Mutex: ticket 0.03×"));
        assert!(advice[2].ends_with("(spread): ttas 9.5"));
    }

    #[test]
    fn a_ring_reports_no_scaling() {
        let rows = vec![
            row("std::sync::Condvar", 1, 1.0, 1.0),
            row("std::sync::Condvar", 2, 0.1, 1.0),
            row("semaphore", 1, 20.0, 1.0),
            row("semaphore", 2, 0.2, 1.0),
        ];
        let advice = advise(&[(family("handoff"), rows)], 2);
        assert_eq!(
            advice,
            ["handoff: at 2 threads semaphore is fastest: 2.0× std::sync::Condvar"]
        );
    }

    #[test]
    fn the_headline_is_below_the_cores_when_fewer_threads_were_measured() {
        assert_eq!(headline_threads(&[1, 2, 4], 16), Some(4));
        assert_eq!(headline_threads(&[1, 2, 4], 2), Some(2));
        assert_eq!(headline_threads(&[4, 8], 2), Some(4));
        assert_eq!(headline_threads(&[], 2), None);
    }
}
