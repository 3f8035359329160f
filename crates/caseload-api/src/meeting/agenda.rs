//! The agenda of each kind of meeting, as data: a LAC review (CPPCR Part 6, IRO Handbook
//! ch. 3), an initial, pre-birth or transfer-in conference, a review conference (Working
//! Together 2023 ch. 3, Signs of Safety: domain.md §6) and a core group. A fixed, sensible
//! order a chair can follow; not a template the IRO edits (yet), and not a rule.

use caseload_core::domain::MeetingKind;
use serde::Serialize;

/// One item of an agenda.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct AgendaItem {
    /// Its number (1 = first).
    pub number: u32,
    /// What it is.
    pub title: String,
    /// What the chair covers under it.
    pub detail: String,
}

/// (title, detail) rows.
type Items = &'static [(&'static str, &'static str)];

const LAC_REVIEW: Items = &[
    ("Welcome and introductions", "Who is here and why; the purpose of the review; what is shared and with whom."),
    ("The child's wishes and feelings", "What the child has told the IRO before the review, and how their views reach the meeting today."),
    ("Progress since the last review", "Each decision of the last review: done, open or overdue, and why."),
    ("Placement and stability", "How the placement is going; the carers' views; any change planned."),
    ("Health", "The health plan, health assessments, dental and optician checks, emotional wellbeing."),
    ("Education", "The personal education plan, attendance, progress and support at school."),
    ("Family time and relationships", "Time with parents, brothers and sisters and other people who matter; the child's wishes about it."),
    ("Identity and independence", "Culture, faith, life-story work; skills for growing up."),
    ("Legal status and permanence", "The care plan and the permanence plan; any court proceedings."),
    ("Advocacy and the right to complain", "Whether the child has been offered an advocate, and knows how to complain."),
    ("The care plan", "Is the care plan endorsed? If not, the IRO's concerns."),
    ("Decisions and the next review", "Each decision with one owner and a date; the date of the next review."),
];

/// The pathway plan: asked about from the age the local authority starts it (15).
const PATHWAY_PLAN: (&str, &str) = (
    "Leaving care and the pathway plan",
    "Preparing to leave care: the pathway plan, the personal adviser, where the young person will live.",
);

/// The age from which a LAC review's agenda includes the pathway plan.
const PATHWAY_PLAN_FROM_AGE: u32 = 15;

const INITIAL_CONFERENCE: Items = &[
    ("Welcome, introductions and the purpose of the conference", "Who is here and why; confidentiality; how the conference will reach its decision."),
    ("The child's views", "What the child has said, and how their views reach the conference."),
    ("The reasons for the conference", "The section 47 enquiry and what it found; the reports shared with the family beforehand."),
    ("What are we worried about?", "The harm that has happened, the danger statements and the complicating factors."),
    ("What is working well?", "Strengths and the safety that already exists."),
    ("Scaling", "Each participant's judgement from 0 to 10, where 10 is enough safety to close the case."),
    ("What needs to happen?", "Safety goals and next steps."),
    ("The decision", "Is the child likely to suffer significant harm? A child protection plan, or none; the category of abuse."),
    ("The plan and the core group", "The outline plan, the core group's members, the first core group within 10 working days."),
    ("Decisions and the next conference", "Each decision with one owner and a date; the date of the first review conference."),
];

const PRE_BIRTH: (&str, &str) = (
    "The plan for the birth",
    "Where the baby will be born, who will be told, and what happens on the ward and at discharge.",
);

const TRANSFER_IN: (&str, &str) = (
    "The originating authority's plan",
    "The plan made by the authority the child moved from, and what has changed since the move.",
);

const REVIEW_CONFERENCE: Items = &[
    ("Welcome, introductions and the purpose of the conference", "Who is here and why; confidentiality; how the conference will reach its decision."),
    ("The child's views", "What the child has said, and how their views reach the conference."),
    ("Progress against the plan", "The core group's work; each decision of the last conference: done, open or overdue."),
    ("What are we worried about?", "The harm, the danger statements and the complicating factors, compared with the last conference's."),
    ("What is working well?", "Strengths and the safety built since the last conference."),
    ("Scaling", "Each participant's judgement from 0 to 10, beside the last conference's."),
    ("What needs to happen?", "The safety goals: which are met, which are not."),
    ("The decision", "Is the child still likely to suffer significant harm? The plan continues or ends; the category of abuse."),
    ("Decisions and the next conference", "Each decision with one owner and a date; the date of the next review conference, or the child in need plan that follows."),
];

const CORE_GROUP: Items = &[
    ("Welcome and introductions", "Who is here and why."),
    (
        "The child's views",
        "What the child has said since the last meeting.",
    ),
    (
        "Progress on the plan",
        "Each action of the child protection plan: done, open or overdue.",
    ),
    (
        "Worries and what is working well",
        "What has changed since the conference.",
    ),
    (
        "Updating the plan",
        "New actions, each with one owner and a date.",
    ),
    (
        "The next core group",
        "Its date, and anything to bring to the next review conference.",
    ),
];

/// The agenda of a meeting of `kind` (a pre-birth conference for an unborn child), with the
/// pathway plan for a young person aged 15 or over at a LAC review.
pub fn agenda_for(kind: MeetingKind, unborn: bool, age: Option<u32>) -> Vec<AgendaItem> {
    let mut rows: Vec<(&str, &str)> = match kind {
        MeetingKind::LacReview => LAC_REVIEW.to_vec(),
        MeetingKind::Icpc | MeetingKind::TransferInConference => INITIAL_CONFERENCE.to_vec(),
        MeetingKind::CpReview => REVIEW_CONFERENCE.to_vec(),
        MeetingKind::CoreGroup => CORE_GROUP.to_vec(),
    };
    // Each extra item goes before the agenda's last two (the decision or plan, and the close).
    let before_last = |rows: &Vec<(&str, &str)>, back: usize| rows.len().saturating_sub(back);
    if kind == MeetingKind::LacReview && age.is_some_and(|a| a >= PATHWAY_PLAN_FROM_AGE) {
        let at = before_last(&rows, 3);
        rows.insert(at, PATHWAY_PLAN);
    }
    if kind == MeetingKind::Icpc && unborn {
        let at = before_last(&rows, 1);
        rows.insert(at, PRE_BIRTH);
    }
    if kind == MeetingKind::TransferInConference {
        rows.insert(3, TRANSFER_IN);
    }
    rows.into_iter()
        .enumerate()
        .map(|(idx, (title, detail))| AgendaItem {
            number: idx as u32 + 1,
            title: title.to_string(),
            detail: detail.to_string(),
        })
        .collect()
}
