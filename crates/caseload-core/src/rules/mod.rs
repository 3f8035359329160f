//! The timescale rules: every statutory or local timescale as data with a stable id, a default,
//! its source, and a local override an authority may set; the dispute ladders (per-stage
//! response times) and reason categories, both local practice. The calculator turns a rule and a base date into a [`Due`]
//! with its explanation.
//!
//! This module decides *how much time* a rule gives and from *which kind of event*; which event
//! applies to a child (chaining from held meetings) is [`crate::schedule`]'s job.

mod catalog;
mod due;
mod ladder;
mod reasons;

pub use catalog::{Measure, ParseRuleError, RuleDef, RuleId, RuleOverride, RuleView, Rules};
pub use due::{compute_due, compute_due_as, BaseEvent, Due, DueError, Timescale};
pub(crate) use due::{compute_due_as_written, compute_due_written};
pub use ladder::{DisputeLadders, LadderStep, StageClock, StageTimescale};
pub use reasons::{DisputeReasons, ReasonCategory};
