//! `caseload demo`, `backup`, `restore`, `passphrase change`, `encrypt` and `check`: the store
//! itself, its keys and its copies.

use std::path::{Path, PathBuf};

use caseload_api::demo::DemoOptions;
use caseload_api::{ApiError, App, FileKind, Key};

use crate::{open, open_at, open_failure, today, unlock, Failure, StoreArgs};

#[derive(Debug, clap::Args)]
pub(crate) struct DemoArgs {
    /// How many children (the default is the desktop demo's: about 60 looked after per IRO).
    #[arg(long, default_value_t = caseload_api::demo::DEFAULT_CHILDREN)]
    children: usize,
    /// Random seed: the same seed gives the same caseload.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// The demo's "today" (default: today).
    #[arg(long, value_name = "YYYY-MM-DD")]
    as_of: Option<String>,
}

pub(crate) fn demo(store: &StoreArgs, args: &DemoArgs, out: &mut String) -> Result<(), Failure> {
    // The demo is synthetic: a new demo store is created without encryption, and says so.
    let path = store.path()?;
    let key = unlock::key_for(&path, store.plaintext, true)?;
    let mut app = App::open_with(&path, key, store.backup_dir.as_deref())
        .map_err(|e| open_failure(&path, e))?;
    let as_of = today(args.as_of.as_deref())?;
    let (children, seed) = (args.children, args.seed);
    let n = app.load_demo(&DemoOptions {
        children,
        seed,
        as_of,
    })?;
    outln!(
        out,
        "Loaded the synthetic demo caseload ({n} children, seed {seed}, as of {as_of}) into {} ({})",
        path.display(),
        if app.is_encrypted() {
            "encrypted"
        } else {
            "not encrypted: synthetic data only"
        }
    );
    Ok(())
}

#[derive(Debug, clap::Args)]
pub(crate) struct BackupArgs {
    /// Back up into this folder instead of the backups folder.
    #[arg(long, value_name = "DIR")]
    to: Option<PathBuf>,
    /// List the backups instead, newest first.
    #[arg(long, conflicts_with = "to")]
    list: bool,
}

pub(crate) fn backup(
    store: &StoreArgs,
    args: &BackupArgs,
    out: &mut String,
) -> Result<(), Failure> {
    let store = StoreArgs {
        db: store.db.clone(),
        plaintext: store.plaintext,
        backup_dir: args.to.clone().or(store.backup_dir.clone()),
    };
    let path = store.path()?;
    let key = unlock::key_for(&path, store.plaintext, false)?;
    // Not `open`: its automatic backup would only be replaced a moment later.
    let app = App::open_with(&path, key, store.backup_dir.as_deref())
        .map_err(|e| open_failure(&path, e))?;
    if args.list {
        list_backups(&app, out)
    } else {
        backup_now(&app, &path, out)
    }
}

fn list_backups(app: &App, out: &mut String) -> Result<(), Failure> {
    for row in app.backups()? {
        outln!(
            out,
            "{}  {:<16}  {}",
            row.taken_at.format("%Y-%m-%d %H:%M"),
            row.kind,
            row.path.display()
        );
    }
    Ok(())
}

fn backup_now(app: &App, path: &Path, out: &mut String) -> Result<(), Failure> {
    let made = app.backup_now()?;
    outln!(
        out,
        "Backed up {} to {} ({}).",
        path.display(),
        made.path.display(),
        if made.encrypted {
            "encrypted"
        } else {
            "NOT encrypted: the store is not"
        }
    );
    if !made.removed.is_empty() {
        outln!(
            out,
            "Removed {} older backup(s), keeping one a day for 7 days and one a week for 4 weeks.",
            made.removed.len()
        );
    }
    Ok(())
}

#[derive(Debug, clap::Args)]
pub(crate) struct RestoreArgs {
    /// The backup file.
    file: PathBuf,
    /// Do not ask for confirmation.
    #[arg(long)]
    yes: bool,
}

pub(crate) fn restore(
    store: &StoreArgs,
    args: &RestoreArgs,
    out: &mut String,
) -> Result<(), Failure> {
    let path = store.path()?;
    let key = unlock::key_for_backup(&args.file)?;
    if !args.yes {
        confirm_restore(&path, &args.file)?;
    }
    let restored = App::restore_file(&path, &args.file, key, store.backup_dir.as_deref())?;
    outln!(
        out,
        "Restored {} from {}.",
        path.display(),
        restored.restored_from.display()
    );
    if let Some(kept) = restored.kept {
        outln!(
            out,
            "The caseload it replaced was kept as {}.",
            kept.display()
        );
    }
    Ok(())
}

