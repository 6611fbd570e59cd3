//! List storage strategies (as in PyPy): a list whose items are all of one
//! immediate kind stores them unboxed, so `[True] * 10_000_000` takes 10 MB
//! instead of the 160 MB of sixteen-byte [`Value`]s.
//!
//! A list starts in the most compact storage that holds its first items and
//! switches to general storage the first time it is given an item that
//! storage cannot hold. Storing, appending or inserting never switches it
//! back (that could flip a list between storages at every store); only an
//! operation that rebuilds all the items (`sort`, `*=`) chooses afresh.
//! Every storage gives back exactly the `Value` that was stored (`True` stays
//! `True`, never `1`), so the strategy is invisible to programs.

use crate::value::Value;
use std::borrow::Cow;
use std::mem::size_of;

/// The items of a list, stored by kind.
///
/// The general storage is an ordinary vector that stays empty while the
/// items are stored elsewhere, so the hot paths of the general storage need
/// no check of the kind: a specialised list's empty vector fails their
/// bounds check and sends them to the specialised path. The other storage
/// is boxed so that a list is no larger than before (the object table's
/// slot size is the largest object's).
#[derive(Debug, Clone, Default)]
pub struct ListObj {
    /// The items in general storage; empty while `bools` holds them.
    values: Vec<Value>,
    /// The items, while they are all `True` or `False` (one byte each).
    /// Boxed: an unboxed vector beside `values` would make every object slot
    /// 16 bytes larger.
    #[allow(clippy::box_collection)]
    bools: Option<Box<Vec<bool>>>,
}

impl From<Vec<Value>> for ListObj {
    /// The most compact storage that holds all of `items`.
    fn from(items: Vec<Value>) -> ListObj {
        if !items.is_empty() && items.iter().all(|v| matches!(v, Value::Bool(_))) {
            let bools = items.iter().map(|v| matches!(v, Value::Bool(true)));
            ListObj::from_bools(bools.collect())
        } else {
            ListObj {
                values: items,
                bools: None,
            }
        }
    }
}

/// The items of a list as values, in order.
pub enum Iter<'a> {
    /// Over general storage.
    Values(std::slice::Iter<'a, Value>),
    /// Over bools.
    Bools(std::slice::Iter<'a, bool>),
}

impl Iterator for Iter<'_> {
    type Item = Value;
    #[inline]
    fn next(&mut self) -> Option<Value> {
        match self {
            Iter::Values(it) => it.next().copied(),
            Iter::Bools(it) => it.next().map(|b| Value::Bool(*b)),
        }
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        match self {
            Iter::Values(it) => it.size_hint(),
            Iter::Bools(it) => it.size_hint(),
        }
    }
}

impl ListObj {
    /// A list of bools in bool storage.
    pub fn from_bools(bools: Vec<bool>) -> ListObj {
        ListObj {
            values: Vec::new(),
            bools: Some(Box::new(bools)),
        }
    }

    /// The items in general storage: all of them, or none when the list is
    /// in another storage (see [`ListObj::bools`]).
    #[inline(always)]
    pub fn general(&self) -> &[Value] {
        &self.values
    }

    /// [`ListObj::general`], mutably (to replace items, not to add any).
    #[inline(always)]
    pub fn general_mut(&mut self) -> &mut [Value] {
        &mut self.values
    }

    /// The items, when the list is in bool storage.
    #[inline(always)]
    pub fn bools(&self) -> Option<&[bool]> {
        self.bools.as_deref().map(Vec::as_slice)
    }

    /// [`ListObj::bools`], mutably (to replace items, not to add any).
    #[inline(always)]
    pub fn bools_mut(&mut self) -> Option<&mut [bool]> {
        self.bools.as_deref_mut().map(Vec::as_mut_slice)
    }

    /// The number of items.
    #[inline]
    pub fn len(&self) -> usize {
        match &self.bools {
            Some(b) => b.len(),
            None => self.values.len(),
        }
    }

    /// Whether the list has no items.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The item at `i`, if in bounds.
    #[inline]
    pub fn get(&self, i: usize) -> Option<Value> {
        match self.values.get(i) {
            Some(v) => Some(*v),
            None => self.bools()?.get(i).map(|b| Value::Bool(*b)),
        }
    }

