//! What `hit serve` holds, counted in bytes of memory rather than in entries: a record of
//! a million `"aN":{}` members is 10 bytes of JSON per member but well over 100 in memory,
//! and a table of ten thousand 60 KB client ids is 600 MB whatever its entry count says.

use std::collections::HashMap;
use std::hash::Hash;
use std::mem::size_of;

use indexmap::IndexMap;
use serde_json::{Map, Value};

/// What one heap allocation costs beside the bytes asked for: the allocator's header and
/// its rounding to 16 bytes (glibc's smallest chunk is 32 bytes).
const ALLOCATION: usize = 16;

/// A table entry beside its key's text and its value's own allocations: the entry itself
/// with half again for the room a growing table keeps, a hash, and its slot in the index.
const fn entry<T>() -> usize {
    size_of::<T>() * 3 / 2 + 2 * size_of::<usize>() + 1
}

/// What `bytes` of text cost on the heap: nothing when empty, else the bytes rounded up to
/// the allocator's step and its header.
pub fn heap(bytes: usize) -> usize {
    if bytes == 0 {
        0
    } else {
        bytes.next_multiple_of(ALLOCATION) + ALLOCATION
    }
}

/// What a JSON value holds on the heap, beside its own slot: strings' and numbers' text
/// (numbers keep their text: serde_json's `arbitrary_precision`), arrays' slots and
/// objects' members. Booleans and null live in their slot.
pub fn held(value: &Value) -> usize {
    match value {
        Value::String(text) => heap(text.len()),
        Value::Number(number) => heap(number.as_str().len()),
        Value::Array(items) => {
            heap(items.len() * size_of::<Value>()) + items.iter().map(held).sum::<usize>()
        }
        Value::Object(members) => held_members(members),
        Value::Null | Value::Bool(_) => 0,
    }
}

/// What an object's members hold: each member's entry, name and value; its entry vector
/// and its hash index are two allocations.
pub fn held_members(members: &Map<String, Value>) -> usize {
    let each: usize = members
        .iter()
        .map(|(name, value)| entry::<(String, Value)>() + heap(name.len()) + held(value))
        .sum();
    if members.is_empty() {
        0
    } else {
        each + 2 * ALLOCATION
    }
}

/// A per-client table (`/flaky`'s counts, `/ratelimit`'s windows) within a byte budget:
/// when a new client would take it over, everyone starts again from zero.
pub struct ClientTable<V> {
    entries: HashMap<String, V>,
    bytes: usize,
    limit: usize,
}

impl<V> ClientTable<V> {
    pub fn new(limit: usize) -> ClientTable<V> {
        ClientTable {
            entries: HashMap::new(),
            bytes: 0,
            limit,
        }
    }

    /// The client's entry, made by `new` for a client not seen yet.
    pub fn entry(&mut self, client: String, new: impl FnOnce() -> V) -> &mut V {
        if !self.entries.contains_key(&client) {
            let cost = entry::<(String, V)>() + heap(client.len());
            if self.bytes + cost > self.limit {
                self.entries = HashMap::new();
                self.bytes = 0;
            }
            self.bytes += cost;
        }
        self.entries.entry(client).or_insert_with(new)
    }
}

/// Something kept in a [`Fifo`] that knows what it holds on the heap.
pub trait Held {
    fn held(&self) -> usize;
}

/// A table that forgets its oldest entries to stay within a byte budget and an entry count.
pub struct Fifo<K, V> {
    entries: IndexMap<K, (V, usize)>,
    bytes: usize,
    limit: usize,
    max_entries: usize,
}

impl<K: Hash + Eq + Held, V: Held> Fifo<K, V> {
    pub fn new(limit: usize, max_entries: usize) -> Fifo<K, V> {
        Fifo {
            entries: IndexMap::new(),
            bytes: 0,
            limit,
            max_entries,
        }
    }

    pub fn get(&self, key: &K) -> Option<&V> {
        self.entries.get(key).map(|(value, _)| value)
    }

    pub fn get_mut(&mut self, key: &K) -> Option<&mut V> {
        self.entries.get_mut(key).map(|(value, _)| value)
    }

    /// Forgets an entry, giving it back.
    pub fn remove(&mut self, key: &K) -> Option<V> {
        let (value, cost) = self.entries.shift_remove(key)?;
        self.bytes -= cost;
        Some(value)
    }

    /// Forgets every entry `keep` says no to.
    pub fn retain(&mut self, mut keep: impl FnMut(&K, &V) -> bool) {
        let mut freed = 0;
        self.entries.retain(|key, (value, cost)| {
            let kept = keep(key, value);
            if !kept {
                freed += *cost;
            }
            kept
        });
        self.bytes -= freed;
    }

