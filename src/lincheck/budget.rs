//! How much a check may spend — search steps, wall-clock time, memory — and which
//! limit ran out when it gave up.

use std::fmt;
use std::time::Duration;

/// How much work a check may do before giving up with [`CheckResult::Unknown`].
///
/// Deciding linearizability is NP-complete, so some histories take too long to
/// check; a budget guarantees an answer. Three limits, each optional:
///
/// | limit | what it bounds | when it runs out |
/// |---|---|---|
/// | `time_limit` | wall-clock time, over all partitions | the check gives up |
/// | `max_steps` | search steps, over all partitions (a *step* is one candidate tried or one backtrack: well under a microsecond in an optimized build) | the check gives up; steps make results reproducible, so tests use them |
/// | `max_memory` | the bytes the check holds: the history's search structures plus the memo of explored situations | the memo is a cache: when it is full it is emptied and the search goes on, re-exploring what it forgot; only a history whose own structures exceed the limit gives up |
///
/// So memory stays under `max_memory` however long the search runs, and only time
/// or steps end it.
///
/// [`CheckResult::Unknown`]: super::CheckResult::Unknown
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Budget {
    /// Stop after this many search steps (over all partitions).
    pub max_steps: Option<u64>,
    /// Stop after this much wall-clock time (over all partitions).
    pub time_limit: Option<Duration>,
    /// Hold at most this many bytes (approximately; see the type's docs).
    pub max_memory: Option<u64>,
}

/// One gibibyte: the default memory limit.
pub const GIB: u64 = 1 << 30;

impl Budget {
    /// No limit at all: the check may run for a very long time and use all memory.
    pub const fn unlimited() -> Self {
        Self {
            max_steps: None,
            time_limit: None,
            max_memory: None,
        }
    }

    /// At most `steps` search steps.
    pub const fn steps(steps: u64) -> Self {
        Self::unlimited().with_max_steps(steps)
    }

    /// At most `limit` of wall-clock time.
    pub const fn time(limit: Duration) -> Self {
        Self::unlimited().with_time_limit(limit)
    }

    /// At most `bytes` of memory.
    pub const fn memory(bytes: u64) -> Self {
        Self::unlimited().with_max_memory(bytes)
    }

    /// This budget, additionally limited to `steps` search steps.
    #[must_use]
    pub const fn with_max_steps(self, steps: u64) -> Self {
        Self {
            max_steps: Some(steps),
            ..self
        }
    }

    /// This budget, additionally limited to `limit` of wall-clock time.
    #[must_use]
    pub const fn with_time_limit(self, limit: Duration) -> Self {
        Self {
            time_limit: Some(limit),
            ..self
        }
    }

    /// This budget, additionally limited to `bytes` of memory.
    #[must_use]
    pub const fn with_max_memory(self, bytes: u64) -> Self {
        Self {
            max_memory: Some(bytes),
            ..self
        }
    }
}

impl Default for Budget {
    /// Ten seconds of wall-clock time and a gibibyte of memory; no step limit.
    fn default() -> Self {
        Self::time(Duration::from_secs(10)).with_max_memory(GIB)
    }
}

/// The limit of a [`Budget`] that ran out, with its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    /// `max_steps`.
    Steps(u64),
    /// `time_limit`.
    Time(Duration),
    /// `max_memory`: the history's own search structures need more than this.
    Memory(u64),
}

impl fmt::Display for Limit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Self::Steps(n) => write!(f, "the step limit ({n} steps)"),
            Self::Time(d) => write!(f, "the time limit ({})", seconds(d)),
            Self::Memory(bytes) => write!(f, "the memory limit ({})", size(bytes)),
        }
    }
}

/// Why a check gave up, and how far it got.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Exhausted {
    /// The limit that ran out.
    pub limit: Limit,
    /// Search steps taken, over all partitions.
    pub steps: u64,
    /// Partitions not decided when the check gave up.
    pub undecided: usize,
    /// Partitions in the history.
    pub partitions: usize,
}

impl fmt::Display for Exhausted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ran out after {} steps", self.limit, self.steps)?;
        if self.partitions > 1 {
            write!(
                f,
                "; {} of {} partitions undecided",
                self.undecided, self.partitions
            )?;
        }
        Ok(())
    }
}

/// A duration for people: `10 s`, `250 ms`.
fn seconds(d: Duration) -> String {
    if d.as_millis() >= 1000 && d.subsec_millis() == 0 {
        format!("{} s", d.as_secs())
    } else {
        format!("{} ms", d.as_millis())
    }
}

/// A byte count for people: `1 GiB`, `512 MiB`, `300 KiB`, `17 bytes`.
pub fn size(bytes: u64) -> String {
    const UNITS: [(u64, &str); 3] = [(1 << 30, "GiB"), (1 << 20, "MiB"), (1 << 10, "KiB")];
    for (unit, name) in UNITS {
        if bytes >= unit {
            let whole = bytes / unit;
            let tenths = (bytes % unit) * 10 / unit;
            return if tenths == 0 {
                format!("{whole} {name}")
            } else {
                format!("{whole}.{tenths} {name}")
            };
        }
    }
    format!("{bytes} bytes")
}

/// Parses a size such as `1G`, `512M`, `64k` or `1000000` (bytes; binary units).
///
/// # Errors
///
/// A message saying what is wrong, for a size that is empty, malformed or too large.
pub fn parse_size(text: &str) -> Result<u64, String> {
    let text = text.trim();
    let split = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (digits, unit) = text.split_at(split);
    let number: u64 = digits
        .parse()
        .map_err(|_| format!("expected a size like 1G or 512M, found {text:?}"))?;
    let shift = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 0,
        "k" | "kb" | "kib" => 10,
        "m" | "mb" | "mib" => 20,
        "g" | "gb" | "gib" => 30,
        "t" | "tb" | "tib" => 40,
        other => {
            return Err(format!(
                "unknown size unit {other:?} (expected K, M, G or T)"
            ));
        }
    };
    number
        .checked_mul(1 << shift)
        .ok_or_else(|| format!("size {text:?} is too large"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_and_print() {
        assert_eq!(parse_size("1G"), Ok(GIB));
        assert_eq!(parse_size("512m"), Ok(512 << 20));
        assert_eq!(parse_size("64 KiB"), Ok(64 << 10));
        assert_eq!(parse_size("100"), Ok(100));
        assert!(parse_size("").is_err());
        assert!(parse_size("1X").is_err());
        assert!(parse_size("99999999999T").is_err());
        assert_eq!(size(GIB), "1 GiB");
        assert_eq!(size(1536 << 20), "1.5 GiB");
        assert_eq!(size(17), "17 bytes");
    }

    #[test]
    fn the_limit_that_ran_out_is_named() {
        let e = Exhausted {
            limit: Limit::Time(Duration::from_secs(10)),
            steps: 42,
            undecided: 4,
            partitions: 10,
        };
        assert_eq!(
            e.to_string(),
            "the time limit (10 s) ran out after 42 steps; 4 of 10 partitions undecided"
        );
        assert_eq!(Limit::Memory(GIB).to_string(), "the memory limit (1 GiB)");
        assert_eq!(Limit::Steps(7).to_string(), "the step limit (7 steps)");
    }
}
