//! Strategies picked at run time, and the `map` fuzz target's decoder.

use super::super::pool::ThreadPool;
use super::super::{Auto, Fixed, Guided, Static};
use super::Call;
use super::strategy::check_on;

/// A strategy picked at run time (proptest and fuzz inputs).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pick {
    /// [`Static`].
    Static,
    /// [`Fixed`] with this chunk size.
    Fixed(usize),
    /// [`Guided`] with this minimum.
    Guided(usize),
    /// [`Auto`].
    Auto,
}

impl Pick {
    /// [`check_on`] with the picked strategy. A size of 0 must be rejected by the
    /// constructor: that is checked, and nothing is mapped.
    pub fn check_on(self, pool: &ThreadPool, call: &Call) -> Result<(), String> {
        let zero = || format!("{self:?} was accepted; a zero size must be a ConfigError");
        match self {
            Pick::Static => check_on(pool, call, Static),
            Pick::Auto => check_on(pool, call, Auto::new()),
            Pick::Fixed(0) => Fixed::new(0).map_or(Ok(()), |_| Err(zero())),
            Pick::Guided(0) => Guided::new(0).map_or(Ok(()), |_| Err(zero())),
            Pick::Fixed(n) => check_on(pool, call, Fixed::new(n).map_err(|e| e.to_string())?),
            Pick::Guided(n) => check_on(pool, call, Guided::new(n).map_err(|e| e.to_string())?),
        }
    }

    /// [`check_on`] with the picked strategy, on a fresh pool. Zero workers must be
    /// rejected by the pool: that is checked, and nothing is mapped.
    pub fn check(self, call: &Call) -> Result<(), String> {
        match ThreadPool::new(call.workers) {
            Ok(pool) => self.check_on(&pool, call),
            Err(_) if call.workers == 0 => Ok(()),
            Err(e) => Err(e.to_string()),
        }
    }
}

/// The fuzz target's body (`fuzz/fuzz_targets/map.rs`), also run by unit tests.
///
/// Decodes `data` as: byte 0 → length `0..=64`; byte 1 → workers `0..=4` (0 must be
/// rejected); byte 2 → chunk size `0..=8` (0 must be rejected); byte 3 → strategy;
/// byte 4 → the panicking index (none if `>= length`); byte 5 bit 0 → owned items, bit 1
/// → map again on the same pool afterwards ([`Call::reuse`]: the pool survives a panic);
/// bytes 6.. → item values (missing bytes read as 0). Then runs [`Pick::check`].
pub fn fuzz_one(data: &[u8]) -> Result<(), String> {
    let byte = |i: usize| data.get(i).copied().unwrap_or(0);
    let len = usize::from(byte(0) % 65);
    let workers = usize::from(byte(1) % 5);
    let chunk = usize::from(byte(2) % 9);
    let pick = match byte(3) % 4 {
        0 => Pick::Static,
        1 => Pick::Fixed(chunk),
        2 => Pick::Guided(chunk),
        _ => Pick::Auto,
    };
    let items = (0..len).map(|i| u64::from(byte(6 + i)) << 8 | i as u64).collect();
    let mut call = Call::with_items(workers, items);
    if usize::from(byte(4)) < len {
        call = call.panic_at(usize::from(byte(4)));
    }
    if byte(5) & 1 == 1 {
        call = call.owned();
    }
    if byte(5) & 2 == 2 {
        call = call.reuse();
    }
    pick.check(&call)
}
