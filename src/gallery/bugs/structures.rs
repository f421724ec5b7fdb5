//! The planted bugs of the structure suites (reader-writer lock, channel, once cell):
//! each scenario is the suite's own recorded check, so the symptom is the lincheck
//! explanation.

use super::{Bug, Claim, Flavours, Kind, interleaving, missed_by_dfs};
use crate::Family;
use Claim::{Found, NotRun, Unclaimed};

/// The planted bugs of the structure suites, in gallery order.
pub(super) fn bugs() -> Vec<Bug> {
    vec![
        Bug {
            name: "rwlock_check_then_add",
            family: Family::Lock,
            kind: Kind::Interleaving,
            planted: "lock::planted::CheckThenAddRwLock",
            what: "a reader checks for a writer, then registers, in two steps: a writer gets in between",
            fix: "lock/parking_rwlock.rs: a reader registers with a compare_exchange from a state it saw free of writers",
            symptoms: &[
                "not linearizable",
                "a reader entered while a writer held the lock",
            ],
            planted_in: flavoured!(|f| {
                use f::lock::checks::rwlock::{RwOp::*, linearizable};
                use f::lock::planted::CheckThenAddRwLock;
                let outcome = linearizable::<CheckThenAddRwLock>(&[vec![Read], vec![Write]]);
                outcome.unwrap_or_else(|violation| panic!("{violation}"));
            })
            .models_only(),
            fixed_in: flavoured!(|f| {
                use f::lock::ParkingRwLock;
                use f::lock::checks::rwlock::{RwOp::*, linearizable};
                let outcome = linearizable::<ParkingRwLock>(&[vec![Read], vec![Write]]);
                outcome.unwrap_or_else(|violation| panic!("{violation}"));
            }),
            // A writer must get in between the reader's check and its add: PCT needs a
            // priority change there and one for the writer (depth 3).
            claims: missed_by_dfs(interleaving(Found, 3, NotRun)),
            miri: NotRun,
        },
        Bug {
            name: "channel_early_recv",
            family: Family::Lock,
            kind: Kind::Interleaving,
            planted: "lock::planted::EarlyRecvChannel",
            what: "a blocking recv waits with `if` and takes whatever is there: woken after another receiver took the item, it returns 0",
            fix: "lock/channel.rs: self.not_empty.wait_while(&mut queue, |queue| queue.is_empty())",
            symptoms: &["not linearizable"],
            planted_in: flavoured!(|f| {
                use f::lock::checks::channel::{linearizable, producers_consumers};
                use f::lock::planted::EarlyRecvChannel;
                let programs = producers_consumers(1, 2, 2);
                let outcome = linearizable::<EarlyRecvChannel<u32>>(1, &programs);
                outcome.unwrap_or_else(|violation| panic!("{violation}"));
            }),
            // loom takes a minute to reach the bug (three threads, each call through a
            // mutex and two condition variables: 63 s on an idle machine), and minutes to
            // clear the fixed twin, which shuttle checks instead.
            fixed_in: flavoured!(|f| {
                use f::lock::Channel;
                use f::lock::checks::channel::{linearizable, producers_consumers};
                let programs = producers_consumers(1, 2, 2);
                let outcome = linearizable::<Channel<u32>>(1, &programs);
                outcome.unwrap_or_else(|violation| panic!("{violation}"));
            })
            .without_loom(),
            claims: missed_by_dfs(interleaving(Found, 2, Unclaimed)),
            miri: Unclaimed,
        },
        Bug {
            name: "once_double_init",
            family: Family::Lock,
            kind: Kind::Interleaving,
            planted: "lock::planted::DoubleInitOnceCell",
            what: "get_or_init checks for a value and stores its own under two separate locks: two initialisers run",
            fix: "lock/once.rs: the second check of `ready` is under the same `init` lock as the initialisation",
            symptoms: &["not linearizable"],
            planted_in: flavoured!(|f| {
                use f::lock::{checks::once, planted::DoubleInitOnceCell};
                let outcome = once::linearizable::<DoubleInitOnceCell<u32>>(2);
                outcome.unwrap_or_else(|violation| panic!("{violation}"));
            }),
            fixed_in: flavoured!(|f| {
                use f::lock::{OnceCell, checks::once};
                let outcome = once::linearizable::<OnceCell<u32>>(2);
                outcome.unwrap_or_else(|violation| panic!("{violation}"));
            }),
            claims: missed_by_dfs(interleaving(Found, 2, Unclaimed)),
            miri: Unclaimed,
        },
    ]
}
