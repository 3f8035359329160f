//! caseload-interop's integration tests: one binary, one module per format.

mod annex_a;
mod cin;
mod document;
mod holidays;
mod ics;
mod licences;
mod mapped;
mod report;
mod ssda903;
