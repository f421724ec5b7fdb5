//! Tests of `synclab::lincheck`: public histories with known verdicts, small
//! hand-written histories, and properties checked against generated histories.
// Not under Miri: the checker is safe Rust with no `unsafe` for Miri to examine, and
// its searches take minutes each when interpreted (`.ci/run` skips its unit tests too).
#![cfg(not(miri))]

mod common;

use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use common::brute_force;
use proptest::prelude::*;
use synclab::lincheck::models::{
    Counter, CounterInput, KeyValue, KvInput, KvOutput, Register, RegisterInput, RegisterOutput,
};
use synclab::lincheck::{
    Budget, CheckResult, Error, Event, HistoryKind, Limit, Model, Operation, PENDING, check,
    check_events, parse_and_check,
};

type RegOp = Operation<RegisterInput, RegisterOutput>;

fn read(client: usize, call: u64, value: Option<i64>, ret: u64) -> RegOp {
    Operation::new(
        client,
        RegisterInput::Read,
        call,
        RegisterOutput::Value(value),
        ret,
    )
}

fn write(client: usize, call: u64, value: i64, ret: u64) -> RegOp {
    Operation::new(
        client,
        RegisterInput::Write(value),
        call,
        RegisterOutput::Ok,
        ret,
    )
}

fn verdict<M: Model>(model: &M, history: &[Operation<M::Input, M::Output>]) -> Option<bool> {
    check(model, history, Budget::unlimited()).is_linearizable()
}

// ---------------------------------------------------------------------------
// Public histories: porcupine's test data, vendored under tests/data/porcupine (MIT; see
// the README and LICENSE there).

/// The vendored histories, one folder per kind.
fn data_dir() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/porcupine"))
}

