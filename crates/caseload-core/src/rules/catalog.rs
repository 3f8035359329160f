use super::{DisputeLadders, DisputeReasons};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

/// How a rule measures time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    /// N working days after the base event (domain.md §1.2 counting).
    WorkingDaysAfter,
    /// N working days before the base date (e.g. before a review is due).
    WorkingDaysBefore,
    /// N calendar months after the base event, corresponding-date rule with clamping.
    MonthsAfter,
    /// N weeks before the base date (pre-birth: weeks before the expected date of birth).
    WeeksBefore,
    /// Not a date: a count of children (the caseload band).
    Children,
}

impl Measure {
    /// Unit word for the value.
    pub fn unit(self, n: u32) -> &'static str {
        match (self, n == 1) {
            (Measure::WorkingDaysAfter | Measure::WorkingDaysBefore, true) => "working day",
            (Measure::WorkingDaysAfter | Measure::WorkingDaysBefore, false) => "working days",
            (Measure::MonthsAfter, true) => "month",
            (Measure::MonthsAfter, false) => "months",
            (Measure::WeeksBefore, true) => "week",
            (Measure::WeeksBefore, false) => "weeks",
            (Measure::Children, true) => "child",
            (Measure::Children, false) => "children",
        }
    }
}

macro_rules! rule_ids {
    ($($variant:ident = $id:literal),* $(,)?) => {
        /// A timescale rule. The kebab-case id is a stable contract (CLI, files, database).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, specta::Type)]
        pub enum RuleId {
            $(
                #[doc = $id]
                #[serde(rename = $id)]
                $variant,
            )*
        }

        impl RuleId {
            /// Every rule, in catalogue order.
            pub const ALL: &'static [RuleId] = &[$(RuleId::$variant),*];

            /// The stable kebab-case id.
            pub fn as_str(self) -> &'static str {
                match self { $(RuleId::$variant => $id),* }
            }
        }

        impl FromStr for RuleId {
            type Err = ParseRuleError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s {
                    $($id => Ok(RuleId::$variant),)*
                    _ => Err(ParseRuleError { given: s.to_string() }),
                }
            }
        }
    };
}

rule_ids! {
    LacFirstReview = "lac-first-review",
    LacSecondReview = "lac-second-review",
    LacSubsequentReview = "lac-subsequent-review",
    ShortBreakFirstReview = "short-break-first-review",
    Icpc = "icpc",
    CpFirstReview = "cp-first-review",
    CpSubsequentReview = "cp-subsequent-review",
    CoreGroup = "core-group",
    TransferInConference = "transfer-in-conference",
    PreBirthConference = "pre-birth-conference",
    PostBirthReview = "post-birth-review",
    IroAppointment = "iro-appointment",
    ReviewDecisions = "review-decisions",
    ReviewRecord = "review-record",
    ChildSeenBeforeReview = "child-seen-before-review",
    SocialWorkerContact = "social-worker-contact",
    ReportsToIro = "reports-to-iro",
    CaseloadBand = "caseload-band",
    CaseloadBandLower = "caseload-band-lower",
    DrpStageResponse = "drp-stage-response",
    DrpFormalTotal = "drp-formal-total",
    MacpStepResponse = "macp-step-response",
    MacpActionPlan = "macp-action-plan",
    DisputeInactivity = "dispute-inactivity",
}

impl fmt::Display for RuleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An unknown rule id.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown rule '{given}'")]
pub struct ParseRuleError {
    /// What was given.
    pub given: String,
}

/// The fixed definition of a rule: what an authority may change is only the value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
pub struct RuleDef {
    /// Stable id.
    pub id: RuleId,
    /// domain.md reference (e.g. "L2").
    pub reference: &'static str,
    /// What is due, in plain words.
    pub title: &'static str,
    /// The event the time is counted from, in plain words.
    pub base_event: &'static str,
    /// How time is measured.
    pub measure: Measure,
    /// The default value.
    pub default: u32,
    /// The source, as a citation an IRO can look up.
    pub source: &'static str,
}

