//! caseload-interop
