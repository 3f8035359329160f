//! Which key a store is opened with, and where passphrases come from.
//!
//! - An existing plaintext store opens as it is (the demo, and stores from before encryption;
//!   `caseload encrypt` protects one). `--plaintext` asks for exactly that and refuses an
//!   encrypted file.
//! - An encrypted store needs its passphrase: `CASELOAD_PASSPHRASE`, else asked on the terminal
//!   without echo.
//! - A new store is encrypted under a passphrase chosen now (`CASELOAD_PASSPHRASE`, else asked
//!   twice), unless `--plaintext` is given; `caseload demo` creates its store plaintext.
//!
//! Nothing is ever asked when standard input is not a terminal (scripts, tests): the command
//! fails with a message that names the environment variable instead.

use std::io::IsTerminal;
use std::path::Path;

use caseload_api::storage;
use caseload_api::{FileKind, Key, Passphrase, RecoveryKey, RecoveryKeyView};

use crate::Failure;

/// The passphrase of the store (and of a backup to restore).
pub const PASSPHRASE_VAR: &str = "CASELOAD_PASSPHRASE";
/// The new passphrase for `caseload passphrase change` and `reset`.
pub const NEW_PASSPHRASE_VAR: &str = "CASELOAD_NEW_PASSPHRASE";
/// The service passphrase of figures files (`caseload figures export`, `caseload service report`).
pub const SERVICE_PASSPHRASE_VAR: &str = "CASELOAD_SERVICE_PASSPHRASE";
/// The recovery key for `caseload passphrase reset`.
pub const RECOVERY_KEY_VAR: &str = "CASELOAD_RECOVERY_KEY";

fn from_env(var: &str) -> Option<String> {
    std::env::var(var).ok().filter(|v| !v.is_empty())
}

/// Asks on the terminal without echo; `None` when standard input is not a terminal.
fn ask(prompt: &str) -> Result<Option<String>, Failure> {
    if !std::io::stdin().is_terminal() {
        return Ok(None);
    }
    rpassword::prompt_password(prompt)
        .map(Some)
        .map_err(|e| Failure::Runtime(anyhow::Error::new(e).context("reading the passphrase")))
}

/// The passphrase that unlocks `file` (a store or a backup).
pub fn unlock_passphrase(file: &Path) -> Result<Passphrase, Failure> {
    let text = match from_env(PASSPHRASE_VAR) {
        Some(text) => text,
        None => ask(&format!("Passphrase for {}: ", file.display()))?.ok_or_else(|| {
            Failure::Input(format!(
                "{} is encrypted: set {PASSPHRASE_VAR}, or run in a terminal to be asked for its passphrase",
                file.display()
            ))
        })?,
    };
    Ok(storage::passphrase(text)?)
}

/// The service passphrase that opens the figures files (`file` is the first, for the prompt).
pub fn service_passphrase(file: &Path) -> Result<Passphrase, Failure> {
    let text = match from_env(SERVICE_PASSPHRASE_VAR) {
        Some(text) => text,
        None => ask(&format!("Service passphrase for {}: ", file.display()))?.ok_or_else(|| {
            Failure::Input(format!(
                "figures files are encrypted: set {SERVICE_PASSPHRASE_VAR}, or run in a terminal to be asked for the service passphrase"
            ))
        })?,
    };
    Ok(storage::passphrase(text)?)
}

/// The recovery key of `file`, checked as typed: from [`RECOVERY_KEY_VAR`], else asked.
pub fn recovery_key(file: &Path) -> Result<RecoveryKey, Failure> {
    let text = match from_env(RECOVERY_KEY_VAR) {
        Some(text) => text,
        None => ask(&format!("Recovery key for {}: ", file.display()))?.ok_or_else(|| {
            Failure::Input(format!(
                "set {RECOVERY_KEY_VAR}, or run in a terminal to be asked for the recovery key of {}",
                file.display()
            ))
        })?,
    };
    Ok(storage::recovery_key(&text)?)
}

