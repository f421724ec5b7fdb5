//! Histories made to order, for tests and benchmarks: any number of clients, keys
//! and operations, linearizable by construction, or with one anomaly planted.
//!
//! Each client issues one operation at a time. An operation takes a random time,
//! mostly short, sometimes long (a request stuck behind a network partition), and
//! takes effect at a random instant of its interval. Running the object in the
//! order of those instants gives every output, so the history is linearizable:
//! the instants are a linearization. Written values are unique, which is what
//! makes a planted anomaly certain to be one.
//!
//! ```
//! use synclab::lincheck::generate::{Anomaly, Workload};
//! use synclab::lincheck::models::KeyValue;
//! use synclab::lincheck::{Budget, check};
//!
//! let workload = Workload { clients: 8, keys: 3, operations: 500, ..Workload::default() };
//! let history = workload.kv();
//! assert_eq!(check(&KeyValue, &history, Budget::default()).is_linearizable(), Some(true));
//!
//! let bad = Workload { anomaly: Some(Anomaly::StaleRead), ..workload }.kv();
//! assert_eq!(check(&KeyValue, &bad, Budget::default()).is_linearizable(), Some(false));
//! ```

use super::Model;
use super::Operation;
use super::models::{KeyValue, KvInput, KvOutput, Register, RegisterInput, RegisterOutput};

/// An anomaly to plant, making the history certainly not linearizable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anomaly {
    /// A read returns the value from before a write that had completed before the
    /// read began (a stale read, as from a lagging replica). The read chosen is the
    /// first complete one past [`Workload::anomaly_at`] that has such a write.
    StaleRead,
    /// A read returns a value that nothing ever wrote.
    Unwritten,
}

/// The shape of a generated history.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Workload {
    /// Clients issuing operations concurrently.
    pub clients: usize,
    /// Keys (key-value histories only; a register is one key).
    pub keys: usize,
    /// Operations in all.
    pub operations: usize,
    /// Seeds the random choices: equal workloads give equal histories.
    pub seed: u64,
    /// The fraction of operations that take long (up to [`LONG`] time units
    /// instead of [`SHORT`]).
    pub stuck: f64,
    /// The fraction of operations whose response is lost: they stay pending with an
    /// unknown output, and took effect or not (half of them each); their client
    /// carries on as a new process, as a Jepsen client does.
    pub lost: f64,
    /// An anomaly to plant, if any.
    pub anomaly: Option<Anomaly>,
    /// Where to plant it, as a fraction of the history (0.0 is the start).
    pub anomaly_at: f64,
}

/// The most time units a short operation takes.
pub const SHORT: u64 = 10;
/// The most time units a long operation takes.
pub const LONG: u64 = 400;

impl Default for Workload {
    /// 5 clients, 1 key, 1,000 operations, 1% stuck, none lost, no anomaly.
    fn default() -> Self {
        Self {
            clients: 5,
            keys: 1,
            operations: 1000,
            seed: 1,
            stuck: 0.01,
            lost: 0.0,
            anomaly: None,
            anomaly_at: 0.5,
        }
    }
}

/// One generated operation before the object has run.
struct Planned<I> {
    client: usize,
    input: I,
    call: u64,
    ret: u64,
    /// When it takes effect; `None` for a lost operation that never does.
    instant: Option<u64>,
    lost: bool,
}

impl Workload {
    /// A register history (read, write, compare-and-set), as in Jepsen's etcd tests.
    pub fn register(&self) -> Vec<Operation<RegisterInput, RegisterOutput>> {
        let mut written = 0i64;
        let mut rng = Rng::new(self.seed);
        let planned = self.plan(&mut rng, |rng, _| match rng.below(10) {
            0..=4 => RegisterInput::Read,
            5..=7 => {
                written += 1;
                RegisterInput::Write(written)
            }
            _ => {
                // Compare with a recent value, so that some succeed.
                let from = (written - rng.below(3) as i64).max(0);
                written += 1;
                RegisterInput::Cas { from, to: written }
            }
        });
        let state = std::cell::RefCell::new(None);
        let (mut history, before) = run(
            planned,
            |_| "",
            |input| register_step(&mut state.borrow_mut(), *input),
            |_| RegisterOutput::Value(*state.borrow()),
            |_, output| *output == RegisterOutput::Ok,
        );
        if let Some(anomaly) = self.anomaly {
            let unwritten = RegisterOutput::Value(Some(-1));
            plant(&mut history, &before, self.anomaly_at, anomaly, unwritten);
        }
        history
    }

    /// A key-value history (get, put, append), as in porcupine's tests; values are
    /// `x CLIENT N y`.
    pub fn kv(&self) -> Vec<Operation<KvInput, KvOutput>> {
        let mut rng = Rng::new(self.seed);
        let keys = self.keys.max(1) as u64;
        let mut sequence = vec![0u64; self.clients.max(1)];
        let planned = self.plan(&mut rng, |rng, client| {
            let key = rng.below(keys).to_string();
            let value = format!("x {client} {} y", sequence[client]);
            match rng.below(10) {
                0..=4 => KvInput::Get { key },
                5..=8 => {
                    sequence[client] += 1;
                    KvInput::Append { key, value }
                }
                _ => {
                    sequence[client] += 1;
                    KvInput::Put { key, value }
                }
            }
        });
        let store = std::cell::RefCell::new(std::collections::HashMap::new());
        let (mut history, before) = run(
            planned,
            KvInput::key,
            |input| kv_step(&mut store.borrow_mut(), input),
            |input| KvOutput::Value(store.borrow().get(input.key()).cloned().unwrap_or_default()),
            |input, _| matches!(input, KvInput::Put { .. }),
        );
        if let Some(anomaly) = self.anomaly {
            let unwritten = KvOutput::Value("x unwritten y".into());
            plant(&mut history, &before, self.anomaly_at, anomaly, unwritten);
        }
        history
    }

