//! The words of the demo's meeting records: who came, what the child said, the Signs of
//! Safety mapping and scaling, and the decisions with their owners and due dates, as an IRO
//! would write them. Every person is invented (the families' compound names, the fixed
//! professionals below); dates are counted from the day the meeting was held.

use super::records::Closing;
use caseload_core::calendar::Calendar;
use caseload_core::domain::{
    AbuseCategory, Attendance, Attendee, ChildDetails, DecisionDraft, DecisionDue, MeetingOutcome,
    MeetingRecord, Participation, PlanDecision, Scaling, Sex, SignsOfSafety, ViewsConveyed,
};
use caseload_core::ids::ChildId;
use caseload_core::validate::participation_from_views;
use chrono::{NaiveDate, TimeDelta};

/// A record's words, and the decisions closed since (by their number in the record).
pub(super) struct Written {
    pub(super) record: MeetingRecord,
    pub(super) closings: Vec<(u32, Closing)>,
}

/// The child and the people around them, as the records name them.
pub(super) struct Who {
    name: String,
    he: &'static str,
    him: &'static str,
    his: &'static str,
    mother: String,
    father: String,
    social_worker: String,
}

const MOTHERS: [&str; 6] = ["Kelly", "Stacey", "Danielle", "Amy", "Leanne", "Natalie"];
const FATHERS: [&str; 6] = ["Dean", "Craig", "Lee", "Jason", "Ryan", "Carl"];
const HEALTH_VISITOR: &str = "Ruth Trialcombe";
const MIDWIFE: &str = "Nina Madeupshaw";
const POLICE: &str = "DC Mark Protowell";
const SCHOOL: &str = "Ann Sketchley";
const FOSTER_CARER: &str = "Carol Fablemore";
const TEACHER: &str = "Owen Draftley";

impl Who {
    pub(super) fn of(id: ChildId, d: &ChildDetails) -> Who {
        let (he, him, his) = match d.sex {
            Sex::Male => ("he", "him", "his"),
            Sex::Female => ("she", "her", "her"),
            Sex::Unknown => ("the baby", "the baby", "the baby's"),
        };
        let n = id.0.unsigned_abs() as usize;
        let name = if d.is_unborn() {
            "the baby".to_string()
        } else {
            d.preferred_name
                .clone()
                .unwrap_or_else(|| d.first_name.clone())
        };
        Who {
            name,
            he,
            him,
            his,
            mother: format!("{} {}", MOTHERS[n % MOTHERS.len()], d.last_name),
            father: format!("{} {}", FATHERS[n % FATHERS.len()], d.last_name),
            social_worker: d
                .social_worker
                .clone()
                .unwrap_or_else(|| "Jo Sampleshaw".to_string()),
        }
    }

    /// "Oliver", or "The baby" at the start of a sentence.
    fn name_cap(&self) -> String {
        let mut chars = self.name.chars();
        chars
            .next()
            .map(|c| c.to_uppercase().chain(chars).collect())
            .unwrap_or_default()
    }
}

fn present(name: &str, role: &str) -> Attendee {
    attendee(name, role, Attendance::Present)
}

fn attendee(name: &str, role: &str, attendance: Attendance) -> Attendee {
    Attendee {
        name: name.to_string(),
        role: role.to_string(),
        attendance,
    }
}

fn scale(participant: &str, role: &str, score: u8) -> Scaling {
    Scaling {
        participant: participant.to_string(),
        role: role.to_string(),
        score,
    }
}

fn decision(text: String, owner: &str, due: DecisionDue) -> DecisionDraft {
    DecisionDraft {
        text,
        owner: owner.to_string(),
        due: Some(due),
    }
}

/// Dates counted from the day a meeting was held.
struct Days {
    cal: Calendar,
    held: NaiveDate,
}

impl Days {
    fn new(held: NaiveDate) -> Days {
        Days {
            cal: Calendar::bundled(),
            held,
        }
    }

    /// The last working day on or before `n` days after the meeting.
    fn after(&self, n: i64) -> NaiveDate {
        self.cal
            .plan_by(self.held + TimeDelta::days(n))
            .max(self.held)
    }

