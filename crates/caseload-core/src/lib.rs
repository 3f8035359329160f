//! # caseload-core
//!
//! The pure domain of IRO Caseload: what an Independent Reviewing Officer's statutory
//! timescales are, how they are counted, and what to warn about.
//!
//! | module | what it holds |
//! |---|---|
//! | [`ids`] | newtype ids for every entity |
//! | [`calendar`] | England & Wales working days, bank holidays, month arithmetic, plan-by |
//! | [`domain`] | the nouns: IROs, children, periods of care, CP episodes, meetings, disputes, records and decisions |
//! | [`rules`] | the timescale rules (stable ids, defaults, sources, local overrides) and the due-date calculator |
//! | [`explain`] | the derivation of every computed date, rendered to text in exactly one place |
//! | [`schedule`] | next due dates chained from meetings actually held |
//! | [`booking`] | a date checked before booking: the due date it meets, and clashes in the IRO's diary |
//! | [`disputes`] | the clocks of a dispute: stage responses, the formal total, follow-up |
//! | [`decisions`] | the decisions of finalised records: when each is due, which are overdue |
//! | [`warnings`] | the warnings for an as-of date |
//! | [`figures`] | service-wide figures: what an IRO's figures file holds (name-free), and the service's caseload merged from many |
//! | [`report`] | the annual report: a reporting year's figures beside the year before's, with definitions |
//! | [`retention`] | when a child's case closed, until when the record is kept, and whether it is past that on `as_of` |
//! | [`validate`] | field-level checks of a change against the child's record |
//! | [`change`] | the typed write API: every write is a [`change::Change`] |
//!
//! What this crate deliberately does not do: no file or network I/O, no SQL, no clock
//! (today is always passed in as `as_of`), no Tauri, no formatting for a particular screen.

pub mod booking;
pub mod calendar;
pub mod change;
pub mod decisions;
pub mod disputes;
pub mod domain;
pub mod explain;
pub mod figures;
pub mod ids;
pub mod report;
pub mod retention;
pub mod rules;
pub mod schedule;
pub mod settings;
pub mod validate;
pub mod warnings;