impl RuleDef {
    /// The definition of a rule.
    pub fn of(id: RuleId) -> &'static RuleDef {
        CATALOG
            .iter()
            .find(|d| d.id == id)
            .expect("every RuleId has a definition")
    }
}

const CATALOG: &[RuleDef] = &[
    RuleDef {
        id: RuleId::LacFirstReview,
        reference: "L2",
        title: "First LAC review",
        base_event: "the date the child became looked after",
        measure: Measure::WorkingDaysAfter,
        default: 20,
        source: "Care Planning, Placement and Case Review (England) Regulations 2010, reg 33(1)",
    },
    RuleDef {
        id: RuleId::LacSecondReview,
        reference: "L3",
        title: "Second LAC review",
        base_event: "the date the first review was held",
        measure: Measure::MonthsAfter,
        default: 3,
        source: "Care Planning, Placement and Case Review (England) Regulations 2010, reg 33(2)",
    },
    RuleDef {
        id: RuleId::LacSubsequentReview,
        reference: "L4",
        title: "Subsequent LAC review",
        base_event: "the date the previous review was held",
        measure: Measure::MonthsAfter,
        default: 6,
        source: "Care Planning, Placement and Case Review (England) Regulations 2010, reg 33(2)",
    },
    RuleDef {
        id: RuleId::ShortBreakFirstReview,
        reference: "SB2",
        title: "First short-break review",
        base_event: "the start of the first short break",
        measure: Measure::MonthsAfter,
        default: 3,
        source: "Care Planning, Placement and Case Review (England) Regulations 2010, reg 48(3)",
    },
    RuleDef {
        id: RuleId::Icpc,
        reference: "C1",
        title: "Initial child protection conference",
        base_event: "the strategy discussion at which s47 enquiries were initiated",
        measure: Measure::WorkingDaysAfter,
        default: 15,
        source: "Working Together to Safeguard Children 2023, ch. 3 (15 working days, as WT 2018)",
    },
    RuleDef {
        id: RuleId::CpFirstReview,
        reference: "C2",
        title: "First child protection review conference",
        base_event: "the date the initial conference was held",
        measure: Measure::MonthsAfter,
        default: 3,
        source: "Working Together to Safeguard Children 2023, ch. 3 (within 3 months of the ICPC)",
    },
    RuleDef {
        id: RuleId::CpSubsequentReview,
        reference: "C3",
        title: "Child protection review conference",
        base_event: "the date the previous review conference was held",
        measure: Measure::MonthsAfter,
        default: 6,
        source: "Working Together to Safeguard Children 2023, ch. 3 (intervals of not more than 6 months)",
    },
    RuleDef {
        id: RuleId::CoreGroup,
        reference: "C4",
        title: "First core group meeting",
        base_event: "the date the initial conference was held",
        measure: Measure::WorkingDaysAfter,
        default: 10,
        source: "Working Together to Safeguard Children 2018 (first core group within 10 working days of the ICPC)",
    },
    RuleDef {
        id: RuleId::TransferInConference,
        reference: "C7",
        title: "Transfer-in conference",
        base_event: "the date this authority was notified of the move",
        measure: Measure::WorkingDaysAfter,
        default: 15,
        source: "Working Together to Safeguard Children 2018, as quoted by local procedures (15 working days of notification)",
    },
    RuleDef {
        id: RuleId::PreBirthConference,
        reference: "C8",
        title: "Pre-birth conference",
        base_event: "the expected date of birth",
        measure: Measure::WeeksBefore,
        default: 12,
        source: "Local procedures (default: by 28 weeks' gestation, i.e. 12 weeks before the expected date of birth)",
    },
    RuleDef {
        id: RuleId::PostBirthReview,
        reference: "C8",
        title: "Review after the birth",
        base_event: "the date of birth of a child made subject to a plan before birth",
        measure: Measure::WorkingDaysAfter,
        default: 10,
        source: "Local procedures (default as London CP procedures 4.1.22: a review conference or core group within 10 working days of the birth)",
    },
    RuleDef {
        id: RuleId::IroAppointment,
        reference: "I2",
        title: "IRO appointed",
        base_event: "the date the child became looked after",
        measure: Measure::WorkingDaysAfter,
        default: 5,
        source: "IRO Handbook 2010 (good practice: appointed within 5 working days)",
    },
    RuleDef {
        id: RuleId::ReviewDecisions,
        reference: "I7",
        title: "Review decisions circulated",
        base_event: "the date the review was held",
        measure: Measure::WorkingDaysAfter,
        default: 5,
        source: "IRO Handbook 2010, ch. 3 (decisions within 5 working days)",
    },
    RuleDef {
        id: RuleId::ReviewRecord,
        reference: "I7",
        title: "Full review record sent",
        base_event: "the date the review was held",
        measure: Measure::WorkingDaysAfter,
        default: 20,
        source: "IRO Handbook 2010, ch. 3 (record within 20 working days)",
    },
    RuleDef {
        id: RuleId::ChildSeenBeforeReview,
        reference: "I4",
        title: "IRO sees the child before the review",
        base_event: "the date the review is due",
        measure: Measure::WorkingDaysBefore,
        default: 10,
        source: "Children Act 1989 s25B; CPPCR 2010 reg 36 (the IRO speaks to the child before each review)",
    },
    RuleDef {
        id: RuleId::SocialWorkerContact,
        reference: "I5",
        title: "Social worker contacts the IRO",
        base_event: "the date the review is due",
        measure: Measure::WorkingDaysBefore,
        default: 15,
        source: "IRO Handbook 2010 (social worker–IRO contact at least 15 working days before the review)",
    },
    RuleDef {
        id: RuleId::ReportsToIro,
        reference: "I6",
        title: "Reports with the IRO",
        base_event: "the date the review is due",
        measure: Measure::WorkingDaysBefore,
        default: 3,
        source: "IRO Handbook 2010 (care plan, PEP and health plan at least 3 working days before the review)",
    },
    RuleDef {
        id: RuleId::CaseloadBand,
        reference: "I9",
        title: "Caseload band (upper limit per full-time IRO)",
        base_event: "the looked-after children allocated to the IRO",
        measure: Measure::Children,
        default: 70,
        source: "IRO Handbook 2010, ch. 7 (50–70 looked-after children per full-time IRO)",
    },
    RuleDef {
        id: RuleId::CaseloadBandLower,
        reference: "I9",
        title: "Caseload band (lower end per full-time IRO)",
        base_event: "the looked-after children allocated to the IRO",
        measure: Measure::Children,
        default: 50,
        source: "IRO Handbook 2010, ch. 7 (50–70 looked-after children per full-time IRO)",
    },
    RuleDef {
        id: RuleId::DrpStageResponse,
        reference: "§5.3",
        title: "Response to a dispute resolution stage",
        base_event: "the date the stage was raised",
        measure: Measure::WorkingDaysAfter,
        default: 5,
        source: "IRO Handbook 2010, ch. 6; local Dispute Resolution Process (default 5 working days per stage)",
    },
    RuleDef {
        id: RuleId::DrpFormalTotal,
        reference: "§5.1",
        title: "Formal dispute resolution process, start to finish",
        base_event: "the date the first formal stage was raised",
        measure: Measure::WorkingDaysAfter,
        default: 20,
        source: "IRO Handbook 2010, ch. 6 (the whole formal process within 20 working days)",
    },
    RuleDef {
        id: RuleId::MacpStepResponse,
        reference: "§5.3",
        title: "Response at the line-manager step of a multi-agency challenge",
        base_event: "the date the step was raised",
        measure: Measure::WorkingDaysAfter,
        default: 5,
        source: "Local safeguarding partnership escalation policy (default Lincolnshire-style: line managers respond within 5 working days)",
    },
    RuleDef {
        id: RuleId::MacpActionPlan,
        reference: "§5.2",
        title: "Action plan at a multi-agency challenge step",
        base_event: "the date the step was raised",
        measure: Measure::WorkingDaysAfter,
        default: 2,
        source: "Local safeguarding partnership escalation policy (default Lincolnshire-style: the practitioner and senior steps agree an action plan within 2 working days)",
    },
    RuleDef {
        id: RuleId::DisputeInactivity,
        reference: "§8",
        title: "Next activity on an open dispute",
        base_event: "the last activity on the dispute",
        measure: Measure::WorkingDaysAfter,
        default: 10,
        source: "Local practice (default: follow up a dispute with no activity for 10 working days)",
    },
];

