//! caseload-interop's integration tests: one binary, one module per format.

mod cin;
mod document;
mod holidays;
mod ics;
mod report;
mod ssda903;
