//! The list of ported programs: one entry each, with its scenarios and the published
//! numbers to compare with.

use super::Published as P;
use super::{Program, Pub};
use crate::gallery::Flavours;
use Pub::{Mean, Never, Partly};

/// One program's scenario in both runtimes: `ported!(reorder::bad(3))` is
/// `synclab::loom::sctbench::reorder::bad(3)` for loom and the same path under
/// `synclab::shuttle` for shuttle (no std flavour: see `programs/mod.rs`).
macro_rules! ported {
    ($($call:tt)*) => {
        Flavours {
            loom: Some(|| crate::loom::sctbench::$($call)*),
            shuttle: || crate::shuttle::sctbench::$($call)*,
            std: None,
        }
    };
}

/// The repository the programs come from, and PERIOD's copy that adds the larger sizes.
const SCTBENCH: &str = "mc-imperial/sctbench, benchmarks/concurrent-software-benchmarks/";
const PERIOD: &str = "wcventure/PERIOD, evaluation/CS/";

/// SURW, PCT d3, POS, random walk (`../shared/design/CHECKER-ANCHORS.md`, from the SURW
/// paper's data): mean schedules to the first failure over 20 trials.
const fn published(surw: Pub, pct3: Pub, pos: Pub, random_walk: Pub) -> Option<P> {
    Some(P {
        surw,
        pct3,
        pos,
        random_walk,
    })
}

/// A program and its fields, in the order of [`Program`].
#[allow(clippy::too_many_arguments)]
const fn program(
    name: &'static str,
    source: &'static str,
    threads: usize,
    deadlock: bool,
    what: &'static str,
    bad: Flavours,
    ok: Option<Flavours>,
    published: Option<P>,
) -> Program {
    Program {
        name,
        source,
        threads,
        deadlock,
        what,
        bad,
        ok,
        published,
    }
}