/// Asks before replacing the caseload; without a terminal to ask on, `--yes` is needed.
fn confirm_restore(path: &Path, file: &Path) -> Result<(), Failure> {
    let question = format!(
        "Replace the caseload {} with the backup {}? The current caseload is kept in the backups folder.",
        path.display(),
        file.display()
    );
    match unlock::confirm(&question)? {
        Some(true) => Ok(()),
        Some(false) => Err(Failure::Input("Nothing was restored.".to_string())),
        None => Err(Failure::Input(format!(
            "restoring replaces the caseload {}: add --yes to confirm",
            path.display()
        ))),
    }
}

pub(crate) fn passphrase_change(store: &StoreArgs, out: &mut String) -> Result<(), Failure> {
    let path = store.path()?;
    if caseload_api::storage::store_kind(&path)? != FileKind::Encrypted {
        return Err(ApiError::NotEncrypted.into());
    }
    let current = unlock::unlock_passphrase(&path)?;
    let mut app = open_at(&path, Key::Passphrase(current.clone()), store)?;
    let new = unlock::choose_passphrase(unlock::NEW_PASSPHRASE_VAR, "the new passphrase")?;
    let backup = app.change_passphrase(&current, new)?;
    outln!(out, "Changed the passphrase of {}.", path.display());
    outln!(
        out,
        "A backup under the new passphrase: {}. Older backups still open with the old one.",
        backup.path.display()
    );
    Ok(())
}

pub(crate) fn passphrase_reset(store: &StoreArgs, out: &mut String) -> Result<(), Failure> {
    let path = store.path()?;
    if caseload_api::storage::store_kind(&path)? != FileKind::Encrypted {
        return Err(ApiError::NotEncrypted.into());
    }
    let recovery = unlock::recovery_key(&path)?;
    let mut app = open_at(&path, Key::RecoveryKey(recovery), store)?;
    let new = unlock::choose_passphrase(unlock::NEW_PASSPHRASE_VAR, "the new passphrase")?;
    let backup = app.reset_passphrase(new)?;
    outln!(
        out,
        "Set a new passphrase for {}. The recovery key still opens it.",
        path.display()
    );
    outln!(
        out,
        "A backup under the new passphrase: {}.",
        backup.path.display()
    );
    Ok(())
}

pub(crate) fn recovery_key_new(store: &StoreArgs, out: &mut String) -> Result<(), Failure> {
    let path = store.path()?;
    if caseload_api::storage::store_kind(&path)? != FileKind::Encrypted {
        return Err(ApiError::NotEncrypted.into());
    }
    let passphrase = unlock::unlock_passphrase(&path)?;
    let mut app = open_at(&path, Key::Passphrase(passphrase.clone()), store)?;
    let made = app.renew_recovery_key(&passphrase)?;
    outln!(out, "{}", unlock::recovery_key_notice(&made).trim_end());
    outln!(
        out,
        "The old recovery key no longer opens it, nor the backups in its backups folder."
    );
    Ok(())
}

pub(crate) fn encrypt(store: &StoreArgs, out: &mut String) -> Result<(), Failure> {
    let path = store.path()?;
    match caseload_api::storage::store_kind(&path)? {
        FileKind::Plaintext => {}
        FileKind::Encrypted => return Err(ApiError::AlreadyEncrypted.into()),
        FileKind::Missing | FileKind::Empty => {
            return Err(Failure::Input(format!(
                "there is no caseload at {} to encrypt",
                path.display()
            )))
        }
    }
    let mut app = App::open_with(&path, Key::Unencrypted, store.backup_dir.as_deref())
        .map_err(|e| open_failure(&path, e))?;
    let passphrase = unlock::choose_passphrase(
        unlock::PASSPHRASE_VAR,
        &format!("to encrypt {}", path.display()),
    )?;
    let done = app.encrypt_existing(passphrase)?;
    outln!(
        out,
        "Encrypted {}. No plaintext copy was kept.",
        path.display()
    );
    if !done.wiped_backups.is_empty() {
        outln!(
            out,
            "Overwrote and removed {} plaintext backup(s).",
            done.wiped_backups.len()
        );
    }
    outln!(out, "First encrypted backup: {}.", done.backup.display());
    if let Some(made) = app.take_new_recovery_key() {
        outln!(out, "{}", unlock::recovery_key_notice(&made).trim_end());
    }
    Ok(())
}

pub(crate) fn check(store: &StoreArgs, out: &mut String) -> Result<(), Failure> {
    let app = open(store)?;
    let problems = app.integrity_check()?;
    if !problems.is_empty() {
        return Err(Failure::Runtime(anyhow::anyhow!(
            "the integrity check found problems:\n{}",
            problems.join("\n")
        )));
    }
    outln!(
        out,
        "ok: {} passed the integrity check ({}).",
        app.store_path()
            .map_or_else(String::new, |p| p.display().to_string()),
        if app.is_encrypted() {
            "encrypted"
        } else {
            "not encrypted"
        }
    );
    Ok(())
}
