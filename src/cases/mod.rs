//! synclab's own cases: every loom and shuttle model of every primitive, as data.
//!
//! One list serves every runner: `cargo test` (the `models` package turns each case into
//! one test named like it, `counter::sharded::loom`), `synclab check` and `synclab
//! report`. A family adds its cases in one file here and one line in [`all`]; a new
//! lock or strategy needs nothing here at all (the registries in `src/registry.rs` hand
//! it to the family's file). Available with features `loom` and `shuttle`.
//!
//! Each case runs a property (`synclab::<family>::checks`) compiled against the loom or
//! shuttle facade, with a budget from [`budget`](crate::check::budget); each family's
//! file says why its bounds and thread counts suffice.

pub mod counter;
pub mod lock;
pub mod map;
pub mod pool;
#[cfg(feature = "conformance")]
pub mod structures;

use crate::check::{Case, Suite};

/// Every case of every family, in family order.
pub fn all() -> Suite {
    let mut suite = Suite::new("synclab");
    suite.extend(counter::cases());
    suite.extend(lock::cases());
    suite.extend(map::cases());
    suite.extend(pool::cases());
    #[cfg(feature = "conformance")]
    suite.extend(structures::cases());
    suite
}

/// The case called `name`, if there is one.
pub fn find(name: &str) -> Option<Case> {
    all().into_iter().find(|case| case.name() == name)
}