    /// Bytes one item takes in the current storage.
    #[inline]
    pub fn item_bytes(&self) -> usize {
        match self.bools {
            Some(_) => size_of::<bool>(),
            None => size_of::<Value>(),
        }
    }

    /// Bytes of the item buffers (their capacity, as the allocator holds it).
    pub fn heap_bytes(&self) -> usize {
        self.values.capacity() * size_of::<Value>()
            + self
                .bools
                .as_ref()
                .map_or(0, |b| size_of::<Vec<bool>>() + b.capacity())
    }

    /// Switches to general storage (nothing to do if already there) and
    /// returns how many bytes the item buffers grew by, for the heap's count.
    #[cold]
    #[inline(never)]
    pub fn generalize(&mut self) -> usize {
        let Some(bools) = self.bools.take() else {
            return 0;
        };
        let before = size_of::<Vec<bool>>() + bools.capacity();
        self.values = bools.iter().map(|b| Value::Bool(*b)).collect();
        self.heap_bytes().saturating_sub(before)
    }

    /// The items in general storage, switching to it first. The switch's
    /// growth is not counted: on a heap use `Heap::list_values_mut`.
    pub fn values_mut(&mut self) -> &mut Vec<Value> {
        self.generalize();
        &mut self.values
    }

    /// The items as a slice of values: borrowed from general storage, copied
    /// from any other.
    pub fn values(&self) -> Cow<'_, [Value]> {
        match self.bools {
            None => Cow::Borrowed(&self.values),
            Some(_) => Cow::Owned(self.iter().collect()),
        }
    }

    /// A copy of the items as values.
    pub fn to_vec(&self) -> Vec<Value> {
        self.values().into_owned()
    }

    /// The items as values, in order.
    #[inline]
    pub fn iter(&self) -> Iter<'_> {
        match &self.bools {
            Some(b) => Iter::Bools(b.iter()),
            None => Iter::Values(self.values.iter()),
        }
    }

    /// Replaces the item at `i` (which must be in bounds); returns the bytes
    /// the list grew by when `v` made it switch storage.
    #[inline]
    pub fn set(&mut self, i: usize, v: Value) -> usize {
        match (self.bools.as_deref_mut(), v) {
            (None, _) => {
                self.values[i] = v;
                0
            }
            (Some(items), Value::Bool(b)) => {
                items[i] = b;
                0
            }
            (Some(_), _) => {
                let grown = self.generalize();
                self.values[i] = v;
                grown
            }
        }
    }

    /// Appends `v`; returns the bytes the list grew by. An empty list takes
    /// the storage that suits its first item.
    #[inline(always)]
    pub fn push(&mut self, v: Value) -> usize {
        if self.bools.is_none() && !matches!(v, Value::Bool(_)) {
            self.values.push(v);
            return size_of::<Value>();
        }
        self.push_other(v)
    }

    /// `push` of a bool, or of anything onto a list in bool storage.
    #[inline(never)]
    fn push_other(&mut self, v: Value) -> usize {
        if let (Some(items), Value::Bool(b)) = (self.bools.as_deref_mut(), v) {
            items.push(b);
            return size_of::<bool>();
        }
        if self.is_empty() {
            *self = ListObj::from(vec![v]);
            return self.heap_bytes();
        }
        let grown = self.generalize();
        self.values.push(v);
        grown + size_of::<Value>()
    }

    /// Appends all of `items`; returns the bytes the list grew by.
    pub fn extend(&mut self, items: Vec<Value>) -> usize {
        if self.is_empty() {
            *self = ListObj::from(items);
            return self.heap_bytes();
        }
        if let Some(b) = self.bools.as_deref_mut() {
            if items.iter().all(|v| matches!(v, Value::Bool(_))) {
                b.extend(items.iter().map(|v| matches!(v, Value::Bool(true))));
                return items.len();
            }
        }
        let grown = self.generalize();
        self.values.extend_from_slice(&items);
        grown + items.len() * size_of::<Value>()
    }

    /// Inserts `v` before index `i` (at most `len`); returns the bytes the
    /// list grew by.
    pub fn insert(&mut self, i: usize, v: Value) -> usize {
        match (self.bools.as_deref_mut(), v) {
            (Some(items), Value::Bool(b)) => {
                items.insert(i, b);
                size_of::<bool>()
            }
            _ => {
                let grown = self.generalize();
                self.values.insert(i, v);
                grown + size_of::<Value>()
            }
        }
    }

    /// Removes and returns the item at `i` (which must be in bounds).
    pub fn remove(&mut self, i: usize) -> Value {
        match self.bools.as_deref_mut() {
            Some(b) => Value::Bool(b.remove(i)),
            None => self.values.remove(i),
        }
    }

    /// Removes every item.
    pub fn clear(&mut self) {
        *self = ListObj::default();
    }

    /// Reverses the items in place.
    pub fn reverse(&mut self) {
        match self.bools.as_deref_mut() {
            Some(b) => b.reverse(),
            None => self.values.reverse(),
        }
    }

    /// The items `start`, `start + step`, ... (`count` of them, all in bounds).
    pub fn pick(&self, start: i64, step: i64, count: usize) -> ListObj {
        // A copy of `ops::index`'s: one generic function shared by both made
        // LLVM call the collecting loop instead of inlining it (fannkuch's
        // `perm1[:]`, 1.2% more instructions).
        fn pick<T: Copy>(items: &[T], start: i64, step: i64, count: usize) -> Vec<T> {
            (0..count)
                .map(|k| items[(start + k as i64 * step) as usize])
                .collect()
        }
        match self.bools() {
            Some(b) if count > 0 => ListObj::from_bools(pick(b, start, step, count)),
            Some(_) => ListObj::default(),
            None => ListObj::from(pick(&self.values, start, step, count)),
        }
    }

    /// The items repeated `n` times (`xs * n`).
    pub fn repeat(&self, n: usize) -> ListObj {
        match self.bools() {
            Some(b) if n > 0 => ListObj::from_bools(b.repeat(n)),
            Some(_) => ListObj::default(),
            None => ListObj::from(self.values.repeat(n)),
        }
    }

    /// The items of `self` followed by those of `other` (`xs + ys`).
    pub fn concat(&self, other: &ListObj) -> ListObj {
        match (self.bools(), other.bools()) {
            (Some(x), Some(y)) => ListObj::from_bools([x, y].concat()),
            _ => {
                let mut v = Vec::with_capacity(self.len() + other.len());
                v.extend(self.iter());
                v.extend(other.iter());
                ListObj::from(v)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bools(l: &ListObj) -> bool {
        l.bools().is_some()
    }

    #[test]
    fn bools_are_stored_unboxed_and_read_back_as_bools() {
        let l = ListObj::from(vec![Value::Bool(true), Value::Bool(false)]);
        assert!(bools(&l));
        assert!(matches!(l.get(0), Some(Value::Bool(true))));
        assert!(matches!(l.get(1), Some(Value::Bool(false))));
        assert!(l.get(2).is_none());
        assert_eq!(l.repeat(3).len(), 6);
        assert!(bools(&l.repeat(3)));
    }

    #[test]
    fn an_item_of_another_kind_generalizes_once() {
        let mut l = ListObj::from(vec![Value::Bool(true); 4]);
        assert_eq!(l.set(1, Value::Bool(false)), 0);
        assert!(bools(&l));
        assert!(l.set(2, Value::Int(1)) > 0);
        assert!(!bools(&l));
        assert!(matches!(l.get(2), Some(Value::Int(1))));
        assert!(matches!(l.get(1), Some(Value::Bool(false))));
        assert_eq!(l.set(3, Value::Bool(true)), 0);
        assert!(!bools(&l));
    }

    #[test]
    fn an_empty_list_takes_the_storage_of_its_first_item() {
        let mut l = ListObj::default();
        l.push(Value::Bool(true));
        assert!(bools(&l));
        l.push(Value::None);
        assert!(!bools(&l));
        let kinds: Vec<bool> = l.iter().map(|v| matches!(v, Value::Bool(_))).collect();
        assert_eq!(kinds, [true, false]);
        l.clear();
        l.extend(vec![Value::Bool(false)]);
        assert!(bools(&l));
        l.insert(0, Value::Float(0.5));
        assert!(matches!(l.remove(0), Value::Float(_)));
        assert_eq!(l.len(), 1);
    }
}
