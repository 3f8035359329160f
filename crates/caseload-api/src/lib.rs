//! caseload-api
