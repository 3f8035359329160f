//! Disputes (written after the reasons change lands).

use super::{Input, ReportingYear, SectionYear};

pub(super) fn compute(_input: &Input<'_>, _year: &ReportingYear) -> SectionYear {
    SectionYear::default()
}
