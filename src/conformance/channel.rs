//! The bounded-channel suite.
//!
//! One property, [`lock::checks::channel::linearizable`](crate::lock::checks::channel::linearizable):
//! the recorded calls fit lincheck's [`Channel`](crate::lincheck::models::Channel) model,
//! a FIFO of bounded capacity in which a blocking call takes effect when it completes (the
//! dual-data-structure view). It runs on two kinds of scenario, so that a correct channel
//! lets every call complete whatever the schedule (see
//! [`completes`](crate::lock::checks::channel::completes)): `blocking`, producers and
//! consumers whose blocking sends and receives balance (a thread left waiting is a lost
//! wakeup: the checkers report a deadlock), and `nonblocking`, `try_send` and `try_recv`
//! only (a failure on a channel that was not full or empty shows in the history).
//!
//! **Why these bounds suffice.** Capacity 1, so that both waits happen. A receive that
//! returns early needs a receiver woken and a second one taking the item first: two
//! receivers and a sender of two items, one preemption between the wakeup and the woken
//! one's turn (shuttle: PCT at depth 3, random walks of four threads; loom at bound 2 on
//! one producer and one consumer, for the ordering and the waits). A lost wakeup is the
//! raw-lock suite's three preemptions, which PCT's depth 3 covers.

use crate::Family;
use crate::check::budget::{LOCK_SUITE as BUDGET, RECORDED_LOOM_BOUND};
use crate::check::{Case, Checker, Suite};

/// Per-thread programs of channel calls (the shuttle flavour's).
type Programs = Vec<Vec<crate::shuttle::lock::checks::channel::ChannelOp>>;
use crate::lock::BoundedChannel;

/// The capacity every scenario uses: 1, so that senders wait too.
pub const CAPACITY: usize = 1;

/// The channel suite for one [`BoundedChannel`] type, given as its std, loom and shuttle
/// flavours: `channel::blocking::{loom, shuttle_pct, shuttle_random, stress}` and
/// `channel::nonblocking::{shuttle_pct, shuttle_random}`.
///
/// ```
/// use synclab::lock::Channel;
///
/// let suite = synclab::conformance::channel::<
///     Channel<u32>,
///     synclab::loom::lock::Channel<u32>,
///     synclab::shuttle::lock::Channel<u32>,
/// >();
/// suite.only("blocking::shuttle_pct").run("doc_channel_suite").unwrap();
/// ```
pub fn channel<S, L, Sh>() -> Suite
where
    S: BoundedChannel + 'static,
    L: BoundedChannel + 'static,
    Sh: BoundedChannel + 'static,
{
    let mut suite = Suite::new("channel");
    let loom = crate::loom::lock::checks::channel::producers_consumers(1, 1, 2);
    let shuttle = crate::shuttle::lock::checks::channel::producers_consumers(1, 2, 2);
    suite.push(Case::shrinking(
        "channel::blocking::loom",
        Family::Lock,
        BUDGET.with_loom_bound(RECORDED_LOOM_BOUND).loom(),
        loom,
        |p| {
            move || {
                super::lock::fail(crate::loom::lock::checks::channel::linearizable::<L>(
                    CAPACITY, &p,
                ))
            }
        },
    ));
    let nonblocking = {
        use crate::shuttle::lock::checks::channel::ChannelOp::*;
        vec![
            vec![TrySend(1), TryRecv, TrySend(2)],
            vec![TryRecv, TrySend(3)],
            vec![TryRecv, TryRecv],
        ]
    };
    let shuttle_cases = |suite: &mut Suite, cases: [(&str, Checker, Programs); 2]| {
        for (name, checker, programs) in cases {
            suite.push(Case::shrinking(
                name,
                Family::Lock,
                checker,
                programs,
                |p| {
                    move || {
                        let outcome =
                            crate::shuttle::lock::checks::channel::linearizable::<Sh>(CAPACITY, &p);
                        super::lock::fail(outcome)
                    }
                },
            ));
        }
    };
    shuttle_cases(
        &mut suite,
        [
            (
                "channel::blocking::shuttle_pct",
                BUDGET.shuttle_pct(),
                shuttle.clone(),
            ),
            (
                "channel::blocking::shuttle_random",
                BUDGET.shuttle_random(),
                shuttle,
            ),
        ],
    );
    suite.push(Case::new(
        "channel::blocking::stress",
        Family::Lock,
        BUDGET.stress(),
        || {
            use crate::lock::checks::channel::{linearizable, producers_consumers};
            super::lock::fail(linearizable::<S>(CAPACITY, &producers_consumers(2, 2, 3)));
        },
    ));
    shuttle_cases(
        &mut suite,
        [
            (
                "channel::nonblocking::shuttle_pct",
                BUDGET.shuttle_pct(),
                nonblocking.clone(),
            ),
            (
                "channel::nonblocking::shuttle_random",
                BUDGET.shuttle_random(),
                nonblocking,
            ),
        ],
    );
    suite
}
