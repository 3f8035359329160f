//! `caseload meeting prep|export` and `caseload decisions`: the preparation pack, the
//! documents of a finalised record, and the decisions tracked between meetings. Each calls one
//! API use case, prints text or JSON, and writes the files asked for; nothing is computed here.
//!
//! An exported file is plaintext by nature (the store is encrypted, a .docx is not): every
//! command that writes one says so on stderr.

use std::path::{Path, PathBuf};

use anyhow::Context as _;
use caseload_api::core::domain::DecisionState;
use caseload_api::core::explain::uk_date;
use caseload_api::core::ids::MeetingId;
use caseload_api::{
    document_docx, document_pdf, pack_document, DecisionFilter, DecisionStatus, DecisionsView,
    Document, PackView,
};

use super::{iro_id, show};
use crate::{open, today, Failure, StoreArgs};

/// The format of a document file.
#[derive(Clone, Copy)]
enum Format {
    Docx,
    Pdf,
}

/// Renders and writes a document; one line on stdout unless `quiet` (JSON output).
fn write_document(
    doc: &Document,
    format: Format,
    path: &Path,
    what: &str,
    quiet: bool,
    out: &mut String,
) -> Result<(), Failure> {
    let bytes = match format {
        Format::Docx => document_docx(doc),
        Format::Pdf => document_pdf(doc),
    }
    .map_err(anyhow::Error::new)?;
    std::fs::write(path, bytes).with_context(|| format!("writing {}", path.display()))?;
    eprintln!(
        "caseload: note: {} is not encrypted: keep it somewhere safe and delete it once sent.",
        path.display()
    );
    if !quiet {
        outln!(out, "Wrote {what} to {}", path.display());
    }
    Ok(())
}

/// A letter's format from its file name.
fn format_by_extension(path: &Path) -> Result<Format, Failure> {
    match path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("docx") => Ok(Format::Docx),
        Some("pdf") => Ok(Format::Pdf),
        _ => Err(Failure::Input(format!(
            "--letter: {} must end in .docx or .pdf",
            path.display()
        ))),
    }
}

#[derive(Debug, clap::Args)]
pub(crate) struct PrepArgs {
    /// The meeting's id (see `caseload child show`).
    id: i64,
    /// Today (default: CASELOAD_TODAY, else the real date).
    #[arg(long, value_name = "YYYY-MM-DD")]
    as_of: Option<String>,
    /// Print JSON.
    #[arg(long)]
    json: bool,
    /// Also write the pack as a Word document to this file.
    #[arg(long, value_name = "FILE")]
    docx: Option<PathBuf>,
    /// Also write the pack as a PDF to this file.
    #[arg(long, value_name = "FILE")]
    pdf: Option<PathBuf>,
}

pub(crate) fn prep(store: &StoreArgs, args: &PrepArgs, out: &mut String) -> Result<(), Failure> {
    let as_of = today(args.as_of.as_deref())?;
    let app = open(store)?;
    let mut pack = app.meeting_pack(MeetingId(args.id), as_of)?;
    if args.json {
        app.explain_rows(pack.disputes.iter_mut().flat_map(|d| &mut d.warnings))?;
    }
    show(out, args.json, &pack, pack_text)?;
    if args.docx.is_some() || args.pdf.is_some() {
        let doc = pack_document(&pack);
        if let Some(path) = &args.docx {
            write_document(&doc, Format::Docx, path, "the pack", args.json, out)?;
        }
        if let Some(path) = &args.pdf {
            write_document(&doc, Format::Pdf, path, "the pack", args.json, out)?;
        }
    }
    Ok(())
}

#[derive(Debug, clap::Args)]
pub(crate) struct ExportArgs {
    /// The meeting's id.
    id: i64,
    /// Write the record as a Word document to this file.
    #[arg(long, value_name = "FILE")]
    docx: Option<PathBuf>,
    /// Write the record as a PDF to this file.
    #[arg(long, value_name = "FILE")]
    pdf: Option<PathBuf>,
    /// Write the letter to the child to this file (.docx or .pdf, by its extension).
    #[arg(long, value_name = "FILE")]
    letter: Option<PathBuf>,
}

