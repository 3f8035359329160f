//! The one-time passphrase of a bundle: 120 random bits from the operating system, written as a
//! recovery key is (six groups of five characters, each with a check character), so a typo is
//! caught and named before the bundle is tried. The bundle is keyed with the written form.

use caseload_store::{Passphrase, RecoveryKey};

use crate::ApiError;

/// A new one-time passphrase, as it is shown to the sender, and the key it is.
pub(crate) fn new_one_time() -> Result<(String, Passphrase), ApiError> {
    let key = RecoveryKey::generate()
        .map_err(|e| ApiError::BadInput(format!("no random numbers from the system: {e}")))?;
    let shown = key.display().to_string();
    let passphrase = Passphrase::new(shown.clone())
        .ok_or_else(|| ApiError::BadInput("the one-time passphrase came out empty".to_string()))?;
    Ok((shown, passphrase))
}

/// The passphrase typed by the receiver, checked group by group and written as the sender saw
/// it (case, spaces and hyphens do not matter).
pub(crate) fn read_one_time(typed: &str) -> Result<Passphrase, ApiError> {
    let key = RecoveryKey::parse(typed).map_err(|e| {
        ApiError::BadInput(format!(
            "The bundle's passphrase does not read as given ({e}) Nothing was changed."
        ))
    })?;
    Passphrase::new(key.display().to_string())
        .ok_or_else(|| ApiError::BadInput("The bundle's passphrase is empty.".to_string()))
}
