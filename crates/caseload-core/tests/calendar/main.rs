//! The calendar feature (domain.md §1 and §9) tested through its public API: bundled
//! bank holidays, the fallback algorithm, working-day counts in both conventions, month
//! arithmetic, provisional years and imported years. Vectors are tables run through one
//! `check` helper per feature; invariants are property tests.

use caseload_core::calendar::{
    add_months, computed_holidays, easter_sunday, Calendar, Convention, Direction, HolidayOrigin,
    NonWorking, WorkingDayCount,
};
use chrono::{Datelike, NaiveDate, Weekday};

#[path = "../common/mod.rs"]
mod common;
use common::d;

/// One line per skipped day, then the result: the text an explanation is built from.
fn render(count: &WorkingDayCount) -> String {
    let mut text = String::new();
    for day in &count.skipped {
        let reason = match &day.reason {
            NonWorking::Weekend { weekday } => weekday.clone(),
            NonWorking::BankHoliday {
                name,
                provisional: false,
            } => name.clone(),
            NonWorking::BankHoliday {
                name,
                provisional: true,
            } => format!("{name} (provisional)"),
        };
        text.push_str(&format!("skip {} {reason}\n", day.date));
    }
    text.push_str(&format!(
        "{} {} {:?} -> {}{}\n",
        count.from,
        count.days,
        count.direction,
        count.result,
        if count.provisional {
            " provisional"
        } else {
            ""
        }
    ));
    text
}

mod bank_holidays {
    use super::*;

    /// domain.md §1.4 copied verbatim: an independent statement of the bundled data.
    const DOMAIN_TABLE: &str = "\
| 2015 | 2015-01-01 Thu NY; 2015-04-03 Fri GF; 2015-04-06 Mon EM; 2015-05-04 Mon Early May; 2015-05-25 Mon Spring; 2015-08-31 Mon Summer; 2015-12-25 Fri Xmas; 2015-12-28 Mon Boxing (sub) |
| 2016 | 2016-01-01 Fri NY; 2016-03-25 Fri GF; 2016-03-28 Mon EM; 2016-05-02 Mon Early May; 2016-05-30 Mon Spring; 2016-08-29 Mon Summer; 2016-12-26 Mon Boxing; 2016-12-27 Tue Xmas (sub) |
| 2017 | 2017-01-02 Mon NY (sub); 2017-04-14 Fri GF; 2017-04-17 Mon EM; 2017-05-01 Mon Early May; 2017-05-29 Mon Spring; 2017-08-28 Mon Summer; 2017-12-25 Mon Xmas; 2017-12-26 Tue Boxing |
| 2018 | 2018-01-01 Mon NY; 2018-03-30 Fri GF; 2018-04-02 Mon EM; 2018-05-07 Mon Early May; 2018-05-28 Mon Spring; 2018-08-27 Mon Summer; 2018-12-25 Tue Xmas; 2018-12-26 Wed Boxing |
| 2019 | 2019-01-01 Tue NY; 2019-04-19 Fri GF; 2019-04-22 Mon EM; 2019-05-06 Mon Early May; 2019-05-27 Mon Spring; 2019-08-26 Mon Summer; 2019-12-25 Wed Xmas; 2019-12-26 Thu Boxing |
| 2020 | 2020-01-01 Wed NY; 2020-04-10 Fri GF; 2020-04-13 Mon EM; 2020-05-08 Fri Early May (VE Day, moved); 2020-05-25 Mon Spring; 2020-08-31 Mon Summer; 2020-12-25 Fri Xmas; 2020-12-28 Mon Boxing (sub) |
| 2021 | 2021-01-01 Fri NY; 2021-04-02 Fri GF; 2021-04-05 Mon EM; 2021-05-03 Mon Early May; 2021-05-31 Mon Spring; 2021-08-30 Mon Summer; 2021-12-27 Mon Xmas (sub); 2021-12-28 Tue Boxing (sub) |
| 2022 | 2022-01-03 Mon NY (sub); 2022-04-15 Fri GF; 2022-04-18 Mon EM; 2022-05-02 Mon Early May; 2022-06-02 Thu Spring (moved from 30 May); 2022-06-03 Fri Platinum Jubilee (extra); 2022-08-29 Mon Summer; 2022-09-19 Mon State Funeral QEII (extra); 2022-12-26 Mon Boxing; 2022-12-27 Tue Xmas (sub) |
| 2023 | 2023-01-02 Mon NY (sub); 2023-04-07 Fri GF; 2023-04-10 Mon EM; 2023-05-01 Mon Early May; 2023-05-08 Mon Coronation KCIII (extra); 2023-05-29 Mon Spring; 2023-08-28 Mon Summer; 2023-12-25 Mon Xmas; 2023-12-26 Tue Boxing |
| 2024 | 2024-01-01 Mon NY; 2024-03-29 Fri GF; 2024-04-01 Mon EM; 2024-05-06 Mon Early May; 2024-05-27 Mon Spring; 2024-08-26 Mon Summer; 2024-12-25 Wed Xmas; 2024-12-26 Thu Boxing |
| 2025 | 2025-01-01 Wed NY; 2025-04-18 Fri GF; 2025-04-21 Mon EM; 2025-05-05 Mon Early May; 2025-05-26 Mon Spring; 2025-08-25 Mon Summer; 2025-12-25 Thu Xmas; 2025-12-26 Fri Boxing |
| 2026 | 2026-01-01 Thu NY; 2026-04-03 Fri GF; 2026-04-06 Mon EM; 2026-05-04 Mon Early May; 2026-05-25 Mon Spring; 2026-08-31 Mon Summer; 2026-12-25 Fri Xmas; 2026-12-28 Mon Boxing (sub) |
| 2027 | 2027-01-01 Fri NY; 2027-03-26 Fri GF; 2027-03-29 Mon EM; 2027-05-03 Mon Early May; 2027-05-31 Mon Spring; 2027-08-30 Mon Summer; 2027-12-27 Mon Xmas (sub); 2027-12-28 Tue Boxing (sub) |
| 2028 | 2028-01-03 Mon NY (sub); 2028-04-14 Fri GF; 2028-04-17 Mon EM; 2028-05-01 Mon Early May; 2028-05-29 Mon Spring; 2028-08-28 Mon Summer; 2028-12-25 Mon Xmas; 2028-12-26 Tue Boxing |
";

