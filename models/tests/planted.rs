//! Planted bugs cannot escape into real programs. (Which checker catches which planted
//! bug, with what symptom and replay, is the gallery's data: `synclab::gallery::all()`,
//! checked bug by bug in `cases.rs` as `gallery::BUG::CHECKER`.)

/// Planted types refuse to exist outside a model checker, so safe code cannot race
/// with them for real.
#[test]
fn planted_locks_refuse_the_std_runtime() {
    use synclab::lock::RawLock;
    use synclab::lock::planted::{
        BargingLock, EarlyReleaseLock, RelaxedHandoverMcs, RelaxedOnceCell, RelaxedSpinLock,
        RelaxedTicketLock,
    };
    use synclab::pool::planted::RelaxedResultSlot;
    for construct in [
        (|| {
            RelaxedSpinLock::new();
        }) as fn(),
        || {
            EarlyReleaseLock::new();
        },
        || {
            BargingLock::new();
        },
        || {
            RelaxedTicketLock::new();
        },
        || {
            RelaxedHandoverMcs::new();
        },
        || {
            RelaxedOnceCell::<u8>::new();
        },
        || {
            RelaxedResultSlot::<u8>::new();
        },
    ] {
        let refused = std::panic::catch_unwind(construct).unwrap_err();
        let message = check_message(&*refused);
        assert!(message.contains("planted bug"), "{message}");
    }
}

fn check_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap_or_default()
}
