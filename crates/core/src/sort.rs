//! The crate's one stable sort over indices. Each `sort_by` with its own closure is a
//! separate copy of the standard library's sort in the wasm, a few kilobytes each; sorting
//! index slices through a `&dyn Fn` comparator keeps one copy per index type. The search's
//! sorts of packed integer occurrences, tens of thousands per keystroke, keep their own
//! inlined comparisons.

use std::cmp::Ordering;

/// Stable sort of `v` by `cmp`.
pub fn sort_usize(v: &mut [usize], cmp: &dyn Fn(usize, usize) -> Ordering) {
    v.sort_by(|&a, &b| cmp(a, b));
}

/// Stable sort of `v` by `cmp`.
pub fn sort_u32(v: &mut [u32], cmp: &dyn Fn(u32, u32) -> Ordering) {
    v.sort_by(|&a, &b| cmp(a, b));
}

/// Reorders `items` by `cmp` (stable), through a sort of their positions.
pub fn sort_items<T>(items: &mut Vec<T>, cmp: &dyn Fn(&T, &T) -> Ordering) {
    let mut order: Vec<usize> = (0..items.len()).collect();
    sort_usize(&mut order, &|a, b| cmp(&items[a], &items[b]));
    let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(order.into_iter().map(|i| {
        slots[i]
            .take()
            .expect("a permutation visits each position once")
    }));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_are_stable_and_follow_the_comparator() {
        let mut words = vec!["bb", "a", "cc", "b", "aa", "c"];
        sort_items(&mut words, &|a, b| a.len().cmp(&b.len()));
        assert_eq!(words, ["a", "b", "c", "bb", "cc", "aa"]);
        let keys = [3, 1, 2, 1];
        let mut idx = vec![0usize, 1, 2, 3];
        sort_usize(&mut idx, &|a, b| keys[a].cmp(&keys[b]));
        assert_eq!(idx, [1, 3, 2, 0]);
        let mut idx32 = vec![0u32, 1, 2, 3];
        sort_u32(&mut idx32, &|a, b| keys[b as usize].cmp(&keys[a as usize]));
        assert_eq!(idx32, [0, 2, 1, 3]);
        let mut empty: Vec<String> = vec![];
        sort_items(&mut empty, &|a, b| a.cmp(b));
        assert!(empty.is_empty());
    }
}
