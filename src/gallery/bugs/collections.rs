//! The planted bugs of `synclab::collections`, each caught through a fixed recorded
//! scenario (`collections::checks`) checked against the collection's model.

use super::super::{Bug, Flavours, Kind};
use super::{ORDERING, interleaving};
use crate::Family;
use crate::gallery::Claim::{Found, NotRun, Unclaimed};

/// The collections' planted bugs, in gallery order.
pub(super) fn bugs() -> Vec<Bug> {
    vec![
        Bug {
            name: "queue_duplicating_pop",
            family: Family::Object,
            kind: Kind::Interleaving,
            planted: "collections::planted::DuplicatingQueue",
            what: "pop reads the head under the lock and removes it under a second locking: two pops return one value",
            fix: "collections/two_lock_queue.rs: the head is read and advanced under one holding of the head lock",
            symptoms: &["not linearizable"],
            planted_in: flavoured!(|f| {
                use crate::lincheck::models::QueueOp::{Pop, Push};
                use f::collections::{checks, planted::DuplicatingQueue};
                checks::queue::<DuplicatingQueue>(
                    &[Push(1), Push(2)],
                    &[vec![Pop], vec![Pop]],
                    &[Pop],
                );
            }),
            fixed_in: flavoured!(|f| {
                use crate::lincheck::models::QueueOp::{Pop, Push};
                use f::collections::{TwoLockQueue, checks};
                checks::queue::<TwoLockQueue<u32>>(
                    &[Push(1), Push(2)],
                    &[vec![Pop], vec![Pop]],
                    &[Pop],
                );
            }),
            claims: interleaving(Found, 2, Unclaimed),
            miri: Unclaimed,
        },
        Bug {
            name: "spsc_relaxed_publish",
            family: Family::Object,
            kind: Kind::Ordering,
            planted: "collections::planted::RelaxedSpscRing",
            what: "the SPSC ring's producer publishes a slot with a Relaxed store of its index",
            fix: "collections/spsc_ring.rs: self.tail.store(tail + 1, Release)",
            symptoms: &["Causality violation"],
            planted_in: flavoured!(|f| {
                use crate::lincheck::models::QueueOp::{Pop, Push};
                use f::collections::{checks, planted::RelaxedSpscRing};
                checks::queue::<RelaxedSpscRing>(&[], &[vec![Push(1)], vec![Pop]], &[]);
            })
            .models_only(),
            fixed_in: flavoured!(|f| {
                use crate::lincheck::models::QueueOp::{Pop, Push};
                use f::collections::{SpscRing, checks};
                checks::queue::<SpscRing<u32, 2>>(&[], &[vec![Push(1)], vec![Pop]], &[]);
            }),
            claims: ORDERING,
            miri: NotRun,
        },
        Bug {
            name: "stack_lost_push",
            family: Family::Object,
            kind: Kind::Interleaving,
            planted: "collections::planted::LostPushStack",
            what: "push copies the stack, pushes onto the copy and writes it back: a concurrent push is lost",
            fix: "collections/treiber_stack.rs: the top moves by compare_exchange from the top the new node links to",
            symptoms: &["not linearizable"],
            planted_in: flavoured!(|f| {
                use crate::lincheck::models::QueueOp::{Pop, Push};
                use f::collections::{checks, planted::LostPushStack};
                checks::stack::<LostPushStack>(&[], &[vec![Push(1)], vec![Push(2)]], &[Pop, Pop]);
            }),
            fixed_in: flavoured!(|f| {
                use crate::lincheck::models::QueueOp::{Pop, Push};
                use f::collections::{TreiberStack, checks};
                checks::stack::<TreiberStack<u32>>(
                    &[],
                    &[vec![Push(1)], vec![Push(2)]],
                    &[Pop, Pop],
                );
            }),
            claims: interleaving(Found, 2, Unclaimed),
            miri: Unclaimed,
        },
        Bug {
            name: "map_split_insert",
            family: Family::Object,
            kind: Kind::Interleaving,
            planted: "collections::planted::SplitInsertMap",
            what: "insert reads the old value and writes the new one under two lockings: two inserts both return the old value",
            fix: "collections/striped_map.rs: one HashMap::insert under one holding of the stripe's lock",
            symptoms: &["not linearizable"],
            planted_in: flavoured!(|f| {
                use crate::lincheck::models::KeyMapOp::{Get, Insert};
                use f::collections::{checks, planted::SplitInsertMap};
                let insert = |value| vec![Insert { key: 0, value }];
                checks::key_map::<SplitInsertMap>(&[], &[insert(1), insert(2)], &[Get { key: 0 }]);
            }),
            fixed_in: flavoured!(|f| {
                use crate::lincheck::models::KeyMapOp::{Get, Insert};
                use f::collections::{StripedMap, checks};
                let insert = |value| vec![Insert { key: 0, value }];
                checks::key_map::<StripedMap<u32, u32>>(
                    &[],
                    &[insert(1), insert(2)],
                    &[Get { key: 0 }],
                );
            }),
            claims: interleaving(Found, 2, Unclaimed),
            miri: Unclaimed,
        },
    ]
}
