//! Everything held about one child, for a subject-access request (UK GDPR article 15): their
//! details, IRO allocations, periods of care and child-protection episodes, meetings and their
//! records, disputes, and every change the audit trail holds about them with when, by whom and
//! from where. As data (JSON) and as a readable document. Other children are left out: a
//! brother's or sister's name appears only when the IRO chooses to include them.

use caseload_core::domain::{
    Allocation, Child, CpEpisode, Dispute, Meeting, PeriodOfCare, RecordStatus, StoredRecord,
};
use caseload_core::explain::uk_date;
use caseload_core::ids::ChildId;
use caseload_interop::document::{Block, Document, HeadingLevel, Table};
use caseload_store::AuditFilter;
use chrono::NaiveDate;
use serde::Serialize;

use crate::audit::{audit_view, AuditRow};
use crate::child_document::{care_periods_table, cp_episodes_table};
use crate::meeting::{record_document, MARKING};
use crate::session::file_safe;
use crate::snapshot::Snapshot;
use crate::views::ChildSummary;
use crate::{ApiError, App};

const H1: HeadingLevel = HeadingLevel::One;
const H2: HeadingLevel = HeadingLevel::Two;

/// Everything held about one child.
#[derive(Debug, Clone, Serialize)]
pub struct SubjectAccess {
    /// The day the export was made.
    pub made_on: NaiveDate,
    /// The child's details as recorded.
    pub child: Child,
    /// Which IRO, from when, and why.
    pub allocations: Vec<Allocation>,
    pub care_periods: Vec<PeriodOfCare>,
    pub cp_episodes: Vec<CpEpisode>,
    /// Meetings booked, held, cancelled or adjourned.
    pub meetings: Vec<Meeting>,
    /// The record written at each meeting that has one (draft or final).
    pub records: Vec<StoredRecord>,
    pub disputes: Vec<Dispute>,
    /// Every change recorded about the child, oldest first, each with when, by whom and where
    /// it came from.
    pub audit: Vec<AuditRow>,
    /// Brothers and sisters in the caseload: only when the IRO chose to include them.
    pub siblings: Option<Vec<ChildSummary>>,
}

impl SubjectAccess {
    /// The file name to give the export, without extension:
    /// "Alex Example - subject access - 2026-11-23".
    pub fn file_stem(&self) -> String {
        file_safe(&format!(
            "{} - subject access - {}",
            self.child.details.display_name(),
            self.made_on
        ))
    }
}

impl App {
    /// Everything held about `child`; their siblings' names only when `with_siblings`.
    pub fn subject_access(
        &self,
        child: ChildId,
        made_on: NaiveDate,
        with_siblings: bool,
    ) -> Result<SubjectAccess, ApiError> {
        self.gather(&self.snapshot()?, child, made_on, with_siblings)
    }

    /// The same, with the document that says it in words, from one read of the store.
    pub fn subject_access_export(
        &self,
        child: ChildId,
        made_on: NaiveDate,
        with_siblings: bool,
    ) -> Result<(SubjectAccess, Document), ApiError> {
        let snap = self.snapshot()?;
        let access = self.gather(&snap, child, made_on, with_siblings)?;
        let document = access_document(&snap, &access);
        Ok((access, document))
    }

    fn gather(
        &self,
        snap: &Snapshot,
        child: ChildId,
        made_on: NaiveDate,
        with_siblings: bool,
    ) -> Result<SubjectAccess, ApiError> {
        let record = snap.child(child).ok_or_else(|| ApiError::NotFound {
            what: format!("child {child}"),
        })?;
        Ok(SubjectAccess {
            made_on,
            child: record.child.clone(),
            allocations: record.allocations.clone(),
            care_periods: record.care_periods.clone(),
            cp_episodes: record.cp_episodes.clone(),
            meetings: record.meetings.clone(),
            records: record.records.clone(),
            disputes: record.disputes.clone(),
            audit: self.audit_about(snap, child)?,
            siblings: with_siblings.then(|| siblings_of(snap, child)),
        })
    }