    /// Due `n` days after the meeting.
    fn due(&self, n: i64) -> DecisionDue {
        DecisionDue::On { on: self.after(n) }
    }

    fn wd(&self, n: u32) -> NaiveDate {
        self.cal
            .add_working_days(
                self.held,
                n,
                caseload_core::calendar::Convention::EventDayIsDayZero,
            )
            .result
    }
}

fn done(on: NaiveDate, note: &str) -> Closing {
    Closing::Done {
        on,
        note: note.to_string(),
    }
}

/// How a child's views reached a conference they did or did not attend.
fn conference_views(
    attended: Option<bool>,
    advocate: Option<bool>,
    age: Option<u32>,
) -> Option<ViewsConveyed> {
    match (attended, advocate, age) {
        (_, _, None) => None,
        (_, _, Some(age)) if age < 4 => None,
        (Some(true), _, _) => Some(ViewsConveyed::SpokeForThemself),
        (_, Some(true), _) => Some(ViewsConveyed::BriefedSomeone),
        _ => Some(ViewsConveyed::AnotherWay),
    }
}

/// The initial conference of the next review conference's child: a plan made, the mapping
/// and scaling, five decisions (one done at the core group, one done, one dropped, one overdue
/// on the demo Monday, one by the review conference).
pub(super) fn icpc(
    who: &Who,
    held: NaiveDate,
    core_group: Option<NaiveDate>,
    age: Option<u32>,
) -> Written {
    let d = Days::new(held);
    let name = &who.name;
    let young = age.is_none_or(|a| a < 4);
    let child_views = if young {
        format!(
            "{} is too young to give a view. The health visitor described {} as a quiet baby who \
             settles with {} mother when she is calm; {} was seen at home the day before the \
             conference.",
            who.name_cap(),
            who.him,
            who.his,
            who.he
        )
    } else {
        format!(
            "{} told the social worker that home is \"noisy at night\" and that {} likes it \
             when {} nan picks {} up from school.",
            who.name_cap(),
            who.he,
            who.his,
            who.him
        )
    };
    let mapping = SignsOfSafety {
        harm: format!(
            "{name} missed two health appointments and {his} immunisations are overdue. Police \
             were called to the home twice in July after arguments between {mother} and \
             {father}; {name} was in the home both times.",
            his = who.his,
            mother = who.mother,
            father = who.father
        ),
        danger_statements: format!(
            "Professionals are worried that {name} will be hurt, or will not have the care a \
             baby needs, if the arguments at home carry on and {his} health needs are missed.",
            his = who.his
        ),
        complicating_factors: format!(
            "{mother} has low mood and is waiting for support from the GP. The family have \
             rent arrears and there is no family network nearby.",
            mother = who.mother
        ),
        working_well: format!(
            "{mother} has kept every appointment with the social worker since the enquiry \
             started. {name} is gaining weight and the home was warm and clean at the last \
             visit.",
            mother = who.mother
        ),
        safety_goals: format!(
            "Everyone, including {mother}, will be confident that {name} lives in a calm home \
             where the adults keep {him} safe and take {him} to every health appointment.",
            mother = who.mother,
            him = who.him
        ),
        next_steps: "Written agreement about the arguments at home; health appointments \
                     rebooked; parenting assessment; referral for support with low mood."
            .to_string(),
        scaling: vec![
            scale(&who.social_worker, "Social worker", 3),
            scale(HEALTH_VISITOR, "Health visitor", 4),
            scale(&who.mother, "Mother", 6),
        ],
    };
    let decisions = vec![
        decision(
            format!("The first core group to meet and agree the written agreement for {name}."),
            "Social worker",
            DecisionDue::On { on: d.wd(10) },
        ),
        decision(
            format!("Rebook {name}'s missed health appointments and immunisations and tell the core group when they are done."),
            "Health visitor",
            d.due(35),
        ),
        decision(
            format!("Refer {} to the domestic abuse perpetrator programme.", who.father),
            "Social worker",
            d.due(42),
        ),
        decision(
            format!(
                "Complete the parenting assessment of {} and share it with the core group.",
                who.mother
            ),
            "Social worker",
            d.due(70),
        ),
        decision(
            format!("{} to take up the GP's referral for support with her low mood and to tell the core group how it is going.", who.mother),
            "Mother",
            DecisionDue::ByNextReview,
        ),
    ];
    let mut closings = vec![
        (
            2,
            done(
                d.after(29),
                "Health appointments attended; immunisations up to date.",
            ),
        ),
        (
            3,
            Closing::Dropped {
                on: d.after(56),
                reason: format!(
                    "{} moved away and has no contact with the family.",
                    who.father
                ),
            },
        ),
    ];
    if let Some(on) = core_group.filter(|on| *on <= d.wd(10)) {
        closings.push((
            1,
            done(
                on,
                "Core group held; written agreement signed by both parents.",
            ),
        ));
    }
    Written {
        record: MeetingRecord {
            attendance: vec![
                present(&who.mother, "Mother"),
                attendee(&who.father, "Father", Attendance::Apologies),
                present(&who.social_worker, "Social worker"),
                present(HEALTH_VISITOR, "Health visitor"),
                attendee(POLICE, "Police", Attendance::ReportOnly),
            ],
            views_conveyed: if young {
                None
            } else {
                Some(ViewsConveyed::AnotherWay)
            },
            child_views,
            signs_of_safety: Some(mapping),
            decisions,
            ..MeetingRecord::default()
        },
        closings,
    }
}

