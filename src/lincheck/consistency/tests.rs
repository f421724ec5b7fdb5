use super::*;
use crate::lincheck::models::{Register, RegisterInput as In, RegisterOutput as Out};
use proptest::prelude::*;

type Op = Operation<In, Out>;

fn verdicts(history: &[Op]) -> [Option<bool>; 3] {
    [
        Consistency::Linearizable,
        Consistency::Sequential,
        Consistency::Quiescent,
    ]
    .map(|c| check_consistency(&Register, history, c, Budget::default()).is_consistent())
}

fn write(client: usize, v: i64, call: u64, ret: u64) -> Op {
    Operation::new(client, In::Write(v), call, Out::Ok, ret)
}

fn read(client: usize, v: Option<i64>, call: u64, ret: u64) -> Op {
    Operation::new(client, In::Read, call, Out::Value(v), ret)
}

/// [lin, sc, qc]
const LIN_SC_QC: [Option<bool>; 3] = [Some(true), Some(true), Some(true)];

#[test]
fn a_stale_read_by_another_client_is_sequentially_consistent_only() {
    // write(1) returned, a quiescent moment, then another client read nil.
    let history = [write(0, 1, 0, 1), read(1, None, 2, 3)];
    assert_eq!(verdicts(&history), [Some(false), Some(true), Some(false)]);
}

#[test]
fn a_stale_read_inside_a_busy_period_is_quiescently_consistent() {
    // Client 2's long read keeps the object busy from 1 to 6: no quiescent point
    // separates the write from client 1's read.
    let history = [write(0, 1, 0, 2), read(1, None, 3, 5), read(2, None, 1, 6)];
    assert_eq!(verdicts(&history), [Some(false), Some(true), Some(true)]);
    let verdict = check_consistency(
        &Register,
        &history,
        Consistency::Linearizable,
        Budget::default(),
    );
    assert!(
        verdict.to_string().starts_with("not linearizable"),
        "{verdict}"
    );
}

#[test]
fn a_client_that_misses_its_own_write_is_quiescent_but_not_sequential() {
    // Client 0 writes 1, then reads nil; client 2 is busy throughout.
    let history = [write(0, 1, 0, 1), read(0, None, 2, 3), read(2, None, 0, 4)];
    assert_eq!(verdicts(&history), [Some(false), Some(false), Some(true)]);
    let verdict = check_consistency(
        &Register,
        &history,
        Consistency::Sequential,
        Budget::default(),
    );
    let text = verdict.to_string();
    assert!(
        text.starts_with("not sequentially consistent: no order of the operations keeps each client's program order"),
        "{text}"
    );
    assert!(text.contains("read() -> nil"), "{text}");
}

#[test]
fn writes_seen_in_the_opposite_order_are_not_even_sequentially_consistent() {
    let history = [
        write(0, 1, 0, 1),
        write(0, 2, 2, 3),
        read(1, Some(2), 0, 1),
        read(1, Some(1), 2, 3),
    ];
    assert_eq!(verdicts(&history), [Some(false), Some(false), Some(false)]);
    let verdict = check_consistency(
        &Register,
        &history,
        Consistency::Quiescent,
        Budget::default(),
    );
    assert!(verdict.to_string().contains("widened"), "{verdict}");
}

#[test]
fn a_pending_write_may_explain_a_read_or_be_left_out() {
    let seen = [
        Operation::pending(0, In::Write(1), 0),
        read(1, Some(1), 1, 2),
    ];
    assert_eq!(verdicts(&seen), LIN_SC_QC);
    let unseen = [Operation::pending(0, In::Write(1), 0), read(1, None, 1, 2)];
    assert_eq!(verdicts(&unseen), LIN_SC_QC);
}

#[test]
fn busy_periods_end_only_strictly_before_the_next_call() {
    let history = [write(0, 1, 0, 2), read(1, None, 2, 3), read(1, None, 5, 6)];
    let widened = widened_to_busy_periods(&history);
    let times: Vec<(u64, u64)> = widened.iter().map(|op| (op.call, op.return_)).collect();
    assert_eq!(times, [(0, 3), (0, 3), (5, 6)]);
    let pending = [Operation::pending(0, In::Write(1), 0), read(1, None, 9, 10)];
    let widened = widened_to_busy_periods(&pending);
    assert!(
        widened
            .iter()
            .all(|op| op.call == 0 && op.return_ == PENDING)
    );
}

