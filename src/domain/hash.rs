//! FNV-1a: a small, stable, dependency-free hash for ids and fingerprints.
//!
//! Not cryptographic: ids only need to be stable across runs and machines, and fingerprints only need
//! to tell two versions of a plan apart.
//!
//! Invariant: bytes in, a number out; stable across machines and versions.

pub fn fnv1a64(bytes: &[u8]) -> u64 {
    use std::hash::Hasher;
    let mut h = Fnv::default();
    h.write(bytes);
    h.finish()
}

/// FNV-1a as a `Hasher`, for sets of the plan's texts (`Plan::share_texts`, the packed reader): several
/// times cheaper than the standard SipHash in the browser's first, unoptimised run of the code. Not
/// proof against chosen collisions: a list file crafted to collide could slow its own reading (the page
/// that opens it), nothing else; the files are the office's published lists and imports.
#[derive(Clone, Copy)]
pub struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
}

/// A set hashed with `Fnv`.
pub type FnvSet<T> = std::collections::HashSet<T, std::hash::BuildHasherDefault<Fnv>>;

/// The first `digits` hex digits of the hash of `text`.
pub fn short_hash(text: &str, digits: usize) -> String {
    let full = format!("{:016x}", fnv1a64(text.as_bytes()));
    full[..digits.min(16)].to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hasher_is_fnv1a() {
        use std::hash::Hasher;
        let mut h = Fnv::default();
        h.write(b"a");
        assert_eq!(h.finish(), fnv1a64(b"a"));
        let set: FnvSet<&str> = ["市住保房管局", "市民政局", "市住保房管局"].into_iter().collect();
        assert_eq!(set.len(), 2);
    }

    #[test]
    fn known_vectors() {
        assert_eq!(fnv1a64(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a64(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(short_hash("a", 6), "af63dc");
    }
}
