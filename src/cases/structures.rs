//! The structure suites on synclab's own reference implementations, as cases named
//! `conformance::<structure>::<property>::<checker>`: the reader-writer lock suite on
//! [`ParkingRwLock`], the channel suite on
//! [`Channel`], the once-cell suite on
//! [`OnceCell`]. (The suites' docs say why their bounds suffice;
//! the planted bugs they catch are in the gallery.)

use crate::check::{Case, Suite};
use crate::lock::{Channel, OnceCell, ParkingRwLock};
use crate::{conformance, loom, shuttle};

/// Every case of the structure suites on synclab's own types.
pub fn cases() -> Vec<Case> {
    let suites = [
        conformance::raw_rwlock::<
            ParkingRwLock,
            loom::lock::ParkingRwLock,
            shuttle::lock::ParkingRwLock,
        >(),
        conformance::channel::<Channel<u32>, loom::lock::Channel<u32>, shuttle::lock::Channel<u32>>(
        ),
        conformance::once_cell::<
            OnceCell<u32>,
            loom::lock::OnceCell<u32>,
            shuttle::lock::OnceCell<u32>,
        >(),
    ];
    suites.into_iter().flat_map(renamed).collect()
}

/// The suite's cases, each named `conformance::` and its name in the suite.
fn renamed(suite: Suite) -> Vec<Case> {
    (suite.cases().iter())
        .map(|case| {
            let inner = case.clone();
            let name = format!("conformance::{}", case.name());
            Case::custom(name, case.family(), case.checker(), move |test| {
                inner.run_as(test)
            })
        })
        .collect()
}