/// Every ported program, in alphabetical order (the sizes of a family in increasing
/// order). A table, one program per block: rustfmt would give every argument its own
/// line.
#[rustfmt::skip]
pub fn all() -> Vec<Program> {
    let mut programs = vec![
        program("account", SCTBENCH, 3, false,
            "the checker expects (x - y) - z; deposit and withdrawal make (x + y) - z",
            ported!(account::bad()), Some(ported!(account::ok())),
            published(Mean(6), Mean(4), Mean(4), Mean(18))),
        program("arithmetic_prog", SCTBENCH, 2, false,
            "asserts that a producer-consumer total is not the sum it always is",
            ported!(arithmetic_prog::bad()), Some(ported!(arithmetic_prog::ok())), None),
        program("bluetooth_driver", SCTBENCH, 1, false,
            "check-then-act on the stopping flag: work on a stopped device",
            ported!(bluetooth_driver::bad()), None,
            published(Mean(70), Mean(112), Mean(36), Mean(215))),
        program("carter01", SCTBENCH, 4, true,
            "a class lock taken under a mutex and released under it again: deadlock",
            ported!(carter01::bad()), None, None),
        program("circular_buffer", SCTBENCH, 2, false,
            "the reader compares the element with its own round, which drifts from the writer's",
            ported!(circular_buffer::bad()), Some(ported!(circular_buffer::ok())), None),
        program("deadlock01", PERIOD, 2, true,
            "two mutexes taken in opposite orders: deadlock",
            ported!(deadlock01::bad()), None,
            published(Mean(2), Mean(13), Mean(4), Mean(3))),
    ];
    programs.extend([
        din_phil(2, ported!(din_phil::bad(2)), ported!(din_phil::ok(2))),
        din_phil(3, ported!(din_phil::bad(3)), ported!(din_phil::ok(3))),
        din_phil(4, ported!(din_phil::bad(4)), ported!(din_phil::ok(4))),
        din_phil(5, ported!(din_phil::bad(5)), ported!(din_phil::ok(5))),
        din_phil(6, ported!(din_phil::bad(6)), ported!(din_phil::ok(6))),
        din_phil(7, ported!(din_phil::bad(7)), ported!(din_phil::ok(7))),
    ]);
    programs.extend([
        program("fsbench", SCTBENCH, 27, false,
            "thread 26 has no inode lock: the bounds assertion fails whenever it runs",
            ported!(fsbench::bad()), Some(ported!(fsbench::ok())), None),
        program("lazy01", PERIOD, 3, false,
            "the checker fails if it runs after both adders",
            ported!(lazy01::bad()), Some(ported!(lazy01::ok())),
            published(Mean(2), Mean(5), Mean(5), Mean(21))),
        program("phase01", SCTBENCH, 2, true,
            "a mutex locked again and never released: the other thread waits forever",
            ported!(phase01::bad()), None, None),
        program("queue", PERIOD, 2, false,
            "the consumer compares with the stored element of its own round, which drifts",
            ported!(queue::bad()), Some(ported!(queue::ok())), None),
    ]);
    programs.extend([
        reorder(3, ported!(reorder::bad(3)), published(Mean(7), Mean(185), Mean(86), Never)),
        reorder(4, ported!(reorder::bad(4)), None),
        reorder(5, ported!(reorder::bad(5)), published(Mean(10), Mean(647), Mean(2169), Never)),
        reorder(10, ported!(reorder::bad(10)),
            published(Mean(17), Partly(3225, 16), Never, Never)),
        reorder(20, ported!(reorder::bad(20)), published(Mean(6), Mean(3005), Never, Never)),
        reorder(50, ported!(reorder::bad(50)), None),
        reorder(100, ported!(reorder::bad(100)), published(Mean(194), Never, Never, Never)),
    ]);
    programs.extend([
        program("stack", SCTBENCH, 2, false,
            "the popper pops whenever anything was ever pushed: underflow",
            ported!(stack::bad()), Some(ported!(stack::ok())),
            published(Mean(5), Mean(3), Mean(2), Mean(176))),
        program("sync01", SCTBENCH, 2, true,
            "starts full and the consumer never consumes: the producer waits forever",
            ported!(sync01::bad()), Some(ported!(sync01::ok())), None),
        program("sync02", SCTBENCH, 2, true,
            "starts with two items in a one-place buffer: the producer waits forever",
            ported!(sync02::bad()), Some(ported!(sync02::ok())), None),
        program("token_ring", SCTBENCH, 4, false,
            "the values agree only if the three writers ran in ring order",
            ported!(token_ring::bad()), None,
            published(Mean(8), Mean(8), Mean(9), Mean(13))),
    ]);
    programs.extend([
        twostage("twostage", PERIOD, (1, 1), ported!(twostage::bad(1, 1)),
            published(Mean(8), Mean(13), Mean(15), Mean(464))),
        twostage("twostage_20", PERIOD, (10, 10), ported!(twostage::bad(10, 10)), None),
        twostage("twostage_50", PERIOD, (40, 10), ported!(twostage::bad(40, 10)),
            published(Mean(20), Mean(1676), Mean(1637), Never)),
        twostage("twostage_100", PERIOD, (99, 1), ported!(twostage::bad(99, 1)),
            published(Mean(454), Partly(7466, 3), Partly(6674, 3), Never)),
        program("wronglock", SCTBENCH, 8, false,
            "two locks guard one counter: a B increment lands inside A's critical section",
            ported!(wronglock::bad(7)), None,
            published(Mean(7), Mean(51), Mean(10), Mean(36))),
        program("wronglock_3", SCTBENCH, 4, false,
            "wronglock with three B threads",
            ported!(wronglock::bad(3)), None, None),
    ]);
    programs
}

/// `din_phil{n}_sat` and its `unsat` twin.
fn din_phil(n: usize, bad: Flavours, ok: Flavours) -> Program {
    const NAMES: [&str; 6] = [
        "din_phil2",
        "din_phil3",
        "din_phil4",
        "din_phil5",
        "din_phil6",
        "din_phil7",
    ];
    program(
        NAMES[n - 2],
        SCTBENCH,
        n,
        false,
        "an unlocked meal counter: the last philosopher reaches the assertion",
        bad,
        Some(ok),
        None,
    )
}

/// `reorder_{n}`.
fn reorder(n: usize, bad: Flavours, published: Option<P>) -> Program {
    let (name, source) = match n {
        3 => ("reorder_3", PERIOD),
        4 => ("reorder_4", PERIOD),
        5 => ("reorder_5", PERIOD),
        10 => ("reorder_10", PERIOD),
        20 => ("reorder_20", PERIOD),
        50 => ("reorder_50", PERIOD),
        _ => ("reorder_100", PERIOD),
    };
    program(
        name,
        source,
        n,
        false,
        "a setter preempted between its two writes shows the checker half an update",
        bad,
        None,
        published,
    )
}

/// A `twostage` size with `(writers, readers)` threads.
fn twostage(
    name: &'static str,
    source: &'static str,
    (writers, readers): (usize, usize),
    bad: Flavours,
    published: Option<P>,
) -> Program {
    program(
        name,
        source,
        writers + readers,
        false,
        "a reader runs between a writer's two critical sections",
        bad,
        None,
        published,
    )
}