/// The first core group after the initial conference: the written agreement, visits, and
/// decisions to carry to the review conference.
pub(super) fn core_group(who: &Who, held: NaiveDate) -> Written {
    let d = Days::new(held);
    let name = &who.name;
    let decisions = vec![
        decision(
            format!("Visit {name} at home every two weeks, at least one visit unannounced."),
            "Social worker",
            DecisionDue::ByNextReview,
        ),
        decision(
            format!("Register {name} with the GP practice nearest home."),
            "Mother",
            d.due(14),
        ),
        decision(
            "Send the core group's notes to everyone invited, including those who sent apologies."
                .to_string(),
            "Social worker",
            d.due(5),
        ),
    ];
    Written {
        record: MeetingRecord {
            attendance: vec![
                present(&who.mother, "Mother"),
                present(&who.social_worker, "Social worker"),
                present(HEALTH_VISITOR, "Health visitor"),
                attendee(&who.father, "Father", Attendance::Apologies),
            ],
            concerns: "Written agreement signed by both parents; the core group will meet every \
                       four to six weeks until the review conference."
                .to_string(),
            decisions,
            ..MeetingRecord::default()
        },
        closings: vec![
            (
                2,
                done(d.after(10), "Registered; first appointment booked."),
            ),
            (3, done(d.after(3), "Notes sent by email.")),
        ],
    }
}

