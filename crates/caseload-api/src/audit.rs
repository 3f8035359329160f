//! The audit trail as a screen reads it: every applied change, newest first, with who made it,
//! which child it concerned, what it was in words, and each field it changed (before → after).
//!
//! The trail is read-only here as everywhere: the store refuses UPDATE and DELETE on it, and no
//! use case writes it except through `apply`.

use caseload_core::change::Change;
use caseload_core::explain::uk_date;
use caseload_core::ids::ChildId;
use caseload_store::AuditEntry;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::HashMap;

use crate::views::{ChildSummary, IroRef};

/// The rows shown when the caller sets no limit.
pub const DEFAULT_AUDIT_LIMIT: u32 = 200;
/// The most rows one request returns.
pub const MAX_AUDIT_LIMIT: u32 = 2000;

/// Which audit rows to show.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, specta::Type)]
pub struct AuditQuery {
    /// Only changes about this child.
    #[serde(default)]
    pub child: Option<ChildId>,
    /// Only changes recorded on or after this date.
    #[serde(default)]
    pub from_on: Option<NaiveDate>,
    /// Only changes recorded on or before this date.
    #[serde(default)]
    pub to_on: Option<NaiveDate>,
    /// At most this many (the newest); [`DEFAULT_AUDIT_LIMIT`] when absent.
    #[serde(default)]
    pub limit: Option<u32>,
}

/// One field a change set or altered, as text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct FieldChange {
    /// Its path in the record ("outcome.held_on").
    pub field: String,
    /// Its name in words ("Held on").
    pub label: String,
    /// The value before (absent when the field was new).
    pub before: Option<String>,
    /// The value after (absent when the field was removed).
    pub after: Option<String>,
}

/// One applied change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct AuditRow {
    /// The audit row's id (increases with every change applied).
    pub id: i64,
    /// When it was applied (UTC).
    pub recorded_at: DateTime<Utc>,
    /// Who applied it, when known.
    pub actor: Option<IroRef>,
    /// The operation ("record_meeting").
    pub op: String,
    /// The operation in words ("Recorded a meeting").
    pub op_label: String,
    /// The child it concerned, if any.
    pub child: Option<ChildSummary>,
    /// The fields it set or changed, in record order.
    pub fields: Vec<FieldChange>,
    /// Where it came from ("imported from episodes.csv"), when not typed by a person.
    pub source: Option<String>,
}

/// The audit screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct AuditView {
    /// The rows, newest first.
    pub rows: Vec<AuditRow>,
    /// The limit applied.
    pub limit: u32,
    /// True when more rows match than were returned.
    pub more: bool,
    /// Every child of the store, by name (for the child filter).
    pub children: Vec<ChildSummary>,
}

/// What a recorded change did, in words; an entry the current build cannot read as a change
/// (written by a newer version) says so rather than guessing.
fn op_label(op: &str, change: &Value) -> String {
    if op == crate::retention::ERASE_OP {
        return "Deleted a record past retention".to_string();
    }
    serde_json::from_value::<Change>(change.clone()).map_or_else(
        |_| "A change this version cannot read".to_string(),
        |c| c.label().to_string(),
    )
}

pub(crate) fn audit_view(
    entries: Vec<AuditEntry>,
    limit: u32,
    children: Vec<ChildSummary>,
    iro_name: impl Fn(caseload_core::ids::IroId) -> String,
) -> AuditView {
    let names: HashMap<ChildId, &str> = children.iter().map(|c| (c.id, c.name.as_str())).collect();
    let more = entries.len() > limit as usize;
    let rows = entries
        .into_iter()
        .take(limit as usize)
        .map(|e| AuditRow {
            id: e.id,
            recorded_at: e.recorded_at,
            actor: e.actor.map(|id| IroRef {
                id,
                name: iro_name(id),
            }),
            op_label: op_label(&e.op, &e.change),
            child: e.child.map(|id| ChildSummary {
                id,
                name: names
                    .get(&id)
                    .map_or_else(|| format!("Child {id}"), |n| (*n).to_string()),
            }),
            fields: if e.op == crate::retention::ERASE_OP {
                tombstone_fields(&e.change)
            } else {
                field_changes(e.before.as_ref(), e.after.as_ref(), &e.change)
            },
            op: e.op,
            source: e.source,
        })
        .collect();
    AuditView {
        rows,
        limit,
        more,
        children,
    }
}

