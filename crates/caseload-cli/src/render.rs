//! Plain-text renderings of the API's view models for a terminal. Every date and every
//! explanation comes from the view model; nothing is computed here.

use caseload_api::core::calendar::Holiday;
use caseload_api::core::domain::CpEpisodeDetails;
use caseload_api::core::explain::uk_date;
use caseload_api::core::report::{AnnualReport, BandPosition, PeriodKind, ReportPeriod};
use caseload_api::core::rules::RuleView;
use caseload_api::core::warnings::{Severity, Warning};
use caseload_api::{
    today_group, ChildView, DisputeFilter, DisputeRow, DisputesView, TodayGroupKey, WarningsView,
    WeekView,
};
use serde::Serialize;

/// Appends a line to the output buffer (writing to a String cannot fail).
macro_rules! w {
    ($out:expr, $($arg:tt)*) => {{
        use std::fmt::Write as _;
        let _ = writeln!($out, $($arg)*);
    }};
}

pub fn json<T: Serialize>(out: &mut String, value: &T) -> anyhow::Result<()> {
    w!(out, "{}", serde_json::to_string_pretty(value)?);
    Ok(())
}

fn left(n: Option<i64>) -> String {
    match n {
        Some(n) if n < 0 => format!("{} wd over", -n),
        Some(1) => "1 wd left".to_string(),
        Some(n) => format!("{n} wd left"),
        None => String::new(),
    }
}

pub fn warnings(out: &mut String, view: &WarningsView) {
    let who = view
        .iro
        .as_ref()
        .map_or("all IROs".to_string(), |i| i.name.clone());
    let c = view.counts;
    w!(
        out,
        "Warnings as of {} for {who}: {} overdue, {} red, {} amber, {} for information",
        uk_date(view.as_of),
        c.overdue,
        c.red,
        c.amber,
        c.info
    );
    if view.warnings.is_empty() {
        w!(out, "\nNothing to warn about.");
        return;
    }
    // The Today screen's groups, in its order; each row once, with its flags.
    for key in TodayGroupKey::ALL {
        let rows: Vec<_> = view
            .warnings
            .iter()
            .filter(|w| today_group(w) == key)
            .collect();
        if rows.is_empty() {
            continue;
        }
        w!(out, "\n{} ({})", key.title().to_uppercase(), rows.len());
        for w in rows {
            warning_row(out, w);
        }
    }
}

fn warning_row(out: &mut String, w: &Warning) {
    let child = w.child.map_or("—".to_string(), |id| {
        format!("{} (#{id})", w.child_name.as_deref().unwrap_or(""))
    });
    let due = w
        .due
        .map_or(String::new(), |d| format!("due {}", uk_date(d)));
    w!(
        out,
        "  {:<8} {child:<28} {:<38} {due:<20} {}",
        severity_word(w.severity),
        w.title,
        left(w.working_days_left)
    );
    w!(out, "  {:<8} {:<28} {}", "", "", w.message);
    let flags: Vec<&str> = w.flags.iter().map(|f| f.label.as_ref()).collect();
    if !flags.is_empty() {
        w!(out, "  {:<8} {:<28} [{}]", "", "", flags.join("] ["));
    }
}

fn severity_word(s: Severity) -> &'static str {
    match s {
        Severity::Overdue => "OVERDUE",
        Severity::Red => "RED",
        Severity::Amber => "AMBER",
        Severity::Info => "INFO",
    }
}

pub fn disputes(out: &mut String, view: &DisputesView) {
    let who = view
        .iro
        .as_ref()
        .map_or("all IROs".to_string(), |i| i.name.clone());
    let c = view.counts;
    w!(
        out,
        "Disputes as of {} for {who}: {} open ({} overdue), {} closed",
        uk_date(view.as_of),
        c.open,
        c.overdue,
        c.closed
    );
    if view.disputes.is_empty() {
        let none = match view.filter {
            DisputeFilter::All => "No disputes recorded.",
            DisputeFilter::Open => "No open disputes.",
            DisputeFilter::Overdue => "Nothing overdue.",
            DisputeFilter::Closed => "No closed disputes.",
        };
        w!(out, "\n{none}");
        return;
    }
    for d in &view.disputes {
        dispute(out, d);
    }
}

