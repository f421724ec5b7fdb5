//! `account` — SCTBench `concurrent-software-benchmarks/account_bad.c` and `account_ok.c`.
//!
//! Three threads share a bank balance under one mutex: `deposit` adds `y`, `withdraw`
//! takes `z`, and `check_result` (started first) asserts, once both have run, that the
//! balance is what it expects.
//!
//! The bug: the bad version expects `(x - y) - z` where the balance is `(x + y) - z`,
//! so the assertion fails in every execution in which `check_result` takes the lock
//! after both others. The ok twin expects `(x + y) - z`.

use super::{lock, rt};

const X: i32 = 1;
const Y: i32 = 2;
const Z: i32 = 4;

struct Account {
    balance: i32,
    deposit_done: bool,
    withdraw_done: bool,
}

fn run(expected: i32) {
    let m = rt::sync::Mutex::new(Account {
        balance: X,
        deposit_done: false,
        withdraw_done: false,
    });
    rt::thread::scope(|s| {
        s.spawn(|| {
            let account = lock(&m);
            if account.deposit_done && account.withdraw_done {
                assert_eq!(
                    account.balance, expected,
                    "account: the balance after a deposit and a withdrawal"
                );
            }
        });
        s.spawn(|| {
            let mut account = lock(&m);
            account.balance += Y;
            account.deposit_done = true;
        });
        s.spawn(|| {
            let mut account = lock(&m);
            account.balance -= Z;
            account.withdraw_done = true;
        });
    });
}

/// The bad version: the check expects `(x - y) - z`.
pub fn bad() {
    run((X - Y) - Z);
}

/// The ok twin: the check expects `(x + y) - z`.
pub fn ok() {
    run((X + Y) - Z);
}