pub(crate) fn export(
    store: &StoreArgs,
    args: &ExportArgs,
    out: &mut String,
) -> Result<(), Failure> {
    if args.docx.is_none() && args.pdf.is_none() && args.letter.is_none() {
        return Err(Failure::Input(
            "meeting export: give --docx FILE, --pdf FILE or --letter FILE".to_string(),
        ));
    }
    let letter_format = args
        .letter
        .as_deref()
        .map(format_by_extension)
        .transpose()?;
    let app = open(store)?;
    let meeting = MeetingId(args.id);
    if args.docx.is_some() || args.pdf.is_some() {
        let doc = app.meeting_record_document(meeting)?;
        if let Some(path) = &args.docx {
            write_document(&doc, Format::Docx, path, "the record", false, out)?;
        }
        if let Some(path) = &args.pdf {
            write_document(&doc, Format::Pdf, path, "the record", false, out)?;
        }
    }
    if let (Some(path), Some(format)) = (&args.letter, letter_format) {
        let doc = app.meeting_letter_document(meeting)?;
        write_document(&doc, format, path, "the letter to the child", false, out)?;
    }
    Ok(())
}

#[derive(Debug, clap::Args)]
pub(crate) struct DecisionsArgs {
    /// Only decisions not yet carried out (overdue ones included).
    #[arg(long, conflicts_with = "overdue")]
    open: bool,
    /// Only decisions past their due date and not carried out.
    #[arg(long)]
    overdue: bool,
    /// Only this IRO's children (exact name or a unique part of it).
    #[arg(long)]
    iro: Option<String>,
    /// Print JSON.
    #[arg(long)]
    json: bool,
    /// Today (default: CASELOAD_TODAY, else the real date).
    #[arg(long, value_name = "YYYY-MM-DD")]
    as_of: Option<String>,
}

pub(crate) fn decisions(
    store: &StoreArgs,
    args: &DecisionsArgs,
    out: &mut String,
) -> Result<(), Failure> {
    let as_of = today(args.as_of.as_deref())?;
    let app = open(store)?;
    let iro = iro_id(&app, args.iro.as_deref())?;
    let filter = match (args.open, args.overdue) {
        (_, true) => DecisionFilter::Overdue,
        (true, _) => DecisionFilter::Open,
        _ => DecisionFilter::All,
    };
    let view = app.decisions(as_of, filter, iro)?;
    show(out, args.json, &view, decisions_text)
}

fn date_or(d: Option<chrono::NaiveDate>, none: &str) -> String {
    d.map_or_else(|| none.to_string(), uk_date)
}

fn decisions_text(out: &mut String, view: &DecisionsView) {
    let who = view
        .iro
        .as_ref()
        .map_or("all IROs".to_string(), |i| i.name.clone());
    let c = view.counts;
    outln!(
        out,
        "Decisions as of {} for {who}: {} overdue, {} open, {} done, {} dropped",
        uk_date(view.as_of),
        c.overdue,
        c.open,
        c.done,
        c.dropped
    );
    if view.decisions.is_empty() {
        outln!(out, "\nNo decision to show.");
        return;
    }
    outln!(out, "");
    for r in &view.decisions {
        let standing = match (&r.state, r.status, r.working_days_left) {
            (DecisionState::Done { on, .. }, _, _) => format!("done {}", uk_date(*on)),
            (DecisionState::Dropped { on, .. }, _, _) => format!("dropped {}", uk_date(*on)),
            (_, DecisionStatus::Overdue, Some(left)) => format!("{} wd over", -left),
            (_, _, Some(left)) => format!("{left} wd left"),
            _ => String::new(),
        };
        outln!(
            out,
            "{:<8} due {:<16} {:<14} {} — {} of {}, decision {} (meeting {})",
            r.status.label().to_uppercase(),
            date_or(r.due_on, "not set"),
            standing,
            r.child.name,
            r.meeting_kind.label(),
            uk_date(r.made_on),
            r.number,
            r.meeting
        );
        outln!(out, "         {} ({})", r.text, r.owner);
        match &r.state {
            DecisionState::Done {
                note: Some(note), ..
            } => outln!(out, "         Done: {note}"),
            DecisionState::Dropped { reason, .. } => outln!(out, "         Dropped: {reason}"),
            _ => {}
        }
    }
}