    /// Every audit row about the child, oldest first, naming only them.
    fn audit_about(&self, snap: &Snapshot, child: ChildId) -> Result<Vec<AuditRow>, ApiError> {
        let entries = self.audit(&AuditFilter {
            child: Some(child),
            from_on: None,
            to_on: None,
            limit: None,
        })?;
        let count = u32::try_from(entries.len()).unwrap_or(u32::MAX);
        let me = ChildSummary {
            id: child,
            name: snap
                .child(child)
                .map_or_else(String::new, |r| r.child.details.display_name()),
        };
        let mut rows = audit_view(entries, count, vec![me], |id| snap.iro_name(id)).rows;
        rows.reverse();
        Ok(rows)
    }
}

fn siblings_of(snap: &Snapshot, child: ChildId) -> Vec<ChildSummary> {
    let Some(group) = snap
        .child(child)
        .and_then(|r| r.child.details.sibling_group.clone())
    else {
        return Vec::new();
    };
    snap.caseload
        .children
        .iter()
        .filter(|r| r.child.id != child && r.child.details.sibling_group.as_deref() == Some(&group))
        .map(|r| ChildSummary {
            id: r.child.id,
            name: r.child.details.display_name(),
        })
        .collect()
}

/// The export in words.
fn access_document(snap: &Snapshot, access: &SubjectAccess) -> Document {
    let name = access.child.details.display_name();
    let mut doc = Document::new(format!("Information held about {name}"))
        .with_marking(MARKING)
        .with_meta(format!("Made on {} from IRO Caseload", uk_date(access.made_on)))
        .with_meta("Everything the IRO's caseload holds about the child: each item with its date; every change with when, by whom and from where.");
    details(&mut doc, snap, access);
    care(&mut doc, access);
    meetings(&mut doc, snap, access);
    disputes(&mut doc, &access.disputes);
    audit(&mut doc, &access.audit);
    doc
}

fn details(doc: &mut Document, snap: &Snapshot, access: &SubjectAccess) {
    let d = &access.child.details;
    let mut rows: Vec<(&str, String)> = vec![("Name", d.display_name())];
    if let Some(p) = &d.preferred_name {
        rows.push(("Preferred name", p.clone()));
    }
    if let Some(born) = d.born_on {
        rows.push(("Date of birth", uk_date(born)));
    }
    if let Some(expected) = d.expected_birth_on {
        rows.push(("Expected date of birth", uk_date(expected)));
    }
    rows.push(("Sex", format!("{:?}", d.sex)));
    if let Some(e) = &d.ethnicity {
        rows.push(("Ethnicity", format!("{e:?}").to_uppercase()));
    }
    if let Some(r) = &d.local_ref {
        rows.push(("Local reference", r.clone()));
    }
    if let Some(g) = &d.sibling_group {
        rows.push(("Sibling group", g.clone()));
    }
    if let Some(sw) = &d.social_worker {
        rows.push(("Social worker", sw.clone()));
    }
    if let Some(t) = &d.team {
        rows.push(("Team", t.clone()));
    }
    doc.heading(H1, "Details");
    doc.key_values(rows);
    if let Some(siblings) = &access.siblings {
        let names: Vec<&str> = siblings.iter().map(|s| s.name.as_str()).collect();
        doc.paragraph(format!(
            "Brothers and sisters in the caseload: {}.",
            names.join(", ")
        ));
    }
    if !access.allocations.is_empty() {
        doc.heading(H2, "Independent Reviewing Officers");
        doc.table(access.allocations.iter().fold(
            Table::new([("From", 2), ("IRO", 4), ("Reason", 4)]),
            |t, a| {
                t.row([
                    uk_date(a.from_on),
                    snap.iro_name(a.iro),
                    a.reason.clone().unwrap_or_default(),
                ])
            },
        ));
    }
}

