use crate::ids::IroId;
use serde::{Deserialize, Serialize};

/// What can be said about an IRO profile.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct IroDetails {
    /// Full name as shown in the app.
    pub name: String,
    /// Full-time equivalent, 0 < fte <= 1 (the caseload band is per FTE).
    #[serde(default = "one")]
    pub fte: f64,
    /// False once the IRO has left; kept for the allocation history.
    #[serde(default = "yes")]
    pub active: bool,
}

fn one() -> f64 {
    1.0
}
fn yes() -> bool {
    true
}

/// An IRO (or child-protection chair) profile. A store can hold several: cover and team use.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct Iro {
    /// Id.
    pub id: IroId,
    /// Details.
    #[serde(flatten)]
    pub details: IroDetails,
}
