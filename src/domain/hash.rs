//! FNV-1a: a small, stable, dependency-free hash for ids and fingerprints.
//!
//! Not cryptographic: ids only need to be stable across runs and machines, and fingerprints only need
//! to tell two versions of a plan apart.
//!
//! Invariant: bytes in, a number out; stable across machines and versions.

pub fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// The first `digits` hex digits of the hash of `text`.
pub fn short_hash(text: &str, digits: usize) -> String {
    let full = format!("{:016x}", fnv1a64(text.as_bytes()));
    full[..digits.min(16)].to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_vectors() {
        assert_eq!(fnv1a64(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a64(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(short_hash("a", 6), "af63dc");
    }
}
