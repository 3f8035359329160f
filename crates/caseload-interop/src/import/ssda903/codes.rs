//! The 903 code lists the readers check a value against. Kept small: only the fields the
//! importer uses (domain.md §4 and the DfE's SSDA903 guidance, as the public 903 validator
//! codes them). Placement types and every other list stay unchecked and are kept as written.

/// `RNE`, reason for a new episode: `S` started to be looked after; `L` legal status, `P`
/// placement, `T` both, `B` placement with the same carer and legal status, `U` both with the
/// same carer — the other codes are a change within a period of care.
pub const REASONS_NEW: &[&str] = &["S", "L", "P", "T", "B", "U"];

/// `LS`, legal status (`V3`/`V4`: short breaks, the CPPCR reg 48 regime).
pub const LEGAL_STATUSES: &[&str] = &[
    "C1", "C2", "D1", "E1", "J1", "J2", "J3", "L1", "L2", "L3", "V2", "V3", "V4",
];

/// `REC`, reason an episode ceased: `X1` a new episode follows in the same period of care; the
/// `E` codes end the period (`E41` is the adoption code used before `E45`–`E48`).
pub const REASONS_ENDED: &[&str] = &[
    "X1", "E11", "E12", "E13", "E14", "E15", "E16", "E17", "E2", "E3", "E41", "E45", "E46", "E47",
    "E48", "E4A", "E4B", "E5", "E6", "E7", "E8", "E9",
];

/// `REVIEW_CODE`, the child's participation in a review: `PN0` (under 4) to `PN7`.
pub const PARTICIPATION: &[&str] = &["PN0", "PN1", "PN2", "PN3", "PN4", "PN5", "PN6", "PN7"];

/// The code of `list` that `value` is (trimmed, in any case), as the list writes it.
pub fn known(value: &str, list: &[&'static str]) -> Option<&'static str> {
    let value = value.trim();
    list.iter()
        .copied()
        .find(|code| code.eq_ignore_ascii_case(value))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_matched_trimmed_and_in_any_case() {
        assert_eq!(known(" pn3 ", PARTICIPATION), Some("PN3"));
        assert_eq!(known("e4a", REASONS_ENDED), Some("E4A"));
        assert_eq!(known("PN8", PARTICIPATION), None);
        assert_eq!(known("", REASONS_NEW), None);
    }
}