/// A tombstone in words: what was deleted, under which rule, and its id. It names no one.
fn tombstone_fields(change: &Value) -> Vec<FieldChange> {
    let deleted: std::collections::BTreeMap<String, usize> = change["deleted"]
        .as_object()
        .map(|counts| {
            counts
                .iter()
                .filter_map(|(k, v)| Some((k.clone(), usize::try_from(v.as_u64()?).ok()?)))
                .collect()
        })
        .unwrap_or_default();
    let rule = &change["rule"];
    let rule_text = match (
        rule["in_words"].as_str(),
        rule["past_retention_on"].as_str(),
    ) {
        (Some(words), Some(on)) => format!("Kept {words}; past that on {}", shown("", on)),
        _ => rule.to_string(),
    };
    [
        (
            "deleted",
            "Deleted",
            crate::retention::deleted_in_words(&deleted),
        ),
        ("rule", "Rule", rule_text),
        (
            "tombstone",
            "Tombstone",
            change["tombstone"].as_str().unwrap_or_default().to_string(),
        ),
    ]
    .into_iter()
    .map(|(field, label, after)| FieldChange {
        field: field.to_string(),
        label: label.to_string(),
        before: None,
        after: Some(after),
    })
    .collect()
}

/// What a change did, field by field: the fields whose value differs between before and after;
/// with neither (a change with no single record, such as an import), the change's own fields.
pub fn field_changes(
    before: Option<&Value>,
    after: Option<&Value>,
    change: &Value,
) -> Vec<FieldChange> {
    let mut out = Vec::new();
    if before.is_none() && after.is_none() {
        let mut fields = Vec::new();
        flatten("", change, &mut fields);
        return fields
            .into_iter()
            .filter(|(field, _)| field != "op")
            .map(|(field, value)| FieldChange::new(field, None, Some(&value)))
            .collect();
    }
    let mut old = Vec::new();
    let mut new = Vec::new();
    if let Some(v) = before {
        flatten("", v, &mut old);
    }
    if let Some(v) = after {
        flatten("", v, &mut new);
    }
    let old_map: HashMap<&str, &str> = old.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let new_map: HashMap<&str, &str> = new.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    for (field, value) in &new {
        let was = old_map.get(field.as_str()).copied();
        if was != Some(value.as_str()) {
            out.push(FieldChange::new(field.clone(), was, Some(value)));
        }
    }
    for (field, value) in &old {
        if !new_map.contains_key(field.as_str()) {
            out.push(FieldChange::new(field.clone(), Some(value), None));
        }
    }
    out
}

impl FieldChange {
    fn new(field: String, before: Option<&str>, after: Option<&str>) -> FieldChange {
        FieldChange {
            label: field_label(&field),
            before: before.map(|v| shown(&field, v)),
            after: after.map(|v| shown(&field, v)),
            field,
        }
    }
}

