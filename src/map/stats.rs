//! What [`map_with_stats`](super::map_with_stats) reports: how the work was spread.

use std::fmt;
use std::time::Duration;

/// One map call, worker by worker.
///
/// "Worker" here is one of the map's tasks: task 0 runs on the calling thread, task `i`
/// on whichever pool thread takes it (or on the caller, which runs queued jobs while it
/// waits; see the pool docs).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MapStats {
    /// The strategy's name (`static`, `fixed-64`, `guided`, `auto`, ...).
    pub strategy: String,
    /// Items mapped.
    pub items: usize,
    /// Wall time of the whole call, from before the first task was queued until the
    /// last one finished.
    pub elapsed: Duration,
    /// One entry per worker that took part (`min(pool workers, items)`).
    pub workers: Vec<WorkerStats>,
}

/// One worker's share of a map call.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WorkerStats {
    /// Items this worker mapped.
    pub items: usize,
    /// Chunks this worker claimed and ran.
    pub chunks: usize,
    /// Time spent running chunks (the closure plus writing results).
    pub busy: Duration,
    /// `elapsed − busy`: waiting to be scheduled, claiming chunks, and waiting for the
    /// other workers at the end. Large idle time on some workers means imbalance.
    pub idle: Duration,
    /// From the start of the call until this worker's first claim: the pool's wake-up
    /// latency, part of `idle`.
    pub start_delay: Duration,
}

impl MapStats {
    /// `max(busy) / mean(busy)`: 1.0 is perfect balance; 2.0 at two workers means one did
    /// all the work. `None` without busy time (no items, or under a model checker).
    pub fn imbalance(&self) -> Option<f64> {
        let busy: Vec<f64> = self.workers.iter().map(|w| w.busy.as_secs_f64()).collect();
        let max = busy.iter().copied().fold(0.0, f64::max);
        let mean = busy.iter().sum::<f64>() / busy.len().max(1) as f64;
        (mean > 0.0).then(|| max / mean)
    }
}

impl fmt::Display for MapStats {
    /// A small table:
    ///
    /// ```text
    /// map of 1000000 items, strategy auto, 2 workers, 10.512 ms
    /// worker      items  chunks    busy ms    idle ms   busy %  start us
    ///      0     503125      40     10.181      0.331     96.9       4.1
    ///      1     496875      39     10.004      0.508     95.2      35.0
    /// imbalance (max busy / mean busy): 1.01
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ms = |d: Duration| d.as_secs_f64() * 1e3;
        writeln!(
            f,
            "map of {} items, strategy {}, {} workers, {:.3} ms",
            self.items,
            self.strategy,
            self.workers.len(),
            ms(self.elapsed)
        )?;
        writeln!(
            f,
            "{:>6} {:>10} {:>7} {:>10} {:>10} {:>8} {:>9}",
            "worker", "items", "chunks", "busy ms", "idle ms", "busy %", "start us"
        )?;
        for (i, w) in self.workers.iter().enumerate() {
            let share = if self.elapsed.is_zero() {
                0.0
            } else {
                100.0 * w.busy.as_secs_f64() / self.elapsed.as_secs_f64()
            };
            writeln!(
                f,
                "{:>6} {:>10} {:>7} {:>10.3} {:>10.3} {:>8.1} {:>9.1}",
                i,
                w.items,
                w.chunks,
                ms(w.busy),
                ms(w.idle),
                share,
                w.start_delay.as_secs_f64() * 1e6
            )?;
        }
        match self.imbalance() {
            Some(x) => write!(f, "imbalance (max busy / mean busy): {x:.2}"),
            None => write!(f, "imbalance: not measured"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_has_one_row_per_worker_and_the_imbalance() {
        let w = |items, busy_ms| WorkerStats {
            items,
            chunks: 2,
            busy: Duration::from_millis(busy_ms),
            idle: Duration::from_millis(4 - busy_ms),
            start_delay: Duration::from_micros(5),
        };
        let stats = MapStats {
            strategy: "fixed-2".into(),
            items: 6,
            elapsed: Duration::from_millis(4),
            workers: vec![w(4, 3), w(2, 1)],
        };
        assert_eq!(stats.imbalance(), Some(1.5));
        let table = stats.to_string();
        assert_eq!(table.lines().count(), 5, "{table}");
        assert!(table.starts_with("map of 6 items, strategy fixed-2, 2 workers, 4.000 ms"));
        assert!(table.contains("     0          4       2      3.000      1.000     75.0"));
        assert!(table.ends_with("imbalance (max busy / mean busy): 1.50"));
    }

    #[test]
    fn no_busy_time_means_no_imbalance() {
        assert_eq!(MapStats::default().imbalance(), None);
        assert!(MapStats::default().to_string().ends_with("not measured"));
    }
}
