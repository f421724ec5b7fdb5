//! The [`Barrier`] property: nobody leaves a generation early; one leader each.

use super::super::{Barrier, rt};
use super::SharedCell;
use rt::sync::Arc;

/// `parties` threads pass one barrier `generations` times. Before generation `g` thread
/// `i` writes slot `[g][i]`; after it, every thread reads every slot of `[g]`: each must
/// hold its writer's value (so everybody arrived), and loom checks that the writes happen
/// before the reads. Exactly one leader per generation. Panics otherwise.
pub fn generations(parties: usize, generations: usize) {
    let barrier = Arc::new(Barrier::new(parties).expect("at least one party"));
    let slots: Arc<Vec<Vec<SharedCell<usize>>>> = Arc::new(
        (0..generations)
            .map(|_| (0..parties).map(|_| SharedCell::new(0)).collect())
            .collect(),
    );
    let handles: Vec<_> = (0..parties)
        .map(|me| {
            let (barrier, slots) = (Arc::clone(&barrier), Arc::clone(&slots));
            rt::thread::spawn(move || {
                let mut led = Vec::new();
                for (g, row) in slots.iter().enumerate() {
                    // SAFETY: slot [g][me] is written only by this thread, before barrier g,
                    // and read by others only after it.
                    row[me].with_mut(|p| unsafe { *p = me + 1 });
                    let passed = barrier.wait();
                    assert_eq!(passed.generation(), g as u64, "wrong generation");
                    if passed.is_leader() {
                        led.push(g);
                    }
                    for (other, slot) in row.iter().enumerate() {
                        // SAFETY: slot [g][other] was last written before barrier g, which
                        // this thread has passed; nobody writes it again.
                        let value = slot.with(|p| unsafe { *p });
                        assert_eq!(
                            value,
                            other + 1,
                            "thread {me} left generation {g} before thread {other} arrived"
                        );
                    }
                }
                led
            })
        })
        .collect();
    let mut leaders = vec![0; generations];
    for h in handles {
        for g in h.join().expect("a barrier thread panicked") {
            leaders[g] += 1;
        }
    }
    assert!(
        leaders.iter().all(|&n| n == 1),
        "leaders per generation: {leaders:?} (exactly one each expected)"
    );
}