/// A field's name in words: `outcome.held_on` → "Held on", `iro` → "IRO".
fn field_label(path: &str) -> String {
    match path {
        "history.known" => return "Reviews before those recorded".to_string(),
        "history.count" => return "Reviews held before those recorded".to_string(),
        // A meeting's revision is its calendar event's SEQUENCE.
        "revision" | "meeting.revision" => return "Calendar revision".to_string(),
        _ => {}
    }
    let last = path.rsplit('.').next().unwrap_or(path);
    let words: Vec<&str> = last
        .split('_')
        .filter(|w| !w.is_empty())
        .map(|w| match w {
            "iro" => "IRO",
            "lac" => "LAC",
            "cp" => "CP",
            "icpc" => "ICPC",
            "drp" => "DRP",
            "macp" => "MACP",
            "pn" => "PN",
            other => other,
        })
        .collect();
    let text = words.join(" ");
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// A value as the IRO reads it: a date in the British form, a review history in words,
/// anything else as stored.
fn shown(field: &str, value: &str) -> String {
    match (field, value) {
        ("history.known", "recorded") => return "all recorded here".to_string(),
        ("history.known", "earlier") => return "some held before".to_string(),
        ("history.known", "unknown") => return "not known yet".to_string(),
        _ => {}
    }
    value
        .parse::<NaiveDate>()
        .map_or_else(|_| value.to_string(), uk_date)
}

/// Leaves of a JSON value as (dotted path, text); nulls are left out (an absent value), arrays
/// stay whole as compact JSON (a list of stages reads better whole than item by item).
fn flatten(prefix: &str, value: &Value, out: &mut Vec<(String, String)>) {
    match value {
        Value::Null => {}
        Value::Object(map) => {
            for (key, v) in map {
                let path = if prefix.is_empty() {
                    key.clone()
                } else {
                    format!("{prefix}.{key}")
                };
                flatten(&path, v, out);
            }
        }
        Value::String(s) => out.push((prefix.to_string(), s.clone())),
        other => out.push((prefix.to_string(), other.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use serde_json::json;

    #[test]
    fn a_correction_shows_only_the_fields_it_changed() {
        let before = json!({"id": 3, "details": {"first_name": "Sam", "born_on": "2015-05-01"},
                            "note": "x"});
        let after = json!({"id": 3, "details": {"first_name": "Samuel", "born_on": "2015-05-01"},
                           "venue": "Room 2"});
        let fields = field_changes(Some(&before), Some(&after), &json!({}));
        assert_eq!(
            fields,
            [
                FieldChange {
                    field: "details.first_name".into(),
                    label: "First name".into(),
                    before: Some("Sam".into()),
                    after: Some("Samuel".into()),
                },
                FieldChange {
                    field: "venue".into(),
                    label: "Venue".into(),
                    before: None,
                    after: Some("Room 2".into()),
                },
                FieldChange {
                    field: "note".into(),
                    label: "Note".into(),
                    before: Some("x".into()),
                    after: None,
                },
            ]
        );
    }

    #[test]
    fn a_creation_lists_what_it_set_and_nulls_are_absent() {
        let after = json!({"id": 9, "on": "2026-11-20", "venue": null, "tags": [1, 2]});
        let fields = field_changes(None, Some(&after), &json!({}));
        let pairs: Vec<(&str, Option<&str>)> = fields
            .iter()
            .map(|f| (f.field.as_str(), f.after.as_deref()))
            .collect();
        assert_eq!(
            pairs,
            [
                ("id", Some("9")),
                ("on", Some("Fri 20 Nov 2026")),
                ("tags", Some("[1,2]"))
            ]
        );
        assert!(fields.iter().all(|f| f.before.is_none()));
    }

    #[test]
    fn fields_are_named_in_words_and_dates_shown_the_british_way() {
        let before = json!({"details": {"closed_on": null, "plan_ended_on": "2025-01-10"},
                            "iro": 1});
        let after = json!({"details": {"closed_on": "2025-03-20", "plan_ended_on": "2025-01-10"},
                           "iro": 2});
        let rows: Vec<(String, Option<String>, Option<String>)> =
            field_changes(Some(&before), Some(&after), &json!({}))
                .into_iter()
                .map(|f| (f.label, f.before, f.after))
                .collect();
        assert_eq!(
            rows,
            [
                (
                    "Closed on".to_string(),
                    None,
                    Some("Thu 20 Mar 2025".to_string())
                ),
                (
                    "IRO".to_string(),
                    Some("1".to_string()),
                    Some("2".to_string())
                ),
            ]
        );
        assert_eq!(field_label("outcome.s47_started_on"), "S47 started on");
        assert_eq!(
            shown("on", "2025-13-40"),
            "2025-13-40",
            "not a date: as stored"
        );
    }

    #[test]
    fn a_review_history_reads_in_words() {
        let before = json!({"id": 1, "history": {"known": "recorded"}});
        let after = json!({"id": 1, "history": {"known": "earlier", "count": 8}});
        let fields: Vec<(String, Option<String>, Option<String>)> =
            field_changes(Some(&before), Some(&after), &json!({}))
                .into_iter()
                .map(|f| (f.label, f.before, f.after))
                .collect();
        assert_eq!(
            fields,
            [
                (
                    "Reviews held before those recorded".to_string(),
                    None,
                    Some("8".to_string())
                ),
                (
                    "Reviews before those recorded".to_string(),
                    Some("all recorded here".to_string()),
                    Some("some held before".to_string())
                ),
            ]
        );
    }

    #[test]
    fn without_a_record_the_change_itself_is_shown_without_its_op() {
        let change = json!({"op": "import_holidays", "source": "bank-holidays.json"});
        let fields = field_changes(None, None, &change);
        assert_eq!(
            fields,
            [FieldChange {
                field: "source".into(),
                label: "Source".into(),
                before: None,
                after: Some("bank-holidays.json".into()),
            }]
        );
    }

    #[test]
    fn the_label_comes_from_the_change_and_an_unreadable_one_says_so() {
        let change = json!({"op": "resolve_dispute", "id": 3, "outcome": "withdrawn",
                            "on": "2026-11-20"});
        assert_eq!(op_label("resolve_dispute", &change), "Closed a dispute");
        assert_eq!(
            op_label("teleport_child", &json!({"op": "teleport_child", "id": 1})),
            "A change this version cannot read"
        );
    }

    #[test]
    fn the_view_pages_newest_first_and_filters_by_child() {
        let as_of: NaiveDate = "2026-11-23".parse().unwrap();
        let mut app = crate::App::open_in_memory().unwrap();
        app.load_demo(&caseload_demo::DemoOptions::new(as_of))
            .unwrap();
        let page = app
            .audit_view(&AuditQuery {
                limit: Some(5),
                ..AuditQuery::default()
            })
            .unwrap();
        assert_eq!((page.rows.len(), page.limit, page.more), (5, 5, true));
        assert!(page.rows.windows(2).all(|w| w[0].id > w[1].id));
        assert_eq!(
            page.children.len(),
            caseload_demo::DemoOptions::new(as_of).children
        );

        let child = page.children[0].clone();
        let theirs = app
            .audit_view(&AuditQuery {
                child: Some(child.id),
                limit: Some(MAX_AUDIT_LIMIT),
                ..AuditQuery::default()
            })
            .unwrap();
        assert!(!theirs.more);
        assert!(!theirs.rows.is_empty());
        assert!(theirs.rows.iter().all(|r| r.child.as_ref() == Some(&child)));
        // The child's first change added them, with their name among the fields set.
        let first = theirs.rows.last().unwrap();
        assert_eq!(first.op_label, "Added a child");
        assert!(first.fields.iter().any(|f| f.after.is_some()));
    }
}
