//! Key slots, as LUKS keeps them: the store's pages are encrypted under a random 256-bit data
//! key, and that key is kept twice, wrapped, in a small file beside the store
//! (`caseload.db.keys`): once under the passphrase, once under the recovery key. Either opens
//! the store; a new passphrase or a new recovery key rewraps one slot and leaves the pages as
//! they are. Every backup carries its own copy of the slots file.
//!
//! Each slot: Argon2id (64 MiB, 3 passes) derives a 256-bit wrapping key from the secret and
//! the slot's random salt; XChaCha20-Poly1305 wraps the data key under it with a random nonce,
//! and the slot's kind as associated data. A wrong secret fails the authentication tag, so the
//! file tells nothing about the key but whether a guess is right, at Argon2id's price per guess.
//!
//! The file holds no key material in the clear: salts, nonces and wrapped keys only.
//!
//! Writing is careful because losing this file loses the store: a new slots file is written
//! beside the old one as `….keys.new` and renamed into place only once the store it belongs to
//! is in place, and opening tries a leftover `….keys.new` when `….keys` does not open the store
//! (see [`crate::open`]).

use std::path::{Path, PathBuf};

use argon2::{Algorithm, Argon2, Params, Version};
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use crate::error::StoreError;
use crate::fsutil;
use crate::key::Passphrase;
use crate::open::sibling;
use crate::recovery_key::RecoveryKey;

/// What the slots file says it is, so a stray file is never taken for one.
const FORMAT: &str = "IRO Caseload key slots";
const VERSION: u32 = 1;

/// Argon2id's cost: 64 MiB and 3 passes, RFC 9106's second recommended setting with one lane
/// (a laptop unlocks in a fraction of a second; each guess costs an attacker the same).
const MEMORY_KIB: u32 = 64 * 1024;
const PASSES: u32 = 3;
const LANES: u32 = 1;

/// The random key the store's pages are encrypted under. Zeroed when dropped.
#[derive(Clone)]
pub(crate) struct DataKey(Zeroizing<[u8; 32]>);

impl DataKey {
    /// A new key from the operating system's generator.
    pub(crate) fn generate() -> Result<DataKey, StoreError> {
        let mut bytes = Zeroizing::new([0u8; 32]);
        random(bytes.as_mut())?;
        Ok(DataKey(bytes))
    }

    /// The key as SQLCipher takes a raw key (`x'…'`, 64 hex digits): used as it is, with no
    /// key derivation of SQLCipher's own.
    pub(crate) fn sqlcipher_key(&self) -> Zeroizing<String> {
        let mut text = Zeroizing::new(String::with_capacity(67));
        text.push_str("x'");
        text.push_str(&Zeroizing::new(hex::encode_upper(self.0.as_ref())));
        text.push('\'');
        text
    }
}

impl std::fmt::Debug for DataKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DataKey(<hidden>)")
    }
}