/// A review conference months ago: the plan continues, the scaling up a little, one decision
/// overdue on the demo Monday.
pub(super) fn cp_review(
    who: &Who,
    held: NaiveDate,
    age: Option<u32>,
    o: &MeetingOutcome,
) -> Written {
    let d = Days::new(held);
    let name = &who.name;
    let views = conference_views(o.child_attended, o.advocate_used, age);
    let child_views = match views {
        Some(ViewsConveyed::SpokeForThemself) => format!(
            "{} said things are \"a bit better\" at home and that {} wants {} mum to stop \
             shouting. {} would like to keep going to after-school club.",
            who.name_cap(),
            who.he,
            who.his,
            who.name_cap()
        ),
        Some(_) => format!(
            "{} drew \"three houses\" with {} social worker: the house of worries was about \
             mum being sad and the house of good things had {} bike and school in it.",
            who.name_cap(),
            who.his,
            who.his
        ),
        None => format!(
            "{} is too young to give a view; the nursery say {} is happy and settled.",
            who.name_cap(),
            who.he
        ),
    };
    let mapping = SignsOfSafety {
        harm: format!(
            "{name} was left without food and clean clothes on several occasions last winter, \
             and {his} school attendance fell below 80%.",
            his = who.his
        ),
        danger_statements: format!(
            "If {mother} cannot keep up the routines at home, professionals are worried that \
             {name} will go without the basic care {he} needs and fall behind at school.",
            mother = who.mother,
            he = who.he
        ),
        complicating_factors: "The family moved house in the spring; the parenting course was \
                               interrupted."
            .to_string(),
        working_well: format!(
            "{name}'s attendance is up to 94% this term. {mother} has used the food bank and \
             asked for help with a morning routine. {name} has a trusted adult at school.",
            mother = who.mother
        ),
        safety_goals: format!(
            "{name} is fed, clean and at school every day, and {mother} asks for help early \
             when things get hard.",
            mother = who.mother
        ),
        next_steps: "Family network meeting; parenting course to be finished; school to keep \
                     the daily check-in."
            .to_string(),
        scaling: vec![
            scale(&who.social_worker, "Social worker", 5),
            scale(SCHOOL, "Designated safeguarding lead", 6),
            scale(&who.mother, "Mother", 7),
        ],
    };
    let decisions = vec![
        decision(
            format!("Update the assessment of {name}'s needs and share it with the core group."),
            "Social worker",
            d.due(105),
        ),
        decision(
            format!("Arrange a family network meeting so that relatives can help with {name}'s care."),
            "Social worker",
            d.due(120),
        ),
        decision(
            format!("Keep {name}'s daily check-in at school and report any missed days to the social worker the same day."),
            "Designated safeguarding lead",
            DecisionDue::ByNextReview,
        ),
        decision(
            format!("{} to finish the parenting course at the family hub.", who.mother),
            "Mother",
            DecisionDue::ByNextReview,
        ),
    ];
    Written {
        record: MeetingRecord {
            attendance: vec![
                present(&who.mother, "Mother"),
                present(&who.social_worker, "Social worker"),
                present(SCHOOL, "Designated safeguarding lead"),
                attendee(HEALTH_VISITOR, "School nurse", Attendance::ReportOnly),
            ],
            views_conveyed: views,
            child_views,
            signs_of_safety: Some(mapping),
            decisions,
            ..MeetingRecord::default()
        },
        closings: vec![(
            1,
            done(d.after(98), "Updated assessment shared at the core group."),
        )],
    }
}

/// A LAC review of a child who took part: the plan endorsed, one decision overdue on the demo
/// Monday, one done, two open.
pub(super) fn lac_review(who: &Who, held: NaiveDate, o: &MeetingOutcome) -> Written {
    let d = Days::new(held);
    let name = &who.name;
    let views = match o.participation {
        Some(Participation::Pn1) => Some(ViewsConveyed::SpokeForThemself),
        Some(Participation::Pn2) => Some(ViewsConveyed::AdvocateSpokeForThem),
        Some(Participation::Pn3) => Some(ViewsConveyed::NonVerbally),
        Some(Participation::Pn4) => Some(ViewsConveyed::AttendedWithoutAView),
        Some(Participation::Pn5) => Some(ViewsConveyed::BriefedSomeone),
        Some(Participation::Pn6) => Some(ViewsConveyed::AnotherWay),
        Some(Participation::Pn7) => Some(ViewsConveyed::NotConveyed),
        Some(Participation::Pn0) | None => None,
    };
    let came = match views {
        Some(v) if v.code() <= Participation::Pn4 => Attendance::Present,
        _ => Attendance::Apologies,
    };
    let child_views = if views == Some(ViewsConveyed::NotConveyed) {
        format!(
            "{} did not want to come or to share a view this time; the social worker will go \
             through the review with {} at the next visit.",
            who.name_cap(),
            who.him
        )
    } else {
        format!(
            "{} said {} is happy living with Carol and wants to stay \"until I'm grown up\". \
             {} would like more time with {} mum at weekends and wants to play football on \
             Saturdays.",
            who.name_cap(),
            who.he,
            who.name_cap(),
            who.his
        )
    };
    let decisions = vec![
        decision(
            format!("Hold {name}'s Personal Education Plan meeting with the designated teacher."),
            "Social worker",
            DecisionDue::On { on: d.wd(6) },
        ),
        decision(
            format!("Check that {name}'s review health assessment has been done and the recommendations shared."),
            "IRO",
            DecisionDue::On { on: d.wd(5) },
        ),
        decision(
            format!("Help {name} join the Saturday football club, as {he} asked.", he = who.he),
            "Foster carer",
            DecisionDue::ByNextReview,
        ),
        decision(
            format!("Update {name}'s life-story book with {him} and the foster carer.", him = who.him),
            "Social worker",
            d.due(63),
        ),
    ];
    Written {
        record: MeetingRecord {
            attendance: vec![
                attendee(&who.name_cap(), "Young person", came),
                present(FOSTER_CARER, "Foster carer"),
                present(&who.social_worker, "Social worker"),
                attendee(TEACHER, "Designated teacher", Attendance::ReportOnly),
                attendee(&who.mother, "Mother", Attendance::Apologies),
            ],
            views_conveyed: views,
            child_views,
            care_plan_endorsed: Some(true),
            concerns: "The Personal Education Plan is out of date: it must be reviewed before \
                       the end of term."
                .to_string(),
            decisions,
            ..MeetingRecord::default()
        },
        closings: vec![(
            2,
            done(
                d.wd(4),
                "Review health assessment received from the looked-after children's nurse.",
            ),
        )],
    }
}