/// What the command line says when a recovery key was just made: the key, once, and why.
pub fn recovery_key_notice(made: &RecoveryKeyView) -> String {
    format!(
        "A recovery key was made for {}. It opens the caseload if the passphrase is forgotten \
         (`caseload passphrase reset`). It is shown only now: print it or write it down, and keep \
         it away from this computer.\n\n    {}\n",
        made.store_path, made.key
    )
}

/// A new passphrase: from `var`, else asked twice on the terminal; it must pass the policy.
pub fn choose_passphrase(var: &str, what: &str) -> Result<Passphrase, Failure> {
    if let Some(text) = from_env(var) {
        return Ok(storage::new_passphrase(text)?);
    }
    let no_terminal = || {
        Failure::Input(format!(
            "{what}: set {var}, or run in a terminal to be asked (a demo store can be created with --plaintext)"
        ))
    };
    let first = ask(&format!(
        "Choose a passphrase ({what}, at least {} characters): ",
        storage::MIN_PASSPHRASE_CHARS
    ))?
    .ok_or_else(no_terminal)?;
    let passphrase = storage::new_passphrase(first)?;
    let again = storage::passphrase(ask("Type it again: ")?.ok_or_else(no_terminal)?)?;
    if again != passphrase {
        return Err(Failure::Input("The two passphrases differ.".to_string()));
    }
    Ok(passphrase)
}

/// The key to open the store at `path` with (see the module docs). `new_store_plaintext`:
/// a store created now is the synthetic demo.
pub fn key_for(path: &Path, plaintext: bool, new_store_plaintext: bool) -> Result<Key, Failure> {
    if plaintext {
        return Ok(Key::Unencrypted);
    }
    Ok(match storage::store_kind(path)? {
        FileKind::Plaintext => Key::Unencrypted,
        FileKind::Encrypted => Key::Passphrase(unlock_passphrase(path)?),
        FileKind::Missing | FileKind::Empty if new_store_plaintext => Key::Unencrypted,
        FileKind::Missing | FileKind::Empty => Key::Passphrase(choose_passphrase(
            PASSPHRASE_VAR,
            &format!("{} is a new caseload", path.display()),
        )?),
    })
}

/// The key for a backup file, from its kind.
pub fn key_for_backup(file: &Path) -> Result<Key, Failure> {
    match storage::store_kind(file)? {
        FileKind::Plaintext => Ok(Key::Unencrypted),
        FileKind::Encrypted => Ok(Key::Passphrase(unlock_passphrase(file)?)),
        FileKind::Missing | FileKind::Empty => Err(Failure::Input(format!(
            "{}: there is no backup in this file",
            file.display()
        ))),
    }
}

/// Asks the user to confirm on the terminal; `None` when there is no terminal to ask on.
pub fn confirm(question: &str) -> Result<Option<bool>, Failure> {
    use std::io::Write as _;
    if !std::io::stdin().is_terminal() {
        return Ok(None);
    }
    eprint!("{question} [y/N] ");
    let _ = std::io::stderr().flush();
    let mut answer = String::new();
    std::io::stdin()
        .read_line(&mut answer)
        .map_err(|e| Failure::Runtime(anyhow::Error::new(e).context("reading the answer")))?;
    Ok(Some(matches!(answer.trim(), "y" | "Y" | "yes" | "Yes")))
}

/// The one-time passphrase of a handover bundle or cover pack.
pub const BUNDLE_PASSPHRASE_VAR: &str = "CASELOAD_BUNDLE_PASSPHRASE";

/// The one-time passphrase of the bundle `file`: from [`BUNDLE_PASSPHRASE_VAR`], else asked.
pub fn bundle_passphrase(file: &Path) -> Result<String, Failure> {
    match from_env(BUNDLE_PASSPHRASE_VAR) {
        Some(text) => Ok(text),
        None => ask(&format!("One-time passphrase of {}: ", file.display()))?.ok_or_else(|| {
            Failure::Input(format!(
                "set {BUNDLE_PASSPHRASE_VAR}, or run in a terminal to be asked for the passphrase of {}",
                file.display()
            ))
        }),
    }
}
