//! Errors for bad configuration.

use std::fmt;

/// A constructor was given a parameter that no working primitive can have.
///
/// ```
/// use synclab::counter::ShardedCounter;
/// let err = ShardedCounter::with_shards(0).unwrap_err();
/// assert_eq!(err.to_string(), "shards must be at least 1, got 0");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    what: &'static str,
    min: u64,
    got: u64,
}

impl ConfigError {
    /// `what` must be at least `min`, and was `got`.
    pub fn too_small(what: &'static str, min: u64, got: u64) -> Self {
        Self { what, min, got }
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} must be at least {}, got {}",
            self.what, self.min, self.got
        )
    }
}

impl std::error::Error for ConfigError {}