    /// (date, weekday abbreviation, label) for every entry of [`DOMAIN_TABLE`].
    fn domain_entries() -> Vec<(NaiveDate, &'static str, &'static str)> {
        DOMAIN_TABLE
            .lines()
            .flat_map(|row| row.split('|').nth(2).unwrap().split(';'))
            .map(|entry| {
                let mut words = entry.trim().splitn(3, ' ');
                let date = d(words.next().unwrap());
                (date, words.next().unwrap(), words.next().unwrap())
            })
            .collect()
    }

    /// The bundled name a domain.md label must map to.
    fn expected_name(label: &str) -> &'static str {
        match label {
            "NY" => "New Year's Day",
            "NY (sub)" => "New Year's Day (substitute day)",
            "GF" => "Good Friday",
            "EM" => "Easter Monday",
            "Early May" => "Early May bank holiday",
            "Early May (VE Day, moved)" => "Early May bank holiday (VE Day)",
            "Spring" | "Spring (moved from 30 May)" => "Spring bank holiday",
            "Summer" => "Summer bank holiday",
            "Xmas" => "Christmas Day",
            "Xmas (sub)" => "Christmas Day (substitute day)",
            "Boxing" => "Boxing Day",
            "Boxing (sub)" => "Boxing Day (substitute day)",
            "Platinum Jubilee (extra)" => "Platinum Jubilee bank holiday",
            "State Funeral QEII (extra)" => "State Funeral of Queen Elizabeth II",
            "Coronation KCIII (extra)" => "Coronation of King Charles III",
            other => panic!("unknown label in domain table: {other}"),
        }
    }

    #[test]
    fn bundled_table_has_115_dates_8_a_year_10_in_2022_9_in_2023() {
        let calendar = Calendar::bundled();
        assert_eq!(calendar.loaded_years(), (2015..=2028).collect::<Vec<_>>());
        let mut total = 0;
        for year in 2015..=2028 {
            let holidays = calendar.holidays_in_year(year);
            let expected = match year {
                2022 => 10,
                2023 => 9,
                _ => 8,
            };
            assert_eq!(holidays.len(), expected, "{year}");
            assert!(
                holidays.iter().all(|h| h.origin == HolidayOrigin::Bundled),
                "{year}"
            );
            total += holidays.len();
        }
        assert_eq!(total, 115);
        assert_eq!(Calendar::default(), calendar);
    }

    #[test]
    fn every_date_of_domain_table_is_a_bundled_non_working_bank_holiday() {
        let calendar = Calendar::bundled();
        let entries = domain_entries();
        assert_eq!(entries.len(), 115);
        for (date, weekday, label) in &entries {
            assert_eq!(&format!("{}", date.weekday()), weekday, "{date}");
            let holiday = calendar
                .holiday_on(*date)
                .unwrap_or_else(|| panic!("{date} missing"));
            assert_eq!(holiday.name, expected_name(label), "{date}");
            assert_eq!(holiday.origin, HolidayOrigin::Bundled);
            assert!(!calendar.is_working_day(*date), "{date}");
            assert_eq!(
                calendar.non_working_reason(*date),
                Some(NonWorking::BankHoliday {
                    name: holiday.name.clone(),
                    provisional: false
                }),
            );
        }
        // And nothing else in 2015–2028 is a holiday.
        let bundled: Vec<NaiveDate> = (2015..=2028)
            .flat_map(|y| calendar.holidays_in_year(y))
            .map(|h| h.date)
            .collect();
        let listed: Vec<NaiveDate> = entries.iter().map(|(date, _, _)| *date).collect();
        assert_eq!(bundled, listed);
    }

    #[test]
    fn algorithm_reproduces_bundled_years_except_documented_one_offs() {
        let calendar = Calendar::bundled();
        for year in 2015..=2028 {
            let key = |h: &caseload_core::calendar::Holiday| (h.date, h.name.clone());
            let computed: Vec<_> = computed_holidays(year).iter().map(key).collect();
            let bundled: Vec<_> = calendar.holidays_in_year(year).iter().map(key).collect();
            let only_computed: Vec<String> = computed
                .iter()
                .filter(|c| !bundled.contains(c))
                .map(|(date, name)| format!("{date} {name}"))
                .collect();
            let only_bundled: Vec<String> = bundled
                .iter()
                .filter(|b| !computed.contains(b))
                .map(|(date, name)| format!("{date} {name}"))
                .collect();
            let (expected_computed, expected_bundled): (&[&str], &[&str]) = match year {
                2020 => (
                    &["2020-05-04 Early May bank holiday"],
                    &["2020-05-08 Early May bank holiday (VE Day)"],
                ),
                2022 => (
                    &["2022-05-30 Spring bank holiday"],
                    &[
                        "2022-06-02 Spring bank holiday",
                        "2022-06-03 Platinum Jubilee bank holiday",
                        "2022-09-19 State Funeral of Queen Elizabeth II",
                    ],
                ),
                2023 => (&[], &["2023-05-08 Coronation of King Charles III"]),
                _ => (&[], &[]),
            };
            assert_eq!(
                only_computed, expected_computed,
                "{year}: computed but not bundled"
            );
            assert_eq!(
                only_bundled, expected_bundled,
                "{year}: bundled but not computed"
            );
            assert!(computed_holidays(year)
                .iter()
                .all(|h| h.origin == HolidayOrigin::Computed));
        }
    }

    #[test]
    fn easter_sunday_of_known_years() {
        let known = [
            (2015, "2015-04-05"),
            (2016, "2016-03-27"),
            (2017, "2017-04-16"),
            (2018, "2018-04-01"),
            (2019, "2019-04-21"),
            (2020, "2020-04-12"),
            (2021, "2021-04-04"),
            (2022, "2022-04-17"),
            (2023, "2023-04-09"),
            (2024, "2024-03-31"),
            (2025, "2025-04-20"),
            (2026, "2026-04-05"),
            (2027, "2027-03-28"),
            (2028, "2028-04-16"),
            (2029, "2029-04-01"),
            (2038, "2038-04-25"),
            (2285, "2285-03-22"),
            (1818, "1818-03-22"),
            (1943, "1943-04-25"),
            (2000, "2000-04-23"),
        ];
        for (year, expected) in known {
            assert_eq!(easter_sunday(year), d(expected), "{year}");
        }
    }

    /// Checks the holiday on `date` in both the bundled table and the algorithm.
    fn check_holiday(date: &str, expected: Option<&str>) {
        let date = d(date);
        for calendar in [Calendar::bundled(), Calendar::empty()] {
            let name = calendar.holiday_on(date).map(|h| h.name);
            assert_eq!(
                name.as_deref(),
                expected,
                "{date}, loaded years {:?}",
                calendar.loaded_years()
            );
        }
    }

    #[test]
    fn christmas_and_new_year_substitute_days() {
        let table = [
            // 25 Dec on a Friday: Boxing Day moves to Monday 28.
            ("2015-12-25", Some("Christmas Day")),
            ("2015-12-28", Some("Boxing Day (substitute day)")),
            ("2026-12-28", Some("Boxing Day (substitute day)")),
            // 25 Dec on a Sunday: Boxing Day Mon 26, Christmas Day Tue 27.
            ("2016-12-25", None),
            ("2016-12-26", Some("Boxing Day")),
            ("2016-12-27", Some("Christmas Day (substitute day)")),
            ("2022-12-26", Some("Boxing Day")),
            ("2022-12-27", Some("Christmas Day (substitute day)")),
            // 25 Dec on a Saturday: Mon 27 and Tue 28.
            ("2021-12-25", None),
            ("2021-12-27", Some("Christmas Day (substitute day)")),
            ("2021-12-28", Some("Boxing Day (substitute day)")),
            ("2027-12-27", Some("Christmas Day (substitute day)")),
            ("2027-12-28", Some("Boxing Day (substitute day)")),
            // 1 Jan on a Sunday: Mon 2 Jan; on a Saturday: Mon 3 Jan.
            ("2017-01-01", None),
            ("2017-01-02", Some("New Year's Day (substitute day)")),
            ("2023-01-02", Some("New Year's Day (substitute day)")),
            ("2022-01-01", None),
            ("2022-01-03", Some("New Year's Day (substitute day)")),
            ("2028-01-03", Some("New Year's Day (substitute day)")),
            ("2028-01-04", None),
        ];
        for (date, expected) in table {
            check_holiday(date, expected);
        }
    }

    #[test]
    fn weekend_is_reported_before_a_listed_holiday() {
        // GOV.UK lists Sat 26 Dec 2020 as Boxing Day; it is reported as a weekend.
        let calendar = Calendar::bundled().with_imported([
            (d("2020-12-26"), "Boxing Day".to_owned()),
            (d("2020-12-28"), "Boxing Day".to_owned()),
        ]);
        assert_eq!(
            calendar.holiday_on(d("2020-12-26")).map(|h| h.name),
            Some("Boxing Day".to_owned())
        );
        assert_eq!(
            calendar.non_working_reason(d("2020-12-26")),
            Some(NonWorking::Weekend {
                weekday: "Saturday".to_owned()
            })
        );
        assert_eq!(calendar.non_working_reason(d("2020-12-29")), None);
    }
}

