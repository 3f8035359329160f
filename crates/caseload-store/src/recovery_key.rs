//! The recovery key: 120 random bits an IRO prints or stores at first run, and types when the
//! passphrase is forgotten.
//!
//! It is written as six groups of five characters, `7KQ2M-XR4P9-…`, in Crockford's base32
//! (digits and capitals, no I, L, O or U, so nothing reads as something else; those letters are
//! read as 1, 1 and 0 when typed). Each group is four characters of the key and one check
//! character (Luhn mod 32 over the group), so a mistyped character or two swapped neighbours
//! are caught in the group where they happened, before any slow key derivation runs.
//!
//! What this module deliberately is not: storage. The key is never written anywhere by the app;
//! [`crate::keyslots`] keeps only the data key wrapped under it.

use zeroize::Zeroizing;

/// Bytes of randomness in a recovery key.
const KEY_BYTES: usize = 15;
/// Groups in the written key.
const GROUPS: usize = 6;
/// Key characters per group, before its check character.
const GROUP_DATA: usize = 4;
/// Characters of the written key, hyphens aside.
const WRITTEN_CHARS: usize = GROUPS * (GROUP_DATA + 1);

/// Crockford's base32 alphabet.
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// A recovery key. Zeroed in memory when dropped; `Debug` never shows it.
#[derive(Clone, PartialEq, Eq)]
pub struct RecoveryKey(Zeroizing<[u8; KEY_BYTES]>);

/// Why typed text is not a recovery key. Each names where to look.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RecoveryKeyError {
    /// Too few or too many characters.
    #[error(
        "A recovery key has {WRITTEN_CHARS} characters in {GROUPS} groups of 5; this has {typed}."
    )]
    Length {
        /// Characters typed, hyphens and spaces aside.
        typed: usize,
    },
    /// A character that never appears in a recovery key.
    #[error(
        "A recovery key has only digits and capital letters; \"{character}\" is not one of them."
    )]
    Character {
        /// The character.
        character: char,
    },
    /// A group whose check character does not match: a typo in that group.
    #[error("Group {group} ({text}) does not check out: compare it with the printed key.")]
    Typo {
        /// 1 to 6.
        group: usize,
        /// The group as read.
        text: String,
    },
}

impl RecoveryKey {
    /// A new random recovery key, from the operating system's generator.
    pub fn generate() -> Result<RecoveryKey, getrandom::Error> {
        let mut bytes = Zeroizing::new([0u8; KEY_BYTES]);
        getrandom::fill(bytes.as_mut())?;
        Ok(RecoveryKey(bytes))
    }

    /// Reads a typed key: case, spaces and hyphens do not matter; O, I and L read as 0, 1, 1.
    pub fn parse(text: &str) -> Result<RecoveryKey, RecoveryKeyError> {
        let mut values = Zeroizing::new(Vec::with_capacity(WRITTEN_CHARS));
        for c in text.chars().filter(|c| !c.is_whitespace() && *c != '-') {
            values.push(value_of(c).ok_or(RecoveryKeyError::Character { character: c })?);
        }
        if values.len() != WRITTEN_CHARS {
            return Err(RecoveryKeyError::Length {
                typed: values.len(),
            });
        }
        let mut data = Zeroizing::new(Vec::with_capacity(GROUPS * GROUP_DATA));
        for (n, group) in values.chunks(GROUP_DATA + 1).enumerate() {
            if !luhn_valid(group) {
                return Err(RecoveryKeyError::Typo {
                    group: n + 1,
                    text: group
                        .iter()
                        .map(|&v| ALPHABET[v as usize] as char)
                        .collect(),
                });
            }
            data.extend_from_slice(&group[..GROUP_DATA]);
        }
        let mut bytes = Zeroizing::new([0u8; KEY_BYTES]);
        unpack(&data, bytes.as_mut());
        Ok(RecoveryKey(bytes))
    }

    /// The key as it is written for the IRO: six hyphenated groups.
    pub fn display(&self) -> Zeroizing<String> {
        let mut data = Zeroizing::new(vec![0u8; GROUPS * GROUP_DATA]);
        pack(self.0.as_ref(), &mut data);
        let mut out = Zeroizing::new(String::with_capacity(WRITTEN_CHARS + GROUPS));
        for (n, group) in data.chunks(GROUP_DATA).enumerate() {
            if n > 0 {
                out.push('-');
            }
            for &v in group {
                out.push(ALPHABET[v as usize] as char);
            }
            out.push(ALPHABET[luhn_check(group) as usize] as char);
        }
        out
    }

    /// The secret bytes, for the key derivation.
    pub(crate) fn expose(&self) -> &[u8] {
        self.0.as_ref()
    }
}

impl std::fmt::Debug for RecoveryKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("RecoveryKey(<hidden>)")
    }
}

/// A typed character's value, with Crockford's readings of look-alikes.
fn value_of(c: char) -> Option<u8> {
    let c = match c.to_ascii_uppercase() {
        'O' => '0',
        'I' | 'L' => '1',
        c => c,
    };
    ALPHABET
        .iter()
        .position(|&a| a as char == c)
        .map(|p| p as u8)
}

