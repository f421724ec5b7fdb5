//! Errors for bad configuration and for misused permits.

use std::fmt;

/// A constructor was given a parameter that no working primitive can have.
///
/// ```
/// use synclab::counter::ShardedCounter;
/// let err = ShardedCounter::with_shards(0).unwrap_err();
/// assert_eq!(err.to_string(), "shards must be at least 1, got 0");
/// let err = ShardedCounter::with_shards(usize::MAX).unwrap_err();
/// assert_eq!(err.to_string(), format!("shards must be at most 1048576, got {}", usize::MAX));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    what: &'static str,
    bound: Bound,
    got: u64,
}

/// Which side of its range a parameter fell off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Bound {
    AtLeast(u64),
    AtMost(u64),
}

impl ConfigError {
    /// `what` must be at least `min`, and was `got`.
    pub fn too_small(what: &'static str, min: u64, got: u64) -> Self {
        Self {
            what,
            bound: Bound::AtLeast(min),
            got,
        }
    }

    /// `what` must be at most `max`, and was `got`.
    pub fn too_large(what: &'static str, max: u64, got: u64) -> Self {
        Self {
            what,
            bound: Bound::AtMost(max),
            got,
        }
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (side, bound) = match self.bound {
            Bound::AtLeast(min) => ("least", min),
            Bound::AtMost(max) => ("most", max),
        };
        write!(
            f,
            "{} must be at {side} {bound}, got {}",
            self.what, self.got
        )
    }
}

impl std::error::Error for ConfigError {}

/// A semaphore request that can never be satisfied, or a release that would create
/// permits out of thin air.
///
/// ```
/// use synclab::error::SemaphoreError;
/// use synclab::lock::Semaphore;
///
/// let sem = Semaphore::new(2);
/// assert_eq!(
///     sem.acquire_many(3).unwrap_err(),
///     SemaphoreError::TooManyPermits { requested: 3, max: 2 }
/// );
/// assert_eq!(
///     sem.release(1).unwrap_err().to_string(),
///     "releasing 1 permit(s) would make 3 available, more than the maximum 2"
/// );
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum SemaphoreError {
    /// More permits were requested than the semaphore holds in all: waiting for them
    /// would never end, so the request fails at once.
    TooManyPermits {
        /// Permits asked for.
        requested: usize,
        /// Permits the semaphore has in all.
        max: usize,
    },
    /// A release would raise the available permits above the maximum: more permits
    /// were released than were taken out.
    OverRelease {
        /// Permits being released.
        released: usize,
        /// Permits available just before the release.
        available: usize,
        /// Permits the semaphore has in all.
        max: usize,
    },
    /// A `try_acquire*` found fewer permits available than it asked for.
    WouldBlock {
        /// Permits asked for.
        requested: usize,
    },
}

impl fmt::Display for SemaphoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            SemaphoreError::TooManyPermits { requested, max } => write!(
                f,
                "requested {requested} permit(s) from a semaphore that has only {max} in all"
            ),
            SemaphoreError::OverRelease {
                released,
                available,
                max,
            } => write!(
                f,
                "releasing {released} permit(s) would make {} available, more than the maximum {max}",
                available.saturating_add(released)
            ),
            SemaphoreError::WouldBlock { requested } => {
                write!(f, "{requested} permit(s) are not available right now")
            }
        }
    }
}

impl std::error::Error for SemaphoreError {}