    /// Times and inputs for every operation, clients taking turns by time.
    fn plan<I>(
        &self,
        rng: &mut Rng,
        mut input: impl FnMut(&mut Rng, usize) -> I,
    ) -> Vec<Planned<I>> {
        let clients = self.clients.max(1);
        let mut next_call: Vec<u64> = (0..clients).map(|_| rng.below(SHORT)).collect();
        let mut process: Vec<usize> = (0..clients).collect();
        let mut planned = Vec::with_capacity(self.operations);
        for _ in 0..self.operations {
            // The client whose next call comes first (ties: the lowest number).
            let c = (0..clients).min_by_key(|&c| next_call[c]).unwrap_or(0);
            let length = if rng.chance(self.stuck) {
                rng.below(LONG) + 1
            } else {
                rng.below(SHORT) + 1
            };
            let call = next_call[c];
            let lost = rng.chance(self.lost);
            let takes_effect = !lost || rng.chance(0.5);
            planned.push(Planned {
                client: process[c],
                input: input(rng, c),
                call,
                ret: call + length,
                instant: takes_effect.then(|| call + rng.below(length + 1)),
                lost,
            });
            next_call[c] = call + length + rng.below(SHORT / 2) + 1;
            if lost {
                process[c] += clients; // a new process takes over the client
            }
        }
        planned
    }
}

/// What a read of an operation's key would have returned just before the
/// operation took effect, and the operation that set the start of that value (the
/// last write or put; `None` if it is the initial value, or built on it).
pub(super) type Before<O> = Option<(O, Option<usize>)>;

/// Runs the object in the order of the instants and records every operation, and
/// for each what [`Before`] says. `key` names an operation's part of the object,
/// `peek` reads it, and `resets` says whether an operation replaced its value.
fn run<I, O>(
    planned: Vec<Planned<I>>,
    key: impl Fn(&I) -> &str,
    mut step: impl FnMut(&I) -> O,
    mut peek: impl FnMut(&I) -> O,
    resets: impl Fn(&I, &O) -> bool,
) -> (Vec<Operation<I, O>>, Vec<Before<O>>) {
    let mut order: Vec<usize> = (0..planned.len()).collect();
    order.sort_by_key(|&i| (planned[i].instant, i));
    let mut outputs: Vec<Option<O>> = (0..planned.len()).map(|_| None).collect();
    let mut before: Vec<Before<O>> = (0..planned.len()).map(|_| None).collect();
    let mut base: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for i in order {
        let input = &planned[i].input;
        if planned[i].instant.is_some() {
            before[i] = Some((peek(input), base.get(key(input)).copied()));
            let output = step(input);
            if resets(input, &output) {
                base.insert(key(input), i);
            }
            outputs[i] = Some(output);
        }
    }
    drop(base);
    let history = planned
        .into_iter()
        .zip(outputs)
        .map(|(p, output)| {
            if p.lost {
                Operation::pending(p.client, p.input, p.call)
            } else {
                let output = output.expect("a kept operation took effect");
                Operation::new(p.client, p.input, p.call, output, p.ret)
            }
        })
        .collect();
    (history, before)
}

/// Runs `input` on a register holding `state`: the output comes from the model,
/// as the one output it allows (a read sees the value; a compare-and-set that
/// the model rejects as `Ok` failed).
fn register_step(state: &mut Option<i64>, input: RegisterInput) -> RegisterOutput {
    use RegisterOutput::{Failed, Ok, Value};
    run_model(&Register, state, &input, [Value(*state), Ok, Failed])
}

/// Runs `input` on `store` with the model of one key's value.
fn kv_step(store: &mut std::collections::HashMap<String, String>, input: &KvInput) -> KvOutput {
    let value = store.entry(input.key().to_string()).or_default();
    let seen = KvOutput::Value(value.clone());
    run_model(&KeyValue, value, input, [KvOutput::Ok, seen])
}

/// The first of `outputs` that `model` allows for `input` in `state`; `state`
/// becomes the state after it.
fn run_model<M: Model>(
    model: &M,
    state: &mut M::State,
    input: &M::Input,
    outputs: impl IntoIterator<Item = M::Output>,
) -> M::Output {
    let (next, output) = outputs
        .into_iter()
        .find_map(|output| Some((model.step(state, input, Some(&output))?, output)))
        .expect("the model allows one of the outputs");
    *state = next;
    output
}

mod plant;
use plant::plant;

/// A small fast pseudo-random generator (splitmix64): reproducible, no dependency.
#[derive(Debug, Clone)]
pub(crate) struct Rng(u64);

impl Rng {
    pub(crate) fn new(seed: u64) -> Self {
        Self(seed)
    }

    pub(crate) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n > 0`).
    pub(crate) fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next()) * u128::from(n)) >> 64) as u64
    }

    /// `true` with probability `p`.
    pub(crate) fn chance(&mut self, p: f64) -> bool {
        p > 0.0 && (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }
}
