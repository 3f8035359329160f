//! Handover between IROs (issue 17, part 1), without a network and without child data ever
//! leaving encryption: the chosen children's whole records in one encrypted file under a
//! one-time passphrase (`export`), their import into the receiving IRO's store after a preview
//! (`receive`, `merge`), and the sender's children marked transferred out once the sender
//! confirms (`export`). The cover pack of part 2 is `cover`.
//!
//! | module | what it holds |
//! |---|---|
//! | `export` | [`App::export_handover`] (the bundle and its passphrase, shown once) and [`App::transfer_out`] |
//! | `receive` | [`App::import_handover`]: the bundle opened, each child planned against the store, the plan run through `apply_groups` (rolled back for a preview) |
//! | `merge` | what is new of a child already here, or the facts that disagree |
//! | `passphrase` | the one-time passphrase: a recovery key's grouped, checked form |
//! | `cover` | the cover pack: [`App::export_cover_pack`], [`open_cover_pack`] |
//!
//! What it deliberately is not: a file format (the bundle is the store's own schema, written and
//! read by `caseload-store`), nor a network transfer (the sender gives the file and, by another
//! channel, the passphrase).

mod cover;
mod export;
mod merge;
mod passphrase;
mod receive;
#[cfg(test)]
mod tests;

pub use cover::{
    delete_cover_pack, open_cover_pack, remove_cover_pack, CoverChild, CoverItem, CoverPackRequest,
    CoverPackView,
};
pub use export::{HandedOver, HandoverCandidate, HandoverExport, HandoverRequest, TransferOutView};
pub use receive::{HandoverChild, HandoverOutcome, HandoverPreview};
