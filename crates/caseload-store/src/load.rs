//! Snapshots for the core: whole caseloads, one child, IROs, rules, settings, the calendar.
//!
//! `load_caseload` is one query per table grouped in Rust by child id (never one query per
//! child), so a 5,000-child store loads in a handful of statements. What one screen needs is
//! read in one read transaction ([`Store::load_snapshot`], [`Store::load_setup`]), so every
//! table is seen as it stood at one moment.

use crate::error::{SqlResultExt, StoreError};
use crate::open::Store;
use crate::tables::{
    self, allocations, care_periods, children, cp_episodes, decisions, dispute_ladders,
    dispute_reasons, disputes, holidays, iros, meeting_records, meetings, transfers_out,
};
use caseload_core::calendar::Calendar;
use caseload_core::domain::{Caseload, ChildRecord, DisputeReason, Iro, LetterTemplate};
use caseload_core::ids::ChildId;
use caseload_core::rules::Rules;
use caseload_core::settings::Settings;
use chrono::NaiveDate;
use rusqlite::Connection;
use std::collections::{BTreeMap, HashMap};

/// Everything the core computes over, as it stood at one moment.
#[derive(Debug, Clone)]
pub struct Snapshot {
    /// Every IRO and every child's record.
    pub caseload: Caseload,
    /// The working-day calendar.
    pub calendar: Calendar,
    /// The rules in force, with the store's ladders and reasons.
    pub rules: Rules,
    /// The settings in force.
    pub settings: Settings,
}

/// What the Settings screen shows, as it stood at one moment.
#[derive(Debug, Clone)]
pub struct Setup {
    /// Every IRO profile.
    pub iros: Vec<Iro>,
    /// The working-day calendar.
    pub calendar: Calendar,
    /// The rules in force.
    pub rules: Rules,
    /// The settings in force.
    pub settings: Settings,
    /// How many disputes give each reason code.
    pub reason_counts: Vec<(DisputeReason, usize)>,
    /// The IRO's own wordings of the letter to the child.
    pub letter_templates: Vec<LetterTemplate>,
}

impl Store {
    /// The caseload, calendar, rules and settings, in one read transaction.
    pub fn load_snapshot(&self) -> Result<Snapshot, StoreError> {
        self.read(|conn| {
            Ok(Snapshot {
                caseload: load_caseload(conn)?,
                calendar: calendar(conn)?,
                rules: rules(conn)?,
                settings: settings(conn)?,
            })
        })
    }

    /// One child's record with the IROs, calendar, rules and settings, in one read transaction:
    /// a snapshot of a caseload of that child alone, or `None` if there is no such child.
    pub fn load_child_snapshot(&self, id: ChildId) -> Result<Option<Snapshot>, StoreError> {
        self.read(|conn| {
            let Some(record) = load_child(conn, id)? else {
                return Ok(None);
            };
            Ok(Some(Snapshot {
                caseload: Caseload {
                    iros: iros::all(conn)?,
                    children: vec![record],
                },
                calendar: calendar(conn)?,
                rules: rules(conn)?,
                settings: settings(conn)?,
            }))
        })
    }

    /// The Settings screen's data, in one read transaction.
    pub fn load_setup(&self) -> Result<Setup, StoreError> {
        self.read(|conn| {
            Ok(Setup {
                iros: iros::all(conn)?,
                calendar: calendar(conn)?,
                rules: rules(conn)?,
                settings: settings(conn)?,
                reason_counts: disputes::reason_counts(conn)?,
                letter_templates: tables::letter_templates::all(conn)?,
            })
        })
    }

    /// Runs `read` in one read transaction: every statement sees the store as it stood when
    /// the first one ran, whatever another connection commits meanwhile.
    fn read<T>(
        &self,
        read: impl FnOnce(&Connection) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let tx = self.conn.unchecked_transaction().op("begin a read")?;
        let value = read(&tx)?;
        tx.commit().op("end a read")?;
        Ok(value)
    }

    /// Every IRO and every child's record.
    pub fn load_caseload(&self) -> Result<Caseload, StoreError> {
        load_caseload(&self.conn)
    }

    /// One child's record, or `None` if there is no such child.
    pub fn load_child(&self, id: ChildId) -> Result<Option<ChildRecord>, StoreError> {
        load_child(&self.conn, id)
    }

