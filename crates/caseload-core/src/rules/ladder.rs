//! The dispute ladders: for each kind of dispute, its stages (or steps) in order of seniority,
//! whom each is normally sent to, and how long its response may take (domain.md §5.3).
//!
//! A ladder is local practice, so a store keeps its own (`set_dispute_ladder`); until it does,
//! the defaults of §5.3 apply. A stage's response time is either the rule's value
//! (`drp-stage-response` / `macp-step-response`, so a rule override changes every stage that
//! uses it), the stage's own number of working days, or no clock at all (a partnership meeting).

use super::{RuleDef, RuleId, Rules};
use crate::domain::{DisputeKind, Stage};
use serde::{Deserialize, Serialize};

/// How long the response to a stage may take.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum StageClock {
    /// The rule's value: `drp-stage-response` for the DRP, `macp-step-response` for a
    /// multi-agency challenge.
    Rule,
    /// The value of another working-day rule of the catalogue (the multi-agency ladder's
    /// action plans: `macp-action-plan`), so a rule override changes it too.
    RuleOf(RuleId),
    /// This stage's own number of working days.
    WorkingDays(u32),
    /// No response clock (e.g. a meeting convened by the partnership).
    NoClock,
}

/// One rung of a ladder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct LadderStep {
    /// Its number: the order of seniority.
    pub stage: Stage,
    /// What it is called ("Stage 2", "Informal challenge").
    pub label: String,
    /// Whom it is normally sent to ("Service Manager").
    pub target: String,
    /// How long the response may take.
    pub response: StageClock,
    /// False for an informal stage: the formal process (20 working days in all for the DRP)
    /// starts at the first formal stage raised.
    pub formal: bool,
}

impl LadderStep {
    fn new(stage: u8, label: &str, target: &str, response: StageClock, formal: bool) -> Self {
        LadderStep {
            stage: Stage(stage),
            label: label.to_string(),
            target: target.to_string(),
            response,
            formal,
        }
    }
}

/// One rung of a default ladder: stage, label, whom it is sent to, response time, formal.
type DefaultStep = (u8, &'static str, &'static str, StageClock, bool);

/// The default ladder of a kind, as [`DisputeLadders::default_for`] gives it (read without
/// building it for each stage's default response time).
fn default_steps(kind: DisputeKind) -> &'static [DefaultStep] {
    use StageClock::{NoClock, Rule, RuleOf};
    const DRP: [DefaultStep; 9] = [
        (
            0,
            "Informal challenge",
            "Social Worker / Team Manager",
            Rule,
            false,
        ),
        (1, "Stage 1", "Team Manager", Rule, true),
        (2, "Stage 2", "Service Manager", Rule, true),
        (
            3,
            "Stage 3",
            "Head of Service / Strategic Manager",
            Rule,
            true,
        ),
        (4, "Stage 4", "Director of Children's Services", Rule, true),
        (5, "Stage 5", "Local escalation", Rule, true),
        (6, "Stage 6", "Local escalation", Rule, true),
        (7, "Stage 7", "Local escalation", Rule, true),
        (8, "Stage 8", "Local escalation", Rule, true),
    ];
    const MACP: [DefaultStep; 4] = [
        (
            1,
            "Step 1",
            "Practitioner to practitioner",
            RuleOf(RuleId::MacpActionPlan),
            true,
        ),
        (2, "Step 2", "Line managers", Rule, true),
        (
            3,
            "Step 3",
            "Senior liaison officers / designated safeguarding leads",
            RuleOf(RuleId::MacpActionPlan),
            true,
        ),
        (
            4,
            "Step 4",
            "Safeguarding partnership meeting (independent chair)",
            NoClock,
            true,
        ),
    ];
    match kind {
        DisputeKind::Drp => &DRP,
        DisputeKind::Macp => &MACP,
    }
}

/// The ladder of each kind of dispute in force for a store.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct DisputeLadders {
    /// The Dispute Resolution Process.
    pub drp: Vec<LadderStep>,
    /// Multi-agency challenge.
    pub macp: Vec<LadderStep>,
}

impl Default for DisputeLadders {
    /// The defaults of domain.md §5.3.
    fn default() -> Self {
        DisputeLadders {
            drp: DisputeLadders::default_for(DisputeKind::Drp),
            macp: DisputeLadders::default_for(DisputeKind::Macp),
        }
    }
}

/// A stage's response time as in force, with what the explanation needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StageTimescale {
    /// The rule that names the source.
    pub rule: RuleId,
    /// Working days in force.
    pub value: u32,
    /// The default for this stage (the default ladder's value, else the rule's default).
    pub default: u32,
}

impl DisputeLadders {
    /// The default ladder of a kind (domain.md §5.3): for the DRP, an informal challenge and
    /// stages 1–4 at the rule's 5 working days each (20 in all, matching the IRO Handbook),
    /// then local stages 5–8; for a multi-agency challenge, Lincolnshire-style steps: an action
    /// plan in 2 working days (`macp-action-plan`), the line managers' response in 5
    /// (`macp-step-response`), an action plan in 2, then a partnership meeting. Every clock of
    /// a default ladder reads its value from a rule.
    pub fn default_for(kind: DisputeKind) -> Vec<LadderStep> {
        default_steps(kind)
            .iter()
            .map(|&(stage, label, target, response, formal)| {
                LadderStep::new(stage, label, target, response, formal)
            })
            .collect()
    }