    pub fn iter(&self) -> impl Iterator<Item = (&K, &V)> {
        self.entries.iter().map(|(key, (value, _))| (key, value))
    }

    /// Keeps an entry, forgetting the oldest ones until it fits; one larger than the whole
    /// budget is not kept. Says whether it was kept.
    pub fn insert(&mut self, key: K, value: V) -> bool {
        let cost = entry::<(K, V, usize)>() + key.held() + value.held();
        if cost > self.limit {
            return false;
        }
        if let Some((_, old)) = self.entries.shift_remove(&key) {
            self.bytes -= old;
        }
        while self.bytes + cost > self.limit || self.entries.len() >= self.max_entries {
            let Some((_, (_, old))) = self.entries.shift_remove_index(0) else {
                break;
            };
            self.bytes -= old;
        }
        self.bytes += cost;
        self.entries.insert(key, (value, cost));
        true
    }
}

impl Held for String {
    fn held(&self) -> usize {
        heap(self.len())
    }
}

impl Held for u64 {
    fn held(&self) -> usize {
        0
    }
}

impl Held for Vec<u8> {
    fn held(&self) -> usize {
        heap(self.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn empty_objects_cost_far_more_than_their_json() {
        let members: Map<String, Value> = (0..1000).map(|i| (format!("a{i}"), json!({}))).collect();
        let json = serde_json::to_vec(&members).unwrap().len();
        let held = held_members(&members);
        assert!(
            held > 10 * json,
            "{held} bytes held for {json} bytes of JSON"
        );
    }

    #[test]
    fn a_long_string_costs_about_its_length() {
        let text = json!("x".repeat(1_000_000));
        assert_eq!(held(&text), 1_000_000 + ALLOCATION);
        assert_eq!(
            held(&json!(null)) + held(&json!(true)) + held(&json!("")),
            0
        );
        assert_eq!(held(&json!(1.5)), heap(3));
    }

    #[test]
    fn a_client_table_starts_again_when_a_new_client_would_overflow_it() {
        let cost = entry::<(String, u32)>() + heap(3);
        let mut table = ClientTable::new(3 * cost);
        for client in ["id1", "id2", "id3"] {
            *table.entry(client.into(), || 0) += 1;
        }
        *table.entry("id1".into(), || 0) += 1;
        assert_eq!(table.entries["id1"], 2, "a known client takes no room");
        assert_eq!(*table.entry("id4".into(), || 7), 7);
        assert_eq!(table.entries.len(), 1, "everyone else starts again");
        assert_eq!(table.bytes, cost);
    }

    #[test]
    fn a_fifo_forgets_the_oldest_first_and_refuses_what_cannot_fit() {
        let cost = |key: &str, value: &str| {
            entry::<(String, String, usize)>() + heap(key.len()) + heap(value.len())
        };
        let mut fifo = Fifo::new(2 * cost("k1", "v"), 10);
        assert!(fifo.insert("k1".to_owned(), "v".to_owned()));
        assert!(fifo.insert("k2".to_owned(), "v".to_owned()));
        assert!(fifo.insert("k3".to_owned(), "v".to_owned()));
        assert_eq!(fifo.get(&"k1".to_owned()), None);
        assert_eq!(fifo.get(&"k3".to_owned()).map(String::as_str), Some("v"));
        assert!(!fifo.insert("k4".to_owned(), "v".repeat(1000)));
        assert_eq!(fifo.bytes, 2 * cost("k1", "v"));
        assert_eq!(fifo.remove(&"k2".to_owned()).as_deref(), Some("v"));
        assert_eq!(fifo.bytes, cost("k1", "v"));
        fifo.insert("k5".to_owned(), "v".to_owned());
        fifo.retain(|key, _| key != "k3");
        assert_eq!(
            fifo.iter().map(|(k, _)| k.as_str()).collect::<Vec<_>>(),
            ["k5"]
        );
        assert_eq!(fifo.bytes, cost("k1", "v"));
        fifo.insert("k2".to_owned(), "v".to_owned());
        assert_eq!(fifo.bytes, 2 * cost("k1", "v"));
        let mut few = Fifo::new(usize::MAX, 2);
        for key in ["a", "b", "c"] {
            few.insert(key.to_owned(), String::new());
        }
        assert_eq!(few.entries.keys().collect::<Vec<_>>(), ["b", "c"]);
    }
}