/// A transfer-in conference held days ago: the plan made here, the mapping and scaling, and
/// decisions not yet due.
pub(super) fn transfer_in(
    who: &Who,
    held: NaiveDate,
    age: Option<u32>,
    category: Option<AbuseCategory>,
) -> Written {
    let young = age.is_none_or(|a| a < 4);
    let d = Days::new(held);
    let name = &who.name;
    let mapping = SignsOfSafety {
        harm: format!(
            "The previous authority made a plan for {name} after {he} was found alone at home \
             at night and the home was without heating.",
            he = who.he
        ),
        danger_statements: format!(
            "If {mother} cannot arrange safe care when she works nights, {name} could be left \
             alone again and come to harm.",
            mother = who.mother
        ),
        complicating_factors: "The family moved here a month ago; no school place yet and no \
                               family nearby."
            .to_string(),
        working_well: format!(
            "{mother} told the new social worker about the move herself and has agreed a \
             childminder for the nights she works.",
            mother = who.mother
        ),
        safety_goals: format!(
            "{name} is never left alone and always has a safe adult when {mother} is at work.",
            mother = who.mother
        ),
        next_steps: "School place; the childminder checked; the previous authority's records \
                     requested."
            .to_string(),
        scaling: vec![
            scale(&who.social_worker, "Social worker", 4),
            scale(&who.mother, "Mother", 6),
        ],
    };
    let decisions = vec![
        decision(
            format!(
                "Find {name} a school or nursery place and tell the core group the start date."
            ),
            "Social worker",
            d.due(21),
        ),
        decision(
            "Ask the previous authority for the full child-protection records.".to_string(),
            "Social worker",
            d.due(10),
        ),
        decision(
            "Hold the first core group in this authority.".to_string(),
            "Social worker",
            DecisionDue::On { on: d.wd(10) },
        ),
    ];
    Written {
        record: MeetingRecord {
            attendance: vec![
                present(&who.mother, "Mother"),
                present(&who.social_worker, "Social worker"),
                attendee(
                    "Previous authority's social worker",
                    "Social worker (previous authority)",
                    Attendance::ReportOnly,
                ),
                attendee(HEALTH_VISITOR, "School nurse", Attendance::Apologies),
            ],
            child_views: if young {
                format!(
                    "{} is too young to give a view; {} was seen at home and was happy playing.",
                    who.name_cap(),
                    who.he
                )
            } else {
                format!(
                    "{} told the social worker {} misses {} old friends and wants to start \
                     school soon.",
                    who.name_cap(),
                    who.he,
                    who.his
                )
            },
            views_conveyed: (!young).then_some(ViewsConveyed::AnotherWay),
            signs_of_safety: Some(mapping),
            plan_decision: Some(PlanDecision::PlanStarts),
            category: Some(category.unwrap_or(AbuseCategory::Neg)),
            decisions,
            ..MeetingRecord::default()
        },
        closings: Vec::new(),
    }
}

