//! The [`OnceCell`] property: one initialiser, one value for all.

use super::super::{OnceCell, rt};
use rt::sync::Arc;
use rt::sync::atomic::{AtomicUsize, Ordering::Relaxed};

/// `threads` threads (the main thread among them) race to initialise one
/// [`OnceCell`], each with its own number: all of them must read the
/// same value, and exactly one initialiser may have run. loom checks that every reader's
/// access to the value is ordered after the initialiser's write.
pub fn single_init(threads: usize) {
    let cell = Arc::new(OnceCell::new());
    let runs = Arc::new(AtomicUsize::new(0));
    let init = |cell: &OnceCell<usize>, runs: &AtomicUsize, me: usize| {
        *cell.get_or_init(|| {
            // Relaxed: counts initialiser runs; read after every thread is joined.
            runs.fetch_add(1, Relaxed);
            me + 1
        })
    };
    let handles: Vec<_> = (1..threads)
        .map(|me| {
            let (cell, runs) = (Arc::clone(&cell), Arc::clone(&runs));
            rt::thread::spawn(move || init(&cell, &runs, me))
        })
        .collect();
    let mine = init(&cell, &runs, 0);
    for h in handles {
        let seen = h.join().expect("a OnceCell thread panicked");
        assert_eq!(seen, mine, "two threads read different values");
    }
    assert_eq!(runs.load(Relaxed), 1, "the initialiser ran more than once");
    assert_eq!(cell.get(), Some(&mine));
}
