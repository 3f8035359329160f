//! The seeded synthetic demo caseload: a believable Monday for a newcomer, and the data behind
//! the benchmark.
//!
//! [`demo_changes`] returns the whole caseload as a list of [`Change`]s, the same typed write
//! API every front end uses, so the demo is validated by the store exactly like real data. It is
//! pure: no store, no clock. The same [`DemoOptions`] give byte-identical changes on every
//! platform (one `ChaCha8Rng`, no hash-map iteration, no platform-dependent float functions).
//!
//! What it contains, relative to `as_of` (issue 10, point 8: "the demo, made believable"):
//! - four IROs with obviously synthetic names, one at 0.8 FTE; in the default demo
//!   ([`DEFAULT_CHILDREN`]) each holds 45–75 looked-after children, the first just above the
//!   70-child band, beside their child-protection work;
//! - about 70% looked-after children, 25% on a child-protection plan or in a CP episode and
//!   5% both (a child on a plan who came into care; the plan often ends at the next review
//!   conference), in families with sibling groups (`SG-001`, ...) sharing an IRO;
//! - a legal-status mix that follows time in care: interim care orders and s20 for recent
//!   periods, full care orders for most settled ones, placement orders (E1) for young children
//!   long in care, police protection, emergency protection and remand now and then; short
//!   breaks (V3/V4), one of which stopped a few weeks ago;
//! - histories of up to six years, reviews following the statutory timetable (mostly on time,
//!   some late, the odd early review), cancelled and adjourned bookings, participation codes
//!   that fit the child's age, visits and the social worker's contact and reports before each
//!   review; every conference's decision about the plan (the store writes its effect on the
//!   episode) and its category, some initial conferences deciding no plan, older children
//!   attending and having an advocate now and then; decisions and records sent a plausible
//!   number of working days after every meeting, only the last few weeks' ones late or due;
//! - the present: next reviews booked in the next six weeks (a few after their due date),
//!   most with the child seen, the social worker's contact and the reports recorded, a few
//!   without; a few due and not booked, a few overdue, initial conferences at risk, an initial
//!   conference that made no plan last month and one held days ago whose outcome is not
//!   recorded yet; unborn children referred early and late (never overdue in the demo week),
//!   one pre-birth conference booked on a bank holiday when one is near; a short-break child,
//!   a child who left care and came back, a transfer-in (with the originating authority's
//!   plan) and a child who came into care days ago;
//! - disputes (DRP) and multi-agency challenges, open and closed, at several stages, added
//!   after every family so the rest is unchanged (`demo/disputes.rs`).
//!
//! Nothing is held after `as_of`; only bookings lie in the future. Dates are computed with the
//! core's calendar and rule values, so "on time" here means on time in the app.

mod disputes;
mod names;
mod record_texts;
mod records;

use caseload_core::calendar::{add_months, Calendar, Convention};
use caseload_core::change::Change;
use caseload_core::domain::{
    AbuseCategory, ChildDetails, CpEpisodeDetails, Ethnicity, IroDetails, LegalStatus, MeetingKind,
    MeetingOutcome, Participation, PlanDecision, Regime, Sex,
};
use caseload_core::ids::{CarePeriodId, ChildId, CpEpisodeId, IroId, MeetingId};
use caseload_core::rules::{RuleId, Rules};
use caseload_core::validate::allowed_participation;
use chrono::{Datelike, Months, NaiveDate, NaiveTime, TimeDelta};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

/// The number of children when none is given: about 240 looked after, so each of the four IROs
/// holds a looked-after caseload in or around the 50–70 band, beside their child-protection
/// work.
pub const DEFAULT_CHILDREN: usize = 320;
/// The seed when none is given.
pub const DEFAULT_SEED: u64 = 1;

/// What demo to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DemoOptions {
    /// How many children (default [`DEFAULT_CHILDREN`]; the benchmark uses 5,000).
    pub children: usize,
    /// Random seed: the same seed and options give the same changes.
    pub seed: u64,
    /// The demo's "today": histories end here, bookings lie after it.
    pub as_of: NaiveDate,
}

impl DemoOptions {
    /// The default demo ([`DEFAULT_CHILDREN`] children, seed 1) as of a date.
    pub fn new(as_of: NaiveDate) -> DemoOptions {
        DemoOptions {
            children: DEFAULT_CHILDREN,
            seed: DEFAULT_SEED,
            as_of,
        }
    }
}

/// The demo caseload as changes: the IROs first, then each child with their whole history in
/// date order. Every entity has an explicit id, counted from 1 per kind.
pub fn demo_changes(options: &DemoOptions) -> Vec<Change> {
    let mut gen = Gen::new(options);
    gen.add_iros();
    let mut plans = gen.plan_families(options.children);
    gen.shuffle(&mut plans);
    gen.assign_iros(&mut plans);
    for plan in &plans {
        gen.family(plan);
    }
    let disputes = disputes::demo_disputes(&gen.out, options);
    gen.out.extend(disputes);
    records::with_records(gen.out, options)
}

// ---------------------------------------------------------------------------------------------
// Plans: what each family is, decided before any date is drawn.

/// What the next looked-after review should look like on `as_of`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    /// Whatever the history gives (booked if due in the next six weeks, mostly on time).
    Natural,
    /// The last review was more than six months ago and nothing has been held since.
    Overdue,
    /// Due within a few weeks and booked after the due date: a breach in the diary.
    BookedAfterDue,
    /// Due within 20 working days and not booked.
    NotBookedSoon,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Looked after (full care).
    Lac(Target),
    /// A child-protection episode only.
    Cp,
    /// On a plan, then came into care.
    Both,
    /// Short breaks (V3/V4, reg 48); `ended`: the breaks stopped some weeks ago.
    ShortBreak { ended: bool },
    /// Left care and came back: two periods of care.
    ReEntry,
    /// Unborn, pre-birth conference pending.
    Unborn(Referral),
    /// Transfer-in notified days ago, no conference yet; `first` is not booked.
    TransferIn { first: bool },
    /// Strategy discussion 8–12 working days ago, no ICPC booked.
    IcpcAtRisk,
    /// Became looked after 3–10 days ago.
    NewInCare,
    /// An initial conference held in the last few weeks decided no plan: the episode closed.
    NoPlan,
    /// An initial conference held a day or two ago whose outcome is not recorded yet.
    OutcomeMissing,
}

/// How an unborn child was referred, which decides the pre-birth conference's due date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Referral {
    /// Early: the pre-birth date (12 weeks before the expected birth) lies weeks ahead, and
    /// the conference is booked for a bank holiday just before it, when one is near (a
    /// booking to move).
    OnHoliday,
    /// Early: the pre-birth date lies weeks ahead; sometimes booked.
    Early,
    /// Late: the pre-birth date had passed at the strategy discussion, so the conference is
    /// due 15 working days from it.
    Late,
}

impl Kind {
    /// Looked after on `as_of` (counts towards the caseload band).
    fn looked_after(self) -> bool {
        matches!(
            self,
            Kind::Lac(_)
                | Kind::Both
                | Kind::ShortBreak { ended: false }
                | Kind::ReEntry
                | Kind::NewInCare
        )
    }
}

#[derive(Debug, Clone, Copy)]
struct FamilyPlan {
    kind: Kind,
    size: usize,
    /// Index into [`names::IROS`] of the IRO allocated now.
    iro: usize,
}

// ---------------------------------------------------------------------------------------------
// Histories: the dates of one family, shared by its children.

/// A diary slot, shared by siblings whose meetings are held together.
#[derive(Debug, Clone, Copy)]
struct Slot {
    on: NaiveDate,
    at: (u32, u32),
    venue: &'static str,
}

#[derive(Debug, Clone, Copy)]
struct Disrupted {
    slot: Slot,
    adjourned: bool,
    reason: &'static str,
}

#[derive(Debug, Clone, Copy)]
struct Held {
    on: NaiveDate,
    /// Why it was brought forward, for an early review.
    early: Option<&'static str>,
    quorate: bool,
    /// A booking before it that was cancelled or adjourned.
    before: Option<Disrupted>,
    /// The category of abuse a review conference confirmed.
    category: Option<AbuseCategory>,
}

#[derive(Debug, Clone)]
struct CareHist {
    start: NaiveDate,
    end: Option<NaiveDate>,
    legal: LegalStatus,
    regime: Regime,
    reviews: Vec<Held>,
    /// Future bookings.
    booked: Vec<Slot>,
}

#[derive(Debug, Clone, Default)]
struct CpHist {
    strategy: Option<NaiveDate>,
    s47: Option<NaiveDate>,
    transfer_in: Option<NaiveDate>,
    icpc: Option<NaiveDate>,
    icpc_quorate: bool,
    /// The initial conference decided no plan (the episode closed that day).
    no_plan: bool,
    /// The initial conference's outcome is not recorded yet.
    outcome_missing: bool,
    /// The originating authority's plan (start, category), for a transfer-in.
    originating_plan: Option<(NaiveDate, AbuseCategory)>,
    core_group: Option<NaiveDate>,
    reviews: Vec<Held>,
    plan_end: Option<NaiveDate>,
    initial: Option<AbuseCategory>,
    latest: Option<AbuseCategory>,
    /// Future bookings.
    booked: Vec<(MeetingKind, Slot)>,
}

#[derive(Debug, Clone, Default)]
struct FamilyHist {
    care: Vec<CareHist>,
    cp: Vec<CpHist>,
}

/// When a CP plan ends.
#[derive(Debug, Clone, Copy)]
enum CpEnd {
    Never,
    /// The initial conference decided no plan.
    NoPlan,
    /// At the n-th review conference.
    AtReview(usize),
    /// At the first review conference on or after a date (the child came into care).
    OnOrAfter(NaiveDate),
}

/// Age profiles (years at `as_of`, weight).
const LAC_AGES: [((i64, i64), u32); 5] = [
    ((0, 0), 5),
    ((1, 4), 14),
    ((5, 9), 18),
    ((10, 15), 39),
    ((16, 17), 24),
];
const CP_AGES: [((i64, i64), u32); 5] = [
    ((0, 0), 12),
    ((1, 4), 28),
    ((5, 9), 28),
    ((10, 15), 27),
    ((16, 17), 5),
];

const ETHNICITIES: [(Ethnicity, u32); 19] = [
    (Ethnicity::Wbri, 700),
    (Ethnicity::Woth, 40),
    (Ethnicity::Wirt, 10),
    (Ethnicity::Wrom, 10),
    (Ethnicity::Wiri, 10),
    (Ethnicity::Mwbc, 40),
    (Ethnicity::Mwba, 20),
    (Ethnicity::Mwas, 20),
    (Ethnicity::Moth, 30),
    (Ethnicity::Apkn, 20),
    (Ethnicity::Aind, 10),
    (Ethnicity::Aban, 10),
    (Ethnicity::Aoth, 10),
    (Ethnicity::Bafr, 20),
    (Ethnicity::Bcrb, 10),
    (Ethnicity::Both, 10),
    (Ethnicity::Chne, 5),
    (Ethnicity::Ooth, 15),
    (Ethnicity::Refu, 10),
];

const CATEGORIES: [(AbuseCategory, u32); 5] = [
    (AbuseCategory::Neg, 48),
    (AbuseCategory::Emo, 35),
    (AbuseCategory::Phy, 8),
    (AbuseCategory::Sab, 4),
    (AbuseCategory::Mul, 5),
];

/// Each IRO's share of the looked-after children: in the default demo the first holds just
/// above the 70-child band, the part-time fourth about 48 (60 per full-time post).
const LAC_SHARES: [f64; 4] = [0.30, 0.26, 0.24, 0.20];
/// Each IRO's share of the children on a plan or in an enquiry only (by FTE, roughly).
const OTHER_SHARES: [f64; 4] = [0.27, 0.27, 0.25, 0.21];