    /// Every IRO profile, by id.
    pub fn load_iros(&self) -> Result<Vec<Iro>, StoreError> {
        iros::all(&self.conn)
    }

    /// The rules in force: the catalogue with this store's local overrides, its dispute
    /// ladders and its dispute reason categories (the defaults of domain.md §5.3 for what it
    /// never set).
    pub fn load_rules(&self) -> Result<Rules, StoreError> {
        rules(&self.conn)
    }

    /// How many disputes give each reason code (codes with none are absent), by code.
    pub fn dispute_reason_counts(&self) -> Result<Vec<(DisputeReason, usize)>, StoreError> {
        disputes::reason_counts(&self.conn)
    }

    /// The settings in force ([`Settings::DEFAULTS`] until set).
    pub fn load_settings(&self) -> Result<Settings, StoreError> {
        settings(&self.conn)
    }

    /// The IRO's own wording of the letter to the child, for the bands that have one.
    pub fn load_letter_templates(&self) -> Result<Vec<LetterTemplate>, StoreError> {
        tables::letter_templates::all(&self.conn)
    }

    /// The working-day calendar: the bundled table with every imported year in place of its
    /// bundled one.
    pub fn load_calendar(&self) -> Result<Calendar, StoreError> {
        calendar(&self.conn)
    }

    /// The imported holidays as stored: (date, name, source), by date.
    pub fn load_holiday_rows(&self) -> Result<Vec<(NaiveDate, String, String)>, StoreError> {
        Ok(holidays::all(&self.conn)?
            .into_iter()
            .map(|h| (h.date, h.name, h.source))
            .collect())
    }

    /// The floor a snapshot's load is measured against (`scripts/bench`): every column of
    /// every row of every table a snapshot reads (all but the audit trail), read as SQLite's
    /// raw values in one read transaction and nothing built from them. Returns the rows read
    /// and the bytes of text and blobs seen.
    pub fn scan_snapshot_tables(&self) -> Result<(usize, usize), StoreError> {
        self.read(|conn| {
            let (mut rows, mut bytes) = (0, 0);
            for table in tables::TABLES.iter().filter(|t| **t != "audit") {
                // Table names come from a fixed list, never from input.
                let mut stmt = conn
                    .prepare(&format!("SELECT * FROM {table}"))
                    .op("scan a table")?;
                let columns = stmt.column_count();
                let mut cursor = stmt.query([]).op("scan a table")?;
                while let Some(row) = cursor.next().op("scan a table")? {
                    rows += 1;
                    for i in 0..columns {
                        bytes += match row.get_ref(i).op("scan a table")? {
                            rusqlite::types::ValueRef::Text(t) => t.len(),
                            rusqlite::types::ValueRef::Blob(b) => b.len(),
                            _ => 0,
                        };
                    }
                }
            }
            Ok((rows, bytes))
        })
    }

    /// The number of rows in every table (for tests and diagnostics).
    pub fn count_rows(&self) -> Result<BTreeMap<&'static str, i64>, StoreError> {
        tables::TABLES
            .iter()
            .map(|&table| {
                // Table names come from a fixed list, never from input.
                let n = self
                    .conn
                    .query_row(&format!("SELECT count(*) FROM {table}"), [], |row| {
                        row.get(0)
                    })
                    .op("count rows")?;
                Ok((table, n))
            })
            .collect()
    }
}

fn rules(conn: &Connection) -> Result<Rules, StoreError> {
    Ok(Rules::with_overrides(tables::rule_overrides::all(conn)?)
        .with_ladders(dispute_ladders::in_force(conn)?)
        .with_reasons(dispute_reasons::in_force(conn)?))
}

fn settings(conn: &Connection) -> Result<Settings, StoreError> {
    Ok(tables::settings::get(conn)?.unwrap_or(Settings::DEFAULTS))
}

fn calendar(conn: &Connection) -> Result<Calendar, StoreError> {
    let rows = holidays::all(conn)?;
    Ok(Calendar::bundled().with_imported(rows.into_iter().map(|h| (h.date, h.name))))
}