/// One dispute: what it is about, where it stands, its stages, its clocks and its warnings.
fn dispute(out: &mut String, d: &DisputeRow) {
    let agency = d
        .partner_agency
        .as_ref()
        .map_or(String::new(), |a| format!(" with {a}"));
    w!(
        out,
        "\n#{} {}{agency}: {} (#{}), {} — {}",
        d.id,
        d.kind_label,
        d.child.name,
        d.child.id,
        d.concerns_label,
        d.reason_label
    );
    let stage = d.current_stage_label.as_deref().unwrap_or("no stage");
    let status = match (&d.outcome_label, d.closed_on) {
        (Some(label), Some(on)) => format!("{label} on {}", uk_date(on)),
        _ if d.awaiting_cafcass_since.is_some() => format!(
            "Awaiting Cafcass since {} (at {stage}; its clocks stopped)",
            uk_date(d.awaiting_cafcass_since.unwrap_or(d.raised_on))
        ),
        _ if d.overdue => format!("OPEN at {stage} — OVERDUE"),
        _ => format!("Open at {stage}"),
    };
    let mut about = vec![format!("raised {}", uk_date(d.raised_on))];
    if let Some(group) = &d.sibling_group {
        about.push(format!("for sibling group {group}"));
    }
    if let Some(iro) = &d.iro {
        about.push(format!("IRO {}", iro.name));
    }
    w!(out, "  {status}; {}", about.join(", "));
    dispute_stages(out, d);
    let clocks = dispute_clocks(d);
    if !clocks.is_empty() {
        w!(out, "  Clocks: {}", clocks.join("; "));
    }
    for warning in &d.warnings {
        w!(out, "  ! [{:?}] {}", warning.severity, warning.message);
        for f in &warning.flags {
            w!(out, "      + [{:?}] {}", f.severity, f.message);
        }
    }
}

/// Each stage with its answer (given, superseded, awaited or none), then a Cafcass referral.
fn dispute_stages(out: &mut String, d: &DisputeRow) {
    for s in &d.stages {
        let answer = match (s.responded_on, &s.response_due) {
            (Some(on), _) => {
                let said = s
                    .response_summary
                    .as_ref()
                    .map_or(String::new(), |t| format!(": \"{t}\""));
                format!("answered {}{said}", uk_date(on))
            }
            (None, _) if s.superseded => "no answer (escalated)".to_string(),
            (None, Some(due)) if d.open => format!("answer due {}", uk_date(due.due)),
            (None, None) if d.open => "no response clock".to_string(),
            (None, _) => "no answer".to_string(),
        };
        w!(
            out,
            "    {:<20} raised {} to {}; {answer}",
            s.label,
            uk_date(s.raised_on),
            s.sent_to
        );
    }
    if let Some(on) = d.cafcass_referred_on {
        w!(out, "    {:<20} {}", "Cafcass referral", uk_date(on));
    }
}

/// The dispute's running clocks: its response, its formal process, its last activity.
fn dispute_clocks(d: &DisputeRow) -> Vec<String> {
    let mut clocks = Vec::new();
    if let Some(due) = &d.response_due {
        clocks.push(format!(
            "response due {} ({})",
            uk_date(due.due),
            left(d.response_working_days_left)
        ));
    }
    if let Some(f) = &d.formal {
        clocks.push(format!(
            "formal process {} of {} working days",
            f.elapsed_working_days, f.limit
        ));
    }
    if d.open {
        clocks.push(format!(
            "last activity {} ({}), {} wd ago",
            uk_date(d.last_activity_on),
            d.last_activity,
            d.working_days_since_activity
        ));
    }
    clocks
}

pub fn week(out: &mut String, view: &WeekView) {
    w!(
        out,
        "Week of {} to {}",
        uk_date(view.monday),
        uk_date(view.sunday)
    );
    for day in &view.days {
        let quiet = day.meetings.is_empty() && day.deadlines.is_empty();
        if quiet && day.non_working.is_some() {
            continue;
        }
        let note = day
            .non_working
            .as_ref()
            .map_or(String::new(), |n| format!(" ({n})"));
        w!(out, "\n{}{note}", uk_date(day.date));
        if quiet {
            w!(out, "  nothing booked or due");
        }
        for m in &day.meetings {
            let at =
                m.at.map_or("--:--".to_string(), |t| t.format("%H:%M").to_string());
            let venue = m.venue.as_deref().unwrap_or("venue not set");
            w!(
                out,
                "  {at}  {:<38} {} (#{}) — {venue}",
                m.kind_label,
                m.child_name,
                m.child
            );
        }
        for d in &day.deadlines {
            let booked = d.booked_on.map_or("not booked".to_string(), |b| {
                format!("booked {}", uk_date(b))
            });
            w!(
                out,
                "  DUE    {:<38} {} (#{}) — {booked}",
                d.title,
                d.child_name,
                d.child
            );
        }
    }
}

pub fn child(out: &mut String, view: &ChildView) {
    child_details(out, view);
    child_care_periods(out, view);
    child_protection(out, view);
    child_due(out, view);
    child_meetings(out, view);
    child_warnings(out, view);
}

