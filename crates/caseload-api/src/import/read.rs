//! Which reader a file goes to: by the format asked for, else by what the file is (its name's
//! extension, then its first element or header row). The files of one import are read into one
//! [`Extract`]: the same child in several files is one child.

use caseload_interop::import::ssda903::{read_903_csv, read_903_xml};
use caseload_interop::import::text::decode;
use caseload_interop::import::{
    read_annex_a, read_cin_census, read_mapped_csv, suggest_mapping, ColumnMapping, Extract,
};
use serde::{Deserialize, Serialize};

use crate::ApiError;

/// A file to import: its name (for messages and the audit trail) and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportFile {
    /// The file's name, as the person importing knows it.
    pub name: String,
    /// Its content.
    pub bytes: Vec<u8>,
}

/// The formats an import reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum ImportFormat {
    /// The SSDA903 return, CSV tables or XML.
    Ssda903,
    /// The CIN census XML.
    Cin,
    /// Ofsted's Annex A lists (xlsx).
    AnnexA,
    /// An LA's own CSV, read with a column mapping.
    Csv,
}

impl ImportFormat {
    /// `903`, `cin`, `annex-a` or `csv`, as the CLI takes it.
    pub fn parse(text: &str) -> Option<ImportFormat> {
        match text.trim().to_ascii_lowercase().as_str() {
            "903" | "ssda903" => Some(ImportFormat::Ssda903),
            "cin" | "cin-census" => Some(ImportFormat::Cin),
            "annex-a" | "annexa" | "annex_a" => Some(ImportFormat::AnnexA),
            "csv" => Some(ImportFormat::Csv),
            _ => None,
        }
    }
}

/// What a file looks like it is.
fn sniff(file: &ImportFile) -> Option<ImportFormat> {
    let head = String::from_utf8_lossy(&file.bytes[..file.bytes.len().min(4096)]);
    let lower = file.name.to_ascii_lowercase();
    // An xlsx workbook is a zip.
    if lower.ends_with(".xlsx") || file.bytes.starts_with(b"PK\x03\x04") {
        return Some(ImportFormat::AnnexA);
    }
    if lower.ends_with(".xml") || head.trim_start().starts_with('<') {
        let cin = ["<CINdetails", "<Collection>CIN", "<LAchildID"]
            .iter()
            .any(|m| head.contains(m));
        return Some(if cin {
            ImportFormat::Cin
        } else {
            ImportFormat::Ssda903
        });
    }
    (lower.ends_with(".csv") || head.contains("CHILD")).then_some(ImportFormat::Ssda903)
}

fn is_xml(file: &ImportFile) -> bool {
    file.name.to_ascii_lowercase().ends_with(".xml")
        || String::from_utf8_lossy(&file.bytes[..file.bytes.len().min(64)])
            .trim_start()
            .starts_with('<')
}

/// A mapped CSV needs its mapping: refused without one, with the one the header suggests.
fn mapping_for<'a>(
    file: &ImportFile,
    mapping: Option<&'a ColumnMapping>,
) -> Result<&'a ColumnMapping, ApiError> {
    mapping.ok_or_else(|| {
        let (text, _) = decode(&file.bytes);
        let header: Vec<&str> = text
            .lines()
            .next()
            .unwrap_or("")
            .split(',')
            .map(str::trim)
            .collect();
        let suggested = serde_json::to_string_pretty(&suggest_mapping(&header))
            .unwrap_or_else(|_| "{}".to_string());
        ApiError::BadInput(format!(
            "{}: an LA's own CSV needs a column mapping (--mapping FILE). From its header, this one \
             is suggested:\n{suggested}",
            file.name
        ))
    })
}

/// Every file read into one extract; a file no reader takes is refused, naming it.
pub(crate) fn read_files(
    files: &[ImportFile],
    format: Option<ImportFormat>,
    mapping: Option<&ColumnMapping>,
) -> Result<Extract, ApiError> {
    let mut csv_903: Vec<(&str, &[u8])> = Vec::new();
    let mut extract = Extract::default();
    for file in files {
        let Some(kind) = format.or_else(|| sniff(file)) else {
            return Err(ApiError::BadInput(format!(
                "{}: not a file this import reads (SSDA903 CSV or XML, CIN census XML, Annex A xlsx, \
                 or a CSV with a column mapping)",
                file.name
            )));
        };
        match (kind, is_xml(file)) {
            (ImportFormat::Cin, _) => extract.merge(read_cin_census(&file.name, &file.bytes)),
            (ImportFormat::AnnexA, _) => extract.merge(read_annex_a(&file.name, &file.bytes)),
            (ImportFormat::Csv, _) => {
                let mapping = mapping_for(file, mapping)?;
                extract.merge(read_mapped_csv(&file.name, &file.bytes, mapping));
            }
            (ImportFormat::Ssda903, true) => {
                extract.merge(read_903_xml(&file.name, &file.bytes));
            }
            (ImportFormat::Ssda903, false) => csv_903.push((&file.name, &file.bytes)),
        }
    }
    if !csv_903.is_empty() {
        extract.merge(read_903_csv(&csv_903));
    }
    Ok(extract)
}