fn pack_text(out: &mut String, pack: &PackView) {
    pack_heading(out, pack);
    child_text(out, pack);
    preparation_text(out, pack);
    outln!(out, "\nAGENDA");
    for item in &pack.agenda {
        outln!(out, "  {:>2}. {}", item.number, item.title);
    }
    decisions_of_pack(out, pack);
    last_mapping_text(out, pack);
    disputes_of_pack(out, pack);
    chronology_text(out, pack);
    next_meeting_text(out, pack);
}

/// The meeting: what, for whom, when and where, and whether that is in time.
fn pack_heading(out: &mut String, pack: &PackView) {
    let m = &pack.meeting;
    outln!(
        out,
        "Preparation pack: {} for {} (meeting {})",
        m.title,
        pack.child.name,
        m.id
    );
    let when = match (m.on, m.at) {
        (Some(on), Some(at)) => format!("{} at {}", uk_date(on), at.format("%H:%M")),
        (Some(on), None) => uk_date(on),
        (None, _) => "no date".to_string(),
    };
    let venue = m.venue.as_ref().map_or(String::new(), |v| format!(", {v}"));
    let due = match (&m.due, m.in_time) {
        (Some(d), Some(true)) => format!(" Due by {}: in time.", uk_date(d.due)),
        (Some(d), Some(false)) => format!(" Due by {}: AFTER its due date.", uk_date(d.due)),
        (Some(d), None) => format!(" Due by {}.", uk_date(d.due)),
        (None, _) => String::new(),
    };
    outln!(out, "{:?} for {when}{venue}.{due}", m.status);
    if let Some(chair) = &pack.chair {
        outln!(
            out,
            "Chair: {}. Prepared as of {}.",
            chair.name,
            uk_date(pack.as_of)
        );
    }
}

/// The last conference's mapping, when there was one.
fn last_mapping_text(out: &mut String, pack: &PackView) {
    if let Some(last) = &pack.last_mapping {
        outln!(
            out,
            "\nTHE LAST CONFERENCE'S MAPPING ({}, {})",
            last.kind.label(),
            uk_date(last.held_on)
        );
        let m = &last.mapping;
        for (label, text) in [
            ("Harm", &m.harm),
            ("Danger statements", &m.danger_statements),
            ("Complicating factors", &m.complicating_factors),
            ("Working well", &m.working_well),
            ("Safety goals", &m.safety_goals),
            ("Next steps", &m.next_steps),
        ] {
            if !text.trim().is_empty() {
                outln!(out, "  {label}: {}", text.trim().replace('\n', " "));
            }
        }
        for s in &m.scaling {
            outln!(
                out,
                "  Scaling {:>2}/10  {} ({})",
                s.score,
                s.participant,
                s.role
            );
        }
    }
}

fn disputes_of_pack(out: &mut String, pack: &PackView) {
    outln!(out, "\nOPEN DISPUTES");
    if pack.disputes.is_empty() {
        outln!(out, "  None.");
    }
    for d in &pack.disputes {
        outln!(
            out,
            "  {} raised {}: {} — {}; response due {}",
            d.kind_label,
            uk_date(d.raised_on),
            d.reason_label,
            d.current_stage_label.clone().unwrap_or_default(),
            date_or(d.response_due.as_ref().map(|r| r.due), "none awaited")
        );
    }
}

/// The next meeting's due date if this one is held on its date.
fn next_meeting_text(out: &mut String, pack: &PackView) {
    if let Some(next) = &pack.next_meeting {
        outln!(out, "\nNEXT MEETING");
        outln!(
            out,
            "  {} due by {} {}.",
            next.title,
            uk_date(next.due.due),
            next.assuming
        );
        for line in &next.due.explanation.text {
            outln!(out, "    {line}");
        }
    }
}

