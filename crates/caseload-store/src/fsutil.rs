//! The few file operations the store does itself, each durable: a file is synced before it is
//! renamed into place, and the folder after, so that after a crash a name points either to the
//! old complete file or to the new complete one.

use crate::error::StoreError;
use std::io::{Seek, Write};
use std::path::{Path, PathBuf};

fn io(op: &'static str, path: &Path) -> impl FnOnce(std::io::Error) -> StoreError {
    let path = path.to_path_buf();
    move |source| StoreError::Io { op, path, source }
}

/// `path-wal`, `path-shm`, `path-journal`: SQLite's companions of a database file.
pub(crate) fn companion(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_os_string();
    name.push(suffix);
    PathBuf::from(name)
}

const COMPANIONS: [&str; 3] = ["-wal", "-shm", "-journal"];

/// Removes a file if present.
pub(crate) fn remove_if_present(path: &Path) -> Result<(), StoreError> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(io("remove", path)(e)),
        _ => Ok(()),
    }
}

/// Removes a (temporary) database file and its SQLite companions, if present.
pub(crate) fn remove_with_journals(path: &Path) -> Result<(), StoreError> {
    remove_if_present(path)?;
    for suffix in COMPANIONS {
        remove_if_present(&companion(path, suffix))?;
    }
    Ok(())
}

/// Syncs a folder, so that a rename in it survives a power cut (a no-op where folders cannot
/// be opened, as on Windows).
pub(crate) fn sync_dir(dir: &Path) {
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    if let Ok(handle) = std::fs::File::open(dir) {
        let _ = handle.sync_all();
    }
}

/// Renames `from` over `to` (atomic within a folder), then syncs the folder.
pub(crate) fn rename_durably(from: &Path, to: &Path) -> Result<(), StoreError> {
    std::fs::rename(from, to).map_err(io("rename into place", to))?;
    if let Some(dir) = to.parent() {
        sync_dir(dir);
    }
    Ok(())
}

/// Copies a file and syncs the copy.
pub(crate) fn copy_durably(from: &Path, to: &Path) -> Result<(), StoreError> {
    std::fs::copy(from, to).map_err(io("copy", from))?;
    std::fs::File::open(to)
        .and_then(|f| f.sync_all())
        .map_err(io("sync", to))
}

/// Writes a new file and syncs it (the caller renames it into place).
pub(crate) fn write_durably(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    let mut file = std::fs::File::create(path).map_err(io("create", path))?;
    file.write_all(bytes).map_err(io("write", path))?;
    file.sync_all().map_err(io("sync", path))
}

/// Overwrites an open file's bytes with zeros and syncs it. Best effort against recovery from
/// the disk: an SSD or a copy-on-write file system may keep the old blocks elsewhere, which is
/// why the app also asks for full-disk encryption.
pub(crate) fn zero_fill(file: &mut std::fs::File, path: &Path) -> Result<(), StoreError> {
    let len = file.metadata().map_err(io("read", path))?.len();
    file.rewind().map_err(io("wipe", path))?;
    let zeros = vec![0u8; 64 * 1024];
    let mut left = len;
    while left > 0 {
        let n = left.min(zeros.len() as u64) as usize;
        file.write_all(&zeros[..n]).map_err(io("wipe", path))?;
        left -= n as u64;
    }
    file.sync_all().map_err(io("wipe", path))
}

/// Overwrites a file with zeros, then removes it (and its SQLite companions, wiped likewise).
pub(crate) fn wipe_and_remove(path: &Path) -> Result<(), StoreError> {
    for target in std::iter::once(path.to_path_buf())
        .chain(COMPANIONS.iter().map(|suffix| companion(path, suffix)))
    {
        match std::fs::OpenOptions::new().write(true).open(&target) {
            Ok(mut file) => zero_fill(&mut file, &target)?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => return Err(io("wipe", &target)(e)),
        }
        remove_if_present(&target)?;
    }
    Ok(())
}
