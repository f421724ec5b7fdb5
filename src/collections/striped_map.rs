//! [`StripedMap`]: a hash map split into stripes, each behind its own lock.
//!
//! A key's hash picks its stripe; an operation locks that stripe only, so operations on
//! keys of different stripes run at the same time, and all operations on one key are
//! serialised by one lock: each is linearizable at the moment it holds it. The hasher is
//! fixed (not randomly seeded), so that a key lands in the same stripe in every run, as
//! a model checker's replay needs.

use super::{ConcurrentMap, rt};
use rt::sync::Mutex;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, DefaultHasher, Hash};

type Stripe<K, V> = HashMap<K, V, BuildHasherDefault<DefaultHasher>>;

/// A map from `K` to `V` behind `S` locks.
///
/// ```
/// use synclab::collections::StripedMap;
///
/// let m = StripedMap::<u32, u32>::new();
/// assert_eq!(m.insert(1, 10), None);
/// assert_eq!(m.insert(1, 11), Some(10));
/// assert_eq!((m.get(1), m.remove(1), m.get(1)), (Some(11), Some(11), None));
/// ```
pub struct StripedMap<K, V, const S: usize = 4> {
    stripes: [Mutex<Stripe<K, V>>; S],
}

impl<K: Hash + Eq, V: Clone, const S: usize> Default for StripedMap<K, V, S> {
    fn default() -> Self {
        Self::new()
    }
}

impl<K: Hash + Eq, V: Clone, const S: usize> StripedMap<K, V, S> {
    /// An empty map.
    ///
    /// # Panics
    /// If `S` is 0.
    pub fn new() -> Self {
        assert!(S > 0, "a StripedMap needs at least one stripe");
        StripedMap {
            stripes: std::array::from_fn(|_| Mutex::new(Stripe::default())),
        }
    }

    fn stripe(&self, key: &K) -> &Mutex<Stripe<K, V>> {
        use std::hash::BuildHasher;
        let hash = BuildHasherDefault::<DefaultHasher>::default().hash_one(key);
        &self.stripes[(hash % S as u64) as usize]
    }

    /// Sets `key` to `value`; returns the value it had.
    pub fn insert(&self, key: K, value: V) -> Option<V> {
        self.stripe(&key).lock().unwrap().insert(key, value)
    }

    /// Removes `key`; returns the value it had.
    pub fn remove(&self, key: K) -> Option<V> {
        self.stripe(&key).lock().unwrap().remove(&key)
    }

    /// The value of `key`.
    pub fn get(&self, key: K) -> Option<V> {
        self.stripe(&key).lock().unwrap().get(&key).cloned()
    }
}

impl<K, V, const S: usize> ConcurrentMap<K, V> for StripedMap<K, V, S>
where
    K: Hash + Eq + Send,
    V: Clone + Send,
{
    fn insert(&self, key: K, value: V) -> Option<V> {
        StripedMap::insert(self, key, value)
    }
    fn remove(&self, key: K) -> Option<V> {
        StripedMap::remove(self, key)
    }
    fn get(&self, key: K) -> Option<V> {
        StripedMap::get(self, key)
    }
}
