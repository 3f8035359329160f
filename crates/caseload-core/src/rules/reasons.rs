//! The reason categories of disputes: each store's list of codes and labels (domain.md §5.3).
//!
//! Like a ladder, the list is local practice: a store keeps its own (`set_dispute_reasons`);
//! until it does, the default list of §5.3 applies, in the order the annual reports count by.
//! A code already used by a recorded dispute stays on the list (the store checks), so every
//! dispute keeps a label.

use crate::domain::DisputeReason;
use serde::{Deserialize, Serialize};

/// One reason category.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct ReasonCategory {
    /// Its code, as disputes record it.
    pub code: DisputeReason,
    /// What it is called ("Placement or resources").
    pub label: String,
}

impl ReasonCategory {
    fn new(code: &str, label: &str) -> ReasonCategory {
        ReasonCategory {
            code: DisputeReason::new(code),
            label: label.to_string(),
        }
    }
}

/// The reason categories in force for a store, in the order forms and reports list them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(transparent)]
pub struct DisputeReasons(Vec<ReasonCategory>);

impl Default for DisputeReasons {
    /// domain.md §5.3: assessment quality or delay, planning, practice, progress of the plan,
    /// placement or resources, contact, permanence, other.
    fn default() -> Self {
        DisputeReasons(vec![
            ReasonCategory::new("assessments", "Quality or delay of assessments"),
            ReasonCategory::new("planning", "Planning"),
            ReasonCategory::new("practice", "Practice"),
            ReasonCategory::new("progress_of_plan", "Progress of the plan"),
            ReasonCategory::new("placement_or_resources", "Placement or resources"),
            ReasonCategory::new("contact", "Contact"),
            ReasonCategory::new("permanence", "Permanence"),
            ReasonCategory::new("other", "Other"),
        ])
    }
}

impl DisputeReasons {
    /// A store's own list (validated by `set_dispute_reasons` before it is stored).
    pub fn new(categories: Vec<ReasonCategory>) -> DisputeReasons {
        DisputeReasons(categories)
    }

    /// The categories, in order.
    pub fn categories(&self) -> &[ReasonCategory] {
        &self.0
    }

    /// The category with this code, if the list has it.
    pub fn get(&self, code: &DisputeReason) -> Option<&ReasonCategory> {
        self.0.iter().find(|c| &c.code == code)
    }

    /// The label of a code: the category's, or the code itself for a code the list lacks
    /// (which the store never lets happen to a recorded dispute).
    pub fn label<'a>(&'a self, code: &'a DisputeReason) -> &'a str {
        self.get(code).map_or(code.as_str(), |c| c.label.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_codes_are_well_formed_and_distinct() {
        let reasons = DisputeReasons::default();
        let mut codes: Vec<_> = reasons.categories().iter().map(|c| &c.code).collect();
        assert!(codes.iter().all(|c| c.is_well_formed()));
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), reasons.categories().len());
    }

    #[test]
    fn an_unknown_code_is_labelled_by_itself() {
        let reasons = DisputeReasons::default();
        assert_eq!(reasons.label(&DisputeReason::new("contact")), "Contact");
        assert_eq!(reasons.label(&DisputeReason::new("housing")), "housing");
    }
}