    /// The ladder of a kind.
    pub fn of(&self, kind: DisputeKind) -> &[LadderStep] {
        match kind {
            DisputeKind::Drp => &self.drp,
            DisputeKind::Macp => &self.macp,
        }
    }

    /// Replaces the ladder of a kind.
    pub fn set(&mut self, kind: DisputeKind, steps: Vec<LadderStep>) {
        match kind {
            DisputeKind::Drp => self.drp = steps,
            DisputeKind::Macp => self.macp = steps,
        }
    }

    /// One rung of a kind's ladder.
    pub fn step(&self, kind: DisputeKind, stage: Stage) -> Option<&LadderStep> {
        self.of(kind).iter().find(|s| s.stage == stage)
    }

    /// The rule a kind's response clocks cite.
    pub fn response_rule(kind: DisputeKind) -> RuleId {
        match kind {
            DisputeKind::Drp => RuleId::DrpStageResponse,
            DisputeKind::Macp => RuleId::MacpStepResponse,
        }
    }

    /// The response time of a stage as in force, or `None` when it has no clock.
    pub fn timescale(
        kind: DisputeKind,
        step: &LadderStep,
        rules: &Rules,
    ) -> Option<StageTimescale> {
        let (rule, value) = match step.response {
            StageClock::Rule => {
                let rule = DisputeLadders::response_rule(kind);
                (rule, rules.value(rule))
            }
            StageClock::RuleOf(rule) => (rule, rules.value(rule)),
            StageClock::WorkingDays(n) => (DisputeLadders::response_rule(kind), n),
            StageClock::NoClock => return None,
        };
        let default = match default_steps(kind)
            .iter()
            .find(|d| Stage(d.0) == step.stage)
            .map(|d| d.3)
        {
            Some(StageClock::WorkingDays(n)) => n,
            Some(StageClock::Rule) => RuleDef::of(DisputeLadders::response_rule(kind)).default,
            Some(StageClock::RuleOf(rule)) => RuleDef::of(rule).default,
            Some(StageClock::NoClock) | None => value,
        };
        Some(StageTimescale {
            rule,
            value,
            default,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleOverride;

    #[test]
    fn default_drp_ladder_is_informal_then_stages_one_to_eight() {
        let ladders = DisputeLadders::default();
        let stages: Vec<(u8, bool)> = ladders.drp.iter().map(|s| (s.stage.0, s.formal)).collect();
        assert_eq!(
            stages,
            [
                (0, false),
                (1, true),
                (2, true),
                (3, true),
                (4, true),
                (5, true),
                (6, true),
                (7, true),
                (8, true)
            ]
        );
        let macp: Vec<Option<u32>> = ladders
            .macp
            .iter()
            .map(|s| {
                DisputeLadders::timescale(DisputeKind::Macp, s, &Rules::defaults()).map(|t| t.value)
            })
            .collect();
        assert_eq!(macp, [Some(2), Some(5), Some(2), None]);
    }

    #[test]
    fn a_rule_override_changes_every_stage_on_the_rule_but_not_its_default() {
        let rules = Rules::with_overrides([RuleOverride {
            rule: RuleId::DrpStageResponse,
            value: 10,
            note: None,
        }]);
        let ladders = DisputeLadders::default();
        let t = DisputeLadders::timescale(DisputeKind::Drp, &ladders.drp[2], &rules).unwrap();
        assert_eq!(
            (t.rule, t.value, t.default),
            (RuleId::DrpStageResponse, 10, 5)
        );
        let step1 = &ladders.macp[0];
        let t = DisputeLadders::timescale(DisputeKind::Macp, step1, &rules).unwrap();
        assert_eq!((t.rule, t.value, t.default), (RuleId::MacpActionPlan, 2, 2));
        assert_eq!(
            DisputeLadders::timescale(DisputeKind::Macp, &ladders.macp[3], &rules),
            None
        );
    }

    #[test]
    fn the_multi_agency_ladder_reads_its_values_from_its_rules() {
        let rules = Rules::with_overrides([
            RuleOverride {
                rule: RuleId::MacpActionPlan,
                value: 3,
                note: None,
            },
            RuleOverride {
                rule: RuleId::MacpStepResponse,
                value: 7,
                note: None,
            },
        ]);
        let ladders = DisputeLadders::default();
        let values: Vec<Option<(RuleId, u32, u32)>> = ladders
            .macp
            .iter()
            .map(|s| {
                DisputeLadders::timescale(DisputeKind::Macp, s, &rules)
                    .map(|t| (t.rule, t.value, t.default))
            })
            .collect();
        assert_eq!(
            values,
            [
                Some((RuleId::MacpActionPlan, 3, 2)),
                Some((RuleId::MacpStepResponse, 7, 5)),
                Some((RuleId::MacpActionPlan, 3, 2)),
                None
            ]
        );
    }

    #[test]
    fn stage_clock_wire_form() {
        let json = serde_json::to_string(&[
            StageClock::Rule,
            StageClock::RuleOf(RuleId::MacpActionPlan),
            StageClock::WorkingDays(7),
            StageClock::NoClock,
        ])
        .unwrap();
        assert_eq!(
            json,
            r#"["rule",{"rule_of":"macp-action-plan"},{"working_days":7},"no_clock"]"#
        );
    }
}
