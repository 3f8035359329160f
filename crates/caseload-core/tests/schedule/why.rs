//! A warning row's "Why?": rows carry the key of their date's explanation, and the explanation
//! asked for with it is the one written at once for that date.

use super::no_clock_vanishes::{build, spec};
use super::*;
use caseload_core::warnings::explain_warning;
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn every_dated_row_explains_to_its_date_as_written_at_once(spec in spec()) {
        let (rec, as_of) = build(&spec);
        let env = Env::defaults();
        let ctx = env.ctx();
        let written = schedule(&rec, &ctx, as_of);
        let caseload = Caseload { iros: vec![], children: vec![rec.clone()] };
        for w in compute_warnings(&caseload, &ctx, as_of, None) {
            let (Some(rule), Some(due)) = (w.rule, w.due) else {
                prop_assert!(w.why.is_none(), "a row with no date has no Why: {w:?}");
                continue;
            };
            let key = w.why.expect("a row with a rule and a date has a Why");
            prop_assert_eq!((key.child, key.as_of, key.rule, key.due), (rec.child.id, as_of, rule, due));
            let explained = explain_warning(&rec, &ctx, &key).expect("the record gives the date");
            // Two reviews held days apart can owe their decisions on the same day: the
            // meeting tells their rows apart.
            let meeting = |i: &DueItem| i.booked.as_ref().map(|b| b.meeting).or(i.after_meeting);
            let item = written
                .iter()
                .find(|i| i.due.rule == rule && i.due.due == due && meeting(i) == key.meeting)
                .expect("the row's date is in the schedule");
            prop_assert_eq!(key.meeting, w.meeting);
            prop_assert!(!explained.text.is_empty());
            prop_assert_eq!(&explained, &item.due.explanation);
        }
    }
}