/// A child's record as it stands in `conn` (inside `apply`, the transaction so far).
pub(crate) fn load_child(
    conn: &Connection,
    id: ChildId,
) -> Result<Option<ChildRecord>, StoreError> {
    let Some(child) = children::get(conn, id)? else {
        return Ok(None);
    };
    let mut record = ChildRecord {
        child,
        allocations: allocations::for_child(conn, id)?,
        care_periods: care_periods::for_child(conn, id)?,
        cp_episodes: cp_episodes::for_child(conn, id)?,
        meetings: meetings::for_child(conn, id)?,
        disputes: disputes::for_child(conn, id)?,
        records: meeting_records::for_child(conn, id)?,
        decisions: decisions::for_child(conn, id)?,
        transferred_out: transfers_out::get(conn, id)?,
    };
    record.put_in_order();
    Ok(Some(record))
}

/// One part of a child's record: the child's own row, or one of its lists (each read from its
/// own table).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RecordPart {
    Child,
    Allocations,
    CarePeriods,
    CpEpisodes,
    Meetings,
    Disputes,
    Records,
    Decisions,
}

/// `record` with `parts` read again from `conn`, the rest kept: what `load_child` would give
/// when only those parts' tables changed since `record` was loaded. `None` if the child is gone.
pub(crate) fn reload_parts(
    conn: &Connection,
    mut record: ChildRecord,
    parts: &[RecordPart],
) -> Result<Option<ChildRecord>, StoreError> {
    let id = record.child.id;
    for part in parts {
        match part {
            RecordPart::Child => match children::get(conn, id)? {
                Some(child) => record.child = child,
                None => return Ok(None),
            },
            RecordPart::Allocations => record.allocations = allocations::for_child(conn, id)?,
            RecordPart::CarePeriods => record.care_periods = care_periods::for_child(conn, id)?,
            RecordPart::CpEpisodes => record.cp_episodes = cp_episodes::for_child(conn, id)?,
            RecordPart::Meetings => record.meetings = meetings::for_child(conn, id)?,
            RecordPart::Disputes => record.disputes = disputes::for_child(conn, id)?,
            RecordPart::Records => record.records = meeting_records::for_child(conn, id)?,
            RecordPart::Decisions => record.decisions = decisions::for_child(conn, id)?,
        }
    }
    record.put_in_order();
    Ok(Some(record))
}

fn load_caseload(conn: &Connection) -> Result<Caseload, StoreError> {
    let iros = iros::all(conn)?;
    let mut records: Vec<ChildRecord> = children::all(conn)?
        .into_iter()
        .map(ChildRecord::empty)
        .collect();
    let index: HashMap<ChildId, usize> = records
        .iter()
        .enumerate()
        .map(|(idx, r)| (r.child.id, idx))
        .collect();
    // Foreign keys guarantee every child id below is in `index`; a row that is not (the file
    // was edited by hand with foreign keys off) is reported, not dropped.
    let slot = |child: ChildId, table: &str| -> Result<usize, StoreError> {
        index
            .get(&child)
            .copied()
            .ok_or_else(|| StoreError::Corrupt {
                what: format!("{table} row refers to child {child}, which does not exist"),
            })
    };
    for (child, allocation) in allocations::all(conn)? {
        records[slot(child, "allocations")?]
            .allocations
            .push(allocation);
    }
    for period in care_periods::all(conn)? {
        records[slot(period.child, "care_periods")?]
            .care_periods
            .push(period);
    }
    for episode in cp_episodes::all(conn)? {
        records[slot(episode.child, "cp_episodes")?]
            .cp_episodes
            .push(episode);
    }
    for meeting in meetings::all(conn)? {
        records[slot(meeting.child, "meetings")?]
            .meetings
            .push(meeting);
    }
    for dispute in disputes::all(conn)? {
        records[slot(dispute.child, "disputes")?]
            .disputes
            .push(dispute);
    }
    for (child, record) in meeting_records::all(conn)? {
        records[slot(child, "meeting_records")?]
            .records
            .push(record);
    }
    for decision in decisions::all(conn)? {
        records[slot(decision.child, "decisions")?]
            .decisions
            .push(decision);
    }
    for (child, out) in transfers_out::all(conn)? {
        records[slot(child, "transfers_out")?].transferred_out = Some(out);
    }
    for record in &mut records {
        record.put_in_order();
    }
    Ok(Caseload {
        iros,
        children: records,
    })
}