/// Who the child is: birth, references, siblings, social worker and IROs.
fn child_details(out: &mut String, view: &ChildView) {
    let c = &view.child.details;
    w!(out, "{} (#{})", view.name, view.child.id);
    match (c.born_on, c.expected_birth_on) {
        (Some(born), _) => w!(
            out,
            "  Born {} (aged {})",
            uk_date(born),
            view.age.unwrap_or_default()
        ),
        (None, Some(expected)) => w!(out, "  Unborn: expected {}", uk_date(expected)),
        (None, None) => {}
    }
    if let Some(r) = &c.local_ref {
        w!(out, "  Local reference {r}");
    }
    if let Some(g) = &c.sibling_group {
        let names: Vec<String> = view
            .siblings
            .iter()
            .map(|s| format!("{} (#{})", s.name, s.id))
            .collect();
        w!(
            out,
            "  Sibling group {g}: {}",
            if names.is_empty() {
                "no others in this store".to_string()
            } else {
                names.join(", ")
            }
        );
    }
    if let Some(sw) = &c.social_worker {
        w!(
            out,
            "  Social worker {sw}{}",
            c.team.as_ref().map_or(String::new(), |t| format!(", {t}"))
        );
    }
    match &view.iro {
        Some(iro) => w!(out, "  IRO {}", iro.name),
        None => w!(out, "  No IRO allocated"),
    }
    if view.allocations.len() > 1 {
        for a in &view.allocations {
            w!(
                out,
                "    from {}: {}{}",
                uk_date(a.from_on),
                a.iro.name,
                a.reason
                    .as_ref()
                    .map_or(String::new(), |r| format!(" ({r})"))
            );
        }
    }
}

fn child_care_periods(out: &mut String, view: &ChildView) {
    if !view.care_periods.is_empty() {
        w!(out, "\nPeriods of care");
        for p in &view.care_periods {
            let end = p
                .ended_on
                .map_or("open".to_string(), |e| format!("to {}", uk_date(e)));
            w!(
                out,
                "  {} {end} — legal status {:?}, {:?}",
                uk_date(p.started_on),
                p.legal_status,
                p.regime
            );
        }
    }
}

fn child_protection(out: &mut String, view: &ChildView) {
    if !view.cp_episodes.is_empty() {
        w!(out, "\nChild protection");
        for e in &view.cp_episodes {
            w!(out, "  {}", cp_episode_parts(&e.details).join("; "));
        }
    }
}

/// A child-protection episode's dates and category, in the order they happen.
fn cp_episode_parts(d: &CpEpisodeDetails) -> Vec<String> {
    let mut parts = Vec::new();
    if let Some(s) = d.strategy_on {
        parts.push(format!("strategy {}", uk_date(s)));
    }
    if let Some(s) = d.s47_started_on {
        parts.push(format!("s47 {}", uk_date(s)));
    }
    if let Some(s) = d.transfer_in_notified_on {
        parts.push(format!("transfer-in notified {}", uk_date(s)));
    }
    if let Some(s) = d.plan_started_on {
        parts.push(format!("plan from {}", uk_date(s)));
    }
    if let Some(s) = d.plan_ended_on {
        parts.push(format!("ended {}", uk_date(s)));
    }
    if let Some(cat) = d.latest_category {
        parts.push(cat.label().to_string());
    }
    if let (None, Some(s)) = (d.plan_started_on, d.closed_on) {
        parts.push(format!("closed without a plan {}", uk_date(s)));
    }
    parts
}

fn child_due(out: &mut String, view: &ChildView) {
    if !view.due.is_empty() {
        w!(out, "\nNext due");
        for item in &view.due {
            let status = match (&item.booked, item.done_on) {
                (_, Some(done)) => format!("done {}", uk_date(done)),
                (Some(b), None) => format!("booked {}", uk_date(b.on)),
                (None, None) => "not booked".to_string(),
            };
            w!(
                out,
                "  {:<36} due {}  plan by {}  ({status})",
                item.title,
                uk_date(item.due.due),
                uk_date(item.due.plan_by)
            );
            for line in &item.due.explanation.text {
                w!(out, "      {line}");
            }
        }
    }
}

fn child_meetings(out: &mut String, view: &ChildView) {
    if !view.meetings.is_empty() {
        w!(out, "\nMeetings");
        for m in &view.meetings {
            let date = m.date().map_or("no date".to_string(), uk_date);
            let code = m
                .outcome
                .participation
                .map_or(String::new(), |p| format!(" {}", p.code()));
            let decision = m
                .outcome
                .plan_decision
                .map_or(String::new(), |d| format!(" — {}", d.label()));
            w!(
                out,
                "  {date:<16} {:<38} {:?}{code}{decision}",
                m.kind.label(),
                m.status
            );
        }
    }
}

