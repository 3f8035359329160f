//! Feature tests of the annual report (issue 6; domain.md §7): small caseloads built by hand,
//! where every figure is worked out in the test from the dates given, including the edges —
//! a plan or period of care starting or ending on 1 April / 31 March (both settings), an
//! unborn child, a review on the 4th birthday, a dispute raised in one year and resolved in the
//! next, and a zero denominator.
//!
//! Every working-day count was done by hand against the bank-holiday table of domain.md §1.4.

mod caseload;
mod cp;
mod decisions;
mod disputes;
mod filter;
mod lac;
mod period;
mod values;

use caseload_core::domain::{
    AbuseCategory, Allocation, Caseload, ChildRecord, CpEpisodeDetails, Meeting, MeetingKind,
    MeetingOutcome, MeetingStatus, Participation, Regime, Sex,
};
use caseload_core::ids::{CarePeriodId, ChildId, CpEpisodeId, IroId, MeetingId};
use caseload_core::report::{annual_report, AnnualReport, IroFilter, ReportOptions, Value};
use caseload_core::rules::Rules;

#[path = "../common/mod.rs"]
mod common;
use common::{child_details, child_record, cp_episode, period_of_care};
pub use common::{d, iros, Env};

/// One child's record, built up a fact at a time.
pub struct Kid(pub ChildRecord);

impl Kid {
    /// Child `id`, born on `born` (None: unborn), allocated to IRO 1 since 2000.
    pub fn new(id: i64, born: Option<&str>) -> Kid {
        let details = child_details(&format!("Child{id}"), "Test", born, Sex::Unknown);
        Kid(child_record(id, details, "2000-01-01"))
    }

    fn id(&self) -> ChildId {
        self.0.child.id
    }

    /// Allocated to `iro` from `from` on (added to the history).
    pub fn allocate(mut self, iro: i64, from: &str) -> Kid {
        self.0.allocations.push(Allocation {
            iro: IroId(iro),
            from_on: d(from),
            reason: None,
        });
        self
    }

    /// Only ever allocated to `iro`.
    pub fn only(mut self, iro: i64) -> Kid {
        self.0.allocations[0].iro = IroId(iro);
        self
    }

    /// A period of full care.
    pub fn care(self, from: &str, to: Option<&str>) -> Kid {
        self.period(from, to, Regime::FullCare)
    }

    pub fn period(mut self, from: &str, to: Option<&str>, regime: Regime) -> Kid {
        let id = CarePeriodId(self.id().0 * 10 + self.0.care_periods.len() as i64);
        let period = period_of_care(id, self.id(), d(from), to.map(d), regime);
        self.0.care_periods.push(period);
        self
    }

    /// A child-protection episode.
    pub fn episode(mut self, details: CpEpisodeDetails) -> Kid {
        let id = CpEpisodeId(self.id().0 * 10 + self.0.cp_episodes.len() as i64);
        let episode = cp_episode(id, self.id(), details);
        self.0.cp_episodes.push(episode);
        self
    }

    /// A plan from `from` to `to`, with this initial category (no conference recorded).
    pub fn plan(self, from: &str, to: Option<&str>, category: Option<AbuseCategory>) -> Kid {
        self.episode(CpEpisodeDetails {
            plan_started_on: Some(d(from)),
            plan_ended_on: to.map(d),
            initial_category: category,
            ..CpEpisodeDetails::default()
        })
    }

    pub fn meeting(mut self, kind: MeetingKind, status: MeetingStatus, on: &str) -> Kid {
        let id = MeetingId(self.id().0 * 100 + self.0.meetings.len() as i64);
        let held = status == MeetingStatus::Held;
        self.0.meetings.push(Meeting {
            id,
            child: self.id(),
            kind,
            status,
            booked_on: Some(d(on)),
            booked_at: None,
            venue: None,
            status_reason: None,
            revision: 0,
            outcome: MeetingOutcome {
                held_on: held.then(|| d(on)),
                ..MeetingOutcome::default()
            },
        });
        self
    }

    /// A meeting held on `on`.
    pub fn held(self, kind: MeetingKind, on: &str) -> Kid {
        self.meeting(kind, MeetingStatus::Held, on)
    }