/// The contents of a data file, or a panic naming it.
fn read_data(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The data folders this checker understands, with the kind of their histories.
const DATA_FOLDERS: [(&str, HistoryKind); 2] = [
    ("jepsen-etcd", HistoryKind::EtcdRegister),
    ("kv", HistoryKind::Kv),
];

#[test]
#[cfg_attr(miri, ignore)]
fn public_histories_get_their_published_verdicts() {
    let root = data_dir();
    assert!(root.is_dir(), "data directory {} not found", root.display());
    let mut checked = 0;
    for (name, kind) in DATA_FOLDERS {
        let folder = root.join(name);
        let verdicts = read_data(&folder.join("VERDICTS.txt"));
        let mut listed = Vec::new();
        for line in verdicts.lines().filter(|l| !l.trim().is_empty()) {
            let (file, expected) = line.split_once(' ').expect("`FILE VERDICT`");
            let expected = match expected.trim() {
                "linearizable" => true,
                "not-linearizable" => false,
                other => panic!("unknown verdict {other:?}"),
            };
            let text = read_data(&folder.join(file));
            let budget = Budget::time(Duration::from_secs(60));
            let report = parse_and_check(kind.name(), &text, budget)
                .unwrap_or_else(|e| panic!("{name}/{file}: {e}"));
            eprintln!(
                "{name}/{file}: {} operations, parse {:.2} ms, check {:.2} ms, {}",
                report.operations,
                report.parse_time.as_secs_f64() * 1e3,
                report.check_time.as_secs_f64() * 1e3,
                match report.linearizable() {
                    Some(true) => "linearizable",
                    Some(false) => "not linearizable",
                    None => "unknown",
                }
            );
            assert_eq!(
                report.linearizable(),
                Some(expected),
                "{name}/{file}:\n{}",
                report.result
            );
            listed.push(file.to_string());
            checked += 1;
        }
        // Every data file has a verdict.
        for entry in std::fs::read_dir(&folder).unwrap() {
            let file = entry.unwrap().file_name().into_string().unwrap();
            assert!(
                file == "VERDICTS.txt" || listed.contains(&file),
                "{name}/{file} has no verdict"
            );
        }
    }
    assert!(checked > 0, "no histories found under {}", root.display());
}

#[test]
#[cfg_attr(miri, ignore)]
fn a_public_history_runs_out_of_a_tiny_budget() {
    let text = read_data(&data_dir().join("jepsen-etcd/etcd_080.log"));
    // Fewer steps than it has operations: no search gets through it.
    let report = parse_and_check("etcd-register", &text, Budget::steps(20)).unwrap();
    assert_eq!(report.linearizable(), None);
    let exhausted = report.result.exhausted().expect("unknown");
    assert_eq!(exhausted.limit, Limit::Steps(20));
    assert!(
        report
            .result
            .to_string()
            .contains("the step limit (20 steps) ran out")
    );
}

#[test]
#[cfg_attr(miri, ignore)]
fn a_public_failure_is_explained() {
    let text = read_data(&data_dir().join("kv/c01-bad.txt"));
    let report = parse_and_check("kv", &text, Budget::default()).unwrap();
    let explanation = report
        .result
        .explanation()
        .expect("c01-bad is not linearizable");
    eprintln!("{explanation}");
    assert!(explanation.partition().is_some());
    assert!(explanation.candidates().count() > 0);
}

// ---------------------------------------------------------------------------
// Hand-written histories.

#[test]
fn porcupine_register_examples() {
    // From MIT 6.824's 2017 quiz 2, as used in porcupine's tests.
    let ok = [
        write(0, 0, 100, 100),
        read(1, 25, Some(100), 75),
        read(2, 30, None, 60),
    ];
    assert_eq!(verdict(&Register, &ok), Some(true));
    let bad = [
        write(0, 0, 200, 100),
        read(1, 10, Some(200), 30),
        read(2, 40, None, 90),
    ];
    assert_eq!(verdict(&Register, &bad), Some(false));
}

#[test]
fn event_histories_are_checked_like_operations() {
    use RegisterInput::{Read, Write};
    use RegisterOutput::Value;
    let events = vec![
        Event::Call {
            client: 0,
            id: 0,
            input: Write(200),
        },
        Event::Call {
            client: 1,
            id: 1,
            input: Read,
        },
        Event::Return {
            client: 1,
            id: 1,
            output: Some(Value(Some(200))),
        },
        Event::Call {
            client: 2,
            id: 2,
            input: Read,
        },
        Event::Return {
            client: 2,
            id: 2,
            output: Some(Value(None)),
        },
        Event::Return {
            client: 0,
            id: 0,
            output: Some(RegisterOutput::Ok),
        },
    ];
    let result = check_events(&Register, events.clone(), Budget::default()).unwrap();
    assert_eq!(result.is_linearizable(), Some(false));
    // Swapping the two reads makes it fine.
    let mut swapped = events;
    swapped.swap(1, 3);
    swapped.swap(2, 4);
    let result = check_events(&Register, swapped, Budget::default()).unwrap();
    assert_eq!(result, CheckResult::Linearizable);
}

#[test]
fn equal_times_count_as_concurrent() {
    // The write returns at 10, the read of the old value is called at 10.
    let history = [write(0, 0, 1, 10), read(1, 10, None, 12)];
    assert_eq!(verdict(&Register, &history), Some(true));
    let history = [write(0, 0, 1, 10), read(1, 11, None, 12)];
    assert_eq!(verdict(&Register, &history), Some(false));
}

#[test]
fn pending_operations_may_take_effect_at_any_later_time_or_never() {
    let timed_out_write = Operation::pending(0, RegisterInput::Write(1), 0);
    // Never observed: fine.
    assert_eq!(
        verdict(&Register, &[timed_out_write.clone(), read(1, 5, None, 6)]),
        Some(true)
    );
    // Observed long after its call: fine.
    let late = [
        timed_out_write.clone(),
        read(1, 5, None, 6),
        read(1, 100, Some(1), 101),
    ];
    assert_eq!(verdict(&Register, &late), Some(true));
    // Observed, then un-observed: impossible.
    let flicker = [timed_out_write, read(1, 5, Some(1), 6), read(1, 7, None, 8)];
    assert_eq!(verdict(&Register, &flicker), Some(false));
}

#[test]
fn a_never_returned_operation_with_a_known_output_must_still_fit() {
    // Unusual, but allowed: the output is known although the return was not seen.
    let odd_read = Operation {
        return_: PENDING,
        ..read(1, 5, Some(9), 0)
    };
    let history = [write(0, 0, 1, 2), odd_read];
    let result = check(&Register, &history, Budget::default());
    let text = result.to_string();
    eprintln!("{text}");
    assert_eq!(result.is_linearizable(), Some(false));
    assert!(
        text.contains("none of the remaining operations fits"),
        "{text}"
    );
    assert!(text.contains("pending"), "{text}");
}

#[test]
fn unknown_outputs_are_accepted_in_any_state() {
    let timed_out_read = Operation {
        output: None,
        ..read(1, 3, None, 4)
    };
    let history = [write(0, 0, 7, 2), timed_out_read, read(1, 5, Some(7), 6)];
    assert_eq!(verdict(&Register, &history), Some(true));
    // A timed-out cas may or may not have happened.
    let cas = Operation::pending(2, RegisterInput::Cas { from: 7, to: 8 }, 7);
    let history = [
        write(0, 0, 7, 2),
        cas,
        read(1, 10, Some(8), 11),
        read(1, 12, Some(8), 13),
    ];
    assert_eq!(verdict(&Register, &history), Some(true));
}

#[test]
fn failed_cas_must_have_seen_another_value() {
    let cas = |from, to, out, call, ret| {
        Operation::new(1, RegisterInput::Cas { from, to }, call, out, ret)
    };
    let history = [write(0, 0, 1, 1), cas(1, 2, RegisterOutput::Failed, 2, 3)];
    assert_eq!(verdict(&Register, &history), Some(false));
    let history = [
        write(0, 0, 1, 1),
        cas(5, 2, RegisterOutput::Failed, 2, 3),
        read(0, 4, Some(1), 5),
    ];
    assert_eq!(verdict(&Register, &history), Some(true));
}

fn kv(
    client: usize,
    input: KvInput,
    call: u64,
    output: KvOutput,
    ret: u64,
) -> Operation<KvInput, KvOutput> {
    Operation::new(client, input, call, output, ret)
}

fn append(key: &str, value: &str) -> KvInput {
    KvInput::Append {
        key: key.into(),
        value: value.into(),
    }
}

fn get(key: &str) -> KvInput {
    KvInput::Get { key: key.into() }
}

#[test]
fn partitions_are_checked_independently_and_the_bad_one_is_named() {
    let value = |v: &str| KvOutput::Value(v.into());
    let history = vec![
        kv(0, append("a", "x"), 0, KvOutput::Ok, 2),
        kv(1, append("b", "y"), 1, KvOutput::Ok, 3),
        kv(0, get("a"), 4, value("x"), 5),
        kv(1, get("b"), 4, value("y"), 5),
        kv(2, append("b", "z"), 6, KvOutput::Ok, 7),
        kv(2, get("b"), 8, value("y"), 9), // lost the append of "z"
    ];
    assert_eq!(verdict(&KeyValue, &history[..5]), Some(true));
    let result = check(&KeyValue, &history, Budget::default());
    let explanation = result.explanation().expect("not linearizable");
    assert_eq!(explanation.partition(), Some("b"));
    assert_eq!(explanation.linearized(), &[1, 3, 4]);
    assert_eq!(explanation.candidates().collect::<Vec<_>>(), vec![5]);
    assert_eq!(explanation.stuck_state(), r#""yz""#);
}

#[test]
fn explanation_reads_like_a_story() {
    let history = [
        write(0, 0, 1, 10),
        read(1, 2, Some(1), 4),
        read(2, 6, None, 8),
        read(1, 12, Some(1), 13),
    ];
    let result = check(&Register, &history, Budget::default());
    let text = result.to_string();
    eprintln!("{text}");
    let expected = "\
not linearizable: the history has no valid order

Operations, per client (order: position in the longest linearization found):
  client  op  call  return  operation       order
       0  #0     0      10  write(1) -> ok      1
       1  #1     2       4  read() -> 1         2
       1  #3    12      13  read() -> 1
       2  #2     6       8  read() -> nil   next?

Linearized so far (2 of 4 operations), from initial state nil:
  1.  #0  client 0  write(1) -> ok  => 1
  2.  #1  client 1  read() -> 1     => 1

Stuck in state 1. #2 (client 2) returned at time 8, so the next operation must be one called by then; none of them fits:
  #2  client 2  read() -> nil  impossible in state 1
";
    assert_eq!(text, expected);
}

#[test]
fn budgets_bound_the_work() {
    // Many concurrent writes of distinct values, then reads of 0, 1 and 0 again:
    // each read can be satisfied on its own, but no order of the writes satisfies
    // all three. Without memoization this needs n! steps; with it, still about
    // 2^(n-2) sets of writes.
    let n = 18;
    let mut history: Vec<RegOp> = (0..n).map(|i| write(i as usize, 0, i, 100)).collect();
    history.push(read(99, 200, Some(0), 201));
    history.push(read(99, 202, Some(1), 203));
    history.push(read(99, 204, Some(0), 205));
    let limit = |budget| {
        check(&Register, &history, budget)
            .exhausted()
            .map(|e| e.limit)
    };
    assert_eq!(limit(Budget::steps(1000)), Some(Limit::Steps(1000)));
    assert_eq!(
        limit(Budget::time(Duration::ZERO)),
        Some(Limit::Time(Duration::ZERO))
    );
    // Search structures of 21 operations do not fit in 100 bytes.
    assert_eq!(limit(Budget::memory(100)), Some(Limit::Memory(100)));
    // A memo too small to help is emptied, not fatal: the search goes on.
    assert_eq!(
        limit(Budget::memory(20_000).with_max_steps(50_000)),
        Some(Limit::Steps(50_000))
    );
    // An empty history needs no work at all.
    assert_eq!(
        check(&Register, &[], Budget::steps(0)),
        CheckResult::Linearizable
    );
}

#[test]
fn a_real_concurrent_counter_is_linearizable() {
    let counter = AtomicU64::new(0);
    let start = Instant::now();
    let now = || start.elapsed().as_nanos() as u64;
    let history: Vec<Operation<CounterInput, u64>> = std::thread::scope(|s| {
        let workers: Vec<_> = (0..4)
            .map(|client| {
                let (counter, now) = (&counter, &now);
                s.spawn(move || {
                    let mut ops = Vec::new();
                    for i in 0..25u64 {
                        let call = now();
                        let (input, output) = if i % 5 == 4 {
                            (CounterInput::Load, counter.load(Ordering::SeqCst))
                        } else {
                            (
                                CounterInput::FetchAdd(i + 1),
                                counter.fetch_add(i + 1, Ordering::SeqCst),
                            )
                        };
                        ops.push(Operation::new(client, input, call, output, now()));
                    }
                    ops
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().unwrap())
            .collect()
    });
    assert_eq!(
        check(&Counter, &history, Budget::default()),
        CheckResult::Linearizable
    );
}

#[test]
fn parse_and_check_reports_errors() {
    assert!(matches!(
        parse_and_check("queue", "", Budget::default()),
        Err(Error::UnknownModel(_))
    ));
    let bad =
        "INFO  jepsen.util - 0\t:invoke\t:read\tnil\nINFO  jepsen.util - 0\t:ok\t:read\tseven\n";
    match parse_and_check("etcd-register", bad, Budget::default()) {
        Err(Error::Parse { line: 2, message }) => assert!(message.contains("seven"), "{message}"),
        other => panic!("{other:?}"),
    }
    let bad = "{:process 0, :type :invoke, :f :get, :key \"0\", :value nil}\n{:process 0 :type}\n";
    assert!(matches!(
        parse_and_check("kv", bad, Budget::default()),
        Err(Error::Parse { line: 2, .. })
    ));
    // An empty file is most likely the wrong one: an error, not "linearizable".
    assert_eq!(
        parse_and_check("kv", "\n", Budget::default()),
        Err(Error::EmptyHistory)
    );
}

/// A deterministic pseudo-random generator (xorshift64), to keep tests reproducible.
struct XorShift(u64);

impl XorShift {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

/// A key-value history of `clients` clients doing `per_client` operations each on
/// `keys` keys: each operation takes effect at a random instant of its interval,
/// and the store is run in the order of those instants.
fn recorded_kv_run(
    seed: u64,
    clients: usize,
    per_client: usize,
    keys: u64,
) -> Vec<Operation<KvInput, KvOutput>> {
    let mut rng = XorShift(seed);
    let mut timed = Vec::new(); // (instant, client, input, call, return)
    for client in 0..clients {
        let mut now = rng.below(50);
        for i in 0..per_client {
            let key = rng.below(keys).to_string();
            let value = format!("x {client} {i} y");
            let input = match rng.below(10) {
                0 => KvInput::Put { key, value },
                1..=5 => KvInput::Append { key, value },
                _ => KvInput::Get { key },
            };
            let length = 1 + rng.below(100);
            let instant = now + rng.below(length + 1);
            timed.push((instant, client, input, now, now + length));
            now += length + 1 + rng.below(20);
        }
    }
    timed.sort_by_key(|t| t.0);
    let mut store = std::collections::HashMap::<String, String>::new();
    timed
        .into_iter()
        .map(|(_, client, input, call, ret)| {
            let output = match &input {
                KvInput::Get { key } => {
                    KvOutput::Value(store.get(key).cloned().unwrap_or_default())
                }
                KvInput::Put { key, value } => {
                    store.insert(key.clone(), value.clone());
                    KvOutput::Ok
                }
                KvInput::Append { key, value } => {
                    store.entry(key.clone()).or_default().push_str(value);
                    KvOutput::Ok
                }
            };
            Operation::new(client, input, call, output, ret)
        })
        .collect()
}

// A wall-clock budget: Miri runs ~1000x slower and would exhaust it (Unknown).
#[test]
#[cfg_attr(miri, ignore)]
fn a_generated_twenty_client_kv_run_is_checked_quickly() {
    let mut history = recorded_kv_run(0x9e37_79b9_7f4a_7c15, 20, 60, 10);
    let start = Instant::now();
    let result = check(&KeyValue, &history, Budget::time(Duration::from_secs(30)));
    eprintln!(
        "{} operations: {:?} in {:?}",
        history.len(),
        result.is_linearizable(),
        start.elapsed()
    );
    assert_eq!(result, CheckResult::Linearizable);

    // A get that returns a value nobody wrote.
    let victim = (history.len() / 2..history.len())
        .find(|&i| matches!(history[i].input, KvInput::Get { .. }))
        .expect("some get");
    history[victim].output = Some(KvOutput::Value("x bogus y".into()));
    let result = check(&KeyValue, &history, Budget::time(Duration::from_secs(30)));
    let explanation = result.explanation().expect("not linearizable");
    assert_eq!(explanation.partition(), Some(history[victim].input.key()));
}

// ---------------------------------------------------------------------------
// Properties.

/// The register's sequential behaviour, for generating histories.
fn apply_register(state: &mut Option<i64>, input: RegisterInput) -> RegisterOutput {
    match input {
        RegisterInput::Read => RegisterOutput::Value(*state),
        RegisterInput::Write(v) => {
            *state = Some(v);
            RegisterOutput::Ok
        }
        RegisterInput::Cas { from, to } if *state == Some(from) => {
            *state = Some(to);
            RegisterOutput::Ok
        }
        RegisterInput::Cas { .. } => RegisterOutput::Failed,
    }
}

/// The counter's sequential behaviour, for generating histories.
fn apply_counter(state: &mut u64, input: CounterInput) -> u64 {
    let old = *state;
    if let CounterInput::FetchAdd(delta) = input {
        *state += delta;
    }
    old
}

fn register_input() -> impl Strategy<Value = RegisterInput> + Clone {
    prop_oneof![
        Just(RegisterInput::Read),
        (0..4i64).prop_map(RegisterInput::Write),
        (0..4i64, 0..4i64).prop_map(|(from, to)| RegisterInput::Cas { from, to }),
    ]
}

fn counter_input() -> impl Strategy<Value = CounterInput> + Clone {
    prop_oneof![
        Just(CounterInput::Load),
        (1..5u64).prop_map(CounterInput::FetchAdd)
    ]
}

/// How one generated operation is timed around its linearization point `10 * k + 5`.
#[derive(Debug, Clone)]
struct Timing {
    client: usize,
    before: u64,
    after: u64,
    /// The response is lost: pending forever, or (for `Timing::lost_late`) returned unknown.
    lost: bool,
    lost_late: bool,
}

/// `max_skew <= 5` gives non-overlapping intervals; larger values overlap.
fn timing(max_skew: u64) -> impl Strategy<Value = Timing> {
    (
        0..4usize,
        0..max_skew,
        0..max_skew,
        prop::bool::weighted(0.1),
        any::<bool>(),
    )
        .prop_map(|(client, before, after, lost, lost_late)| Timing {
            client,
            before,
            after,
            lost,
            lost_late,
        })
}

/// Up to 40 inputs with timings, either all non-overlapping or overlapping.
fn recorded<I: Strategy + Clone>(input: I) -> impl Strategy<Value = Vec<(I::Value, Timing)>>
where
    I::Value: Clone,
{
    prop_oneof![Just(5u64), 6..40u64].prop_flat_map(move |max_skew| {
        prop::collection::vec((input.clone(), timing(max_skew)), 0..40)
    })
}

/// Runs `inputs` sequentially with `apply`, and records each operation with an
/// interval around the instant it actually ran.
fn record<I: Clone, O, S>(
    inputs: &[(I, Timing)],
    mut state: S,
    mut apply: impl FnMut(&mut S, I) -> O,
) -> Vec<Operation<I, O>> {
    inputs
        .iter()
        .enumerate()
        .map(|(k, (input, t))| {
            let point = 10 * k as u64 + 5;
            let output = apply(&mut state, input.clone());
            let mut op = Operation::new(
                t.client,
                input.clone(),
                point.saturating_sub(t.before),
                output,
                point + t.after,
            );
            if t.lost {
                op.output = None;
                op.return_ = if t.lost_late { op.return_ } else { PENDING };
            }
            op
        })
        .collect()
}

/// An arbitrary (usually not linearizable) tiny register history.
fn random_register_history() -> impl Strategy<Value = Vec<RegOp>> {
    let op = (
        0..3usize,
        register_input(),
        0..20u64,
        0..8u64,
        prop_oneof![
            4 => prop::option::of(0..4i64).prop_map(RegisterOutput::Value),
            2 => Just(RegisterOutput::Ok),
            1 => Just(RegisterOutput::Failed),
        ],
        0..10u8,
    );
    prop::collection::vec(op, 0..7).prop_map(|ops| {
        ops.into_iter()
            .map(|(client, input, call, len, output, luck)| {
                // Give each input an output of the right kind, mostly.
                let output = match (input, output) {
                    (RegisterInput::Read, RegisterOutput::Value(v)) => RegisterOutput::Value(v),
                    (RegisterInput::Read, _) => RegisterOutput::Value(None),
                    (RegisterInput::Cas { .. }, RegisterOutput::Failed) => RegisterOutput::Failed,
                    (_, _) => RegisterOutput::Ok,
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

/// An arbitrary (usually not linearizable) tiny counter history.
fn random_counter_history() -> impl Strategy<Value = Vec<Operation<CounterInput, u64>>> {
    let op = (
        0..3usize,
        counter_input(),
        0..20u64,
        0..8u64,
        0..7u64,
        0..10u8,
    );
    prop::collection::vec(op, 0..7).prop_map(|ops| {
        ops.into_iter()
            .map(|(client, input, call, len, output, luck)| match luck {
                0 => Operation::pending(client, input, call),
                _ => Operation::new(client, input, call, output, call + len),
            })
            .collect()
    })
}

/// The explanation's partial linearization is legal and respects real time.
fn assert_explanation_is_consistent<M: Model>(
    model: &M,
    history: &[Operation<M::Input, M::Output>],
) {
    let CheckResult::NotLinearizable(explanation) = check(model, history, Budget::unlimited())
    else {
        return;
    };
    let mut state = model.init();
    let prefix = explanation.linearized();
    for (pos, &i) in prefix.iter().enumerate() {
        state = model
            .step(&state, &history[i].input, history[i].output.as_ref())
            .expect("prefix replays");
        for &later in &prefix[pos + 1..] {
            assert!(
                history[later].return_ >= history[i].call,
                "prefix breaks real-time order"
            );
        }
    }
    assert_eq!(explanation.stuck_state(), model.describe_state(&state));
    for c in explanation.candidates() {
        assert!(!prefix.contains(&c));
        let op = &history[c];
        if let Some(next) = model.step(&state, &op.input, op.output.as_ref()) {
            // Only an operation that never returned may fit, and only if it changes nothing.
            assert!(op.is_pending() && op.output.is_none() && next == state);
        }
    }
}

/// Lines that look like Jepsen etcd events, often wrongly.
const ETCD_LIKE: &str = concat!(
    r"(INFO  jepsen\.util - [0-9x:]{0,2}\t:(invoke|ok|fail|info|x)\t:(read|write|cas|y)",
    r"\t(nil|-?[0-9]{1,3}|\[[0-9 ]{0,5}\]|:timed-out)?\n){0,12}"
);

/// Lines that look like porcupine key-value events, often wrongly.
const KV_LIKE: &str = concat!(
    r#"(\{:process [0-9-]{0,2}, :type :(invoke|ok|fail|info), :f :(get|put|append|x), "#,
    r#":key "[0-9]?"?, :value (nil|"[a-z\\ ]{0,3}"|3)?\}?\n){0,12}"#
);

proptest! {
    #[test]
    #[cfg_attr(miri, ignore)]
    fn parsers_never_panic(etcd in ETCD_LIKE, kv in KV_LIKE, noise in r"[ -~\t\n]{0,80}") {
        for text in [&etcd, &noise] {
            if let Ok(report) = parse_and_check("etcd-register", text, Budget::steps(10_000)) {
                let _ = report.result.to_string();
            }
        }
        for text in [&kv, &noise] {
            if let Ok(report) = parse_and_check("kv", text, Budget::steps(10_000)) {
                let _ = report.result.to_string();
            }
        }
    }

    #[test]
    #[cfg_attr(miri, ignore)]
    fn recorded_register_runs_are_linearizable(ops in recorded(register_input())) {
        let history = record(&ops, None, apply_register);
        prop_assert_eq!(verdict(&Register, &history), Some(true));
    }

    #[test]
    #[cfg_attr(miri, ignore)]
    fn recorded_counter_runs_are_linearizable(ops in recorded(counter_input())) {
        let history = record(&ops, 0, apply_counter);
        prop_assert_eq!(verdict(&Counter, &history), Some(true));
    }

    #[test]
    #[cfg_attr(miri, ignore)]
    fn a_register_read_of_a_never_written_value_is_caught(
        ops in prop::collection::vec((register_input(), timing(40)), 0..40),
        victim in any::<prop::sample::Index>(),
    ) {
        let mut history = record(&ops, None, apply_register);
        let reads: Vec<usize> = (0..history.len())
            .filter(|&i| history[i].input == RegisterInput::Read && !history[i].is_pending())
            .collect();
        let corrupted = RegisterOutput::Value(Some(1_000));
        if reads.is_empty() {
            history.push(Operation::new(0, RegisterInput::Read, 1_000, corrupted, 1_001));
        } else {
            history[reads[victim.index(reads.len())]].output = Some(corrupted);
        }
        prop_assert_eq!(verdict(&Register, &history), Some(false));
        assert_explanation_is_consistent(&Register, &history);
    }

    #[test]
    #[cfg_attr(miri, ignore)]
    fn a_counter_value_beyond_every_increment_is_caught(
        ops in prop::collection::vec((counter_input(), timing(40)), 1..40),
        victim in any::<prop::sample::Index>(),
    ) {
        let mut history = record(&ops, 0, apply_counter);
        // The counter never exceeds the sum of all increments.
        let mut total = 0;
        for (input, _) in &ops {
            apply_counter(&mut total, *input);
        }
        let i = victim.index(history.len());
        history[i].output = Some(total + 1);
        if history[i].is_pending() {
            history[i].return_ = history[i].call + 1;
        }
        prop_assert_eq!(verdict(&Counter, &history), Some(false));
    }

    #[test]
    #[cfg_attr(miri, ignore)]
    fn the_search_agrees_with_brute_force_on_registers(history in random_register_history()) {
        prop_assert_eq!(verdict(&Register, &history), Some(brute_force(&Register, &history)));
        assert_explanation_is_consistent(&Register, &history);
    }

    #[test]
    #[cfg_attr(miri, ignore)]
    fn the_search_agrees_with_brute_force_on_counters(history in random_counter_history()) {
        prop_assert_eq!(verdict(&Counter, &history), Some(brute_force(&Counter, &history)));
        assert_explanation_is_consistent(&Counter, &history);
    }
}