#[test]
fn the_sequential_search_stops_at_its_step_limit() {
    let history: Vec<Op> = (0..8)
        .map(|c| write(c, c as i64, 0, 1))
        .chain([read(9, Some(99), 2, 3)])
        .collect();
    let verdict = check_consistency(
        &Register,
        &history,
        Consistency::Sequential,
        Budget::steps(50),
    );
    assert_eq!(verdict.is_consistent(), None, "{verdict}");
    assert!(
        verdict
            .to_string()
            .starts_with("unknown whether sequentially consistent")
    );
}

/// Brute force: every order of the operations in which `before(a, b)` puts `a` first,
/// each open operation placed or left out; is one legal?
fn brute(history: &[Op], before: &dyn Fn(&Op, &Op) -> bool) -> bool {
    fn go(
        history: &[Op],
        before: &dyn Fn(&Op, &Op) -> bool,
        done: &mut [bool],
        state: Option<i64>,
    ) -> bool {
        if done.iter().all(|&d| d) {
            return true;
        }
        for i in 0..history.len() {
            let ready = !done[i]
                && (0..history.len())
                    .all(|j| done[j] || j == i || !before(&history[j], &history[i]));
            if !ready {
                continue;
            }
            let op = &history[i];
            done[i] = true;
            if let Some(next) = Register.step(&state, &op.input, op.output.as_ref())
                && go(history, before, done, next)
            {
                return true;
            }
            if op.is_pending() && op.output.is_none() && go(history, before, done, state) {
                return true;
            }
            done[i] = false;
        }
        false
    }
    go(history, before, &mut vec![false; history.len()], None)
}

/// A quiescent moment `t + 1/2` lies between `a` and `b`: no operation is in flight then.
fn quiescent_between(history: &[Op], a: &Op, b: &Op) -> bool {
    a.return_ < b.call
        && (a.return_..b.call).any(|t| !history.iter().any(|x| x.call <= t && x.return_ > t))
}

fn history_strategy() -> impl Strategy<Value = Vec<Op>> {
    let op = (
        0..3usize,
        0..8u64,
        0..4u64,
        prop_oneof![Just(None), (1..3i64).prop_map(Some)],
        any::<bool>(),
    );
    prop::collection::vec(op, 1..=6).prop_map(|raw| {
        let mut ops: Vec<Op> = Vec::new();
        let mut free = [0u64; 3];
        for (client, start, len, value, is_write) in raw {
            let call = start.max(free[client]);
            let return_ = call + len;
            free[client] = return_ + 1;
            ops.push(match (is_write, value) {
                (true, Some(v)) => write(client, v, call, return_),
                (true, None) => write(client, 1, call, return_),
                (false, v) => read(client, v, call, return_),
            });
        }
        // The last write, sometimes, never returned (its client's later operations are
        // dropped by `program_order_ends_with_pending`).
        if let Some(last) = ops
            .iter_mut()
            .rev()
            .find(|op| matches!(op.input, In::Write(_)))
            && last.call % 3 == 0
        {
            last.output = None;
            last.return_ = PENDING;
        }
        ops
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn every_condition_agrees_with_brute_force(history in history_strategy()) {
        let mut history = history;
        program_order_ends_with_pending(&mut history);
        let [lin, sc, qc] = verdicts(&history);
        let real_time = |a: &Op, b: &Op| a.return_ < b.call;
        let program = |a: &Op, b: &Op| a.client_id == b.client_id && a.call < b.call;
        let quiescent = |a: &Op, b: &Op| quiescent_between(&history, a, b);
        prop_assert_eq!(lin, Some(brute(&history, &real_time)), "linearizable");
        prop_assert_eq!(sc, Some(brute(&history, &program)), "sequential");
        prop_assert_eq!(qc, Some(brute(&history, &quiescent)), "quiescent");
        if lin == Some(true) {
            prop_assert!(sc == Some(true) && qc == Some(true));
        }
    }
}

/// A pending operation is its client's last: drop that client's later operations.
fn program_order_ends_with_pending(history: &mut Vec<Op>) {
    let cut: Vec<(usize, u64)> = (history.iter())
        .filter(|op| op.is_pending())
        .map(|op| (op.client_id, op.call))
        .collect();
    history.retain(|op| {
        !cut.iter()
            .any(|&(c, call)| op.client_id == c && op.call > call)
    });
}
