//! [`Few`]: a list that is most often of one item, held without a vector until it has two.

use std::fmt;
use std::hash::{Hash, Hasher};

/// A list of items, most often one (a value's single piece of text, an action's single
/// argument): none or one is held in place, with no allocation; two or more in a vector.
/// Compared, hashed and shown as the slice of its items, however they are held.
#[derive(Clone, Default)]
pub(crate) enum Few<T> {
    #[default]
    None,
    One(T),
    Many(Vec<T>),
}

impl<T> Few<T> {
    pub(crate) fn as_slice(&self) -> &[T] {
        match self {
            Few::None => &[],
            Few::One(item) => std::slice::from_ref(item),
            Few::Many(items) => items,
        }
    }

    pub(crate) fn last_mut(&mut self) -> Option<&mut T> {
        match self {
            Few::None => None,
            Few::One(item) => Some(item),
            Few::Many(items) => items.last_mut(),
        }
    }

    pub(crate) fn push(&mut self, item: T) {
        match self {
            Few::None => *self = Few::One(item),
            Few::Many(items) => items.push(item),
            Few::One(_) => {
                if let Few::One(first) = std::mem::take(self) {
                    *self = Few::Many(vec![first, item]);
                }
            }
        }
    }

    /// Calls `f` with each item, in order, moving them out.
    pub(crate) fn for_each(self, f: impl FnMut(T)) {
        match self {
            Few::None => {}
            Few::One(item) => std::iter::once(item).for_each(f),
            Few::Many(items) => items.into_iter().for_each(f),
        }
    }
}

impl<T: PartialEq> PartialEq for Few<T> {
    fn eq(&self, other: &Few<T>) -> bool {
        self.as_slice() == other.as_slice()
    }
}

impl<T: Eq> Eq for Few<T> {}

impl<T: Hash> Hash for Few<T> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_slice().hash(state);
    }
}

impl<T: fmt::Debug> fmt::Debug for Few<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.as_slice()).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::Few;

    #[test]
    fn held_in_place_or_not_it_is_the_same_list() {
        let mut few = Few::default();
        assert!(few.as_slice().is_empty());
        few.push(1);
        assert!(matches!(few, Few::One(1)));
        few.push(2);
        few.push(3);
        assert_eq!(few.as_slice(), [1, 2, 3]);
        *few.last_mut().unwrap() = 4;
        assert_eq!(few, Few::Many(vec![1, 2, 4]));
        assert_eq!(Few::One(1), Few::Many(vec![1]));
        assert_eq!(format!("{:?}", Few::One(1)), "[1]");
        let mut seen = Vec::new();
        few.for_each(|item| seen.push(item));
        assert_eq!(seen, [1, 2, 4]);
    }
}
