//! Caseloads: each IRO's looked-after children at the end of each month, their mean over the
//! year, per full-time post, against the band (`caseload-band-lower`–`caseload-band`).

use super::definitions as def;
use super::{
    BandPosition, CaseloadYear, Input, IroCaseload, IroFilter, ReportIro, ReportingYear,
    SectionYear, Value,
};
use crate::rules::RuleId;

/// The band in force: (lower end, upper limit) per full-time IRO.
pub(super) fn band(input: &Input<'_>) -> (u32, u32) {
    (
        input.ctx.rules.value(RuleId::CaseloadBandLower),
        input.ctx.rules.value(RuleId::CaseloadBand),
    )
}

fn caseload_year(input: &Input<'_>, iro: &ReportIro, year: &ReportingYear) -> CaseloadYear {
    let month_ends: Vec<u32> = year
        .month_ends()
        .into_iter()
        .map(|on| {
            input
                .caseload
                .children
                .iter()
                .filter(|r| r.iro_on(on) == Some(iro.id))
                .filter(|r| {
                    r.care_periods
                        .iter()
                        .any(|p| input.open_at(p.started_on, p.ended_on, on))
                })
                .count() as u32
        })
        .collect();
    let total: u32 = month_ends.iter().sum();
    let n = month_ends.len() as u32;
    let per_fte = f64::from(total) / f64::from(n) / iro.fte.max(0.1);
    let (lower, upper) = band(input);
    let band = if per_fte > f64::from(upper) {
        BandPosition::Above
    } else if per_fte < f64::from(lower) {
        BandPosition::Below
    } else {
        BandPosition::Within
    };
    CaseloadYear {
        month_ends,
        average: Value::Mean { total, n },
        per_fte,
        band,
    }
}

/// Each selected IRO's caseload in both years. With no filter, every IRO profile that is
/// active or had a looked-after child at a month end of either year.
pub(super) fn caseloads(
    input: &Input<'_>,
    iros: &[ReportIro],
    this: &ReportingYear,
    last: &ReportingYear,
) -> Vec<IroCaseload> {
    iros.iter()
        .map(|iro| IroCaseload {
            iro: iro.clone(),
            this_year: caseload_year(input, iro, this),
            last_year: caseload_year(input, iro, last),
        })
        .filter(|c| {
            *input.filter != IroFilter::All
                || input
                    .caseload
                    .iros
                    .iter()
                    .any(|i| i.id == c.iro.id && i.details.active)
                || c.this_year
                    .month_ends
                    .iter()
                    .chain(&c.last_year.month_ends)
                    .any(|n| *n > 0)
        })
        .collect()
}

/// The caseload figures of one year (`this_year`: the reporting year, else the one before).
pub(super) fn compute(
    input: &Input<'_>,
    caseloads: &[IroCaseload],
    this_year: bool,
) -> SectionYear {
    let mut out = SectionYear::default();
    let (lower, upper) = band(input);
    let years: Vec<&CaseloadYear> = caseloads
        .iter()
        .map(|c| {
            if this_year {
                &c.this_year
            } else {
                &c.last_year
            }
        })
        .collect();
    for (position, id, label) in [
        (
            BandPosition::Above,
            "caseload.iros_above_band",
            "IROs above the band",
        ),
        (
            BandPosition::Within,
            "caseload.iros_within_band",
            "IROs within the band",
        ),
        (
            BandPosition::Below,
            "caseload.iros_below_band",
            "IROs below the band",
        ),
    ] {
        out.figure(
            id,
            label,
            def::iros_in_band(position, lower, upper),
            Value::Count {
                n: years.iter().filter(|y| y.band == position).count() as u32,
            },
        );
    }
    for (c, y) in caseloads.iter().zip(&years) {
        out.figure(
            format!("caseload.iro.{}", c.iro.id),
            format!("{}: looked-after children (mean of month ends)", c.iro.name),
            def::iro_caseload(c.iro.fte, lower, upper),
            y.average,
        );
    }
    out
}
