//! SSDA903, the looked-after children return: the header (the child's date of birth, sex and
//! ethnicity), episodes (legal status and placement, started and ended) and reviews (each LAC
//! review held, with its PN participation code), read from the return's CSV tables
//! ([`read_903_csv`]) or its XML ([`read_903_xml`]) into an [`Extract`](super::Extract).
//!
//! Both readers stream (record by record, event by event) and share the checks of a row
//! (`rows.rs`), so a value is refused in the same words in both: `episodes.csv line 7: DECOM
//! "notadate" is not a date (dd/mm/yyyy)`. Codes are checked against the small lists in
//! [`codes`]; everything else is kept as written.
//!
//! Deliberately not here: what an episode means for a period of care, the PN age rule, how a
//! re-import compares with the store (the importer's), and the other 903 tables (OC2, OC3, AD1,
//! missing, UASC, …), which are named in the notes and not read.

pub mod codes;
mod csv;
mod rows;
mod xml;

pub use self::csv::read_903_csv;
pub use self::xml::read_903_xml;

/// `n` things for a note: "1 child", "2,675 children".
fn count(n: usize, one: &str, many: &str) -> String {
    let digits = n.to_string();
    let mut grouped = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    format!("{grouped} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::count;

    #[test]
    fn counts_are_grouped_by_thousands() {
        assert_eq!(count(1, "child", "children"), "1 child");
        assert_eq!(count(0, "child", "children"), "0 children");
        assert_eq!(count(999, "review", "reviews"), "999 reviews");
        assert_eq!(count(2_675, "child", "children"), "2,675 children");
        assert_eq!(count(1_234_567, "row", "rows"), "1,234,567 rows");
    }
}