mod working_days {
    use expect_test::expect;

    use super::*;

    /// `from` + `days` working days: `day_zero` by the default convention, `day_one` when
    /// the event day counts as day 1. Also checks the mirror image (counting back).
    fn check_add(from: &str, days: u32, day_zero: &str, day_one: &str) {
        let calendar = Calendar::bundled();
        let (from, day_zero, day_one) = (d(from), d(day_zero), d(day_one));
        let count = calendar.add_working_days(from, days, Convention::EventDayIsDayZero);
        assert_eq!(
            count.result, day_zero,
            "{from} + {days} WD (event day is day 0)"
        );
        assert_eq!(
            (count.from, count.days, count.direction),
            (from, days, Direction::Forward)
        );
        assert!(!count.provisional);
        let inclusive = calendar.add_working_days(from, days, Convention::EventDayIsDayOne);
        assert_eq!(
            inclusive.result, day_one,
            "{from} + {days} WD (event day is day 1)"
        );
        assert_eq!(inclusive.convention, Convention::EventDayIsDayOne);
        assert_eq!(
            calendar.working_days_between(from, day_zero),
            i64::from(days)
        );
        // Counting back from the result lands on the last working day on or before `from`.
        if days > 0 {
            let back = calendar.sub_working_days(day_zero, days);
            assert_eq!(
                back.result,
                calendar.plan_by(from),
                "{day_zero} - {days} WD"
            );
            assert_eq!(back.direction, Direction::Backward);
        }
    }

