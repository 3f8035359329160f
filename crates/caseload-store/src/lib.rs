//! caseload-store