/// A pre-birth conference held on the last working day: a plan from birth, decisions due
/// weeks ahead (none due in the demo week).
pub(super) fn pre_birth(who: &Who, held: NaiveDate) -> Written {
    let d = Days::new(held);
    let mapping = SignsOfSafety {
        harm: format!(
            "{mother}'s two older children live with their father after care proceedings in \
             2023 about neglect and her drinking.",
            mother = who.mother
        ),
        danger_statements: format!(
            "If {mother} drinks again after the birth, the baby could be left without the \
             care and supervision a newborn needs.",
            mother = who.mother
        ),
        complicating_factors: "The referral came late in the pregnancy; the father is not yet \
                               known to the service."
            .to_string(),
        working_well: format!(
            "{mother} has been sober for eight months, goes to every antenatal appointment and \
             works with the drug and alcohol service.",
            mother = who.mother
        ),
        safety_goals: format!(
            "The baby comes home to a safe adult who stays sober, with a plan for the first \
             weeks that everyone, including {mother}, has agreed.",
            mother = who.mother
        ),
        next_steps: "Pre-birth assessment; birth plan; safety network for the first weeks."
            .to_string(),
        scaling: vec![
            scale(&who.social_worker, "Social worker", 3),
            scale(MIDWIFE, "Midwife", 4),
            scale(&who.mother, "Mother", 7),
        ],
    };
    let decisions = vec![
        decision(
            "Complete the pre-birth assessment and share it with the core group.".to_string(),
            "Social worker",
            d.due(35),
        ),
        decision(
            "Agree the birth plan with the hospital safeguarding midwife.".to_string(),
            "Midwife",
            d.due(21),
        ),
        decision(
            "Hold the first core group.".to_string(),
            "Social worker",
            DecisionDue::On { on: d.wd(10) },
        ),
        decision(
            format!("{} to keep working with the drug and alcohol service and share her test results with the core group.", who.mother),
            "Mother",
            DecisionDue::ByNextReview,
        ),
    ];
    Written {
        record: MeetingRecord {
            attendance: vec![
                present(&who.mother, "Mother"),
                present(&who.social_worker, "Social worker"),
                present(MIDWIFE, "Midwife"),
                attendee(
                    "Drug and alcohol worker",
                    "Drug and alcohol service",
                    Attendance::ReportOnly,
                ),
            ],
            child_views: "Unborn: the baby's needs were spoken for by the midwife.".to_string(),
            signs_of_safety: Some(mapping),
            plan_decision: Some(PlanDecision::PlanStarts),
            category: Some(AbuseCategory::Neg),
            decisions,
            ..MeetingRecord::default()
        },
        closings: Vec::new(),
    }
}

/// A LAC review of the demo Monday, its record begun by the chair: who is there so far, what
/// the young person said, the decisions agreed so far (the last one without a date yet).
pub(super) fn lac_draft(who: &Who, details: &ChildDetails, on: NaiveDate) -> MeetingRecord {
    let views = ViewsConveyed::SpokeForThemself;
    MeetingRecord {
        held_on: Some(on),
        attendance: vec![
            present(&who.name_cap(), "Young person"),
            present(&who.social_worker, "Social worker"),
            present(FOSTER_CARER, "Foster carer"),
            attendee(TEACHER, "Designated teacher", Attendance::Apologies),
        ],
        views_conveyed: Some(views),
        child_views: format!(
            "{} wants to stay where {} is and to see {} brother more often. Wants help with",
            who.name_cap(),
            who.he,
            who.his
        ),
        participation: Some(participation_from_views(details, on, views)),
        advocate_offered: Some(true),
        advocate_used: Some(false),
        decisions: vec![
            decision(
                format!(
                    "Arrange contact for {} with {} brother every month.",
                    who.name, who.his
                ),
                "Social worker",
                DecisionDue::ByNextReview,
            ),
            DecisionDraft {
                text: "Pathway plan to be started".to_string(),
                owner: "Social worker".to_string(),
                due: None,
            },
        ],
        ..MeetingRecord::default()
    }
}
