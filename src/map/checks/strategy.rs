//! The property of synclab's own chunked map, for any [`Strategy`]: the six checks of
//! the [module docs](super), stats included, borrowed and owned items alike.

use super::super::pool::ThreadPool;
use super::super::{Strategy, map, map_iter, map_with_stats};
use super::{Call, PlannedPanic, Tracked, mix};
use super::rt::sync::Arc;
use super::rt::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::panic::{AssertUnwindSafe, catch_unwind};

/// Runs `call` with `strategy` on a fresh pool of `call.workers` workers.
pub fn check<S: Strategy>(call: &Call, strategy: S) -> Result<(), String> {
    let pool = ThreadPool::new(call.workers).map_err(|e| e.to_string())?;
    check_on(&pool, call, strategy)
}

/// Runs `call` with `strategy` on `pool` (`call.workers` is ignored) and verifies the
/// properties in the [module docs](self).
pub fn check_on<S: Strategy>(pool: &ThreadPool, call: &Call, strategy: S) -> Result<(), String> {
    let len = call.items.len();
    let calls: Vec<AtomicUsize> = (0..len).map(|_| AtomicUsize::new(0)).collect();
    let out_drops = Arc::new(AtomicUsize::new(0));
    let in_drops = Arc::new(AtomicUsize::new(0));
    let produce = |index: usize, value: u64| {
        calls[index].fetch_add(1, Relaxed);
        if call.panic_at == Some(index) {
            std::panic::panic_any(PlannedPanic(index));
        }
        Tracked::new(index, mix(value), &out_drops)
    };

    let outcome = catch_unwind(AssertUnwindSafe(|| {
        if call.owned {
            let items: Vec<Tracked> = (call.items.iter().enumerate())
                .map(|(i, &v)| Tracked::new(i, v, &in_drops))
                .collect();
            let out = map_iter(pool, items, &strategy, |t: Tracked| produce(t.index, t.value));
            (out, None)
        } else {
            let items: Vec<(usize, u64)> = call.items.iter().copied().enumerate().collect();
            let (out, stats) = map_with_stats(pool, &items, &strategy, |&(i, v)| produce(i, v));
            (out, Some(stats))
        }
    }));

    let calls: Vec<usize> = calls.iter().map(|c| c.load(Relaxed)).collect();
    if let Some((i, n)) = calls.iter().enumerate().find(|&(_, &n)| n > 1) {
        return Err(format!("item {i} was processed {n} times"));
    }
    match outcome {
        Ok((out, stats)) => {
            if let Some(i) = call.panic_at {
                return Err(format!("item {i} panicked, but the map returned normally"));
            }
            if let Some(i) = calls.iter().position(|&n| n == 0) {
                return Err(format!("item {i} was never processed"));
            }
            if out.len() != len {
                return Err(format!("{} results for {len} items", out.len()));
            }
            for (i, r) in out.iter().enumerate() {
                if r.index != i || r.value != mix(call.items[i]) {
                    return Err(format!(
                        "result {i} came from item {}: order not preserved",
                        r.index
                    ));
                }
            }
            if let Some(stats) = stats {
                let workers = pool.workers().min(len);
                let items: usize = stats.workers.iter().map(|w| w.items).sum();
                let chunks: usize = stats.workers.iter().map(|w| w.chunks).sum();
                if stats.workers.len() != workers || stats.items != len || items != len {
                    return Err(format!("stats do not add up to {len} items: {stats:?}"));
                }
                if chunks > len || (len > 0 && chunks == 0) {
                    return Err(format!("{chunks} chunks for {len} items: {stats:?}"));
                }
            }
            drop(out);
            let dropped = out_drops.load(Relaxed);
            if dropped != len {
                return Err(format!("{len} results, but {dropped} drops"));
            }
        }
        Err(payload) => {
            let Some(&PlannedPanic(i)) = payload.downcast_ref::<PlannedPanic>() else {
                let message = crate::check::panic_message(&*payload);
                return Err(format!("the map panicked: {message}"));
            };
            if call.panic_at != Some(i) {
                return Err(format!("a panic on item {i} was re-raised, but none was planned"));
            }
            let produced = calls.iter().sum::<usize>() - 1;
            let dropped = out_drops.load(Relaxed);
            if dropped != produced {
                return Err(format!(
                    "after a panic: {produced} values were produced, {dropped} dropped \
                     (a leak or a double drop)"
                ));
            }
        }
    }
    if call.owned {
        let dropped = in_drops.load(Relaxed);
        if dropped != len {
            return Err(format!("{len} owned items, {dropped} dropped"));
        }
    }
    if call.reuse {
        let again = map(pool, &[1u64, 2, 3], &strategy, |x| x + 1);
        if again != [2, 3, 4] {
            return Err(format!("the pool is broken after the map: {again:?}"));
        }
    }
    Ok(())
}