fn child_warnings(out: &mut String, view: &ChildView) {
    if !view.warnings.is_empty() {
        w!(out, "\nWarnings");
        for w in &view.warnings {
            w!(out, "  [{:?}] {}: {}", w.severity, w.title, w.message);
            for f in w.flags.iter().filter(|f| f.kind != w.kind) {
                w!(out, "      + [{:?}] {}", f.severity, f.message);
            }
        }
    }
}

pub fn audit(out: &mut String, entries: &[caseload_api::AuditEntry]) {
    if entries.is_empty() {
        w!(out, "No changes recorded.");
    }
    for e in entries {
        let who = e
            .actor
            .map_or("no IRO profile".to_string(), |a| format!("IRO {a}"));
        let child = e.child.map_or(String::new(), |c| format!(" child #{c}"));
        w!(
            out,
            "{:>6}  {}  {:<24}{child}  ({who})",
            e.id,
            e.recorded_at.format("%Y-%m-%d %H:%M:%S UTC"),
            e.op
        );
    }
}

pub fn holidays(out: &mut String, year: i32, holidays: &[Holiday]) {
    w!(out, "England and Wales bank holidays {year}");
    for h in holidays {
        w!(out, "  {:<16} {} ({:?})", uk_date(h.date), h.name, h.origin);
    }
}

pub fn rules(out: &mut String, rules: &[RuleView]) {
    for r in rules {
        let unit = r.def.measure.unit(r.value);
        let local = r.local.as_ref().map_or(String::new(), |l| {
            format!(
                " [local; default {}{}]",
                r.def.default,
                l.note.as_ref().map_or(String::new(), |n| format!(": {n}"))
            )
        });
        w!(
            out,
            "{:<26} {} {unit}{local} — {}",
            r.def.id.as_str(),
            r.value,
            r.def.title
        );
        w!(out, "{:<26} {}", "", r.def.source);
    }
}

/// The annual report as the pages a panel reads: each section's figures, this year beside
/// last, then each IRO's caseload by month end. Definitions are in `--json`, XLSX and CSV.
pub fn report(out: &mut String, report: &AnnualReport) {
    let who = if report.all_iros {
        "all IROs".to_string()
    } else {
        report
            .iros
            .iter()
            .map(|i| i.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let (this, last) = (&report.period, &report.previous_period);
    let span = |p: &ReportPeriod| {
        format!(
            "{} – {}",
            p.starts_on.format("%-d %B %Y"),
            p.ends_on.format("%-d %B %Y")
        )
    };
    w!(
        out,
        "IRO {} {} ({}) beside {}, for {who}",
        if this.kind == PeriodKind::Year {
            "annual report"
        } else {
            "report"
        },
        this.label,
        span(this),
        last.label
    );
    for choice in &report.choices {
        w!(out, "  · {choice}");
    }
    for section in &report.sections {
        w!(out, "\n{}", section.title.to_uppercase());
        w!(out, "  {:<64} {:>22} {:>22}", "", this.label, last.label);
        for f in &section.figures {
            w!(
                out,
                "  {:<64} {:>22} {:>22}",
                f.label,
                f.this_period.text(),
                f.previous_period.text()
            );
        }
    }
    report_caseloads(out, report);
}

/// Each IRO's looked-after children at the period's month ends, both periods.
fn report_caseloads(out: &mut String, report: &AnnualReport) {
    if report.caseloads.is_empty() {
        return;
    }
    w!(
        out,
        "\nLOOKED-AFTER CHILDREN AT EACH MONTH END (band {}–{} per full-time IRO)",
        report.band.0,
        report.band.1
    );
    let (this, last) = (&report.period.label, &report.previous_period.label);
    let width = this.chars().count().max(last.chars().count());
    w!(
        out,
        "  {:<24} {:<width$} {} {:>6}  band",
        "",
        "",
        report
            .month_ends
            .iter()
            .map(|d| format!("{:>7}", d.format("%-d %b")))
            .collect::<String>(),
        "FTE"
    );
    for c in &report.caseloads {
        for (label, period) in [(this, &c.this_period), (last, &c.previous_period)] {
            let band = match period.band {
                BandPosition::Below => "below",
                BandPosition::Within => "within",
                BandPosition::Above => "ABOVE",
            };
            w!(
                out,
                "  {:<24} {:<width$} {} {:>6}  {band} ({} per FTE)",
                c.iro.name,
                label,
                period
                    .month_ends
                    .iter()
                    .map(|n| format!("{n:>7}"))
                    .collect::<String>(),
                c.iro.fte,
                period.per_fte_text()
            );
        }
    }
}