    #[test]
    fn worked_examples_of_domain_section_9() {
        let table = [
            // TV1: became LAC Fri 2026-12-18, 20 WD.
            ("2026-12-18", 20, "2027-01-20", "2027-01-19"),
            // TV2: strategy discussion Mon 2026-03-30, ICPC 15 WD (Easter 2026).
            ("2026-03-30", 15, "2026-04-22", "2026-04-21"),
            // TV9: ICPC Thu 2025-12-18, core group 10 WD (Christmas + New Year).
            ("2025-12-18", 10, "2026-01-06", "2026-01-05"),
            // TV13: became LAC Sat 2025-05-03 (event on a weekend): conventions agree.
            ("2025-05-03", 20, "2025-06-03", "2025-06-03"),
            // TV16: review Thu 2026-05-21, decisions 5 WD and record 20 WD (Spring BH).
            ("2026-05-21", 5, "2026-05-29", "2026-05-28"),
            ("2026-05-21", 20, "2026-06-19", "2026-06-18"),
            // TV20: became LAC Mon 2025-01-06, first review 20 WD.
            ("2025-01-06", 20, "2025-02-03", "2025-01-31"),
            // Event on a bank holiday: conventions agree.
            ("2026-12-25", 1, "2026-12-29", "2026-12-29"),
            // One working day, event on a working day: day 1 is the event day itself.
            ("2026-03-30", 1, "2026-03-31", "2026-03-30"),
            // Zero days is the event day, whatever the convention.
            ("2026-12-26", 0, "2026-12-26", "2026-12-26"),
        ];
        for (from, days, day_zero, day_one) in table {
            check_add(from, days, day_zero, day_one);
        }
    }