/// Legal status of a period of care that started in the last nine months: mostly interim care
/// orders and s20 accommodation; police protection, emergency protection and remand now and
/// then.
const RECENT_STATUSES: [(LegalStatus, u32); 7] = [
    (LegalStatus::C1, 45),
    (LegalStatus::V2, 32),
    (LegalStatus::C2, 8),
    (LegalStatus::L1, 4),
    (LegalStatus::L2, 3),
    (LegalStatus::J1, 3),
    (LegalStatus::J2, 2),
];

/// Legal status of an established period of care: mostly full care orders, s20 for some
/// (older children, and those with parental agreement), a few proceedings still running, the
/// odd remand; placement orders for young children (see [`Gen::legal_status`]).
const SETTLED_STATUSES: [(LegalStatus, u32); 4] = [
    (LegalStatus::C2, 77),
    (LegalStatus::V2, 15),
    (LegalStatus::C1, 6),
    (LegalStatus::J3, 2),
];

struct Gen {
    rng: ChaCha8Rng,
    cal: Calendar,
    rules: Rules,
    as_of: NaiveDate,
    out: Vec<Change>,
    next_child: i64,
    next_care: i64,
    next_cp: i64,
    next_meeting: i64,
    next_group: u32,
    surnames: Vec<String>,
    next_surname: usize,
    /// Sum of the sizes of families assigned so far, looked after / not, per IRO.
    load: [[usize; 4]; 2],
    /// Each IRO's share of the looked-after children / of the others.
    shares: [[f64; 4]; 2],
}

impl Gen {
    fn new(options: &DemoOptions) -> Gen {
        let mut rng = ChaCha8Rng::seed_from_u64(options.seed);
        let mut surnames: Vec<String> = names::SURNAME_STARTS
            .iter()
            .flat_map(|s| names::SURNAME_ENDS.iter().map(move |e| format!("{s}{e}")))
            .collect();
        shuffle_with(&mut rng, &mut surnames);
        Gen {
            rng,
            cal: Calendar::bundled(),
            rules: Rules::defaults(),
            as_of: options.as_of,
            out: Vec::with_capacity(options.children * 14 + 8),
            next_child: 1,
            next_care: 1,
            next_cp: 1,
            next_meeting: 1,
            next_group: 1,
            surnames,
            next_surname: 0,
            load: [[0; 4]; 2],
            shares: [LAC_SHARES, OTHER_SHARES],
        }
    }

    // --- randomness -------------------------------------------------------------------------