fn care(doc: &mut Document, access: &SubjectAccess) {
    doc.heading(H1, "Periods of care and child protection");
    if access.care_periods.is_empty() {
        doc.paragraph("No period of care is recorded.");
    } else {
        doc.table(care_periods_table(&access.care_periods));
    }
    if access.cp_episodes.is_empty() {
        doc.paragraph("No child-protection episode is recorded.");
    } else {
        doc.table(cp_episodes_table(&access.cp_episodes));
    }
}

/// The meetings, then each record in full (the record's own document, its headings one level
/// down and without its list of brothers and sisters).
fn meetings(doc: &mut Document, snap: &Snapshot, access: &SubjectAccess) {
    doc.heading(H1, "Meetings");
    doc.table(access.meetings.iter().fold(
        Table::new([("Meeting", 5), ("Date", 3), ("Status", 2)]),
        |t, m| {
            t.row([
                m.kind.label().to_string(),
                m.held_on().or(m.booked_on).map_or("—".to_string(), uk_date),
                format!("{:?}", m.status),
            ])
        },
    ));
    let Some(record) = snap.child(access.child.id) else {
        return;
    };
    for stored in &access.records {
        let Some(m) = access.meetings.iter().find(|m| m.id == stored.meeting) else {
            continue;
        };
        let written = record_document(snap, record, m, &stored.record);
        let state = if stored.status == RecordStatus::Final {
            "final"
        } else {
            "draft"
        };
        doc.heading(H1, format!("{} ({state})", written.title));
        for block in written.blocks {
            match block {
                Block::Heading(_, text) => {
                    doc.heading(H2, text);
                }
                Block::KeyValues(pairs) => {
                    doc.key_values(
                        pairs
                            .into_iter()
                            .filter(|kv| {
                                access.siblings.is_some() || kv.label != "Brothers and sisters"
                            })
                            .map(|kv| (kv.label, kv.value)),
                    );
                }
                other => doc.blocks.push(other),
            }
        }
    }
}

fn disputes(doc: &mut Document, disputes: &[Dispute]) {
    if disputes.is_empty() {
        return;
    }
    doc.heading(H1, "Disputes raised about the child's plan");
    doc.table(disputes.iter().fold(
        Table::new([("Raised", 2), ("About", 4), ("Stages", 1)]),
        |t, d| {
            t.row([
                uk_date(d.raised_on),
                d.reason.to_string(),
                d.stages.len().to_string(),
            ])
        },
    ));
}

