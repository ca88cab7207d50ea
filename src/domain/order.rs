//! Stable sorting through one shared routine.
//!
//! `slice::sort_by` compiles its own copy of the sorting algorithm for every closure it is given; in the
//! browser each copy is code to download. These helpers sort a permutation of indices with a single
//! instantiation and then reorder, which costs an allocation and saves tens of kilobytes of wasm.
//!
//! Invariant: the only place in `src/` that calls the standard library's sort (clippy.toml sends the rest
//! here).

use std::cmp::Ordering;

// The one place that sorts: clippy.toml sends every other sort here.
#[allow(clippy::disallowed_methods)]
fn permutation(n: usize, cmp: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..n).collect();
    idx.sort_by(|a, b| cmp(*a, *b));
    idx
}

/// Sorts `v` stably by `cmp`.
pub fn sort_by<T>(v: &mut Vec<T>, mut cmp: impl FnMut(&T, &T) -> Ordering) {
    let perm = permutation(v.len(), &mut |a, b| cmp(&v[a], &v[b]));
    let mut old: Vec<Option<T>> = v.drain(..).map(Some).collect();
    v.extend(perm.into_iter().filter_map(|i| old[i].take()));
}

/// Sorts `v` stably by a key.
pub fn sort_by_key<T, K: Ord>(v: &mut Vec<T>, mut key: impl FnMut(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// Sorts a slice of copyable values stably by `cmp`, in place.
pub fn sort_slice_by<T: Copy>(v: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    let perm = permutation(v.len(), &mut |a, b| cmp(&v[a], &v[b]));
    let sorted: Vec<T> = perm.into_iter().map(|i| v[i]).collect();
    v.copy_from_slice(&sorted);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stable_and_complete() {
        let mut v = vec![(3, 'a'), (1, 'b'), (3, 'c'), (2, 'd'), (1, 'e')];
        sort_by_key(&mut v, |x| x.0);
        assert_eq!(v, vec![(1, 'b'), (1, 'e'), (2, 'd'), (3, 'a'), (3, 'c')]);
        let mut s = [5usize, 1, 4, 1];
        sort_slice_by(&mut s, |a, b| b.cmp(a));
        assert_eq!(s, [5, 4, 1, 1]);
        let mut e: Vec<String> = Vec::new();
        sort_by(&mut e, |a, b| a.cmp(b));
        assert!(e.is_empty());
    }
}