    /// A LAC review held on `on`, coded `code`.
    pub fn review(self, on: &str, code: Option<Participation>) -> Kid {
        self.held(MeetingKind::LacReview, on)
            .last(|m| m.outcome.participation = code)
    }

    /// Changes the last meeting.
    pub fn last(mut self, f: impl FnOnce(&mut Meeting)) -> Kid {
        f(self.0.meetings.last_mut().unwrap());
        self
    }
}

pub fn caseload(kids: Vec<Kid>) -> Caseload {
    Caseload {
        iros: iros(2),
        children: kids.into_iter().map(|k| k.0).collect(),
    }
}

/// The report with these options, rules and filter.
pub fn report_with(
    caseload: &Caseload,
    year: i32,
    options: &ReportOptions,
    rules: &Rules,
    filter: &IroFilter,
) -> AnnualReport {
    let env = Env {
        rules: rules.clone(),
        ..Env::defaults()
    };
    annual_report(caseload, &env.ctx(), year, options, filter).unwrap()
}

/// The report for everyone with the default options and rules.
pub fn report(caseload: &Caseload, year: i32) -> AnnualReport {
    report_with(
        caseload,
        year,
        &ReportOptions::DEFAULTS,
        &Rules::defaults(),
        &IroFilter::All,
    )
}

/// (this year, last year) of a figure.
pub fn fig(report: &AnnualReport, id: &str) -> (Value, Value) {
    let f = report
        .figure(id)
        .unwrap_or_else(|| panic!("no figure {id}"));
    (f.this_period, f.previous_period)
}

/// `prefix`'s figures as "id: this | before" lines.
pub fn figures(r: &AnnualReport, prefix: &str) -> String {
    r.sections
        .iter()
        .flat_map(|s| &s.figures)
        .filter(|f| f.id.starts_with(prefix))
        .map(|f| {
            format!(
                "{}: {} | {}\n",
                f.id,
                f.this_period.text(),
                f.previous_period.text()
            )
        })
        .collect()
}

pub fn n(n: u32) -> Value {
    Value::Count { n }
}

pub fn pct(numerator: u32, denominator: u32) -> Value {
    Value::Percent {
        numerator,
        denominator,
    }
}

#[test]
fn per_fte_text_rounds_half_up_like_the_mean_text() {
    use caseload_core::report::{BandPosition, CaseloadPeriod, Value};
    // A mean of 123 over 12 month ends is 10.25: the mean's text and the per-FTE text agree.
    let year = CaseloadPeriod {
        month_ends: vec![10; 12],
        average: Value::Mean { total: 123, n: 12 },
        per_fte: 123.0 / 12.0,
        band: BandPosition::Below,
    };
    assert_eq!(year.average.text(), "10.3 (mean of 12)");
    assert_eq!(year.per_fte_text(), "10.3");
}

#[test]
fn a_report_for_an_authority_that_says_cla_has_no_lac_in_its_words() {
    let caseload = Caseload::default();
    let mut env = Env::defaults();
    env.settings.terminology = caseload_core::settings::Terminology::Cla;
    let ctx = env.ctx();
    let cla = annual_report(
        &caseload,
        &ctx,
        2025,
        &ReportOptions::DEFAULTS,
        &IroFilter::All,
    )
    .unwrap();
    let lac = report(&caseload, 2025);
    let words = |r: &AnnualReport| {
        r.sections
            .iter()
            .flat_map(|s| {
                std::iter::once(s.title.clone())
                    .chain(
                        s.figures
                            .iter()
                            .flat_map(|f| [f.label.clone(), f.definition.clone()]),
                    )
                    .chain(
                        s.charts
                            .iter()
                            .flat_map(|c| [c.title.clone(), c.definition.clone()]),
                    )
            })
            .chain(r.choices.iter().cloned())
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert!(words(&lac).contains("LAC reviews held"));
    assert!(!words(&cla).contains("LAC"), "{}", words(&cla));
    assert!(words(&cla).contains("CLA reviews held"));
    assert!(words(&cla).contains("Children in care"));
}
