//! Whose figures: a child counts for an IRO allocated at any point of the year while looked
//! after; a child at 31 March for the IRO allocated that day; a review for the IRO allocated on
//! the day it was held.

use super::*;

/// 1. IRO 1, then IRO 2 from 1 Oct 2025; looked after since 2024; reviews held Mon 2 Jun 2025
///    (IRO 1) and Thu 15 Jan 2026 (IRO 2).
/// 2. Never allocated; looked after since 2024.
/// 3. IRO 1, then IRO 2 from 1 Apr 2026 — after their care ended on 31 Dec 2025.
fn transfers() -> Caseload {
    let mut unallocated = Kid::new(2, Some("2015-01-01")).care("2024-01-08", None);
    unallocated.0.allocations.clear();
    caseload(vec![
        Kid::new(1, Some("2015-01-01"))
            .allocate(2, "2025-10-01")
            .care("2024-01-08", None)
            .review("2025-06-02", Some(Participation::Pn1))
            .review("2026-01-15", Some(Participation::Pn1)),
        unallocated,
        Kid::new(3, Some("2015-01-01"))
            .allocate(2, "2026-04-01")
            .care("2024-01-08", Some("2025-12-31")),
    ])
}

fn only(ids: &[i64]) -> IroFilter {
    IroFilter::Only {
        iros: ids.iter().map(|&i| IroId(i)).collect(),
    }
}

fn figures(filter: &IroFilter) -> (Value, Value, Value) {
    let r = report_with(
        &transfers(),
        2025,
        &ReportOptions::DEFAULTS,
        &Rules::defaults(),
        filter,
    );
    (
        fig(&r, "lac.children_during_year").0,
        fig(&r, "lac.children_at_31_march").0,
        fig(&r, "lac.reviews_held").0,
    )
}

#[test]
fn a_transferred_child_counts_for_both_iros_and_each_review_for_one() {
    // IRO 1: children 1 and 3 during the year; nobody at 31 March (child 1 moved to IRO 2);
    // the June review.
    assert_eq!(figures(&only(&[1])), (n(2), n(0), n(1)));
    // IRO 2: child 1 only (child 3's allocation came after their care ended); child 1 at 31
    // March; the January review.
    assert_eq!(figures(&only(&[2])), (n(1), n(1), n(1)));
    // Both: each child once, both reviews.
    assert_eq!(figures(&only(&[1, 2])), (n(2), n(1), n(2)));
    // Everyone: the unallocated child too.
    assert_eq!(figures(&IroFilter::All), (n(3), n(2), n(2)));
}

#[test]
fn the_report_names_the_iros_it_is_about() {
    let r = report_with(
        &transfers(),
        2025,
        &ReportOptions::DEFAULTS,
        &Rules::defaults(),
        &only(&[2]),
    );
    assert!(!r.all_iros);
    let names: Vec<&str> = r.iros.iter().map(|i| i.name.as_str()).collect();
    assert_eq!(names, ["IRO 2"]);
    let r = report(&transfers(), 2025);
    assert!(r.all_iros);
    assert_eq!(r.iros.len(), 2);
}
