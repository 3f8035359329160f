//! # caseload-interop
//!
//! The file formats of IRO Caseload, sans-io: bytes in, data out. Today that is the
//! GOV.UK bank-holidays JSON ([`holidays`]), the ICS calendar ([`ics`]), the annual report as
//! XLSX and CSV ([`report`]), documents (a pack, a record, a letter) as .docx and PDF
//! ([`document`]), and the statutory files a caseload is imported from ([`import`]: SSDA903,
//! the CIN census, Annex A, a mapped CSV), and the third-party licence lists a build ships
//! with ([`licences`]: cargo-about's JSON and the UI build's npm list).
//!
//! What this crate deliberately does not do: no file or network I/O (callers read the
//! file and pass the bytes, which is also what makes every parser fuzzable), no SQL, no
//! Tauri, no clock.

pub mod document;
pub mod holidays;
pub mod ics;
pub mod import;
pub mod licences;
pub mod report;