/// Bytes to 5-bit values, most significant first (120 bits fill 24 values exactly).
fn pack(bytes: &[u8], out: &mut [u8]) {
    for (i, v) in out.iter_mut().enumerate() {
        let bit = i * 5;
        let mut value = 0u8;
        for b in 0..5 {
            let at = bit + b;
            let set = bytes[at / 8] >> (7 - at % 8) & 1;
            value = value << 1 | set;
        }
        *v = value;
    }
}

/// The inverse of [`pack`].
fn unpack(values: &[u8], out: &mut [u8]) {
    out.fill(0);
    for (i, &v) in values.iter().enumerate() {
        for b in 0..5 {
            let at = i * 5 + b;
            let set = v >> (4 - b) & 1;
            out[at / 8] |= set << (7 - at % 8);
        }
    }
}

/// Luhn mod 32: the value that, appended, makes the group check out.
fn luhn_check(group: &[u8]) -> u8 {
    let sum = luhn_sum(group.iter().rev(), 2);
    ((32 - sum % 32) % 32) as u8
}

/// Luhn mod 32 over a group ending in its check character.
fn luhn_valid(group: &[u8]) -> bool {
    luhn_sum(group.iter().rev(), 1) % 32 == 0
}

fn luhn_sum<'a>(from_right: impl Iterator<Item = &'a u8>, first_factor: u32) -> u32 {
    let mut factor = first_factor;
    let mut sum = 0;
    for &v in from_right {
        let addend = factor * u32::from(v);
        sum += addend / 32 + addend % 32;
        factor = 3 - factor;
    }
    sum
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(seed: u8) -> RecoveryKey {
        let mut bytes = [0u8; KEY_BYTES];
        for (i, b) in bytes.iter_mut().enumerate() {
            *b = seed.wrapping_mul(31).wrapping_add(i as u8 * 17);
        }
        RecoveryKey(Zeroizing::new(bytes))
    }

    #[test]
    fn a_written_key_reads_back_whatever_its_case_and_spacing() {
        for seed in 0..=255 {
            let key = key(seed);
            let written = key.display();
            assert_eq!(written.len(), WRITTEN_CHARS + GROUPS - 1, "{}", *written);
            assert_eq!(RecoveryKey::parse(&written).unwrap(), key);
            let loose = written.to_lowercase().replace('-', "  ");
            assert_eq!(RecoveryKey::parse(&loose).unwrap(), key);
            let look_alikes = written.replace('0', "O").replace('1', "l");
            assert_eq!(RecoveryKey::parse(&look_alikes).unwrap(), key);
        }
    }

    #[test]
    fn every_single_mistyped_character_is_caught_in_its_group() {
        let written: String = key(7).display().replace('-', "");
        for at in 0..WRITTEN_CHARS {
            for &wrong in ALPHABET {
                let mut typo = written.clone().into_bytes();
                if typo[at] == wrong {
                    continue;
                }
                typo[at] = wrong;
                let typo = String::from_utf8(typo).unwrap();
                match RecoveryKey::parse(&typo) {
                    Err(RecoveryKeyError::Typo { group, .. }) => assert_eq!(group, at / 5 + 1),
                    other => panic!("{typo}: {other:?}"),
                }
            }
        }
    }

    #[test]
    fn swapped_neighbours_are_caught_unless_they_are_the_same() {
        let mut caught = 0;
        let mut swaps = 0;
        for seed in 0..64 {
            let written: Vec<u8> = key(seed).display().replace('-', "").into_bytes();
            for at in 0..WRITTEN_CHARS - 1 {
                if at % 5 == 4 || written[at] == written[at + 1] {
                    continue; // across groups, or no change
                }
                let mut swapped = written.clone();
                swapped.swap(at, at + 1);
                swaps += 1;
                caught += usize::from(
                    RecoveryKey::parse(std::str::from_utf8(&swapped).unwrap()).is_err(),
                );
            }
        }
        // Luhn mod N misses one pair of values in N; mod 32 that is (0, 31) swapped, "0Z".
        assert!(caught * 100 >= swaps * 99, "{caught} of {swaps}");
    }

    #[test]
    fn wrong_length_and_foreign_characters_say_so() {
        let written = key(3).display();
        let short = &written[..written.len() - 6];
        assert_eq!(
            RecoveryKey::parse(short).unwrap_err(),
            RecoveryKeyError::Length { typed: 25 }
        );
        assert_eq!(
            RecoveryKey::parse(&written.replacen(|c: char| c.is_ascii_alphanumeric(), "U", 1))
                .unwrap_err(),
            RecoveryKeyError::Character { character: 'U' }
        );
        assert!(RecoveryKey::parse("")
            .unwrap_err()
            .to_string()
            .contains("6 groups of 5"));
    }

    #[test]
    fn generated_keys_differ_and_debug_hides_them() {
        let a = RecoveryKey::generate().unwrap();
        let b = RecoveryKey::generate().unwrap();
        assert_ne!(a, b);
        let shown = format!("{a:?}");
        assert!(!shown.contains(&a.display()[..5]), "{shown}");
    }
}
