//! Caseloads: each IRO's looked-after children at the end of each month of the period (and on
//! its last day), their mean, per full-time post, against the band
//! (`caseload-band-lower`–`caseload-band`). Children on short breaks count: their IRO reviews
//! them too.

use super::definitions as def;
use super::{
    BandPosition, CaseloadPeriod, Input, IroCaseload, IroFilter, ReportIro, ReportPeriod,
    SectionPeriod, Value,
};
use crate::rules::RuleId;

/// The band in force: (lower end, upper limit) per full-time IRO.
pub(super) fn band(input: &Input<'_>) -> (u32, u32) {
    (
        input.ctx.rules.value(RuleId::CaseloadBandLower),
        input.ctx.rules.value(RuleId::CaseloadBand),
    )
}

fn caseload_period(input: &Input<'_>, iro: &ReportIro, period: &ReportPeriod) -> CaseloadPeriod {
    let month_ends: Vec<u32> = period
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
    CaseloadPeriod {
        month_ends,
        average: Value::Mean { total, n },
        per_fte,
        band,
    }
}

/// Each selected IRO's caseload in both periods. With no filter, every IRO profile that is
/// active or had a looked-after child at a month end of either period.
pub(super) fn caseloads(
    input: &Input<'_>,
    iros: &[ReportIro],
    this: &ReportPeriod,
    last: &ReportPeriod,
) -> Vec<IroCaseload> {
    iros.iter()
        .map(|iro| IroCaseload {
            iro: iro.clone(),
            this_period: caseload_period(input, iro, this),
            previous_period: caseload_period(input, iro, last),
        })
        .filter(|c| {
            *input.filter != IroFilter::All
                || input
                    .caseload
                    .iros
                    .iter()
                    .any(|i| i.id == c.iro.id && i.details.active)
                || c.this_period
                    .month_ends
                    .iter()
                    .chain(&c.previous_period.month_ends)
                    .any(|n| *n > 0)
        })
        .collect()
}

/// The caseload figures of one period (`this`: the period reported on, else the one before).
pub(super) fn compute(
    input: &Input<'_>,
    period: &ReportPeriod,
    caseloads: &[IroCaseload],
    this: bool,
) -> SectionPeriod {
    let mut out = SectionPeriod::default();
    let (lower, upper) = band(input);
    let n_month_ends = period.month_ends().len();
    let years: Vec<&CaseloadPeriod> = caseloads
        .iter()
        .map(|c| {
            if this {
                &c.this_period
            } else {
                &c.previous_period
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
            def::iros_in_band(position, lower, upper, n_month_ends),
            Value::Count {
                n: years.iter().filter(|y| y.band == position).count() as u32,
            },
        );
    }
    for (c, y) in caseloads.iter().zip(&years) {
        out.figure(
            format!("caseload.iro.{}", c.iro.id),
            format!("{}: looked-after children (mean of month ends)", c.iro.name),
            def::iro_caseload(c.iro.fte, lower, upper, n_month_ends),
            y.average,
        );
    }
    out
}