    fn chance(&mut self, p: f64) -> bool {
        self.rng.random::<f64>() < p
    }

    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        if hi <= lo {
            lo
        } else {
            self.rng.random_range(lo..=hi)
        }
    }

    fn urange(&mut self, lo: u32, hi: u32) -> u32 {
        if hi <= lo {
            lo
        } else {
            self.rng.random_range(lo..=hi)
        }
    }

    fn pick<T: Copy>(&mut self, xs: &[T]) -> T {
        xs[self.rng.random_range(0..xs.len())]
    }

    fn weighted<T: Copy>(&mut self, xs: &[(T, u32)]) -> T {
        let total: u32 = xs.iter().map(|(_, w)| w).sum();
        let mut r = self.rng.random_range(0..total);
        for (x, w) in xs {
            if r < *w {
                return *x;
            }
            r -= w;
        }
        xs[xs.len() - 1].0
    }

    fn shuffle<T>(&mut self, xs: &mut [T]) {
        shuffle_with(&mut self.rng, xs);
    }

    /// A date in `lo..=hi`, biased towards `hi` (recent) in about a third of draws.
    fn date_between(&mut self, lo: NaiveDate, hi: NaiveDate, recent_bias: bool) -> NaiveDate {
        let span = (hi - lo).num_days().max(0);
        let mut back = self.range(0, span);
        if recent_bias && self.chance(0.35) {
            back = back.min(self.range(0, span));
        }
        hi - TimeDelta::days(back)
    }

    // --- dates --------------------------------------------------------------------------------

    fn days(&self, n: i64) -> NaiveDate {
        self.as_of + TimeDelta::days(n)
    }

    fn add_wd(&self, from: NaiveDate, n: u32) -> NaiveDate {
        self.cal
            .add_working_days(from, n, Convention::EventDayIsDayZero)
            .result
    }

    fn sub_wd(&self, from: NaiveDate, n: u32) -> NaiveDate {
        self.cal.sub_working_days(from, n).result
    }

    fn on_or_before(&self, d: NaiveDate) -> NaiveDate {
        self.cal.plan_by(d)
    }

    fn on_or_after(&self, mut d: NaiveDate) -> NaiveDate {
        while !self.cal.is_working_day(d) {
            d = d.succ_opt().unwrap_or(d);
        }
        d
    }

    fn rule(&self, id: RuleId) -> u32 {
        self.rules.value(id)
    }

    fn add_m(&self, from: NaiveDate, months: u32) -> NaiveDate {
        add_months(from, months).result
    }

    fn years_ago(&self, years: u32) -> NaiveDate {
        self.as_of
            .checked_sub_months(Months::new(12 * years))
            .unwrap_or(self.as_of)
    }

    /// A date of birth for an age drawn from a profile, at least `min_days` old.
    fn born(&mut self, profile: &[((i64, i64), u32)], min_days: i64) -> NaiveDate {
        let (lo, hi) = self.weighted(profile);
        // 365 days a year, less a margin, keeps every child under 18 on `as_of`.
        let days = self.range(lo * 365 + 1, hi * 365 + 362).max(min_days);
        self.days(-days.min(17 * 365 + 362))
    }

    // --- the IROs and the plan ------------------------------------------------------------------

    fn add_iros(&mut self) {
        for (i, (name, fte)) in names::IROS.iter().enumerate() {
            self.out.push(Change::AddIro {
                id: Some(IroId(i as i64 + 1)),
                details: IroDetails {
                    name: (*name).to_string(),
                    fte: *fte,
                    active: true,
                },
            });
        }
    }

    fn plan_families(&mut self, n: usize) -> Vec<FamilyPlan> {
        let special = |kind| FamilyPlan {
            kind,
            size: 1,
            iro: 0,
        };
        // The features every demo shows, in rounds so that a tiny demo still gets one of each.
        // About one in 70 looked-after children overdue on the day, as in a service that holds
        // most reviews in time.
        let counts: [(Kind, usize); 12] = [
            (Kind::Lac(Target::Overdue), (n / 70).max(2)),
            (Kind::Unborn(Referral::OnHoliday), 1 + n / 150),
            (Kind::ShortBreak { ended: false }, (n / 70).max(1)),
            (Kind::ReEntry, (n / 60).max(1)),
            (Kind::TransferIn { first: false }, (n / 100).max(1)),
            (Kind::IcpcAtRisk, if n >= 40 { (n / 100).max(2) } else { 1 }),
            (Kind::NoPlan, (n / 120).max(1)),
            (Kind::NewInCare, 1 + n / 100),
            (Kind::Lac(Target::BookedAfterDue), (n / 60).max(2)),
            (Kind::Lac(Target::NotBookedSoon), (n / 50).max(2)),
            (Kind::ShortBreak { ended: true }, (n / 200).max(1)),
            (Kind::OutcomeMissing, usize::from(n >= 20)),
        ];
        let mut plans = Vec::new();
        let rounds = counts.iter().map(|(_, c)| *c).max().unwrap_or(0);
        'rounds: for round in 0..rounds {
            for (kind, count) in counts {
                if plans.len() >= n {
                    break 'rounds;
                }
                if round < count {
                    let kind = match kind {
                        Kind::Unborn(_) => Kind::Unborn(match round % 3 {
                            0 => Referral::OnHoliday,
                            1 => Referral::Late,
                            _ => Referral::Early,
                        }),
                        Kind::TransferIn { .. } => Kind::TransferIn { first: round == 0 },
                        k => k,
                    };
                    plans.push(special(kind));
                }
            }
        }

        // The rest: families, to reach about 70% looked after, 5% both and 25% protection.
        let both = if n >= 20 { (n * 5).div_ceil(100) } else { 0 };
        let lac = (n * 70 + 50) / 100;
        let lac_done = plans.iter().filter(|p| p.kind.looked_after()).count();
        let left = n - plans.len();
        let mut lac_left = lac.saturating_sub(lac_done).min(left);
        let mut both_left = both.min(left - lac_left);
        let mut cp_left = left - lac_left - both_left;
        let sizes = [(1usize, 74u32), (2, 17), (3, 7), (4, 2)];
        let mut first_family = true;
        while lac_left > 0 {
            let size = if first_family {
                3
            } else {
                self.weighted(&sizes)
            }
            .min(lac_left);
            first_family = false;
            lac_left -= size;
            plans.push(FamilyPlan {
                kind: Kind::Lac(Target::Natural),
                size,
                iro: 0,
            });
        }
        let mut first_family = true;
        while cp_left > 0 {
            let size = if first_family {
                2
            } else {
                self.weighted(&sizes)
            }
            .min(cp_left);
            first_family = false;
            cp_left -= size;
            plans.push(FamilyPlan {
                kind: Kind::Cp,
                size,
                iro: 0,
            });
        }
        while both_left > 0 {
            let size = if self.chance(0.2) { 2 } else { 1 }.min(both_left);
            both_left -= size;
            plans.push(FamilyPlan {
                kind: Kind::Both,
                size,
                iro: 0,
            });
        }
        plans
    }

    /// Each family to the IRO furthest below their share, counted separately for looked-after
    /// children (the caseload band) and the rest.
    fn assign_iros(&mut self, plans: &mut [FamilyPlan]) {
        for plan in plans.iter_mut() {
            let class = usize::from(!plan.kind.looked_after());
            let total: usize = self.load[class].iter().sum::<usize>() + plan.size;
            let mut best = 0;
            let mut best_deficit = f64::MIN;
            for i in 0..4 {
                let deficit = self.shares[class][i] * total as f64 - self.load[class][i] as f64;
                if deficit > best_deficit + 1e-9 {
                    best = i;
                    best_deficit = deficit;
                }
            }
            self.load[class][best] += plan.size;
            plan.iro = best;
        }
    }

    // --- looked-after histories -----------------------------------------------------------------

    /// When a review is planned, given its due date: mostly on time, some late by days or
    /// weeks, and (from the third review) the odd early review.
    fn plan_held(
        &mut self,
        due: NaiveDate,
        prev: NaiveDate,
        allow_early: bool,
    ) -> (NaiveDate, Option<&'static str>) {
        let r = self.rng.random::<f64>();
        if allow_early && r < 0.03 {
            let months = self.urange(2, 4);
            let extra = self.range(0, 14);
            let on = self.on_or_after(self.add_m(prev, months) + TimeDelta::days(extra));
            if on > prev && on < due {
                return (on, Some(self.pick(&names::EARLY_REASONS)));
            }
        }
        if r < 0.9 {
            let k = self.urange(0, 8);
            let on = self.sub_wd(self.on_or_before(due), k);
            if on > prev {
                return (on, None);
            }
            return (self.on_or_before(due).max(self.add_wd(prev, 1)), None);
        }
        let k = if self.chance(0.6) {
            self.urange(1, 5)
        } else {
            self.urange(6, 15)
        };
        (self.add_wd(due, k), None)
    }

    /// Now and then a review was first booked for an earlier date and cancelled or adjourned.
    fn disruption(
        &mut self,
        kind: MeetingKind,
        prev: NaiveDate,
        held: NaiveDate,
        lo: NaiveDate,
    ) -> Option<Disrupted> {
        if !self.chance(0.09) {
            return None;
        }
        let back = self.range(3, 21);
        let on = self.on_or_before(held - TimeDelta::days(back));
        let adjourned = self.chance(0.25);
        let reason = if adjourned {
            self.pick(&names::ADJOURN_REASONS)
        } else {
            self.pick(&names::CANCEL_REASONS)
        };
        let slot = self.slot(kind, on);
        (on > prev && on >= lo && on < held).then_some(Disrupted {
            slot,
            adjourned,
            reason,
        })
    }

    fn slot(&mut self, kind: MeetingKind, on: NaiveDate) -> Slot {
        let venues: &[&'static str] = if kind == MeetingKind::LacReview {
            &names::LAC_VENUES
        } else {
            &names::CP_VENUES
        };
        Slot {
            on,
            at: self.pick(&names::TIMES),
            venue: self.pick(venues),
        }
    }

    /// The booking of a pending meeting: `due` is its due date, `planned` the working day the
    /// service would hold it (after `as_of`).
    fn natural_booking(&mut self, due: NaiveDate, planned: NaiveDate) -> Option<NaiveDate> {
        let horizon = self.days(42);
        if due < self.as_of {
            return (planned <= horizon && self.chance(0.6)).then_some(planned);
        }
        if due > horizon {
            return None;
        }
        if planned > due {
            // Planned late: usually still in the diary (a breach already booked), else not yet.
            return self.chance(0.6).then_some(planned);
        }
        if !self.chance(0.9) {
            return None;
        }
        // Some meetings of the coming days are in the diary for today, so Monday is not empty.
        let today = self.as_of;
        if self.cal.is_working_day(today) && planned <= self.days(10) && self.chance(0.3) {
            return Some(today);
        }
        Some(planned)
    }

    /// A period of care from `start`, reviews held up to `limit`. With a forced target, returns
    /// `None` when this start cannot give it (the caller draws another start).
    fn lac_forward(
        &mut self,
        start: NaiveDate,
        regime: Regime,
        legal: LegalStatus,
        limit: NaiveDate,
        target: Target,
    ) -> Option<CareHist> {
        let present = limit >= self.as_of;
        let mut hist = CareHist {
            start,
            end: (!present).then_some(limit),
            legal,
            regime,
            reviews: Vec::new(),
            booked: Vec::new(),
        };
        let mut due = match regime {
            Regime::FullCare => self.add_wd(start, self.rule(RuleId::LacFirstReview)),
            Regime::ShortBreaks => self.add_m(start, self.rule(RuleId::ShortBreakFirstReview)),
        };
        let mut prev = start;
        let window = match target {
            Target::Natural => None,
            Target::Overdue => Some((self.days(-35), self.days(-3))),
            Target::BookedAfterDue | Target::NotBookedSoon => Some((self.days(3), self.days(25))),
        };
        loop {
            let n = hist.reviews.len();
            if let (Some((lo, hi)), true) = (window, n >= 2) {
                if due > hi {
                    return None;
                }
                if due >= lo {
                    let booked = match target {
                        Target::Overdue if self.chance(0.35) => {
                            let ahead = self.range(2, 15);
                            Some(self.on_or_after(self.days(ahead)))
                        }
                        Target::BookedAfterDue => {
                            let late = self.urange(2, 10);
                            Some(self.add_wd(due, late))
                        }
                        _ => None,
                    };
                    if let Some(on) = booked {
                        let slot = self.slot(MeetingKind::LacReview, on);
                        hist.booked.push(slot);
                    }
                    return Some(hist);
                }
            }
            let (planned, early) = self.plan_held(due, prev, n >= 2);
            if planned > limit {
                if window.is_some() {
                    return None;
                }
                if present {
                    if let Some(on) = self.natural_booking(due, planned) {
                        let slot = self.slot(MeetingKind::LacReview, on);
                        hist.booked.push(slot);
                    }
                }
                return Some(hist);
            }
            let before = self.disruption(MeetingKind::LacReview, prev, planned, start);
            hist.reviews.push(Held {
                on: planned,
                early,
                quorate: true,
                before,
                category: None,
            });
            due = if n == 0 && regime == Regime::FullCare {
                self.add_m(planned, self.rule(RuleId::LacSecondReview))
            } else {
                self.add_m(planned, self.rule(RuleId::LacSubsequentReview))
            };
            prev = planned;
        }
    }

    // --- child-protection histories -------------------------------------------------------------

    fn cp_forward(&mut self, strategy: NaiveDate, end: CpEnd, limit: NaiveDate) -> CpHist {
        let present = limit >= self.as_of;
        // Strategy discussions are held on working days.
        let strategy = self.on_or_before(strategy);
        let mut s47 = if self.chance(0.6) {
            strategy
        } else {
            self.add_wd(strategy, 1)
        };
        if s47 > limit {
            s47 = strategy;
        }
        let mut hist = CpHist {
            strategy: Some(strategy),
            s47: Some(s47),
            ..CpHist::default()
        };
        let icpc_due = self.add_wd(strategy, self.rule(RuleId::Icpc));
        let k = if self.chance(0.85) {
            self.urange(8, 15)
        } else {
            self.urange(16, 20)
        };
        let icpc = self.add_wd(strategy, k);
        if icpc > limit {
            if present {
                if let Some(on) = self.natural_booking(icpc_due, icpc) {
                    self.book(&mut hist, MeetingKind::Icpc, on);
                }
            }
            return hist;
        }
        hist.icpc = Some(icpc);
        hist.icpc_quorate = self.chance(0.97);
        if matches!(end, CpEnd::NoPlan) {
            hist.no_plan = true;
            return hist;
        }
        let category = self.weighted(&CATEGORIES);
        hist.initial = Some(category);
        hist.latest = Some(category);

        let k = if self.chance(0.9) {
            self.urange(2, 10)
        } else {
            self.urange(11, 14)
        };
        let core_group = self.add_wd(icpc, k);
        if core_group <= limit {
            hist.core_group = Some(core_group);
        } else if present && self.chance(0.85) {
            self.book(&mut hist, MeetingKind::CoreGroup, core_group);
        }

        let mut due = self.add_m(icpc, self.rule(RuleId::CpFirstReview));
        let mut prev = icpc;
        loop {
            let (planned, _) = self.plan_held(due, prev, false);
            if planned > limit {
                if present {
                    if let Some(on) = self.natural_booking(due, planned) {
                        self.book(&mut hist, MeetingKind::CpReview, on);
                    }
                }
                break;
            }
            let before = self.disruption(
                MeetingKind::CpReview,
                prev,
                planned,
                icpc + TimeDelta::days(1),
            );
            let quorate = self.chance(0.96);
            if self.chance(0.12) {
                hist.latest = Some(self.weighted(&CATEGORIES));
            }
            hist.reviews.push(Held {
                on: planned,
                early: None,
                quorate,
                before,
                category: hist.latest,
            });
            let ends = match end {
                CpEnd::Never | CpEnd::NoPlan => false,
                CpEnd::AtReview(n) => hist.reviews.len() == n,
                CpEnd::OnOrAfter(on) => planned >= on,
            };
            if ends {
                hist.plan_end = Some(planned);
                return hist;
            }
            due = self.add_m(planned, self.rule(RuleId::CpSubsequentReview));
            prev = planned;
        }
        // An open plan: the next core group is often in the diary.
        if present && hist.core_group.is_some() && self.chance(0.4) {
            let ahead = self.range(1, 28);
            let on = self.on_or_after(self.days(ahead));
            self.book(&mut hist, MeetingKind::CoreGroup, on);
        }
        hist
    }

    fn book(&mut self, hist: &mut CpHist, kind: MeetingKind, on: NaiveDate) {
        let slot = self.slot(kind, on);
        hist.booked.push((kind, slot));
    }

    // --- families -------------------------------------------------------------------------------

    /// Dates of birth for a family: the eldest from the profile, the others 1–3 years younger,
    /// everyone at least `min_days` old.
    fn family_births(
        &mut self,
        size: usize,
        profile: &[((i64, i64), u32)],
        min_days: i64,
    ) -> Vec<NaiveDate> {
        let mut eldest = self.born(profile, min_days);
        if size > 1 {
            // Room for younger siblings.
            let room = (size as i64 - 1) * 2 * 365 + min_days;
            eldest = eldest.min(self.days(-room));
        }
        let mut births = vec![eldest];
        for _ in 1..size {
            let last = *births.last().expect("eldest is there");
            let gap = self.range(330, 3 * 365);
            let next = (last + TimeDelta::days(gap)).min(self.days(-min_days));
            births.push(
                next.max(last + TimeDelta::days(300))
                    .min(self.days(-min_days)),
            );
        }
        births
    }

    /// The legal status of a family's period of care that started on `start`: what the
    /// proceedings would have reached by `as_of` (placement orders for young children only,
    /// remand for a single older child only).
    fn legal_status(&mut self, start: NaiveDate, births: &[NaiveDate]) -> LegalStatus {
        let recent = start > self.days(-270);
        let eldest = births.iter().min().copied().unwrap_or(start);
        let youngest = births.iter().max().copied().unwrap_or(start);
        let age_at = |born: NaiveDate, on: NaiveDate| (on - born).num_days() / 365;
        let status = if recent {
            self.weighted(&RECENT_STATUSES)
        } else if age_at(eldest, start) <= 6 && self.chance(0.4) {
            // Young children long in care: often a placement order (adoption the plan).
            LegalStatus::E1
        } else {
            self.weighted(&SETTLED_STATUSES)
        };
        match status {
            LegalStatus::J1 | LegalStatus::J2 | LegalStatus::J3
                if births.len() > 1 || age_at(youngest, self.as_of) < 12 =>
            {
                if recent {
                    LegalStatus::V2
                } else {
                    LegalStatus::C2
                }
            }
            s => s,
        }
    }

    fn history(&mut self, plan: &FamilyPlan) -> History {
        match plan.kind {
            Kind::Lac(target) => self.lac_history(plan.size, target),
            Kind::NewInCare => {
                let births = self.family_births(plan.size, &LAC_AGES, 40);
                let back = self.range(3, 10);
                let start = self.days(-back);
                let legal = self.pick(&[
                    LegalStatus::V2,
                    LegalStatus::V2,
                    LegalStatus::L1,
                    LegalStatus::L2,
                    LegalStatus::C1,
                ]);
                let care = self.care_now(start, Regime::FullCare, legal);
                known_births(births, care_only(care))
            }
            Kind::ShortBreak { ended } => {
                let births = self.family_births(plan.size, &[((6, 16), 1)], 6 * 365);
                let legal = self.pick(&[LegalStatus::V3, LegalStatus::V4]);
                let care = if ended {
                    // Breaks from two or three years ago, stopped a few weeks ago.
                    let back = self.range(500, 1100);
                    let start = self.days(-back);
                    let back = self.range(20, 70);
                    let end = self.on_or_before(self.days(-back));
                    self.lac_forward(start, Regime::ShortBreaks, legal, end, Target::Natural)
                        .expect("natural")
                } else {
                    let back = self.range(180, 1100);
                    let start = self.days(-back);
                    self.care_now(start, Regime::ShortBreaks, legal)
                };
                known_births(births, care_only(care))
            }
            Kind::ReEntry => self.re_entry_history(plan.size),
            Kind::Both => self.both_history(plan.size),
            Kind::Cp => self.cp_history(plan.size),
            Kind::IcpcAtRisk => {
                let births = self.family_births(plan.size, &CP_AGES, 20);
                let k = self.urange(8, 12);
                let strategy = self.sub_wd(self.on_or_before(self.as_of), k);
                let cp = self.strategy_only(strategy);
                known_births(births, cp_only(cp))
            }
            Kind::NoPlan => {
                let births = self.family_births(plan.size, &CP_AGES, 60);
                let back = self.range(25, 45);
                let strategy = self.days(-back);
                let mut cp = self.cp_forward(strategy, CpEnd::NoPlan, self.days(-3));
                if cp.icpc.is_none() {
                    // Late enough to miss the window: held on the last day of the timescale.
                    cp.icpc = Some(
                        self.add_wd(cp.strategy.unwrap_or(strategy), 15)
                            .min(self.days(-3)),
                    );
                    cp.icpc_quorate = true;
                    cp.no_plan = true;
                    cp.booked.clear();
                }
                known_births(births, cp_only(cp))
            }
            Kind::OutcomeMissing => {
                let births = self.family_births(plan.size, &CP_AGES, 60);
                let k = self.urange(12, 14);
                let strategy = self.sub_wd(self.on_or_before(self.as_of), k);
                let mut cp = self.strategy_only(strategy);
                let back = self.urange(1, 2);
                cp.icpc = Some(self.sub_wd(self.on_or_before(self.as_of), back));
                cp.icpc_quorate = true;
                cp.outcome_missing = true;
                known_births(births, cp_only(cp))
            }
            Kind::TransferIn { first } => self.transfer_in_history(plan.size, first),
            Kind::Unborn(referral) => self.unborn_history(plan.size, referral),
        }
    }

    /// A period of care open on `as_of`, reviews held up to it.
    fn care_now(&mut self, start: NaiveDate, regime: Regime, legal: LegalStatus) -> CareHist {
        self.lac_forward(start, regime, legal, self.as_of, Target::Natural)
            .expect("a natural history always exists")
    }

    fn strategy_only(&mut self, strategy: NaiveDate) -> CpHist {
        let s47 = if self.chance(0.5) {
            strategy
        } else {
            self.add_wd(strategy, 1)
        };
        CpHist {
            strategy: Some(strategy),
            s47: Some(s47.min(self.as_of)),
            ..CpHist::default()
        }
    }

    fn lac_history(&mut self, size: usize, target: Target) -> History {
        let min_days = if target == Target::Natural {
            40
        } else {
            2 * 365
        };
        let births = self.family_births(size, &LAC_AGES, min_days);
        let youngest = *births.iter().max().expect("a child");
        let lo = (youngest + TimeDelta::days(7)).max(self.years_ago(6));
        let mut care = None;
        if target != Target::Natural {
            let hi = self.days(-200);
            for _ in 0..400 {
                let start = self.date_between(lo, hi.max(lo), false);
                care =
                    self.lac_forward(start, Regime::FullCare, LegalStatus::C2, self.as_of, target);
                if care.is_some() {
                    break;
                }
            }
        }
        let mut care = match care {
            Some(care) => care,
            None => {
                let start = self.date_between(lo, self.days(-3).max(lo), false);
                self.care_now(start, Regime::FullCare, LegalStatus::C2)
            }
        };
        care.legal = self.legal_status(care.start, &births);
        known_births(births, care_only(care))
    }

    fn re_entry_history(&mut self, size: usize) -> History {
        let births = self.family_births(size, &[((7, 16), 1)], 7 * 365);
        let youngest = *births.iter().max().expect("a child");
        let back2 = self.range(40, 150);
        let start2 = self.days(-back2);
        let back1 = self.range(2 * 365, 5 * 365);
        let start1 = self.days(-back1).max(youngest + TimeDelta::days(30));
        let stay = self.range(240, 900);
        let end1 = (start1 + TimeDelta::days(stay)).min(start2 - TimeDelta::days(90));
        let first = self
            .lac_forward(
                start1,
                Regime::FullCare,
                LegalStatus::V2,
                end1,
                Target::Natural,
            )
            .expect("natural");
        let legal = self.legal_status(start2, &births);
        let second = self.care_now(start2, Regime::FullCare, legal);
        let hist = FamilyHist {
            care: vec![first, second],
            cp: Vec::new(),
        };
        known_births(births, hist)
    }

    fn both_history(&mut self, size: usize) -> History {
        let births = self.family_births(size, &CP_AGES, 200);
        let youngest = *births.iter().max().expect("a child");
        let lo = (youngest + TimeDelta::days(7)).max(self.as_of - TimeDelta::days(26 * 30));
        let strategy = self.date_between(lo, self.days(-70).max(lo), true);
        let came_into_care = self.date_between(strategy + TimeDelta::days(50), self.days(-3), true);
        let end = if self.chance(0.5) {
            CpEnd::OnOrAfter(came_into_care)
        } else {
            CpEnd::Never
        };
        let cp = self.cp_forward(strategy, end, self.as_of);
        let legal = self.legal_status(came_into_care, &births);
        let care = self.care_now(came_into_care, Regime::FullCare, legal);
        let hist = FamilyHist {
            care: vec![care],
            cp: vec![cp],
        };
        known_births(births, hist)
    }

    fn cp_history(&mut self, size: usize) -> History {
        let a = self.as_of;
        let births = self.family_births(size, &CP_AGES, 20);
        let youngest = *births.iter().max().expect("a child");
        let lo = (youngest + TimeDelta::days(7)).max(a - TimeDelta::days(26 * 30));
        let strategy = self.date_between(lo, self.days(-5).max(lo), true);
        let mut hist = FamilyHist::default();
        // Some children had an earlier episode: a plan that ended (a repeat plan) or an
        // initial conference that decided no plan; which also gives the annual report a year
        // or two of history before the present plans.
        if self.chance(0.35) {
            let back = self.range(12 * 30, 40 * 30);
            let earlier = strategy - TimeDelta::days(back);
            if earlier >= youngest + TimeDelta::days(7) {
                let end = if self.chance(0.3) {
                    CpEnd::NoPlan
                } else {
                    CpEnd::AtReview(self.range(1, 2) as usize)
                };
                let previous = self.cp_forward(earlier, end, strategy - TimeDelta::days(40));
                if previous.plan_end.is_some() || previous.no_plan {
                    hist.cp.push(previous);
                }
            }
        }
        let end = if self.chance(0.08) {
            CpEnd::AtReview(self.range(1, 3) as usize)
        } else {
            CpEnd::Never
        };
        let cp = self.cp_forward(strategy, end, a);
        hist.cp.push(cp);
        known_births(births, hist)
    }

    fn transfer_in_history(&mut self, size: usize, first: bool) -> History {
        let births = self.family_births(size, &[((1, 14), 1)], 365);
        let k = self.urange(5, 12);
        let notified = self.sub_wd(self.on_or_before(self.as_of), k);
        let due = self.add_wd(notified, self.rule(RuleId::TransferInConference));
        // The plan the originating authority made, months before the move.
        let youngest = *births.iter().max().expect("a child");
        let months = self.urange(2, 9);
        let plan_start = self
            .on_or_before(notified - Months::new(months))
            .max(youngest + TimeDelta::days(1));
        let category = self.weighted(&CATEGORIES);
        let mut cp = CpHist {
            transfer_in: Some(notified),
            originating_plan: (plan_start < notified).then_some((plan_start, category)),
            ..CpHist::default()
        };
        if !first && self.chance(0.6) {
            let back = self.urange(0, 3);
            let on = self.sub_wd(due, back);
            if on > self.as_of {
                self.book(&mut cp, MeetingKind::TransferInConference, on);
            }
        }
        known_births(births, cp_only(cp))
    }

    /// The first weekday bank holiday 2–8 weeks ahead, a Monday if there is one: the day a
    /// pre-birth conference gets booked on by mistake.
    fn holiday_ahead(&self) -> Option<NaiveDate> {
        let days: Vec<NaiveDate> = (14..=56)
            .map(|n| self.days(n))
            .filter(|d| {
                matches!(
                    self.cal.non_working_reason(*d),
                    Some(caseload_core::calendar::NonWorking::BankHoliday { .. })
                ) && d.weekday().number_from_monday() <= 5
            })
            .collect();
        days.iter()
            .find(|d| d.weekday() == chrono::Weekday::Mon)
            .or(days.first())
            .copied()
    }

    fn unborn_history(&mut self, size: usize, referral: Referral) -> History {
        let weeks = i64::from(self.rule(RuleId::PreBirthConference));
        let k = self.urange(2, 7);
        let strategy = self.sub_wd(self.on_or_before(self.as_of), k);
        let mut cp = CpHist {
            strategy: Some(strategy),
            s47: Some(strategy),
            ..CpHist::default()
        };
        let holiday = match referral {
            Referral::OnHoliday => self.holiday_ahead(),
            _ => None,
        };
        let expected = match (referral, holiday) {
            // The pre-birth date a few days after the holiday, so the booking is in time.
            (Referral::OnHoliday, Some(day)) => {
                day + TimeDelta::weeks(weeks) + TimeDelta::days(self.range(2, 9))
            }
            // Referred late: the pre-birth date was one to five weeks before the strategy
            // discussion.
            (Referral::Late, _) => {
                strategy + TimeDelta::weeks(weeks) - TimeDelta::days(self.range(7, 35))
            }
            // Referred early: the pre-birth date two to six weeks ahead.
            _ => {
                let ahead = self.range(14, 42);
                self.days(weeks * 7 + ahead)
            }
        };
        let due = match referral {
            Referral::Late => self.add_wd(strategy, self.rule(RuleId::Icpc)),
            _ => expected - TimeDelta::weeks(weeks),
        };
        let booked = match (holiday, referral) {
            (Some(day), _) => Some(day),
            (None, Referral::Early) if !self.chance(0.5) => None,
            _ => {
                let back = self.range(1, 6);
                let on = self.on_or_before(due - TimeDelta::days(back));
                (on > self.as_of).then_some(on)
            }
        };
        if let Some(on) = booked {
            self.book(&mut cp, MeetingKind::Icpc, on);
        }
        (vec![None; size], Some(expected), cp_only(cp))
    }

    fn family(&mut self, plan: &FamilyPlan) {
        let surname = self.surnames[self.next_surname % self.surnames.len()].clone();
        self.next_surname += 1;
        let group = (plan.size > 1).then(|| {
            let g = format!("SG-{:03}", self.next_group);
            self.next_group += 1;
            g
        });
        let ethnicity = self.weighted(&ETHNICITIES);
        let worker = format!(
            "{} {}",
            self.pick(&names::WORKERS),
            self.surnames[(self.next_surname * 7 + 3) % self.surnames.len()]
        );
        let (births, expected, hist) = self.history(plan);

        // The first involvement: allocation starts here.
        let first = hist
            .care
            .iter()
            .map(|c| c.start)
            .chain(hist.cp.iter().filter_map(cp_start))
            .min()
            .unwrap_or(self.as_of);
        let mut allocated_on = first;
        if matches!(plan.kind, Kind::NewInCare) {
            let late = self.range(0, 2);
            allocated_on = (first + TimeDelta::days(late)).min(self.as_of);
        }
        // A few families moved from another IRO.
        let transfer = {
            let lo = first + TimeDelta::days(30);
            let hi = self.days(-7);
            if lo < hi && self.chance(0.08) {
                let on = self.date_between(lo, hi, false);
                let step = self.range(1, 3) as usize;
                let reason = self.pick(&names::TRANSFER_REASONS);
                Some(((plan.iro + step) % 4, on, reason))
            } else {
                None
            }
        };
        let team = match plan.kind {
            Kind::ShortBreak { .. } => names::TEAM_DISABILITY,
            _ if births
                .iter()
                .flatten()
                .min()
                .is_some_and(|b| *b < self.years_ago(16))
                && plan.kind.looked_after() =>
            {
                names::TEAM_THROUGH_CARE
            }
            _ => {
                if self.chance(0.5) {
                    names::TEAM_NORTH
                } else {
                    names::TEAM_SOUTH
                }
            }
        };

        let mut used_first_names: Vec<&str> = Vec::new();
        for born in births {
            let sex = if born.is_none() {
                Sex::Unknown
            } else if self.chance(0.52) {
                Sex::Male
            } else {
                Sex::Female
            };
            let first_name = loop {
                let name = match sex {
                    Sex::Unknown => "Unborn",
                    Sex::Male => self.pick(&names::BOYS),
                    Sex::Female => self.pick(&names::GIRLS),
                };
                if sex == Sex::Unknown || !used_first_names.contains(&name) {
                    break name;
                }
            };
            used_first_names.push(first_name);
            let preferred = names::PREFERRED
                .iter()
                .find(|(full, _)| *full == first_name)
                .map(|(_, short)| *short);
            let preferred = match preferred {
                Some(short) if self.chance(0.5) => Some(short.to_string()),
                _ => None,
            };
            let id = ChildId(self.next_child);
            self.next_child += 1;
            let details = ChildDetails {
                first_name: first_name.to_string(),
                last_name: surname.clone(),
                preferred_name: preferred,
                born_on: born,
                expected_birth_on: if born.is_none() { expected } else { None },
                sex,
                ethnicity: Some(ethnicity),
                local_ref: Some(format!("DEMO-{:05}", 100 + id.0)),
                sibling_group: group.clone(),
                social_worker: Some(worker.clone()),
                team: Some(team.to_string()),
            };
            let initial_iro = transfer.map_or(plan.iro, |(from, _, _)| from);
            self.out.push(Change::AddChild {
                id: Some(id),
                details: details.clone(),
                iro: Some(IroId(initial_iro as i64 + 1)),
                allocated_on: Some(allocated_on),
            });
            let mut events: Vec<(NaiveDate, Change)> = Vec::new();
            if let Some((_, on, reason)) = transfer {
                events.push((
                    on,
                    Change::AllocateIro {
                        child: id,
                        iro: IroId(plan.iro as i64 + 1),
                        from_on: on,
                        reason: Some(reason.to_string()),
                    },
                ));
            }
            for care in &hist.care {
                self.emit_care(id, &details, care, &mut events);
            }
            for cp in &hist.cp {
                self.emit_cp(id, &details, cp, &mut events);
            }
            // Stable: changes of the same date keep the order they were made in.
            events.sort_by_key(|(on, _)| *on);
            self.out.extend(events.into_iter().map(|(_, c)| c));
        }
    }

    // --- emitting changes -----------------------------------------------------------------------

    fn meeting_id(&mut self) -> MeetingId {
        let id = MeetingId(self.next_meeting);
        self.next_meeting += 1;
        id
    }

    fn book_change(
        &mut self,
        child: ChildId,
        kind: MeetingKind,
        slot: Slot,
    ) -> (MeetingId, Change) {
        let id = self.meeting_id();
        let change = Change::BookMeeting {
            id: Some(id),
            child,
            kind,
            on: slot.on,
            at: NaiveTime::from_hms_opt(slot.at.0, slot.at.1, 0),
            venue: Some(slot.venue.to_string()),
        };
        (id, change)
    }

    /// A booking that was cancelled or adjourned before the meeting was held on another day.
    fn emit_disruption(
        &mut self,
        child: ChildId,
        kind: MeetingKind,
        d: Disrupted,
        events: &mut Vec<(NaiveDate, Change)>,
    ) {
        let (id, book) = self.book_change(child, kind, d.slot);
        events.push((d.slot.on, book));
        let reason = Some(d.reason.to_string());
        let change = if d.adjourned {
            Change::AdjournMeeting { id, reason }
        } else {
            Change::CancelMeeting { id, reason }
        };
        events.push((d.slot.on, change));
    }

    /// A meeting in the diary, booked "now": after every change of the history.
    fn emit_booking(
        &mut self,
        child: ChildId,
        kind: MeetingKind,
        slot: Slot,
        events: &mut Vec<(NaiveDate, Change)>,
    ) -> MeetingId {
        let (id, book) = self.book_change(child, kind, slot);
        events.push((self.as_of, book));
        id
    }

    fn record(
        &mut self,
        child: ChildId,
        kind: MeetingKind,
        outcome: MeetingOutcome,
        events: &mut Vec<(NaiveDate, Change)>,
    ) {
        let id = self.meeting_id();
        let on = outcome.held_on.unwrap_or(self.as_of);
        events.push((
            on,
            Change::RecordMeeting {
                id: Some(id),
                child,
                kind,
                outcome,
            },
        ));
    }

    fn participation(&mut self, details: &ChildDetails, held: NaiveDate) -> Participation {
        let allowed = allowed_participation(details, held);
        if allowed.contains(&Participation::Pn0) {
            return Participation::Pn0;
        }
        use Participation::*;
        let age = details.age_on(held).unwrap_or(10);
        let code = if age < 8 {
            self.weighted(&[
                (Pn1, 15),
                (Pn2, 10),
                (Pn3, 25),
                (Pn4, 15),
                (Pn6, 25),
                (Pn7, 10),
            ])
        } else if age < 12 {
            self.weighted(&[
                (Pn1, 35),
                (Pn2, 8),
                (Pn3, 4),
                (Pn4, 7),
                (Pn5, 15),
                (Pn6, 25),
                (Pn7, 6),
            ])
        } else {
            self.weighted(&[
                (Pn1, 35),
                (Pn2, 3),
                (Pn4, 5),
                (Pn5, 22),
                (Pn6, 25),
                (Pn7, 10),
            ])
        };
        if allowed.contains(&code) {
            code
        } else {
            allowed[0]
        }
    }

    /// When the decisions and the record of a meeting held on `held` were sent: mostly within
    /// the 5 and 20 working days, some late; not yet, when that lies after `as_of`.
    fn sent_dates(&mut self, held: NaiveDate) -> (Option<NaiveDate>, Option<NaiveDate>) {
        let k = match self.rng.random::<f64>() {
            r if r < 0.8 => self.urange(1, 2),
            r if r < 0.94 => self.urange(3, 5),
            _ => self.urange(6, 12),
        };
        let decisions = self.add_wd(held, k);
        let k = match self.rng.random::<f64>() {
            r if r < 0.45 => self.urange(3, 6),
            r if r < 0.77 => self.urange(7, 12),
            r if r < 0.92 => self.urange(13, 20),
            _ => self.urange(21, 35),
        };
        let record = self.add_wd(held, k);
        (
            (decisions <= self.as_of).then_some(decisions),
            (record <= self.as_of).then_some(record),
        )
    }

    /// The social worker's contact and the reports ahead of a LAC review held on `held`:
    /// mostly in time (15 and 3 working days before), some later, a few not recorded.
    fn preparation_before(
        &mut self,
        held: NaiveDate,
        start: NaiveDate,
    ) -> (Option<NaiveDate>, Option<NaiveDate>) {
        let contact = match self.rng.random::<f64>() {
            r if r < 0.85 => Some(self.urange(15, 25)),
            r if r < 0.95 => Some(self.urange(5, 14)),
            _ => None,
        };
        let reports = match self.rng.random::<f64>() {
            r if r < 0.8 => Some(self.urange(3, 8)),
            r if r < 0.93 => Some(self.urange(1, 2)),
            _ => None,
        };
        let before = |k: u32| self.sub_wd(held, k).max(start);
        (contact.map(before), reports.map(before))
    }

    fn lac_outcome(
        &mut self,
        details: &ChildDetails,
        review: &Held,
        start: NaiveDate,
    ) -> MeetingOutcome {
        let held = review.on;
        let participation = self.participation(details, held);
        let (advocate_offered, advocate_used) = if participation == Participation::Pn0 {
            (None, None)
        } else {
            let offered = self.chance(0.75);
            let used = offered
                && if matches!(participation, Participation::Pn2 | Participation::Pn5) {
                    self.chance(0.7)
                } else {
                    self.chance(0.1)
                };
            (Some(offered), Some(used))
        };
        let child_seen_on = if self.chance(0.92) {
            let back = self.range(1, 12);
            let seen = self.on_or_before(held - TimeDelta::days(back)).max(start);
            let born_ok = details.born_on.is_none_or(|b| seen >= b);
            (born_ok && seen <= held).then_some(seen)
        } else {
            None
        };
        let (decisions_sent_on, record_sent_on) = self.sent_dates(held);
        let (social_worker_contact_on, reports_received_on) = self.preparation_before(held, start);
        MeetingOutcome {
            held_on: Some(held),
            participation: Some(participation),
            advocate_offered,
            advocate_used,
            child_seen_on,
            decisions_sent_on,
            record_sent_on,
            quorate: None,
            early_reason: review.early.map(str::to_string),
            social_worker_contact_on,
            reports_received_on,
            ..MeetingOutcome::default()
        }
    }

    /// A child-protection conference held: its decision about the plan and the category,
    /// whether the child attended and had an advocate (older children now and then), and the
    /// decisions and record sent.
    fn conference_outcome(
        &mut self,
        details: &ChildDetails,
        held: NaiveDate,
        quorate: bool,
        decision: Option<(PlanDecision, Option<AbuseCategory>)>,
    ) -> MeetingOutcome {
        let age = details.age_on(held);
        let (child_attended, advocate_offered, advocate_used) = match age {
            Some(age) if age >= 8 => {
                let attended = self.chance(if age >= 12 { 0.35 } else { 0.12 });
                let offered = self.chance(0.6);
                let used = offered && self.chance(if attended { 0.5 } else { 0.15 });
                (Some(attended), Some(offered), Some(used))
            }
            Some(_) => (Some(false), None, None),
            None => (None, None, None),
        };
        let (decisions_sent_on, record_sent_on) = self.sent_dates(held);
        MeetingOutcome {
            held_on: Some(held),
            quorate: Some(quorate),
            plan_decision: decision.map(|(d, _)| d),
            category: decision.and_then(|(_, c)| c),
            child_attended,
            advocate_offered,
            advocate_used,
            decisions_sent_on,
            record_sent_on,
            ..MeetingOutcome::default()
        }
    }

    fn emit_care(
        &mut self,
        child: ChildId,
        details: &ChildDetails,
        care: &CareHist,
        events: &mut Vec<(NaiveDate, Change)>,
    ) {
        let id = CarePeriodId(self.next_care);
        self.next_care += 1;
        events.push((
            care.start,
            Change::StartCare {
                id: Some(id),
                child,
                started_on: care.start,
                legal_status: care.legal,
                regime: care.regime,
            },
        ));
        for review in &care.reviews {
            if let Some(d) = review.before {
                self.emit_disruption(child, MeetingKind::LacReview, d, events);
            }
            let outcome = self.lac_outcome(details, review, care.start);
            self.record(child, MeetingKind::LacReview, outcome, events);
        }
        if let Some(end) = care.end {
            events.push((end, Change::EndCare { id, ended_on: end }));
        }
        for slot in &care.booked {
            let id = self.emit_booking(child, MeetingKind::LacReview, *slot, events);
            self.emit_preparation(id, details, care.start, slot.on, events);
        }
    }

    /// What the IRO already has for a booked review: for most reviews of the next few weeks
    /// the child seen, the social worker's contact (15 working days before) and the reports
    /// (3 working days before); a few of each are missing.
    fn emit_preparation(
        &mut self,
        id: MeetingId,
        details: &ChildDetails,
        start: NaiveDate,
        on: NaiveDate,
        events: &mut Vec<(NaiveDate, Change)>,
    ) {
        let latest = self.on_or_before(self.as_of).max(start);
        let fits = |d: NaiveDate| d >= start && d <= on && details.born_on.is_none_or(|b| d >= b);
        let left = self.cal.working_days_between(self.as_of, on);
        let seen_p = match left {
            ..=2 => 0.92,
            3..=10 => 0.7,
            11..=15 => 0.3,
            _ => 0.0,
        };
        if self.chance(seen_p) {
            let back = self.range(0, 12);
            let seen = self.on_or_before(self.days(-back)).max(start);
            if fits(seen) {
                events.push((self.as_of, Change::RecordChildSeen { id, on: seen }));
            }
        }
        let contact_p = if left < 15 { 0.9 } else { 0.3 };
        if self.chance(contact_p) {
            let k = self.urange(15, 22);
            let contact = self.sub_wd(on, k).max(start).min(latest);
            if fits(contact) {
                events.push((
                    self.as_of,
                    Change::RecordSocialWorkerContact { id, on: contact },
                ));
            }
        }
        let reports_p = if left < 3 {
            0.85
        } else if left < 6 {
            0.3
        } else {
            0.0
        };
        if self.chance(reports_p) {
            let k = self.urange(3, 6);
            let reports = self.sub_wd(on, k).max(start).min(latest);
            if fits(reports) {
                events.push((
                    self.as_of,
                    Change::RecordReportsReceived { id, on: reports },
                ));
            }
        }
    }

    fn emit_cp(
        &mut self,
        child: ChildId,
        details: &ChildDetails,
        cp: &CpHist,
        events: &mut Vec<(NaiveDate, Change)>,
    ) {
        let id = CpEpisodeId(self.next_cp);
        self.next_cp += 1;
        let episode = CpEpisodeDetails {
            strategy_on: cp.strategy,
            s47_started_on: cp.s47,
            transfer_in_notified_on: cp.transfer_in,
            plan_started_on: cp.originating_plan.map(|(on, _)| on),
            initial_category: cp.originating_plan.map(|(_, c)| c),
            latest_category: cp.originating_plan.map(|(_, c)| c),
            ..CpEpisodeDetails::default()
        };
        let start = cp_start(cp).unwrap_or(self.as_of);
        events.push((
            start,
            Change::StartCpEpisode {
                id: Some(id),
                child,
                details: episode,
            },
        ));
        // The store writes each decision's effect on the episode (plan start, end, category).
        if let Some(icpc) = cp.icpc {
            let decision = if cp.outcome_missing {
                None
            } else if cp.no_plan {
                Some((PlanDecision::NoPlan, None))
            } else {
                Some((PlanDecision::PlanStarts, cp.initial))
            };
            let outcome = self.conference_outcome(details, icpc, cp.icpc_quorate, decision);
            self.record(child, MeetingKind::Icpc, outcome, events);
        }
        if let Some(on) = cp.core_group {
            let outcome = MeetingOutcome {
                held_on: Some(on),
                ..MeetingOutcome::default()
            };
            self.record(child, MeetingKind::CoreGroup, outcome, events);
        }
        for (n, review) in cp.reviews.iter().enumerate() {
            if let Some(d) = review.before {
                self.emit_disruption(child, MeetingKind::CpReview, d, events);
            }
            let last = n + 1 == cp.reviews.len();
            let decision = if last && cp.plan_end.is_some() {
                PlanDecision::PlanEnds
            } else {
                PlanDecision::PlanContinues
            };
            let outcome = self.conference_outcome(
                details,
                review.on,
                review.quorate,
                Some((decision, review.category)),
            );
            self.record(child, MeetingKind::CpReview, outcome, events);
        }
        for (kind, slot) in &cp.booked {
            let _ = self.emit_booking(child, *kind, *slot, events);
        }
    }
}

