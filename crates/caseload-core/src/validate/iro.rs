//! The checks of an IRO's profile, added or changed.
//!
//! Not here: whether an IRO named by another change exists and is active (`check_iro`).

use super::{ErrorCode, Errors};
use crate::domain::IroDetails;

/// `add_iro` and `update_iro`: a name, and an FTE that is a fraction of a full week.
pub(super) fn add_or_update_iro(v: &mut Errors, details: &IroDetails) {
    v.required_text("name", &details.name, "The IRO's name");
    if !(details.fte > 0.0 && details.fte <= 1.0) {
        v.push(
            "fte",
            ErrorCode::Invalid,
            "FTE must be more than 0 and at most 1 (e.g. 0.8 for four days a week).",
        );
    }
}
