//! The headline facts the docs build on, across the whole planted-bug gallery. (Each
//! bug's claims are checked one by one in `cases.rs`: `gallery::BUG::COLUMN`.)

use synclab::Family;
use synclab::gallery::{self, Claim};

/// The headline facts the docs build on, across the whole gallery.
#[test]
fn loom_finds_every_bug_and_shuttle_no_ordering_bug() {
    let bugs = gallery::all();
    assert!(bugs.len() >= 12, "the gallery keeps at least 12 bugs");
    for bug in &bugs {
        let [loom, random, d1, d2, d3, ..] = bug.claims;
        assert_eq!(loom, Claim::Found, "{}", bug.name);
        match bug.kind {
            gallery::Kind::Ordering => {
                assert_eq!([random, d1, d2, d3], [Claim::Missed; 4], "{}", bug.name);
            }
            gallery::Kind::Interleaving => {
                assert_eq!([random, d3], [Claim::Found; 2], "{}", bug.name);
            }
        }
    }
    for family in [Family::Counter, Family::Lock, Family::Map] {
        for kind in [gallery::Kind::Interleaving, gallery::Kind::Ordering] {
            assert!(
                bugs.iter().any(|b| b.family == family && b.kind == kind)
                    || (family == Family::Counter && kind == gallery::Kind::Ordering),
                "no {kind:?} bug in the {family} family"
            );
        }
    }
}
