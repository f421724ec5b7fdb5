//! The object API on synclab's collections: what a check of any object reports.

use synclab::collections::planted::DuplicatingQueue;
use synclab::collections::TwoLockQueue;
use synclab::conformance;

#[test]
#[ignore]
fn scratch() {
    let suite = conformance::queue::<
        TwoLockQueue<u32>,
        synclab::loom::collections::TwoLockQueue<u32>,
        synclab::shuttle::collections::TwoLockQueue<u32>,
    >();
    let report = suite.run("scratch").unwrap();
    println!("{report}");
    let suite = conformance::queue::<
        DuplicatingQueue,
        synclab::loom::collections::planted::DuplicatingQueue,
        synclab::shuttle::collections::planted::DuplicatingQueue,
    >();
    let failure = suite.run("scratch").unwrap_err();
    println!("{failure}");
}
