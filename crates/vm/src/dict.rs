//! An insertion-ordered hash table for dicts and sets.
//!
//! Keys are `Value`s whose hashing and equality need the heap (strings compare
//! by content), so the table never hashes or compares by itself: callers pass
//! the hash and an equality test. Entries live in a vector in insertion order
//! (deleted ones become holes, compacted when they outnumber live ones), and a
//! `hashbrown` raw table maps hashes to entry positions, as CPython's compact dict does.

use crate::value::Value;
use hashbrown::HashTable;

/// Python's hashes of small ints are the ints themselves, whose high bits are
/// all zero; hashbrown takes its 7-bit tag from the high bits, so without
/// spreading every small-int key would share one tag and probe as a collision.
#[inline]
fn spread(hash: u64) -> u64 {
    hash.wrapping_mul(0x9E37_79B9_7F4A_7C15).rotate_left(26)
}

/// One dict entry; a deleted entry has an `Undef` key.

#[derive(Clone, Copy, Debug)]
pub struct Entry {
    /// The key's hash.
    pub hash: u64,
    /// The key (`Undef` when deleted).
    pub key: Value,
    /// The value.
    pub value: Value,
}

/// An insertion-ordered hash table of values.
#[derive(Clone, Debug, Default)]
pub struct Dict {
    entries: Vec<Entry>,
    table: HashTable<u32>,
    len: usize,
}

impl Dict {
    /// An empty table.
    pub fn new() -> Dict {
        Dict::default()
    }

    /// An empty table with room for `n` entries.
    pub fn with_capacity(n: usize) -> Dict {
        Dict {
            entries: Vec::with_capacity(n),
            table: HashTable::with_capacity(n),
            len: 0,
        }
    }

    /// The number of live entries.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether there are no live entries.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The position of the entry whose key has this hash and satisfies `eq`.
    pub fn find(&self, hash: u64, mut eq: impl FnMut(Value) -> bool) -> Option<usize> {
        let entries = &self.entries;
        self.table
            .find(spread(hash), |&i| {
                let e = &entries[i as usize];
                e.hash == hash && eq(e.key)
            })
            .map(|&i| i as usize)
    }

    /// The entry at a position returned by [`Dict::find`] or iteration.
    pub fn entry(&self, pos: usize) -> &Entry {
        &self.entries[pos]
    }

    /// Replaces the value at a position.
    pub fn set_value(&mut self, pos: usize, value: Value) {
        self.entries[pos].value = value;
    }

    /// Appends an entry whose key is known to be absent.
    pub fn insert_new(&mut self, hash: u64, key: Value, value: Value) {
        let pos = self.entries.len() as u32;
        self.entries.push(Entry { hash, key, value });
        let entries = &self.entries;
        self.table
            .insert_unique(spread(hash), pos, |&i| spread(entries[i as usize].hash));
        self.len += 1;
    }

    /// Removes the entry at a position, returning it.
    pub fn remove_at(&mut self, pos: usize) -> Entry {
        let e = self.entries[pos];
        if let Ok(slot) = self
            .table
            .find_entry(spread(e.hash), |&i| i as usize == pos)
        {
            slot.remove();
        }
        self.entries[pos].key = Value::Undef;
        self.entries[pos].value = Value::Undef;
        self.len -= 1;
        if self.entries.len() > 16 && self.len * 2 < self.entries.len() {
            self.compact();
        }
        e
    }

    /// Removes and returns the most recently inserted entry.
    pub fn pop_last(&mut self) -> Option<Entry> {
        let pos = self
            .entries
            .iter()
            .rposition(|e| !matches!(e.key, Value::Undef))?;
        Some(self.remove_at(pos))
    }

    fn compact(&mut self) {
        self.entries.retain(|e| !matches!(e.key, Value::Undef));
        self.table.clear();
        for (i, e) in self.entries.iter().enumerate() {
            let entries = &self.entries;
            self.table.insert_unique(spread(e.hash), i as u32, |&j| {
                spread(entries[j as usize].hash)
            });
        }
    }

    /// Removes every entry.
    pub fn clear(&mut self) {
        self.entries.clear();
        self.table.clear();
        self.len = 0;
    }

    /// Live entries in insertion order.
    pub fn iter(&self) -> impl Iterator<Item = &Entry> + '_ {
        self.entries
            .iter()
            .filter(|e| !matches!(e.key, Value::Undef))
    }

    /// The live entry at or after raw position `pos`, with its position; for iterators
    /// that must survive a borrow of the heap between steps.
    pub fn next_from(&self, pos: usize) -> Option<(usize, &Entry)> {
        self.entries
            .iter()
            .enumerate()
            .skip(pos)
            .find(|(_, e)| !matches!(e.key, Value::Undef))
    }

    /// Approximate bytes owned beyond the object header.
    pub fn heap_bytes(&self) -> usize {
        self.entries.capacity() * std::mem::size_of::<Entry>() + self.table.capacity() * 5
    }
}
