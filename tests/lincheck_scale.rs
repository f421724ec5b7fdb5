//! Tests of `synclab::lincheck` on generated histories (`lincheck::generate`): the
//! checker agrees with a brute-force checker on small ones, finds planted anomalies
//! in large ones, and decides many clients and keys.
// Not under Miri: the checker is safe Rust with no `unsafe` for Miri to examine, and
// its searches take minutes each when interpreted (`.ci/run` skips its unit tests too).
#![cfg(not(miri))]

mod common;

use common::brute_force;
use proptest::prelude::*;
use synclab::lincheck::generate::{Anomaly, Workload};
use synclab::lincheck::models::{KeyValue, KvInput, KvOutput, Register};
use synclab::lincheck::{Budget, CheckResult, Operation, check};

/// A small key-value history on two keys whose gets read values made of the
/// appended pieces, often in an impossible order.
fn random_kv_history() -> impl Strategy<Value = Vec<Operation<KvInput, KvOutput>>> {
    let op = (
        0..3usize,
        0..2u8,
        0..6u8,
        0..3u8,
        0..12u64,
        0..8u64,
        prop::collection::vec(0..3u8, 0..3),
        0..12u8,
    );
    prop::collection::vec(op, 0..8).prop_map(|ops| {
        let piece = |p: u8| ["a", "b", "c"][p as usize];
        ops.into_iter()
            .map(|(client, key, kind, v, call, len, read, luck)| {
                let key = key.to_string();
                let value = piece(v).to_string();
                let (input, output) = match kind {
                    0..=2 => {
                        let read: String = read.into_iter().map(piece).collect();
                        (KvInput::Get { key }, KvOutput::Value(read))
                    }
                    3 | 4 => (KvInput::Append { key, value }, KvOutput::Ok),
                    _ => (KvInput::Put { key, value }, KvOutput::Ok),
                };
                match luck {
                    0 => Operation::pending(client, input, call),
                    1 => Operation {
                        output: None,
                        ..Operation::new(client, input, call, output, call + len)
                    },
                    _ => Operation::new(client, input, call, output, call + len),
                }
            })
            .collect()
    })
}

proptest! {
    #[test]
    #[cfg_attr(miri, ignore)]
    fn the_search_agrees_with_brute_force_on_key_value_stores(history in random_kv_history()) {
        let verdict = check(&KeyValue, &history, Budget::unlimited()).is_linearizable();
        prop_assert_eq!(verdict, Some(brute_force(&KeyValue, &history)));
    }

    #[test]
    #[cfg_attr(miri, ignore)]
    fn generated_histories_are_linearizable_and_planted_anomalies_are_found(
        clients in 1..12usize,
        keys in 1..4usize,
        operations in 0..150usize,
        seed in any::<u64>(),
        stale in any::<bool>(),
        at in 0.0..1.0f64,
    ) {
        let workload = Workload { clients, keys, operations, seed, stuck: 0.05, lost: 0.02, ..Workload::default() };
        prop_assert_eq!(check(&KeyValue, &workload.kv(), Budget::unlimited()), CheckResult::Linearizable);
        prop_assert_eq!(check(&Register, &workload.register(), Budget::unlimited()), CheckResult::Linearizable);
        let anomaly = if stale { Anomaly::StaleRead } else { Anomaly::Unwritten };
        let bad = Workload { anomaly: Some(anomaly), anomaly_at: at, ..workload };
        let (kv, register) = (bad.kv(), bad.register());
        // A history without a suitable read has nothing planted.
        if kv != workload.kv() {
            prop_assert_eq!(check(&KeyValue, &kv, Budget::unlimited()).is_linearizable(), Some(false));
        }
        if register != workload.register() {
            prop_assert_eq!(check(&Register, &register, Budget::unlimited()).is_linearizable(), Some(false));
        }
    }
}