    #[test]
    fn tv1_explains_every_skipped_day() {
        let count = Calendar::bundled().add_working_days(
            d("2026-12-18"),
            20,
            Convention::EventDayIsDayZero,
        );
        expect![[r#"
            skip 2026-12-19 Saturday
            skip 2026-12-20 Sunday
            skip 2026-12-25 Christmas Day
            skip 2026-12-26 Saturday
            skip 2026-12-27 Sunday
            skip 2026-12-28 Boxing Day (substitute day)
            skip 2027-01-01 New Year's Day
            skip 2027-01-02 Saturday
            skip 2027-01-03 Sunday
            skip 2027-01-09 Saturday
            skip 2027-01-10 Sunday
            skip 2027-01-16 Saturday
            skip 2027-01-17 Sunday
            2026-12-18 20 Forward -> 2027-01-20
        "#]]
        .assert_eq(&render(&count));
    }

    #[test]
    fn tv1_with_event_day_as_day_one_skips_the_same_days_up_to_its_result() {
        let count =
            Calendar::bundled().add_working_days(d("2026-12-18"), 20, Convention::EventDayIsDayOne);
        expect![[r#"
            skip 2026-12-19 Saturday
            skip 2026-12-20 Sunday
            skip 2026-12-25 Christmas Day
            skip 2026-12-26 Saturday
            skip 2026-12-27 Sunday
            skip 2026-12-28 Boxing Day (substitute day)
            skip 2027-01-01 New Year's Day
            skip 2027-01-02 Saturday
            skip 2027-01-03 Sunday
            skip 2027-01-09 Saturday
            skip 2027-01-10 Sunday
            skip 2027-01-16 Saturday
            skip 2027-01-17 Sunday
            2026-12-18 20 Forward -> 2027-01-19
        "#]]
        .assert_eq(&render(&count));
    }

    #[test]
    fn counting_back_lists_skipped_days_in_date_order() {
        let count = Calendar::bundled().sub_working_days(d("2026-04-22"), 15);
        expect![[r#"
            skip 2026-04-03 Good Friday
            skip 2026-04-04 Saturday
            skip 2026-04-05 Sunday
            skip 2026-04-06 Easter Monday
            skip 2026-04-11 Saturday
            skip 2026-04-12 Sunday
            skip 2026-04-18 Saturday
            skip 2026-04-19 Sunday
            2026-04-22 15 Backward -> 2026-03-30
        "#]]
        .assert_eq(&render(&count));
    }

    #[test]
    fn working_day_count_wire_shape() {
        let count =
            Calendar::bundled().add_working_days(d("2025-12-18"), 3, Convention::EventDayIsDayZero);
        let json = serde_json::to_string_pretty(&count).unwrap();
        expect![[r#"
            {
              "from": "2025-12-18",
              "days": 3,
              "convention": "event_day_is_day_zero",
              "direction": "forward",
              "result": "2025-12-23",
              "skipped": [
                {
                  "date": "2025-12-20",
                  "reason": {
                    "kind": "weekend",
                    "weekday": "Saturday"
                  }
                },
                {
                  "date": "2025-12-21",
                  "reason": {
                    "kind": "weekend",
                    "weekday": "Sunday"
                  }
                }
              ],
              "provisional": false
            }"#]]
        .assert_eq(&json);
        let back: WorkingDayCount = serde_json::from_str(&json).unwrap();
        assert_eq!(back, count);
    }

    /// DfE duration: working days d with start < d <= end.
    fn check_between(start: &str, end: &str, expected: i64) {
        let calendar = Calendar::bundled();
        assert_eq!(
            calendar.working_days_between(d(start), d(end)),
            expected,
            "{start} -> {end}"
        );
        assert_eq!(
            calendar.working_days_between(d(end), d(start)),
            -expected,
            "{end} -> {start}"
        );
    }

    #[test]
    fn dfe_duration_counts_working_days_after_start_up_to_end() {
        let table = [
            ("2026-03-30", "2026-03-30", 0),
            ("2026-03-30", "2026-03-31", 1),
            ("2026-03-27", "2026-03-30", 1),  // Fri -> Mon
            ("2026-03-28", "2026-03-29", 0),  // Sat -> Sun
            ("2026-03-30", "2026-04-22", 15), // TV2
            ("2026-12-24", "2026-12-29", 1),  // 25 hol, 26-27 weekend, 28 hol
            ("2026-12-18", "2027-01-20", 20), // TV1
            ("2025-05-03", "2025-06-03", 20), // TV13
            // 3,651 weekdays in 2015-01-02..=2028-12-31, minus the 114 bundled holidays after 1 Jan 2015.
            ("2015-01-01", "2028-12-31", 3651 - 114),
        ];
        for (start, end, expected) in table {
            check_between(start, end, expected);
        }
    }

    /// Last working day on or before `date`.
    fn check_plan_by(date: &str, expected: &str) {
        assert_eq!(
            Calendar::bundled().plan_by(d(date)),
            d(expected),
            "plan-by for {date}"
        );
    }

    #[test]
    fn plan_by_is_last_working_day_on_or_before() {
        let table = [
            ("2026-02-28", "2026-02-27"), // TV3: Sat -> Fri
            ("2025-10-25", "2025-10-24"), // TV20 R3: Sat -> Fri
            ("2026-04-30", "2026-04-30"), // TV5: a working day stays put
            ("2026-04-06", "2026-04-02"), // Easter Monday -> Thursday before Good Friday
            ("2026-12-28", "2026-12-24"), // Boxing substitute -> Christmas Eve
            ("2027-01-03", "2026-12-31"), // across a year boundary
        ];
        for (date, expected) in table {
            check_plan_by(date, expected);
        }
    }
}

mod provisional_and_imported {
    use expect_test::expect;

    use super::*;

    fn new_years_day(year: i32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, 1, 1).unwrap()
    }

    #[test]
    fn count_into_2029_with_bundled_data_uses_computed_holidays_and_is_provisional() {
        let calendar = Calendar::bundled();
        assert!(calendar.is_provisional_year(2029));
        assert!(!calendar.is_provisional_year(2028));
        let count = calendar.add_working_days(d("2028-12-20"), 10, Convention::EventDayIsDayZero);
        expect![[r#"
            skip 2028-12-23 Saturday
            skip 2028-12-24 Sunday
            skip 2028-12-25 Christmas Day
            skip 2028-12-26 Boxing Day
            skip 2028-12-30 Saturday
            skip 2028-12-31 Sunday
            skip 2029-01-01 New Year's Day (provisional)
            skip 2029-01-06 Saturday
            skip 2029-01-07 Sunday
            2028-12-20 10 Forward -> 2029-01-08 provisional
        "#]]
        .assert_eq(&render(&count));
        let holidays = calendar.holidays_in_year(2029);
        assert_eq!(holidays, computed_holidays(2029));
        assert_eq!(
            calendar.holiday_on(new_years_day(2029)).map(|h| h.origin),
            Some(HolidayOrigin::Computed)
        );
    }

    #[test]
    fn count_within_loaded_years_is_not_provisional_even_next_to_an_unloaded_year() {
        let calendar = Calendar::bundled();
        // 2015-01-02 is a working Friday; counting forward never looks at 2014.
        let forward = calendar.add_working_days(d("2014-12-31"), 2, Convention::EventDayIsDayZero);
        assert_eq!(forward.result, d("2015-01-05"));
        assert!(!forward.provisional);
        // The day-one convention must look at the (unloaded) event day itself.
        let inclusive = calendar.add_working_days(d("2014-12-31"), 2, Convention::EventDayIsDayOne);
        assert_eq!(inclusive.result, d("2015-01-02"));
        assert!(inclusive.provisional);
        // Counting back across New Year 2015 reaches into 2014.
        let back = calendar.sub_working_days(d("2015-01-05"), 3);
        assert_eq!(back.result, d("2014-12-30"));
        assert!(back.provisional);
    }

    #[test]
    fn empty_calendar_computes_everything_provisionally() {
        let calendar = Calendar::empty();
        assert!(calendar.loaded_years().is_empty());
        let count = calendar.add_working_days(d("2026-12-18"), 20, Convention::EventDayIsDayZero);
        assert_eq!(count.result, d("2027-01-20"));
        assert!(count.provisional);
        assert_eq!(
            calendar.non_working_reason(d("2026-12-28")),
            Some(NonWorking::BankHoliday {
                name: "Boxing Day (substitute day)".to_owned(),
                provisional: true
            })
        );
        // Without data the 2022 one-offs are unknown: the Platinum Jubilee is a working day.
        assert!(calendar.is_working_day(d("2022-06-03")));
        assert!(!Calendar::bundled().is_working_day(d("2022-06-03")));
    }

    /// A plausible 2029 England & Wales list, as GOV.UK would publish it.
    fn imported_2029() -> Vec<(NaiveDate, String)> {
        [
            ("2029-01-01", "New Year's Day"),
            ("2029-03-30", "Good Friday"),
            ("2029-04-02", "Easter Monday"),
            ("2029-05-07", "Early May bank holiday"),
            ("2029-05-28", "Spring bank holiday"),
            ("2029-08-27", "Summer bank holiday"),
            ("2029-12-25", "Christmas Day"),
            ("2029-12-26", "Boxing Day"),
        ]
        .into_iter()
        .map(|(date, name)| (d(date), name.to_owned()))
        .collect()
    }

    #[test]
    fn importing_2029_makes_it_loaded_and_not_provisional() {
        let calendar = Calendar::bundled().with_imported(imported_2029());
        assert_eq!(calendar.loaded_years(), (2015..=2029).collect::<Vec<_>>());
        assert!(!calendar.is_provisional_year(2029));
        let count = calendar.add_working_days(d("2028-12-20"), 10, Convention::EventDayIsDayZero);
        assert_eq!(count.result, d("2029-01-08"));
        assert!(!count.provisional);
        let holidays = calendar.holidays_in_year(2029);
        assert_eq!(holidays.len(), 8);
        assert!(holidays.iter().all(|h| h.origin == HolidayOrigin::Imported));
        // Bundled years are untouched.
        assert!(calendar
            .holidays_in_year(2028)
            .iter()
            .all(|h| h.origin == HolidayOrigin::Bundled));
    }

    #[test]
    fn importing_a_year_replaces_it_and_changes_counting() {
        // An (imagined) 2026 list without the Boxing Day substitute on Mon 28 Dec.
        let without_boxing_day: Vec<(NaiveDate, String)> = Calendar::bundled()
            .holidays_in_year(2026)
            .into_iter()
            .filter(|h| h.date != d("2026-12-28"))
            .map(|h| (h.date, h.name))
            .collect();
        let calendar = Calendar::bundled().with_imported(without_boxing_day);
        assert_eq!(calendar.holidays_in_year(2026).len(), 7);
        assert!(calendar
            .holidays_in_year(2026)
            .iter()
            .all(|h| h.origin == HolidayOrigin::Imported));
        assert!(calendar.is_working_day(d("2026-12-28")));
        // TV1 is one working day earlier.
        let count = calendar.add_working_days(d("2026-12-18"), 20, Convention::EventDayIsDayZero);
        assert_eq!(count.result, d("2027-01-19"));
        assert!(!count.provisional);
    }

    #[test]
    fn imported_duplicates_keep_the_first_name_and_unsorted_input_is_sorted() {
        let calendar = Calendar::empty().with_imported([
            (d("2031-12-26"), "Boxing Day".to_owned()),
            (d("2031-01-01"), "New Year's Day".to_owned()),
            (d("2031-12-26"), "Second name".to_owned()),
        ]);
        let names: Vec<(NaiveDate, String)> = calendar
            .holidays_in_year(2031)
            .into_iter()
            .map(|h| (h.date, h.name))
            .collect();
        assert_eq!(
            names,
            vec![
                (d("2031-01-01"), "New Year's Day".to_owned()),
                (d("2031-12-26"), "Boxing Day".to_owned())
            ]
        );
        // Only the listed days: Good Friday 2031 is a working day in this (partial) year.
        assert!(calendar.is_working_day(easter_sunday(2031) - chrono::Duration::days(2)));
    }
}

mod months {
    use super::*;

    /// `from` + `months` calendar months by the corresponding-date rule.
    fn check_months(from: &str, months: u32, expected: &str, clamped: bool) {
        let count = add_months(d(from), months);
        assert_eq!(
            (count.result, count.clamped),
            (d(expected), clamped),
            "{from} + {months} months"
        );
        assert_eq!((count.from, count.months), (d(from), months));
    }

    #[test]
    fn corresponding_date_clamped_to_month_end() {
        let table = [
            ("2025-11-30", 3, "2026-02-28", true), // TV3 (due Sat; plan-by Fri 27 Feb)
            ("2026-01-31", 3, "2026-04-30", true), // TV5
            ("2025-08-31", 6, "2026-02-28", true),
            ("2027-08-31", 6, "2028-02-29", true), // leap year
            ("2023-11-30", 3, "2024-02-29", true),
            ("2024-02-29", 12, "2025-02-28", true),
            ("2024-02-29", 48, "2028-02-29", false),
            ("2025-04-25", 6, "2025-10-25", false), // TV20 R3
            ("2025-01-29", 3, "2025-04-29", false), // TV20 R2
            ("2026-01-31", 1, "2026-02-28", true),
            ("2026-03-31", 1, "2026-04-30", true),
            ("2026-05-31", 1, "2026-06-30", true),
            ("2026-12-31", 2, "2027-02-28", true),
            ("2026-10-15", 3, "2027-01-15", false), // over a year end
            ("2026-10-15", 0, "2026-10-15", false),
        ];
        for (from, months, expected, clamped) in table {
            check_months(from, months, expected, clamped);
        }
    }

    #[test]
    fn month_due_date_on_a_weekend_is_not_moved_but_plan_by_is_shown() {
        let due = add_months(d("2025-11-30"), 3).result;
        assert_eq!(due.weekday(), Weekday::Sat);
        assert_eq!(Calendar::bundled().plan_by(due), d("2026-02-27"));
    }
}

mod properties {
    use chrono::Duration;
    use proptest::prelude::*;

    use super::*;

    /// Any date from 2015-01-01 to 2035-12-31: bundled years and computed ones.
    fn date_2015_2035() -> impl Strategy<Value = NaiveDate> {
        let first = d("2015-01-01");
        let n_days = (d("2035-12-31") - first).num_days();
        (0..=n_days).prop_map(move |offset| first + Duration::days(offset))
    }

    fn convention() -> impl Strategy<Value = Convention> {
        prop_oneof![
            Just(Convention::EventDayIsDayZero),
            Just(Convention::EventDayIsDayOne)
        ]
    }

    fn days_strictly_between(a: NaiveDate, b: NaiveDate) -> impl Iterator<Item = NaiveDate> {
        let (low, high) = if a <= b { (a, b) } else { (b, a) };
        low.iter_days().skip(1).take_while(move |day| *day < high)
    }

    proptest! {
        #[test]
        fn add_lands_on_a_working_day_and_lists_every_day_skipped(
            from in date_2015_2035(), days in 1u32..=80, convention in convention()
        ) {
            let calendar = Calendar::bundled();
            let count = calendar.add_working_days(from, days, convention);
            prop_assert!(calendar.is_working_day(count.result));
            prop_assert!(count.result >= from);
            let expected_skipped: Vec<NaiveDate> = days_strictly_between(from, count.result)
                .filter(|day| !calendar.is_working_day(*day))
                .collect();
            let skipped: Vec<NaiveDate> = count.skipped.iter().map(|s| s.date).collect();
            prop_assert_eq!(skipped, expected_skipped);
            for day in &count.skipped {
                prop_assert_eq!(Some(day.reason.clone()), calendar.non_working_reason(day.date));
            }
            let crosses_unloaded = from.year() > 2028 || count.result.year() > 2028;
            prop_assert_eq!(count.provisional, crosses_unloaded);
        }

        #[test]
        fn dfe_duration_of_an_added_count_is_n(from in date_2015_2035(), days in 0u32..=80) {
            let calendar = Calendar::bundled();
            let count = calendar.add_working_days(from, days, Convention::EventDayIsDayZero);
            prop_assert_eq!(calendar.working_days_between(from, count.result), i64::from(days));
        }

        #[test]
        fn day_one_convention_is_one_working_day_earlier_only_from_a_working_day(
            from in date_2015_2035(), days in 1u32..=80
        ) {
            let calendar = Calendar::bundled();
            let inclusive = calendar.add_working_days(from, days, Convention::EventDayIsDayOne).result;
            let expected = if calendar.is_working_day(from) {
                calendar.add_working_days(from, days - 1, Convention::EventDayIsDayZero).result
            } else {
                calendar.add_working_days(from, days, Convention::EventDayIsDayZero).result
            };
            prop_assert_eq!(inclusive, expected);
        }

        #[test]
        fn counting_back_gives_minus_n(from in date_2015_2035(), days in 0u32..=80) {
            let calendar = Calendar::bundled();
            let count = calendar.sub_working_days(from, days);
            prop_assert!(count.result <= from);
            if days > 0 {
                prop_assert!(calendar.is_working_day(count.result));
            }
            // The DfE duration is half-open (start, end]: from `from` back to the result it
            // counts `from` itself (if working) but not the result.
            let expected = if days == 0 {
                0
            } else if calendar.is_working_day(from) {
                -i64::from(days)
            } else {
                -i64::from(days - 1)
            };
            prop_assert_eq!(calendar.working_days_between(from, count.result), expected);
            let mut sorted = count.skipped.clone();
            sorted.sort_by_key(|s| s.date);
            prop_assert_eq!(&sorted, &count.skipped);
        }

        #[test]
        fn dfe_duration_agrees_with_counting_day_by_day(a in date_2015_2035(), span in 0i64..=400) {
            let calendar = Calendar::bundled();
            let b = a + Duration::days(span);
            let by_hand = a.iter_days().skip(1).take_while(|day| *day <= b)
                .filter(|day| calendar.is_working_day(*day)).count() as i64;
            prop_assert_eq!(calendar.working_days_between(a, b), by_hand);
            prop_assert_eq!(calendar.working_days_between(b, a), -by_hand);
        }

        #[test]
        fn plan_by_is_the_last_working_day_on_or_before(date in date_2015_2035()) {
            let calendar = Calendar::bundled();
            let plan_by = calendar.plan_by(date);
            prop_assert!(calendar.is_working_day(plan_by));
            prop_assert!(plan_by <= date);
            for day in plan_by.iter_days().skip(1).take_while(|day| *day <= date) {
                prop_assert!(!calendar.is_working_day(day), "{} is a working day", day);
            }
        }

        #[test]
        fn add_months_lands_in_the_right_month_on_the_corresponding_or_last_day(
            from in date_2015_2035(), months in 0u32..=1200
        ) {
            let count = add_months(from, months);
            let month_index = |date: NaiveDate| i64::from(date.year()) * 12 + i64::from(date.month0());
            prop_assert_eq!(month_index(count.result), month_index(from) + i64::from(months));
            prop_assert!(count.result.day() <= from.day());
            prop_assert_eq!(count.clamped, count.result.day() != from.day());
            if count.clamped {
                // Clamped means the result is the month's last day.
                prop_assert_eq!(count.result.succ_opt().unwrap().day(), 1);
            }
        }

        #[test]
        fn add_months_never_panics(year in 1i32..9000, ordinal in 1u32..=365, months in any::<u32>()) {
            let from = NaiveDate::from_yo_opt(year, ordinal).unwrap();
            let count = add_months(from, months);
            prop_assert!(count.result >= from);
        }
    }
}