fn child_text(out: &mut String, pack: &PackView) {
    let c = &pack.child;
    outln!(out, "\nTHE CHILD");
    let mut rows: Vec<(&str, String)> = vec![("Name", c.full_name.clone())];
    if let Some(p) = &c.preferred_name {
        rows.push(("Preferred name", p.clone()));
    }
    match (c.born_on, c.expected_birth_on) {
        (Some(b), _) => rows.push((
            "Born",
            format!(
                "{}{}",
                uk_date(b),
                c.age.map_or(String::new(), |a| format!(" (aged {a})"))
            ),
        )),
        (None, Some(e)) => rows.push(("Expected", uk_date(e))),
        (None, None) => {}
    }
    if let Some(sw) = &c.social_worker {
        rows.push(("Social worker", sw.clone()));
    }
    if let Some(ls) = &c.legal_status {
        rows.push(("Legal status", ls.clone()));
    }
    if let (Some(s), Some(f)) = (c.looked_after_since, &c.looked_after_for) {
        rows.push(("Looked after", format!("since {} ({f})", uk_date(s))));
    }
    if let (Some(s), Some(f)) = (c.plan_since, &c.plan_for) {
        rows.push(("On a plan", format!("since {} ({f})", uk_date(s))));
    }
    if let Some(cat) = &c.category_label {
        rows.push(("Category", cat.clone()));
    }
    for s in &c.siblings {
        let iro = s
            .iro
            .as_ref()
            .map_or("no IRO".to_string(), |i| format!("IRO {}", i.name));
        rows.push(("Sibling", format!("{} ({iro})", s.name)));
    }
    for (label, value) in rows {
        outln!(out, "  {label:<16} {value}");
    }
}

fn preparation_text(out: &mut String, pack: &PackView) {
    if !pack.preparation.is_empty() {
        outln!(out, "\nBEFORE THE MEETING");
        for s in &pack.preparation {
            let standing = match (s.done_on, s.late) {
                (Some(on), _) => format!("done {}", uk_date(on)),
                (None, true) => "NOT RECORDED — LATE".to_string(),
                (None, false) => "not recorded yet".to_string(),
            };
            outln!(
                out,
                "  {:<40} by {:<16} {standing}",
                s.title,
                date_or(s.due.as_ref().map(|d| d.due), "—")
            );
        }
    }
    outln!(out, "\nWHO TO INVITE");
    if pack.invited.is_empty() {
        outln!(out, "  No earlier record lists who came.");
    }
    for a in &pack.invited {
        outln!(
            out,
            "  {:<24} {:<24} {} last time",
            a.name,
            a.role,
            a.attendance.label().to_lowercase()
        );
    }
}

fn decisions_of_pack(out: &mut String, pack: &PackView) {
    outln!(out, "\nDECISIONS OF THE LAST MEETING");
    if pack.decisions.is_empty() {
        outln!(out, "  None to report on.");
    }
    let mut earlier_heading = false;
    for d in &pack.decisions {
        if !d.from_previous_meeting && !earlier_heading {
            outln!(out, "  Still open from earlier meetings:");
            earlier_heading = true;
        }
        let when = match &d.state {
            DecisionState::Done { on, .. } | DecisionState::Dropped { on, .. } => uk_date(*on),
            DecisionState::Open => format!("due {}", date_or(d.due_on, "not set")),
        };
        outln!(
            out,
            "  {:>2}. {:<8} {:<20} {} ({})",
            d.number,
            d.status.label().to_uppercase(),
            when,
            d.text,
            d.owner
        );
    }
}

fn chronology_text(out: &mut String, pack: &PackView) {
    outln!(out, "\nCHRONOLOGY");
    if pack.chronology.is_empty() {
        outln!(out, "  No meeting held yet.");
        return;
    }
    outln!(
        out,
        "  {:<16} {:<40} {:<16} {:<7} child",
        "held",
        "meeting",
        "due by",
        "in time"
    );
    for c in &pack.chronology {
        let child = match (c.participation, c.child_attended) {
            (Some(p), _) => p.code().to_string(),
            (None, Some(true)) => "attended".to_string(),
            (None, Some(false)) => "did not attend".to_string(),
            (None, None) => String::new(),
        };
        outln!(
            out,
            "  {:<16} {:<40} {:<16} {:<7} {child}",
            uk_date(c.held_on),
            c.title,
            date_or(c.due_on, "—"),
            c.in_time.map_or("—", |t| if t { "yes" } else { "NO" })
        );
    }
    if !pack.participation.is_empty() {
        outln!(out, "\nPARTICIPATION AND ADVOCACY");
        for p in &pack.participation {
            outln!(
                out,
                "  {:<16} {:<4} advocate offered: {:<13} used: {}",
                uk_date(p.held_on),
                p.code.map_or("—", |c| c.code()),
                yes_no(p.advocate_offered),
                yes_no(p.advocate_used)
            );
        }
    }
}

fn yes_no(v: Option<bool>) -> &'static str {
    match v {
        Some(true) => "yes",
        Some(false) => "no",
        None => "not recorded",
    }
}
