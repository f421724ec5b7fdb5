//! Unit tests of the search: the order it finds, the shortcuts, the budget.

use super::*;
use crate::lincheck::Budget;
use crate::lincheck::models::{Counter, CounterInput, Register, RegisterInput, RegisterOutput};

fn run<M: Model>(model: &M, ops: &[Operation<M::Input, M::Output>]) -> Outcome {
    let refs: Vec<_> = ops.iter().collect();
    let meter = Meter::new(Budget::unlimited(), 0);
    let mut search = Search::new(model, &refs);
    loop {
        if let Poll::Done(outcome) = search.run(&meter, 3) {
            return outcome;
        }
    }
}

#[test]
fn finds_the_only_order() {
    // Two overlapping increments; the one called second saw 0.
    let ops = [
        Operation::new(0, CounterInput::FetchAdd(1), 0, 2, 10),
        Operation::new(1, CounterInput::FetchAdd(2), 1, 0, 9),
        Operation::new(2, CounterInput::Load, 11, 3, 12),
    ];
    assert_eq!(run(&Counter, &ops), Outcome::Linearizable(vec![1, 0, 2]));
}

#[test]
fn operations_may_be_given_in_any_order() {
    let ops = [
        Operation::new(2, CounterInput::Load, 11, 3, 12),
        Operation::new(0, CounterInput::FetchAdd(1), 0, 2, 10),
        Operation::new(1, CounterInput::FetchAdd(2), 1, 0, 9),
    ];
    assert_eq!(run(&Counter, &ops), Outcome::Linearizable(vec![2, 1, 0]));
}

#[test]
fn reports_the_longest_prefix() {
    let ops = [
        Operation::new(0, CounterInput::FetchAdd(1), 0, 0, 1),
        Operation::new(0, CounterInput::FetchAdd(1), 2, 1, 3),
        Operation::new(0, CounterInput::Load, 4, 7, 5),
    ];
    assert_eq!(run(&Counter, &ops), Outcome::Stuck(vec![0, 1]));
}

#[test]
fn open_operations_take_effect_late_or_never() {
    let ops = [
        Operation::pending(0, CounterInput::FetchAdd(5), 0),
        Operation::new(1, CounterInput::Load, 1, 0, 2),
        Operation::new(1, CounterInput::Load, 3, 5, 4),
    ];
    assert_eq!(run(&Counter, &ops), Outcome::Linearizable(vec![1, 0, 2]));
    assert_eq!(run(&Counter, &ops[..2]), Outcome::Linearizable(vec![1, 0]));
}

#[test]
fn identical_open_operations_are_tried_once() {
    let write = |v| Operation::pending(0, RegisterInput::Write(v), 0);
    let read = |v, t| {
        Operation::new(
            1,
            RegisterInput::Read,
            t,
            RegisterOutput::Value(Some(v)),
            t + 1,
        )
    };
    let ops = [
        write(1),
        write(2),
        write(1),
        read(2, 10),
        read(1, 20),
        read(3, 30),
    ];
    let refs: Vec<_> = ops.iter().collect();
    assert_eq!(
        twins(&refs),
        vec![NONE, NONE, 0, NONE, NONE, NONE],
        "the second write(1) waits for the first"
    );
    assert!(matches!(run(&Register, &ops), Outcome::Stuck(_)));
    assert!(matches!(
        run(&Register, &ops[..5]),
        Outcome::Linearizable(_)
    ));
}

#[test]
fn step_budget_stops_the_search() {
    let ops = [Operation::new(0, CounterInput::Load, 0, 0, 1)];
    let refs: Vec<_> = ops.iter().collect();
    let meter = Meter::new(Budget::steps(0), 0);
    assert_eq!(Search::new(&Counter, &refs).run(&meter, 100), Poll::Pending);
    assert!(meter.should_stop());
}

#[test]
fn the_memo_prunes_revisits_and_survives_being_emptied() {
    // Eight concurrent increments of 1 whose results were lost, and a load that no
    // order can explain: every subset of increments is one situation (2^8 of them),
    // while the orders of them number 8! = 40,320.
    let mut ops: Vec<_> = (0..8)
        .map(|i| Operation::pending(i, CounterInput::FetchAdd(1), 0))
        .map(|mut op| {
            op.return_ = 100;
            op
        })
        .collect();
    ops.push(Operation::new(9, CounterInput::Load, 200, 99, 201));
    let refs: Vec<_> = ops.iter().collect();
    let meter = Meter::new(Budget::unlimited(), 0);
    let mut search = Search::new(&Counter, &refs);
    let mut steps = 0;
    while search.run(&meter, 1) == Poll::Pending {
        steps += 1;
        if steps == 10 {
            assert!(search.remembered() > 0);
        }
    }
    assert!(steps < 20_000, "{steps} steps: the memo did not prune");
    // With no room for a memo the search still ends, with the same verdict.
    let meter = Meter::new(Budget::memory(1), 0);
    let mut search = Search::new(&Counter, &refs);
    let outcome = loop {
        if let Poll::Done(outcome) = search.run(&meter, 1_000) {
            break outcome;
        }
    };
    assert!(matches!(outcome, Outcome::Stuck(_)));
    assert_eq!(meter.exhausted(), None);
}
