//! Newtype ids for every entity, so a child id can never be passed where a meeting id is meant.
//!
//! Ids are assigned by the store (SQLite rowids) unless a change names one explicitly, which lets
//! a file of changes create a child and refer to it in the same batch.

use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! ids {
    ($($(#[$doc:meta])* $name:ident),* $(,)?) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, specta::Type)]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }
    )*};
}

ids! {
    /// An Independent Reviewing Officer (or CP chair) profile.
    IroId,
    /// A child (born or unborn).
    ChildId,
    /// A period of care (a looked-after episode from becoming looked after to ceasing).
    CarePeriodId,
    /// A child-protection episode (strategy discussion to the end of the plan).
    CpEpisodeId,
    /// A review, conference or core group, booked or held.
    MeetingId,
    /// A dispute: an IRO's challenge under the Dispute Resolution Process, or a multi-agency
    /// challenge.
    DisputeId,
    /// A decision of a review or conference, tracked until it is carried out.
    DecisionId,
}