fn audit(doc: &mut Document, rows: &[AuditRow]) {
    doc.heading(H1, "Every change recorded");
    doc.table(rows.iter().fold(
        Table::new([("When", 3), ("What", 4), ("Changed", 6), ("By and from", 3)]),
        |t, r| {
            let fields: Vec<String> = r
                .fields
                .iter()
                .map(|f| {
                    format!(
                        "{}: {}",
                        f.label,
                        f.after.clone().unwrap_or_else(|| "removed".to_string())
                    )
                })
                .collect();
            let by = [r.actor.as_ref().map(|a| a.name.clone()), r.source.clone()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(", ");
            t.row([
                r.recorded_at.format("%d/%m/%Y %H:%M UTC").to_string(),
                r.op_label.clone(),
                fields.join("; "),
                if by.is_empty() {
                    "Typed in IRO Caseload".to_string()
                } else {
                    by
                },
            ])
        },
    ));
}

#[cfg(test)]
mod tests {
    use super::*;
    use caseload_demo::DemoOptions;

    fn demo() -> (App, NaiveDate) {
        let mut app = App::open_in_memory().unwrap();
        let as_of: NaiveDate = "2026-11-23".parse().unwrap();
        app.load_demo(&DemoOptions::new(as_of)).unwrap();
        (app, as_of)
    }

    /// A demo child with a brother or sister in the caseload, and their names.
    fn child_with_sibling(app: &App) -> (ChildId, Vec<String>) {
        let snap = app.snapshot().unwrap();
        snap.caseload
            .children
            .iter()
            .find_map(|r| {
                let siblings = siblings_of(&snap, r.child.id);
                (!siblings.is_empty())
                    .then(|| (r.child.id, siblings.into_iter().map(|s| s.name).collect()))
            })
            .expect("a demo child with a sibling")
    }

    /// A demo child with a meeting record written.
    fn child_with_record(app: &App) -> ChildId {
        let snap = app.snapshot().unwrap();
        snap.caseload
            .children
            .iter()
            .find(|r| !r.records.is_empty())
            .map(|r| r.child.id)
            .expect("a demo child with a record")
    }

    #[test]
    fn the_export_holds_the_childs_records_and_no_other_childs_name() {
        let (app, as_of) = demo();
        let (id, siblings) = child_with_sibling(&app);
        let access = app.subject_access(id, as_of, false).unwrap();
        let json = serde_json::to_string(&access).unwrap();
        let snap = app.snapshot().unwrap();
        let me = snap.child(id).unwrap();
        assert!(json.contains(&me.child.details.display_name()));
        assert_eq!(access.meetings, me.meetings);
        assert_eq!(access.records, me.records);
        assert!(!access.audit.is_empty());
        assert!(access
            .audit
            .iter()
            .all(|r| r.child.as_ref().map(|c| c.id) == Some(id)));
        assert!(
            access.audit.windows(2).all(|w| w[0].id < w[1].id),
            "oldest first"
        );
        for other in snap.caseload.children.iter().filter(|r| r.child.id != id) {
            let name = other.child.details.display_name();
            if name != me.child.details.display_name() {
                assert!(
                    !json.contains(&name),
                    "{name} is in {}'s export",
                    me.child.details.display_name()
                );
            }
        }
        let (_, document) = app.subject_access_export(id, as_of, false).unwrap();
        let text = document_text(&document);
        for name in &siblings {
            assert!(!text.contains(name.as_str()), "{name} in the document");
        }
    }

    #[test]
    fn siblings_are_named_only_when_chosen() {
        let (app, as_of) = demo();
        let (id, siblings) = child_with_sibling(&app);
        let (access, document) = app.subject_access_export(id, as_of, true).unwrap();
        let named: Vec<String> = access
            .siblings
            .clone()
            .unwrap()
            .into_iter()
            .map(|s| s.name)
            .collect();
        assert_eq!(named, siblings);
        let text = document_text(&document);
        assert!(siblings.iter().all(|s| text.contains(s.as_str())));
    }

    #[test]
    fn the_document_has_every_part_and_each_record_in_full() {
        let (app, as_of) = demo();
        let id = child_with_record(&app);
        let (access, doc) = app.subject_access_export(id, as_of, false).unwrap();
        assert!(!access.records.is_empty());
        let top: Vec<&str> = doc
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Heading(HeadingLevel::One, t) => Some(t.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(
            top[..3],
            [
                "Details",
                "Periods of care and child protection",
                "Meetings"
            ]
        );
        assert_eq!(top.last(), Some(&"Every change recorded"));
        let records = top.iter().filter(|t| t.contains(": record (")).count();
        assert_eq!(records, access.records.len());
        assert!(doc.title.contains(&access.child.details.display_name()));
    }

    #[test]
    fn an_unknown_child_is_not_found() {
        let (app, as_of) = demo();
        assert!(matches!(
            app.subject_access(ChildId(999_999), as_of, false),
            Err(ApiError::NotFound { .. })
        ));
    }

    /// Every piece of text a reader sees.
    fn document_text(doc: &Document) -> String {
        let mut copy = doc.clone();
        let out = std::cell::RefCell::new(String::new());
        copy.map_text(|t| {
            out.borrow_mut().push_str(t);
            out.borrow_mut().push('\n');
            t.to_string()
        });
        out.into_inner()
    }
}