/// What a family's history gives its children: dates of birth (none for the unborn), the
/// expected date of birth, and the history itself.
type History = (Vec<Option<NaiveDate>>, Option<NaiveDate>, FamilyHist);

fn known_births(births: Vec<NaiveDate>, hist: FamilyHist) -> History {
    (births.into_iter().map(Some).collect(), None, hist)
}

fn care_only(care: CareHist) -> FamilyHist {
    FamilyHist {
        care: vec![care],
        cp: Vec::new(),
    }
}

fn cp_only(cp: CpHist) -> FamilyHist {
    FamilyHist {
        care: Vec::new(),
        cp: vec![cp],
    }
}

fn cp_start(cp: &CpHist) -> Option<NaiveDate> {
    [cp.strategy, cp.s47, cp.transfer_in, cp.icpc]
        .into_iter()
        .flatten()
        .min()
}

/// Fisher–Yates, so the order depends only on the generator (not on a library's algorithm).
fn shuffle_with<T>(rng: &mut ChaCha8Rng, xs: &mut [T]) {
    for i in (1..xs.len()).rev() {
        let j = rng.random_range(0..=i);
        xs.swap(i, j);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use caseload_core::domain::Caseload;
    use caseload_core::domain::MeetingStatus;
    use caseload_core::schedule::Ctx;
    use caseload_core::warnings::{compute_warnings, WarningKind};
    use caseload_store::{ApplyContext, Store, StoreError};

    fn date(s: &str) -> NaiveDate {
        s.parse().expect("a date")
    }

    fn options(children: usize, seed: u64, as_of: &str) -> DemoOptions {
        DemoOptions {
            children,
            seed,
            as_of: date(as_of),
        }
    }

    fn json(changes: &[Change]) -> String {
        serde_json::to_string(changes).expect("changes serialize")
    }

    /// Applies the demo to a fresh in-memory store, failing with every refused change.
    fn apply(options: &DemoOptions) -> Store {
        let changes = demo_changes(options);
        let mut store = Store::open_in_memory().expect("an in-memory store");
        let ctx = ApplyContext {
            as_of: options.as_of,
            actor: None,
            recorded_at: chrono::Utc::now(),
            source: None,
        };
        match store.apply(&changes, &ctx) {
            Ok(applied) => assert_eq!(applied.len(), changes.len()),
            Err(StoreError::Invalid(refused)) => {
                let lines: Vec<String> = refused
                    .iter()
                    .take(20)
                    .map(|c| {
                        format!(
                            "#{} {}: {:?}\n    {}",
                            c.index,
                            c.op,
                            c.errors.iter().map(|e| &e.message).collect::<Vec<_>>(),
                            serde_json::to_string(&changes[c.index]).unwrap()
                        )
                    })
                    .collect();
                panic!(
                    "{options:?}: {} changes refused, the first:\n{}",
                    refused.len(),
                    lines.join("\n")
                );
            }
            Err(other) => panic!("{options:?}: {other}"),
        }
        store
    }

    fn held_on(c: &Change) -> Option<NaiveDate> {
        match c {
            Change::RecordMeeting { outcome, .. } => outcome.held_on,
            _ => None,
        }
    }

    #[test]
    fn demo_same_seed_gives_identical_changes() {
        let o = options(60, 1, "2026-11-23");
        assert_eq!(json(&demo_changes(&o)), json(&demo_changes(&o)));
        let o = options(300, 42, "2025-06-15");
        assert_eq!(json(&demo_changes(&o)), json(&demo_changes(&o)));
    }

    #[test]
    fn demo_different_seed_or_date_gives_different_changes() {
        let a = json(&demo_changes(&options(60, 1, "2026-11-23")));
        assert_ne!(a, json(&demo_changes(&options(60, 2, "2026-11-23"))));
        assert_ne!(a, json(&demo_changes(&options(60, 1, "2026-11-24"))));
    }

    #[test]
    fn demo_has_the_requested_number_of_children_and_four_iros() {
        for n in [0, 1, 5, 13, 60, 300] {
            let changes = demo_changes(&options(n, 3, "2026-11-23"));
            let children = changes
                .iter()
                .filter(|c| matches!(c, Change::AddChild { .. }))
                .count();
            assert_eq!(children, n);
            let iros = changes
                .iter()
                .filter(|c| matches!(c, Change::AddIro { .. }))
                .count();
            assert_eq!(iros, 4);
        }
    }

    #[test]
    fn demo_ids_are_explicit_and_counted_from_one_per_kind() {
        let changes = demo_changes(&options(60, 1, "2026-11-23"));
        let mut children = Vec::new();
        let mut meetings = Vec::new();
        let mut cares = Vec::new();
        let mut episodes = Vec::new();
        let mut disputes = Vec::new();
        for c in &changes {
            match c {
                Change::RaiseDispute { id, .. } => disputes.push(id.expect("explicit").0),
                Change::AddChild { id, .. } => children.push(id.expect("explicit").0),
                Change::BookMeeting { id, .. } => meetings.push(id.expect("explicit").0),
                Change::RecordMeeting { id, .. } => meetings.push(id.expect("explicit").0),
                Change::StartCare { id, .. } => cares.push(id.expect("explicit").0),
                Change::StartCpEpisode { id, .. } => episodes.push(id.expect("explicit").0),
                _ => {}
            }
        }
        assert!(!disputes.is_empty());
        for mut ids in [children, meetings, cares, episodes, disputes] {
            ids.sort_unstable();
            assert_eq!(ids, (1..=ids.len() as i64).collect::<Vec<_>>());
        }
    }

    #[test]
    fn demo_has_every_feature_a_newcomer_should_see() {
        let o = options(60, 1, "2026-11-23");
        let changes = demo_changes(&o);
        let mut unborn = 0;
        let mut groups = std::collections::BTreeMap::<String, usize>::new();
        let mut pn0 = 0;
        let mut early = 0;
        for c in &changes {
            match c {
                Change::AddChild { details, iro, .. } => {
                    assert!(iro.is_some(), "every child is allocated");
                    if details.is_unborn() {
                        unborn += 1;
                        let expected = details.expected_birth_on.expect("an expected date");
                        let weeks = (expected - o.as_of).num_weeks();
                        assert!((6..=22).contains(&weeks), "{weeks}");
                    }
                    if let Some(g) = &details.sibling_group {
                        *groups.entry(g.clone()).or_default() += 1;
                    }
                }
                Change::RecordMeeting { outcome, .. } => {
                    pn0 += usize::from(outcome.participation == Some(Participation::Pn0));
                    early += usize::from(outcome.early_reason.is_some());
                }
                _ => {}
            }
        }
        assert!(unborn >= 1, "an unborn child");
        assert!(
            !groups.is_empty() && groups.values().all(|n| (2..=4).contains(n)),
            "{groups:?}"
        );
        assert!(pn0 >= 1, "reviews of a child under 4");
        assert!(early >= 1 || demo_changes(&options(300, 1, "2026-11-23")).iter().any(|c| {
            matches!(c, Change::RecordMeeting { outcome, .. } if outcome.early_reason.is_some())
        }));
        let short_break = changes.iter().any(|c| {
            matches!(
                c,
                Change::StartCare {
                    legal_status: LegalStatus::V3 | LegalStatus::V4,
                    regime: Regime::ShortBreaks,
                    ..
                }
            )
        });
        assert!(short_break, "a short-break child");
        let mut periods = std::collections::BTreeMap::<ChildId, usize>::new();
        for c in &changes {
            if let Change::StartCare { child, .. } = c {
                *periods.entry(*child).or_default() += 1;
            }
        }
        assert!(
            periods.values().any(|n| *n == 2),
            "a child who came back into care"
        );
        let transfer_in = changes.iter().any(|c| {
            matches!(c, Change::StartCpEpisode { details, .. } if details.transfer_in_notified_on.is_some())
        });
        assert!(transfer_in, "a transfer-in");
        assert!(
            changes
                .iter()
                .any(|c| matches!(c, Change::AllocateIro { .. })),
            "a transfer between IROs"
        );
        assert!(
            changes
                .iter()
                .any(|c| matches!(c, Change::CancelMeeting { .. })),
            "a cancelled meeting"
        );
        assert!(
            changes
                .iter()
                .any(|c| matches!(c, Change::RecordChildSeen { .. })),
            "a visit ahead of a booked review"
        );
        let newly_in_care = changes.iter().any(|c| {
            matches!(c, Change::StartCare { started_on, .. }
                if (3..=10).contains(&(o.as_of - *started_on).num_days()))
        });
        assert!(newly_in_care, "a child who came into care days ago");
        let future = changes
            .iter()
            .filter(|c| matches!(c, Change::BookMeeting { on, .. } if *on > o.as_of))
            .count();
        assert!(future >= 10, "bookings after as_of: {future}");
        assert!(
            changes.iter().filter_map(held_on).all(|d| d <= o.as_of),
            "nothing held after as_of"
        );
        let ended = changes.iter().any(|c| {
            matches!(c, Change::RecordMeeting { outcome, .. }
                if outcome.plan_decision == Some(PlanDecision::PlanEnds))
        });
        assert!(ended, "a plan that ended at a review conference");
    }

    #[test]
    fn demo_nothing_is_held_after_as_of_for_any_date() {
        for as_of in ["2025-06-15", "2026-11-23", "2027-03-01", "2026-12-25"] {
            let o = options(300, 9, as_of);
            for c in demo_changes(&o) {
                if let Some(held) = held_on(&c) {
                    assert!(held <= o.as_of, "{c:?}");
                }
            }
        }
    }

    /// Its speed is measured by the benchmark (`cargo bench -p caseload-api`), never asserted.
    #[test]
    fn demo_stays_small_at_benchmark_scale() {
        let changes = demo_changes(&options(5_000, 1, "2026-11-23"));
        assert!(changes.len() <= 5_000 * 30, "{} changes", changes.len());
    }

    #[test]
    fn demo_applies_cleanly_to_a_store() {
        for (n, seed, as_of) in [
            (60, 1, "2026-11-23"),
            (60, 7, "2026-11-23"),
            (40, 7, "2026-11-23"),
            (60, 2, "2027-03-01"),
            (60, 3, "2025-06-15"),
            (300, 1, "2026-11-23"),
            (300, 5, "2027-03-01"),
            (300, 11, "2025-06-15"),
            (5, 1, "2026-11-23"),
        ] {
            apply(&options(n, seed, as_of));
        }
    }

    #[test]
    fn demo_has_open_and_closed_disputes_at_several_stages() {
        use caseload_core::domain::{DisputeKind, DisputeOutcome, Stage};
        let o = options(60, 1, "2026-11-23");
        let store = apply(&o);
        let (caseload, warnings) = warnings_of(&store, o.as_of);
        // The demo Monday's disputes were raised in the last 60 working days; the history's
        // (closed, for the annual report) at least 175 working days ago.
        let recent = o.as_of - TimeDelta::days(120);
        let (disputes, history): (Vec<_>, Vec<_>) = caseload
            .children
            .iter()
            .flat_map(|r| r.disputes.iter())
            .partition(|d| d.raised_on > recent);
        assert_eq!(disputes.len(), 10);
        assert_eq!(history.len(), 13);
        assert!(history.iter().all(|d| !d.is_open()));
        let mut ended: Vec<(DisputeOutcome, u8)> = history
            .iter()
            .filter(|d| d.kind == DisputeKind::Drp)
            .map(|d| (d.outcome.unwrap(), d.current().unwrap().stage.0.min(5)))
            .collect();
        ended.sort_by_key(|(o, s)| (format!("{o:?}"), *s));
        ended.dedup();
        assert_eq!(
            ended,
            [
                (DisputeOutcome::ReferredToCafcass, 2),
                (DisputeOutcome::Resolved, 0),
                (DisputeOutcome::Resolved, 1),
                (DisputeOutcome::Resolved, 2),
                (DisputeOutcome::Resolved, 3),
                (DisputeOutcome::Resolved, 5),
                (DisputeOutcome::Withdrawn, 1),
            ],
            "the history ends at the stage buckets the report counts"
        );
        let skipped = disputes.iter().any(|d| {
            let stages: Vec<Stage> = d.stages.iter().map(|s| s.stage).collect();
            stages == [Stage(0), Stage(3)]
        });
        assert!(
            skipped,
            "an informal challenge escalated straight to Stage 3"
        );
        let mut open_stages: Vec<u8> = disputes
            .iter()
            .filter(|d| d.is_open() && d.kind == DisputeKind::Drp)
            .filter_map(|d| d.current().map(|s| s.stage.0))
            .collect();
        open_stages.sort_unstable();
        open_stages.dedup();
        for stage in [0, 1, 2, 3, 4] {
            assert!(
                open_stages.contains(&stage),
                "an open dispute at stage {stage}"
            );
        }
        assert!(disputes
            .iter()
            .any(|d| d.kind == DisputeKind::Macp && d.is_open()));
        assert!(disputes
            .iter()
            .any(|d| d.outcome == Some(DisputeOutcome::Resolved)));
        assert!(disputes
            .iter()
            .any(|d| d.outcome == Some(DisputeOutcome::ReferredToCafcass)));
        assert!(disputes
            .iter()
            .any(|d| d.is_open() && d.cafcass_referred_on.is_some()));

        // A row's kind or one of its flags.
        let count = |kind: WarningKind| {
            warnings
                .iter()
                .filter(|w| w.kind == kind || w.has_flag(kind))
                .count()
        };
        assert_eq!(
            count(WarningKind::DisputeResponseOverdue),
            1,
            "the Monday's overdue response"
        );
        assert_eq!(count(WarningKind::DisputeResponseDueSoon), 2);
        assert_eq!(count(WarningKind::DisputeFormalOverdue), 1);
        // The quiet dispute's answer came twelve working days ago: accept or escalate is due.
        assert_eq!(count(WarningKind::DisputeResponseReceived), 1);
        // The referral to Cafcass stopped a formal process already past its 20 working days.
        assert_eq!(count(WarningKind::DisputeAwaitingCafcass), 1);
        // The reviews stay the most overdue: dispute dates are recent.
        let first_overdue = warnings
            .iter()
            .find(|w| w.severity == caseload_core::warnings::Severity::Overdue)
            .expect("something overdue");
        assert!(first_overdue.dispute.is_none(), "{first_overdue:?}");
    }

    #[test]
    fn demo_disputes_scale_with_the_caseload_and_fit_any_date() {
        // After New Year and on Easter Monday (a bank holiday); a tiny demo gets what fits.
        for (n, seed, as_of, expected) in [
            (600, 2, "2027-01-04", 20..=20),
            (300, 3, "2026-04-06", 10..=10),
            (12, 1, "2026-11-23", 1..=10),
        ] {
            let o = options(n, seed, as_of);
            let store = apply(&o);
            let caseload = store.load_caseload().unwrap();
            // The present (raised in the last 120 days), and the history: one for about every
            // tenth child, at least the 13 scenarios when enough children fit.
            let recent = o.as_of - TimeDelta::days(120);
            let count = |present: bool| {
                caseload
                    .children
                    .iter()
                    .flat_map(|r| &r.disputes)
                    .filter(|d| (d.raised_on > recent) == present)
                    .count()
            };
            let disputes = count(true);
            assert!(expected.contains(&disputes), "{o:?}: {disputes} disputes");
            assert!(
                count(false) <= (n / 10).max(13),
                "{o:?}: {} in the history",
                count(false)
            );
            assert!(caseload.children.iter().all(|r| r.disputes.len() <= 1));
        }
    }

    fn warnings_of(
        store: &Store,
        as_of: NaiveDate,
    ) -> (Caseload, Vec<caseload_core::warnings::Warning>) {
        let caseload = store.load_caseload().unwrap();
        let calendar = store.load_calendar().unwrap();
        let rules = store.load_rules().unwrap();
        let settings = store.load_settings().unwrap();
        let ctx = Ctx {
            calendar: &calendar,
            rules: &rules,
            settings: &settings,
        };
        let warnings = compute_warnings(&caseload, &ctx, as_of, None);
        (caseload, warnings)
    }

    #[test]
    fn demo_monday_has_a_believable_mix_of_warnings() {
        for (n, seed, as_of) in [
            (60, 1, "2026-11-23"),
            (60, 4, "2027-03-01"),
            (60, 6, "2025-06-15"),
            (DEFAULT_CHILDREN, 1, "2026-11-23"),
        ] {
            let o = options(n, seed, as_of);
            let store = apply(&o);
            let (caseload, warnings) = warnings_of(&store, o.as_of);
            let count = |kind: WarningKind| warnings.iter().filter(|w| w.kind == kind).count();
            assert_eq!(caseload.children.len(), n);
            assert!(count(WarningKind::Overdue) >= 2, "{o:?} overdue");
            assert!(
                count(WarningKind::Overdue) <= 2 + n / 10,
                "{o:?} overdue {}",
                count(WarningKind::Overdue)
            );
            assert!(
                count(WarningKind::BookedInTime) >= 3,
                "{o:?} booked in time"
            );
            assert!(
                count(WarningKind::BookedAfterDue) >= 1,
                "{o:?} booked after due"
            );
            assert!(count(WarningKind::NotBooked) >= 1, "{o:?} not booked");
            assert!(count(WarningKind::IcpcAtRisk) >= 1, "{o:?} ICPC at risk");
            let above = count(WarningKind::CaseloadAboveBand);
            if n == DEFAULT_CHILDREN {
                assert_eq!(above, 1, "{o:?} one IRO just above the band");
            } else {
                assert_eq!(above, 0, "{o:?} nobody above the band");
            }
        }
    }

    // --- issue 10, point 8: the demo, made believable ------------------------------------------

    /// The demos the believability tests run over: the desktop's (default size) on the demo
    /// Monday, and on other days and seeds.
    const BELIEVABLE: [(u64, &str); 3] = [(1, "2026-11-23"), (2, "2027-03-01"), (5, "2025-06-16")];

    fn default_demo(seed: u64, as_of: &str) -> DemoOptions {
        options(DEFAULT_CHILDREN, seed, as_of)
    }

    fn outcomes(changes: &[Change]) -> impl Iterator<Item = (MeetingKind, &MeetingOutcome)> {
        changes.iter().filter_map(|c| match c {
            Change::RecordMeeting { kind, outcome, .. } => Some((*kind, outcome)),
            _ => None,
        })
    }

    #[test]
    fn each_iro_holds_a_looked_after_caseload_in_or_around_the_band() {
        for (seed, as_of) in BELIEVABLE {
            let o = default_demo(seed, as_of);
            let caseload = apply(&o).load_caseload().unwrap();
            assert_eq!(caseload.iros.len(), 4);
            for iro in &caseload.iros {
                let n = caseload_core::warnings::lac_count(&caseload, iro.id, o.as_of);
                assert!(
                    (45..=75).contains(&n),
                    "{o:?}: {} has {n} looked-after children",
                    iro.details.name
                );
            }
        }
    }

    #[test]
    fn no_unborn_child_is_overdue_on_any_day_of_the_demo_week() {
        for (seed, as_of) in BELIEVABLE {
            let o = default_demo(seed, as_of);
            let store = apply(&o);
            let caseload = store.load_caseload().unwrap();
            let unborn: Vec<ChildId> = caseload
                .children
                .iter()
                .filter(|r| r.child.details.is_unborn())
                .map(|r| r.child.id)
                .collect();
            assert!(unborn.len() >= 2, "{o:?}: unborn children");
            for day in 0..7 {
                let on = o.as_of + TimeDelta::days(day);
                let (_, warnings) = warnings_of(&store, on);
                let overdue: Vec<_> = warnings
                    .iter()
                    .filter(|w| w.child.is_some_and(|c| unborn.contains(&c)))
                    .filter(|w| w.severity == caseload_core::warnings::Severity::Overdue)
                    .collect();
                assert!(overdue.is_empty(), "{o:?} on {on}: {overdue:#?}");
            }
        }
    }

    #[test]
    fn every_conference_held_records_its_decision_and_category_but_one() {
        for (seed, as_of) in BELIEVABLE {
            let changes = demo_changes(&default_demo(seed, as_of));
            let mut missing = 0;
            let mut no_plan = 0;
            for (kind, o) in outcomes(&changes) {
                match (kind, o.plan_decision) {
                    (MeetingKind::LacReview | MeetingKind::CoreGroup, decision) => {
                        assert_eq!(decision, None)
                    }
                    (_, None) => missing += 1,
                    (_, Some(PlanDecision::NoPlan)) => {
                        no_plan += 1;
                        assert_eq!(o.category, None);
                    }
                    (_, Some(_)) => assert!(o.category.is_some(), "{o:?}"),
                }
            }
            assert_eq!(
                missing, 1,
                "the one initial conference awaiting its outcome"
            );
            assert!(
                no_plan >= 2,
                "initial conferences that made no plan: {no_plan}"
            );
        }
    }

    #[test]
    fn the_demo_monday_has_an_icpc_with_no_plan_and_one_awaiting_its_outcome() {
        let o = default_demo(1, "2026-11-23");
        let store = apply(&o);
        let (caseload, warnings) = warnings_of(&store, o.as_of);
        // A recent initial conference decided no plan: its episode closed that day.
        let recent_no_plan = caseload.children.iter().any(|r| {
            r.meetings.iter().any(|m| {
                m.outcome.plan_decision == Some(PlanDecision::NoPlan)
                    && m.held_on()
                        .is_some_and(|on| on > o.as_of - TimeDelta::days(60))
                    && r.cp_episodes
                        .iter()
                        .any(|e| e.details.closed_on == m.held_on())
            })
        });
        assert!(
            recent_no_plan,
            "an ICPC of the last weeks that made no plan"
        );
        let missing = warnings
            .iter()
            .filter(|w| w.kind == WarningKind::ConferenceOutcomeMissing)
            .count();
        assert_eq!(missing, 1);
    }

    #[test]
    fn the_legal_status_mix_has_placement_orders_and_a_short_break_that_ended() {
        for (seed, as_of) in BELIEVABLE {
            let o = default_demo(seed, as_of);
            let caseload = apply(&o).load_caseload().unwrap();
            let open: Vec<&caseload_core::domain::PeriodOfCare> = caseload
                .children
                .iter()
                .filter_map(|r| r.open_care_period(o.as_of))
                .collect();
            let share = |status: LegalStatus| {
                open.iter().filter(|p| p.legal_status == status).count() as f64 / open.len() as f64
            };
            assert!(
                share(LegalStatus::C2) > 0.4,
                "{o:?}: mostly full care orders"
            );
            for status in [LegalStatus::E1, LegalStatus::C1, LegalStatus::V2] {
                assert!(share(status) >= 0.03, "{o:?}: {status:?}");
            }
            let others = open
                .iter()
                .filter(|p| {
                    !matches!(
                        p.legal_status,
                        LegalStatus::C1 | LegalStatus::C2 | LegalStatus::E1 | LegalStatus::V2
                    )
                })
                .count();
            assert!((3..=20).contains(&others), "{o:?}: a few others ({others})");
            let ended_short_break = caseload.children.iter().any(|r| {
                r.care_periods.iter().any(|p| {
                    p.regime == Regime::ShortBreaks
                        && p.legal_status.is_short_break()
                        && p.ended_on.is_some_and(|end| end < o.as_of)
                })
            });
            assert!(ended_short_break, "{o:?}: a short-break period that ended");
        }
    }

    #[test]
    fn past_meetings_have_their_decisions_and_record_sent_and_a_few_recent_are_late() {
        let o = default_demo(1, "2026-11-23");
        let changes = demo_changes(&o);
        let cal = Calendar::bundled();
        let conferences_and_reviews = outcomes(&changes)
            .filter(|(kind, _)| *kind != MeetingKind::CoreGroup)
            .map(|(_, o)| o);
        let (mut old, mut unsent_old) = (0, 0);
        for outcome in conferences_and_reviews {
            let held = outcome.held_on.expect("held");
            let sent = (outcome.decisions_sent_on, outcome.record_sent_on);
            if let (Some(decisions), Some(record)) = sent {
                assert!(decisions >= held && record >= held, "{outcome:?}");
            }
            if cal.working_days_between(held, o.as_of) > 30 {
                old += 1;
                unsent_old += usize::from(sent.0.is_none() || sent.1.is_none());
            }
        }
        assert!(
            old > 1_000,
            "{old} meetings held more than 30 working days ago"
        );
        assert_eq!(
            unsent_old, 0,
            "every older meeting's decisions and record were sent"
        );
        let store = apply(&o);
        let (_, warnings) = warnings_of(&store, o.as_of);
        let count = |kind: WarningKind| warnings.iter().filter(|w| w.kind == kind).count();
        let late = count(WarningKind::DecisionsLate) + count(WarningKind::RecordLate);
        assert!(
            late <= 8,
            "a few late decisions or records, not a wall: {late}"
        );
        assert!(count(WarningKind::RecordDue) + count(WarningKind::DecisionsDue) >= 1);
    }

    #[test]
    fn cp_conferences_record_attendance_and_advocacy_for_older_children() {
        let changes = demo_changes(&default_demo(1, "2026-11-23"));
        let cp: Vec<&MeetingOutcome> = outcomes(&changes)
            .filter(|(kind, _)| matches!(kind, MeetingKind::Icpc | MeetingKind::CpReview))
            .map(|(_, o)| o)
            .collect();
        let attended = cp.iter().filter(|o| o.child_attended == Some(true)).count();
        let advocate = cp.iter().filter(|o| o.advocate_used == Some(true)).count();
        assert!(
            attended >= 3 && attended * 5 < cp.len(),
            "{attended} of {}",
            cp.len()
        );
        assert!(
            advocate >= 1 && advocate * 5 < cp.len(),
            "{advocate} of {}",
            cp.len()
        );
    }

    #[test]
    fn most_booked_reviews_have_their_preparation_recorded_and_a_few_do_not() {
        let o = default_demo(1, "2026-11-23");
        let store = apply(&o);
        let (caseload, warnings) = warnings_of(&store, o.as_of);
        let cal = Calendar::bundled();
        let soon: Vec<&caseload_core::domain::Meeting> = caseload
            .children
            .iter()
            .flat_map(|r| &r.meetings)
            .filter(|m| m.kind == MeetingKind::LacReview && m.status == MeetingStatus::Booked)
            .filter(|m| {
                m.booked_on
                    .is_some_and(|on| on >= o.as_of && cal.working_days_between(o.as_of, on) < 15)
            })
            .collect();
        assert!(
            soon.len() >= 10,
            "{} reviews booked in the next 15 working days",
            soon.len()
        );
        let contact = soon
            .iter()
            .filter(|m| m.outcome.social_worker_contact_on.is_some())
            .count();
        assert!(
            contact * 10 >= soon.len() * 7,
            "{contact} of {}",
            soon.len()
        );
        let count = |kind: WarningKind| {
            warnings
                .iter()
                .flat_map(|w| &w.flags)
                .filter(|f| f.kind == kind)
                .count()
        };
        let late = count(WarningKind::SocialWorkerContactLate) + count(WarningKind::ReportsLate);
        assert!(
            (1..=soon.len() / 3).contains(&late),
            "{late} preparation warnings"
        );
    }

    #[test]
    fn a_pre_birth_conference_is_booked_on_a_bank_holiday_when_one_is_near() {
        let o = default_demo(1, "2026-11-23");
        let (_, warnings) = warnings_of(&apply(&o), o.as_of);
        let on_holiday: Vec<_> = warnings
            .iter()
            .filter(|w| w.has_flag(WarningKind::BookedOnNonWorkingDay))
            .collect();
        assert_eq!(on_holiday.len(), 1, "{on_holiday:#?}");
        assert_eq!(on_holiday[0].booked_on, Some(date("2026-12-28")));
    }

    // --- issue 11, point 6: the demo has meeting records ----------------------------------------

    fn finalised(
        caseload: &Caseload,
    ) -> Vec<(MeetingKind, bool, &caseload_core::domain::MeetingRecord)> {
        use caseload_core::domain::RecordStatus;
        caseload
            .children
            .iter()
            .flat_map(|r| r.records.iter().map(move |s| (r, s)))
            .filter(|(_, s)| s.status == RecordStatus::Final)
            .map(|(r, s)| {
                let m = r.meetings.iter().find(|m| m.id == s.meeting).unwrap();
                (m.kind, r.child.details.is_unborn(), &s.record)
            })
            .collect()
    }

    #[test]
    fn every_meeting_kind_has_a_finalised_record_and_every_conference_a_mapping() {
        for (seed, as_of) in BELIEVABLE {
            let o = default_demo(seed, as_of);
            let caseload = apply(&o).load_caseload().unwrap();
            let records = finalised(&caseload);
            for (kind, unborn) in [
                (MeetingKind::LacReview, false),
                (MeetingKind::Icpc, false),
                (MeetingKind::Icpc, true),
                (MeetingKind::CpReview, false),
                (MeetingKind::TransferInConference, false),
                (MeetingKind::CoreGroup, false),
            ] {
                assert!(
                    records.iter().any(|(k, u, _)| (*k, *u) == (kind, unborn)),
                    "{o:?}: a finalised {kind:?} record (unborn: {unborn})"
                );
            }
            for (kind, _, record) in &records {
                assert!(!record.decisions.is_empty(), "{o:?} {kind:?}: decisions");
                if kind.is_child_protection() && *kind != MeetingKind::CoreGroup {
                    let mapping = record.signs_of_safety.as_ref().expect("a mapping");
                    assert!(mapping.scaling.len() >= 2, "{o:?} {kind:?}: scaling");
                }
            }
        }
    }

    #[test]
    fn the_demo_monday_has_decisions_overdue_done_dropped_and_open_and_record_clocks_running() {
        use caseload_core::decisions::tracked_decisions;
        use caseload_core::domain::DecisionState;
        let o = default_demo(1, "2026-11-23");
        let store = apply(&o);
        let (caseload, warnings) = warnings_of(&store, o.as_of);
        let overdue: Vec<_> = warnings
            .iter()
            .filter(|w| w.kind == WarningKind::DecisionOverdue)
            .collect();
        assert_eq!(overdue.len(), 3, "{overdue:#?}");
        let (calendar, rules, settings) = (
            store.load_calendar().unwrap(),
            store.load_rules().unwrap(),
            store.load_settings().unwrap(),
        );
        let ctx = Ctx {
            calendar: &calendar,
            rules: &rules,
            settings: &settings,
        };
        let tracked: Vec<_> = caseload
            .children
            .iter()
            .flat_map(|r| tracked_decisions(r, &ctx, o.as_of))
            .collect();
        let done = tracked
            .iter()
            .filter(|t| matches!(&t.decision.state, DecisionState::Done { note: Some(n), .. } if !n.is_empty()))
            .count();
        let dropped = tracked
            .iter()
            .filter(|t| matches!(&t.decision.state, DecisionState::Dropped { reason, .. } if !reason.is_empty()))
            .count();
        let open_not_due = tracked
            .iter()
            .filter(|t| t.decision.state == DecisionState::Open && !t.overdue)
            .count();
        assert!(done >= 3, "done: {done}");
        assert_eq!(dropped, 1);
        assert!(open_not_due >= 5, "open and not yet due: {open_not_due}");
        // Finalised records whose record is not sent yet, their clock on Today.
        let running: Vec<ChildId> = caseload
            .children
            .iter()
            .filter(|r| {
                r.records.iter().any(|s| {
                    let m = r.meetings.iter().find(|m| m.id == s.meeting).unwrap();
                    s.status == caseload_core::domain::RecordStatus::Final
                        && m.outcome.record_sent_on.is_none()
                })
            })
            .map(|r| r.child.id)
            .collect();
        assert!(running.len() >= 2, "{running:?}");
        for child in running {
            assert!(
                warnings
                    .iter()
                    .any(|w| w.child == Some(child) && w.kind == WarningKind::RecordDue),
                "{child}: the record's clock on Today"
            );
        }
    }

    #[test]
    fn exactly_one_draft_is_in_progress_for_a_review_of_the_demo_monday() {
        use caseload_core::domain::RecordStatus;
        for (seed, as_of) in BELIEVABLE {
            let o = default_demo(seed, as_of);
            let caseload = apply(&o).load_caseload().unwrap();
            let drafts: Vec<_> = caseload
                .children
                .iter()
                .flat_map(|r| r.records.iter().map(move |s| (r, s)))
                .filter(|(_, s)| s.status == RecordStatus::Draft)
                .collect();
            assert_eq!(drafts.len(), 1, "{o:?}");
            let (r, s) = drafts[0];
            let m = r.meetings.iter().find(|m| m.id == s.meeting).unwrap();
            assert_eq!(
                (m.status, m.booked_on, s.record.held_on),
                (MeetingStatus::Booked, Some(o.as_of), Some(o.as_of))
            );
            assert!(!s.record.attendance.is_empty() && !s.record.child_views.is_empty());
        }
    }
}