/// A local override of a rule's value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct RuleOverride {
    /// The rule.
    pub rule: RuleId,
    /// The local value.
    pub value: u32,
    /// Why (e.g. the local procedure that sets it).
    #[serde(default)]
    pub note: Option<String>,
}

/// A rule as in force: its definition, its value, and whether that value is a local override.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct RuleView {
    /// The fixed definition (default and source stay visible).
    pub def: RuleDef,
    /// Its title as the authority says it (`def.title` in LAC words, or CLA).
    pub title: String,
    /// The value in force.
    pub value: u32,
    /// The local override, if any.
    pub local: Option<RuleOverride>,
}

/// The rules in force: the catalogue plus local overrides, the dispute ladders and the
/// dispute reason categories.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rules {
    overrides: BTreeMap<RuleId, RuleOverride>,
    ladders: DisputeLadders,
    reasons: DisputeReasons,
}

impl Rules {
    /// The defaults, with no local override.
    pub fn defaults() -> Rules {
        Rules::default()
    }

    /// With these local overrides.
    pub fn with_overrides(overrides: impl IntoIterator<Item = RuleOverride>) -> Rules {
        Rules {
            overrides: overrides.into_iter().map(|o| (o.rule, o)).collect(),
            ..Rules::default()
        }
    }

