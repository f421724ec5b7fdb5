//! The object API on synclab's collections: what a check of any object reports.

use synclab::check::Suite;
use synclab::conformance;

macro_rules! suite {
    ($suite:ident, $($ty:ident)::+ $(<$($arg:tt),*>)?) => {
        conformance::$suite::<
            synclab::$($ty)::+ $(<$($arg),*>)?,
            synclab::loom::$($ty)::+ $(<$($arg),*>)?,
            synclab::shuttle::$($ty)::+ $(<$($arg),*>)?,
        >()
    };
}

fn show(suite: Suite) {
    match suite.run("scratch") {
        Ok(report) => println!("{report}"),
        Err(failure) => println!("{}", failure.report),
    }
}

#[test]
#[ignore]
fn scratch() {
    show(suite!(spsc_queue, collections::SpscRing<u32, 2>));
    show(suite!(queue, collections::SpscRing<u32, 2>));
    show(suite!(stack, collections::TreiberStack<u32>));
    show(suite!(key_map, collections::StripedMap<u32, u32>));
    show(suite!(spsc_queue, collections::planted::RelaxedSpscRing));
    show(suite!(stack, collections::planted::LostPushStack));
    show(suite!(key_map, collections::planted::SplitInsertMap));
}

/// Prints the matrix rows of the collections' planted bugs (scratch).
#[test]
#[ignore]
fn scratch_matrix() {
    let bugs: Vec<_> = synclab::gallery::all()
        .into_iter()
        .filter(|b| b.family == synclab::Family::Object)
        .collect();
    let matrix = synclab::gallery::Matrix::measure(&bugs, |_, _| {});
    println!("{}", matrix.markdown());
}
