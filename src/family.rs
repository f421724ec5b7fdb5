//! [`Family`]: which kind of primitive something belongs to.

use std::fmt;
use std::str::FromStr;

/// A family of primitives: what a case, a planted bug or a benchmark is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Family {
    /// Shared counters (`synclab::counter`).
    Counter,
    /// Locks and what is built on them: semaphore, condition variable, barrier, once cell
    /// (`synclab::lock`).
    Lock,
    /// The chunked parallel map (`synclab::map`).
    Map,
    /// The thread pool under the map (`synclab::pool`).
    Pool,
    /// Any object checked through [`object`](crate::object): queues, stacks, maps by key,
    /// a user's own type (`synclab::collections` holds synclab's).
    Object,
}

impl Family {
    /// Every family, in the order synclab lists them.
    pub const ALL: [Family; 5] = [
        Family::Counter,
        Family::Lock,
        Family::Map,
        Family::Pool,
        Family::Object,
    ];

    /// Its name: `counter`, `lock`, `map`, `pool`, `object`.
    pub fn name(self) -> &'static str {
        match self {
            Family::Counter => "counter",
            Family::Lock => "lock",
            Family::Map => "map",
            Family::Pool => "pool",
            Family::Object => "object",
        }
    }
}

impl fmt::Display for Family {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Family {
    type Err = String;

    /// Parses a family's [`name`](Family::name).
    fn from_str(s: &str) -> Result<Self, String> {
        Family::ALL
            .into_iter()
            .find(|f| f.name() == s)
            .ok_or_else(|| {
                let names: Vec<_> = Family::ALL.iter().map(|f| f.name()).collect();
                format!("no family named {s:?} (families: {})", names.join(", "))
            })
    }
}