    /// With these dispute ladders (in place of the defaults of domain.md §5.3).
    pub fn with_ladders(self, ladders: DisputeLadders) -> Rules {
        Rules { ladders, ..self }
    }

    /// The dispute ladders in force.
    pub fn ladders(&self) -> &DisputeLadders {
        &self.ladders
    }

    /// With these dispute reason categories (in place of the defaults of domain.md §5.3).
    pub fn with_reasons(self, reasons: DisputeReasons) -> Rules {
        Rules { reasons, ..self }
    }

    /// The dispute reason categories in force.
    pub fn reasons(&self) -> &DisputeReasons {
        &self.reasons
    }

    /// The value in force for a rule.
    pub fn value(&self, id: RuleId) -> u32 {
        self.overrides
            .get(&id)
            .map_or(RuleDef::of(id).default, |o| o.value)
    }

    /// A rule as in force.
    pub fn view(&self, id: RuleId) -> RuleView {
        RuleView {
            def: *RuleDef::of(id),
            title: RuleDef::of(id).title.to_string(),
            value: self.value(id),
            local: self.overrides.get(&id).cloned(),
        }
    }

    /// Every rule as in force, in catalogue order.
    pub fn all(&self) -> Vec<RuleView> {
        RuleId::ALL.iter().map(|&id| self.view(id)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_id_round_trips_through_its_string_and_serde() {
        for &id in RuleId::ALL {
            assert_eq!(id.as_str().parse::<RuleId>(), Ok(id));
            let json = serde_json::to_string(&id).unwrap();
            assert_eq!(json, format!("\"{}\"", id.as_str()));
            assert_eq!(RuleDef::of(id).id, id);
        }
        assert_eq!(CATALOG.len(), RuleId::ALL.len());
    }

    #[test]
    fn override_changes_value_but_keeps_default_and_source() {
        let rules = Rules::with_overrides([RuleOverride {
            rule: RuleId::ReviewRecord,
            value: 15,
            note: Some("local procedure".into()),
        }]);
        let view = rules.view(RuleId::ReviewRecord);
        assert_eq!(view.value, 15);
        assert_eq!(view.def.default, 20);
        assert!(view.def.source.contains("IRO Handbook"));
        assert_eq!(rules.value(RuleId::ReviewDecisions), 5);
    }

    #[test]
    fn unknown_rule_is_refused_with_its_name() {
        let err = "lac-third-review".parse::<RuleId>().unwrap_err();
        assert_eq!(err.to_string(), "unknown rule 'lac-third-review'");
    }
}
