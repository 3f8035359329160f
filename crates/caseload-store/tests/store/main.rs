//! Integration tests of the store: one binary, one module per feature.
//!
//! Changes are written as wire JSON (the same contract `caseload apply FILE.json` reads), so a
//! new case is a few lines of data. In-memory stores everywhere, except where WAL, reopening
//! or a second connection to the same file is the point.

mod support;

mod all_or_nothing;
mod audit_log;
mod backups;
mod bundles;
mod conferences;
mod damage;
mod disputes;
mod encryption;
mod erasure;
mod holidays;
mod in_one_batch;
mod load;
mod migrations;
mod pragmas;
mod records;
mod recovery;
mod round_trip;
mod upgrade;
mod writes;