/// A secret that opens a slot.
#[derive(Clone, Copy)]
pub(crate) enum Secret<'a> {
    Passphrase(&'a Passphrase),
    RecoveryKey(&'a RecoveryKey),
}

impl Secret<'_> {
    fn kind(self) -> SlotKind {
        match self {
            Secret::Passphrase(_) => SlotKind::Passphrase,
            Secret::RecoveryKey(_) => SlotKind::RecoveryKey,
        }
    }

    fn bytes(&self) -> &[u8] {
        match self {
            Secret::Passphrase(p) => p.expose().as_bytes(),
            Secret::RecoveryKey(k) => k.expose(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum SlotKind {
    Passphrase,
    RecoveryKey,
}

impl SlotKind {
    /// The slot's associated data: a slot moved to the other kind fails its tag.
    fn aad(self) -> &'static [u8] {
        match self {
            SlotKind::Passphrase => b"IRO Caseload key slot 1: passphrase",
            SlotKind::RecoveryKey => b"IRO Caseload key slot 1: recovery key",
        }
    }
}

/// Argon2id's parameters, kept in each slot so a later build can raise them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
struct Kdf {
    algorithm: KdfAlgorithm,
    memory_kib: u32,
    passes: u32,
    lanes: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum KdfAlgorithm {
    Argon2id,
}

/// One wrapped copy of the data key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Slot {
    kind: SlotKind,
    kdf: Kdf,
    #[serde(with = "hex")]
    salt: Vec<u8>,
    #[serde(with = "hex")]
    nonce: Vec<u8>,
    #[serde(with = "hex")]
    wrapped: Vec<u8>,
}

/// The slots file's contents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct KeySlots {
    format: String,
    version: u32,
    slots: Vec<Slot>,
}

/// Where a store's (or a backup's) slots file lives: `caseload.db` → `caseload.db.keys`.
pub(crate) fn slots_path(store: &Path) -> PathBuf {
    sibling(store, "keys")
}

/// The slots file written and not yet in place (see the module's note).
pub(crate) fn pending_slots_path(store: &Path) -> PathBuf {
    sibling(store, "keys.new")
}

impl KeySlots {
    /// Slots wrapping `data` under both secrets.
    pub(crate) fn new(
        data: &DataKey,
        passphrase: &Passphrase,
        recovery: &RecoveryKey,
    ) -> Result<KeySlots, StoreError> {
        Ok(KeySlots {
            format: FORMAT.to_string(),
            version: VERSION,
            slots: vec![
                Slot::wrap(data, Secret::Passphrase(passphrase))?,
                Slot::wrap(data, Secret::RecoveryKey(recovery))?,
            ],
        })
    }

    /// The data key, when `secret` opens its slot; `None` when it does not (or the file has no
    /// slot of that kind).
    pub(crate) fn unwrap(&self, secret: Secret<'_>) -> Option<DataKey> {
        self.slots
            .iter()
            .filter(|slot| slot.kind == secret.kind())
            .find_map(|slot| slot.unwrap(secret))
    }

    /// These slots with the slot of `secret`'s kind replaced by one wrapping `data` under it.
    pub(crate) fn rewrapped(
        &self,
        data: &DataKey,
        secret: Secret<'_>,
    ) -> Result<KeySlots, StoreError> {
        let slot = Slot::wrap(data, secret)?;
        Ok(self.with_slot(slot))
    }

    /// These slots with the recovery slot taken from `other` (a backup's slots take the
    /// store's new recovery key; the data key is the same, so the slot is too).
    pub(crate) fn with_recovery_of(&self, other: &KeySlots) -> KeySlots {
        match other.slots.iter().find(|s| s.kind == SlotKind::RecoveryKey) {
            Some(slot) => self.with_slot(slot.clone()),
            None => self.clone(),
        }
    }

    fn with_slot(&self, slot: Slot) -> KeySlots {
        let mut slots: Vec<Slot> = self
            .slots
            .iter()
            .filter(|s| s.kind != slot.kind)
            .cloned()
            .collect();
        slots.push(slot);
        slots.sort_by_key(|s| s.kind == SlotKind::RecoveryKey);
        KeySlots {
            format: FORMAT.to_string(),
            version: VERSION,
            slots,
        }
    }

    /// Reads the slots file at `path`; `None` when there is none.
    pub(crate) fn read(path: &Path) -> Result<Option<KeySlots>, StoreError> {
        let bytes = match std::fs::read(path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(source) => {
                return Err(StoreError::Io {
                    op: "read",
                    path: path.to_path_buf(),
                    source,
                })
            }
        };
        let slots: KeySlots = serde_json::from_slice(&bytes).map_err(|e| StoreError::Corrupt {
            what: format!("the key slots file {} cannot be read: {e}", path.display()),
        })?;
        if slots.format != FORMAT || slots.version != VERSION {
            return Err(StoreError::Corrupt {
                what: format!(
                    "{} is not a key slots file this version of the app reads",
                    path.display()
                ),
            });
        }
        Ok(Some(slots))
    }

    /// Writes the slots to `path` durably: a temporary file, synced, renamed into place.
    pub(crate) fn write(&self, path: &Path) -> Result<(), StoreError> {
        let temp = sibling(path, "writing");
        let text = serde_json::to_vec_pretty(self).map_err(|e| StoreError::Corrupt {
            what: format!("the key slots could not be written: {e}"),
        })?;
        fsutil::write_durably(&temp, &text)?;
        fsutil::rename_durably(&temp, path)
    }
}

impl Slot {
    fn wrap(data: &DataKey, secret: Secret<'_>) -> Result<Slot, StoreError> {
        let kdf = Kdf {
            algorithm: KdfAlgorithm::Argon2id,
            memory_kib: MEMORY_KIB,
            passes: PASSES,
            lanes: LANES,
        };
        let mut salt = vec![0u8; 16];
        random(&mut salt)?;
        let mut nonce = vec![0u8; 24];
        random(&mut nonce)?;
        let kind = secret.kind();
        let wrapping = derive(&kdf, secret, &salt).ok_or_else(|| StoreError::Corrupt {
            what: "the key derivation refused its settings".to_string(),
        })?;
        let wrapped = XChaCha20Poly1305::new(wrapping.as_ref().into())
            .encrypt(
                XNonce::from_slice(&nonce),
                Payload {
                    msg: data.0.as_ref(),
                    aad: kind.aad(),
                },
            )
            .map_err(|_| StoreError::Corrupt {
                what: "the data key could not be wrapped".to_string(),
            })?;
        Ok(Slot {
            kind,
            kdf,
            salt,
            nonce,
            wrapped,
        })
    }

    fn unwrap(&self, secret: Secret<'_>) -> Option<DataKey> {
        if self.nonce.len() != 24 {
            return None;
        }
        let wrapping = derive(&self.kdf, secret, &self.salt)?;
        let plain = Zeroizing::new(
            XChaCha20Poly1305::new(wrapping.as_ref().into())
                .decrypt(
                    XNonce::from_slice(&self.nonce),
                    Payload {
                        msg: &self.wrapped,
                        aad: self.kind.aad(),
                    },
                )
                .ok()?,
        );
        let bytes: [u8; 32] = plain.as_slice().try_into().ok()?;
        Some(DataKey(Zeroizing::new(bytes)))
    }
}

/// Argon2id over the secret; `None` when the parameters are out of Argon2's range (a damaged
/// or forged file).
fn derive(kdf: &Kdf, secret: Secret<'_>, salt: &[u8]) -> Option<Zeroizing<[u8; 32]>> {
    let params = Params::new(kdf.memory_kib, kdf.passes, kdf.lanes, Some(32)).ok()?;
    let mut out = Zeroizing::new([0u8; 32]);
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
        .hash_password_into(secret.bytes(), salt, out.as_mut())
        .ok()?;
    Some(out)
}

fn random(out: &mut [u8]) -> Result<(), StoreError> {
    getrandom::fill(out).map_err(|e| StoreError::Corrupt {
        what: format!("the operating system gave no random numbers: {e}"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pass(text: &str) -> Passphrase {
        Passphrase::new(text.to_string()).unwrap()
    }

    #[test]
    fn either_secret_unwraps_the_same_key_and_nothing_else_does() {
        let data = DataKey::generate().unwrap();
        let recovery = RecoveryKey::generate().unwrap();
        let slots = KeySlots::new(&data, &pass("first passphrase"), &recovery).unwrap();
        let by_pass = slots
            .unwrap(Secret::Passphrase(&pass("first passphrase")))
            .unwrap();
        let by_key = slots.unwrap(Secret::RecoveryKey(&recovery)).unwrap();
        assert_eq!(*by_pass.sqlcipher_key(), *data.sqlcipher_key());
        assert_eq!(*by_key.sqlcipher_key(), *data.sqlcipher_key());
        assert!(slots
            .unwrap(Secret::Passphrase(&pass("First passphrase")))
            .is_none());
        let other = RecoveryKey::generate().unwrap();
        assert!(slots.unwrap(Secret::RecoveryKey(&other)).is_none());
    }

    #[test]
    fn a_new_passphrase_leaves_the_recovery_slot_as_it_was() {
        let data = DataKey::generate().unwrap();
        let recovery = RecoveryKey::generate().unwrap();
        let slots = KeySlots::new(&data, &pass("first passphrase"), &recovery).unwrap();
        let changed = slots
            .rewrapped(&data, Secret::Passphrase(&pass("second passphrase")))
            .unwrap();
        assert!(changed
            .unwrap(Secret::Passphrase(&pass("first passphrase")))
            .is_none());
        assert!(changed
            .unwrap(Secret::Passphrase(&pass("second passphrase")))
            .is_some());
        assert_eq!(changed.slots[1], slots.slots[1]);
        assert!(changed.unwrap(Secret::RecoveryKey(&recovery)).is_some());
    }

    #[test]
    fn a_slot_moved_to_the_other_kind_fails_its_tag() {
        let data = DataKey::generate().unwrap();
        let recovery = RecoveryKey::generate().unwrap();
        let mut slots = KeySlots::new(&data, &pass("first passphrase"), &recovery).unwrap();
        slots.slots[1].kind = SlotKind::Passphrase;
        slots.slots.remove(0);
        // The recovery key's wrapping, relabelled: the passphrase cannot open it, nor can the
        // recovery key through a passphrase slot's associated data.
        assert!(slots
            .unwrap(Secret::Passphrase(&pass("first passphrase")))
            .is_none());
        slots.slots[0].kind = SlotKind::RecoveryKey;
        assert!(slots.unwrap(Secret::RecoveryKey(&recovery)).is_some());
    }

    #[test]
    fn the_file_round_trips_and_holds_no_key_in_the_clear() {
        let dir = tempfile::tempdir().unwrap();
        let path = slots_path(&dir.path().join("caseload.db"));
        let data = DataKey::generate().unwrap();
        let recovery = RecoveryKey::generate().unwrap();
        let slots = KeySlots::new(&data, &pass("first passphrase"), &recovery).unwrap();
        slots.write(&path).unwrap();
        assert_eq!(KeySlots::read(&path).unwrap(), Some(slots));
        let bytes = std::fs::read(&path).unwrap();
        let text = String::from_utf8(bytes.clone()).unwrap();
        let data_hex = &data.sqlcipher_key()[2..66];
        assert!(!text.to_uppercase().contains(data_hex));
        assert!(!bytes.windows(32).any(|w| w == data.0.as_ref()));
        assert!(!text.contains("first passphrase"));
        assert!(!text.contains(&recovery.display()[..]));
        assert!(!bytes.windows(15).any(|w| w == recovery.expose()));
        assert_eq!(KeySlots::read(&dir.path().join("none")).unwrap(), None);
        std::fs::write(
            &path,
            b"{\"format\":\"something else\",\"version\":1,\"slots\":[]}",
        )
        .unwrap();
        assert!(KeySlots::read(&path).is_err());
    }
}
