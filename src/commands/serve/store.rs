//! What `hit serve` remembers: the three resources, seeded with the same demo data on every
//! start, the first answers to `Idempotency-Key` requests, and the small per-client counters
//! behind `/flaky`, `/ratelimit` and report jobs, each within a budget of bytes held in memory
//! (see `bounded`), so that no client can make the server grow without end.
//! Everything sits behind one mutex that no handler holds across an await, so concurrent
//! requests see each change whole (two POSTs with one idempotency key make one order).

use std::collections::BTreeMap;
use std::mem::size_of;
use std::sync::{Mutex, MutexGuard};

use serde_json::{Map, Value, json};
use tokio::time::Instant;

use super::bounded::{self, ClientTable, Fifo, Held};
use super::oauth::Grants;
use super::sockets::Rooms;

/// A JSON object as stored: `id` first, then the fields in the order they were given.
pub type Record = Map<String, Value>;

/// The resources the practice API keeps.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    Users,
    Products,
    Orders,
}

impl Kind {
    pub const ALL: [Kind; 3] = [Kind::Users, Kind::Products, Kind::Orders];

    pub fn from_segment(segment: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|kind| kind.plural() == segment)
    }

    pub fn plural(self) -> &'static str {
        match self {
            Kind::Users => "users",
            Kind::Products => "products",
            Kind::Orders => "orders",
        }
    }

    pub fn singular(self) -> &'static str {
        match self {
            Kind::Users => "user",
            Kind::Products => "product",
            Kind::Orders => "order",
        }
    }
}

/// How many records one collection may hold.
pub const MAX_RECORDS: usize = 10_000;
/// What the records of all three collections may hold in memory, by default.
pub const MAX_BYTES: usize = 32 * 1024 * 1024;
/// What the remembered first answers to `Idempotency-Key` requests may hold.
const REPLAY_BYTES: usize = 16 * 1024 * 1024;
/// What each per-client table (`/flaky`, `/ratelimit`) may hold.
const CLIENT_BYTES: usize = 2 * 1024 * 1024;
/// How many idempotency keys and report jobs are remembered.
const MAX_ENTRIES: usize = 10_000;
/// A record's place in its collection beside its members: the id, the map and the tree.
const RECORD: usize = (size_of::<u64>() + size_of::<Record>()) * 3 / 2;

/// A change refused because the store is at a limit: the change was not made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Full {
    /// The collection holds [`MAX_RECORDS`].
    Records,
    /// The records of all collections hold this many bytes.
    Bytes(usize),
}

/// What a record holds in memory: its members plus its place in the collection.
fn held(record: &Record) -> usize {
    RECORD + bounded::held_members(record)
}

/// One resource's records by id.
#[derive(Default)]
pub struct Collection {
    pub records: BTreeMap<u64, Record>,
    next_id: u64,
}

/// `id` first, whatever id the client sent: the server assigns ids.
fn with_id(id: u64, fields: Record) -> Record {
    let mut record = Record::new();
    record.insert("id".into(), id.into());
    record.extend(fields.into_iter().filter(|(name, _)| name != "id"));
    record
}

/// The first answer to a POST with an `Idempotency-Key`, kept to be replayed.
#[derive(Clone)]
pub struct Replay {
    /// The request's body as JSON with its members sorted, to tell the same request from
    /// another one (members in another order are the same request).
    pub request: String,
    pub location: String,
    pub body: Vec<u8>,
}

impl Replay {
    /// The text [`Replay::request`] holds for a request body.
    pub fn fingerprint(fields: &Record) -> String {
        let mut request = Value::Object(fields.clone());
        request.sort_all_objects();
        request.to_string()
    }
}

impl Held for Replay {
    fn held(&self) -> usize {
        self.request.held() + self.location.held() + self.body.held()
    }
}

impl Held for (Kind, String) {
    fn held(&self) -> usize {
        self.1.held()
    }
}

/// A fixed window of the `/ratelimit` budget.
pub struct Window {
    pub started: Instant,
    pub used: u32,
}

pub struct State {
    collections: [Collection; 3],
    /// What the records of all collections hold in memory.
    record_bytes: usize,
    /// The most they may hold (`MAX_BYTES` unless `hit serve` was told otherwise).
    record_limit: usize,
    /// The first answers to `Idempotency-Key` requests; the oldest keys are forgotten when
    /// too many are kept (the idempotency-key draft lets a server expire them).
    pub replays: Fifo<(Kind, String), Replay>,
    pub flaky: ClientTable<u32>,
    pub ratelimit: ClientTable<Window>,
    pub jobs: Vec<Instant>,
    /// The practice authorization server's codes and tokens.
    pub oauth: Grants,
}

impl State {
    pub fn records(&self, kind: Kind) -> &BTreeMap<u64, Record> {
        &self.collections[kind as usize].records
    }

    /// Stores a new record under the next id and returns it.
    pub fn insert(&mut self, kind: Kind, fields: Record) -> Result<Record, Full> {
        let id = self.collections[kind as usize].next_id + 1;
        self.store(kind, with_id(id, fields))
    }

    /// Replaces a record's fields, keeping its id.
    pub fn replace(&mut self, kind: Kind, id: u64, fields: Record) -> Result<Record, Full> {
        self.store(kind, with_id(id, fields))
    }

    pub fn remove(&mut self, kind: Kind, id: u64) {
        if let Some(record) = self.collections[kind as usize].records.remove(&id) {
            self.record_bytes -= held(&record);
        }
    }

    fn store(&mut self, kind: Kind, record: Record) -> Result<Record, Full> {
        let id = record["id"].as_u64().unwrap_or_default();
        let collection = &mut self.collections[kind as usize];
        let replacing = collection.records.get(&id).map(held);
        let bytes = self.record_bytes - replacing.unwrap_or(0) + held(&record);
        if replacing.is_none() && collection.records.len() >= MAX_RECORDS {
            return Err(Full::Records);
        }
        if bytes > self.record_limit {
            return Err(Full::Bytes(self.record_limit));
        }
        self.record_bytes = bytes;
        collection.next_id = collection.next_id.max(id);
        collection.records.insert(id, record.clone());
        Ok(record)
    }

    /// Starts a report job, if there is room for one.
    pub fn start_job(&mut self) -> Option<usize> {
        if self.jobs.len() >= MAX_ENTRIES {
            return None;
        }
        self.jobs.push(Instant::now());
        Some(self.jobs.len())
    }
}

/// The state every connection shares.
pub struct Shared {
    state: Mutex<State>,
    /// The chat rooms of `/ws/chat`, with their own lock: a chat message never waits for
    /// the records.
    pub rooms: Rooms,
}

impl Shared {
    /// The demo data, with room for `record_limit` bytes of records, the demo data's own
    /// included (it is always there whole); access tokens live `token_ttl`.
    pub fn seeded(record_limit: usize, token_ttl: std::time::Duration) -> Shared {
        let mut state = State {
            collections: Default::default(),
            record_bytes: 0,
            record_limit: usize::MAX,
            replays: Fifo::new(REPLAY_BYTES, MAX_ENTRIES),
            flaky: ClientTable::new(CLIENT_BYTES),
            ratelimit: ClientTable::new(CLIENT_BYTES),
            jobs: Vec::new(),
            oauth: Grants::new(token_ttl),
        };
        for (kind, records) in [
            (Kind::Users, users()),
            (Kind::Products, products()),
            (Kind::Orders, orders()),
        ] {
            for record in records {
                if let Value::Object(fields) = record {
                    let _ = state.insert(kind, fields);
                }
            }
        }
        state.record_limit = record_limit;
        Shared {
            state: Mutex::new(state),
            rooms: Rooms::default(),
        }
    }

    /// The state, locked. A handler that panicked cannot leave it half-changed (each change
    /// is one insert), so a poisoned lock is taken as it is.
    pub fn lock(&self) -> MutexGuard<'_, State> {
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

const USERS: [&str; 25] = [
    "Ada Lovelace",
    "Alan Turing",
    "Grace Hopper",
    "Linus Torvalds",
    "Margaret Hamilton",
    "Dennis Ritchie",
    "Barbara Liskov",
    "Ken Thompson",
    "Radia Perlman",
    "Tim Berners-Lee",
    "Katherine Johnson",
    "Donald Knuth",
    "Frances Allen",
    "John McCarthy",
    "Hedy Lamarr",
    "Edsger Dijkstra",
    "Adele Goldberg",
    "Bjarne Stroustrup",
    "Shafi Goldwasser",
    "Guido van Rossum",
    "Sophie Wilson",
    "Niklaus Wirth",
    "Annie Easley",
    "Vint Cerf",
    "Jean Sammet",
];

const ROLES: [&str; 5] = ["admin", "developer", "developer", "viewer", "developer"];

fn users() -> Vec<Value> {
    USERS
        .iter()
        .zip(ROLES.iter().cycle())
        .map(|(name, role)| {
            let email = format!("{}@example.com", name.to_lowercase().replace(' ', "."));
            json!({"name": name, "email": email, "role": role})
        })
        .collect()
}

/// Eight categories of eight products; ids interleave them, so a page mixes categories.
const PRODUCTS: [(&str, [(&str, f64); 8]); 8] = [
    (
        "shoes",
        [
            ("Trail Runner 3", 89.99),
            ("City Sneaker", 64.50),
            ("Leather Boot", 139.00),
            ("Canvas Slip-On", 39.95),
            ("Marathon Racer", 159.99),
            ("Hiking Boot Pro", 174.00),
            ("Court Classic", 74.99),
            ("Rain Boot", 49.00),
        ],
    ),
    (
        "books",
        [
            ("Python Tutorial for Beginners", 29.99),
            ("HTTP: The Definitive Guide", 44.95),
            ("The Rust Programming Language", 39.95),
            ("Designing Web APIs", 34.99),
            ("Python Tutorial: Data Edition", 31.50),
            ("RESTful Web Services", 27.00),
            ("The Art of Computer Programming", 189.99),
            ("Learning SQL", 36.99),
        ],
    ),
    (
        "electronics",
        [
            ("Noise-Cancelling Headphones", 249.00),
            ("USB-C Hub", 45.99),
            ("Mechanical Keyboard", 119.00),
            ("27-inch Monitor", 329.99),
            ("Wireless Mouse", 29.99),
            ("Portable SSD 1 TB", 99.95),
            ("Webcam HD", 69.00),
            ("Smart Speaker", 89.00),
        ],
    ),
    (
        "kitchen",
        [
            ("Chef's Knife", 79.95),
            ("Cast Iron Skillet", 42.00),
            ("Espresso Maker", 199.99),
            ("Bamboo Cutting Board", 24.50),
            ("Electric Kettle", 39.99),
            ("Stand Mixer", 349.00),
            ("Pour-Over Coffee Set", 34.95),
            ("Dutch Oven", 89.99),
        ],
    ),
    (
        "outdoors",
        [
            ("Two-Person Tent", 189.00),
            ("Sleeping Bag", 99.99),
            ("Trekking Poles", 59.95),
            ("Headlamp", 24.99),
            ("Water Filter", 34.50),
            ("Camping Stove", 54.00),
            ("Daypack 25 L", 79.00),
            ("Hammock", 44.99),
        ],
    ),
    (
        "toys",
        [
            ("Building Blocks Set", 49.99),
            ("Puzzle 1000 Pieces", 19.95),
            ("Remote Control Car", 59.00),
            ("Wooden Train", 39.99),
            ("Kite", 14.50),
            ("Board Game Classic", 29.99),
            ("Plush Bear", 17.95),
            ("Science Kit", 34.00),
        ],
    ),
    (
        "clothing",
        [
            ("Rain Jacket", 119.00),
            ("Wool Sweater", 84.95),
            ("Denim Jeans", 69.99),
            ("Cotton T-Shirt", 14.99),
            ("Fleece Hoodie", 54.00),
            ("Running Shorts", 29.95),
            ("Winter Hat", 19.99),
            ("Down Vest", 99.00),
        ],
    ),
    (
        "garden",
        [
            ("Garden Hose 15 m", 34.99),
            ("Pruning Shears", 22.50),
            ("Raised Bed Kit", 129.00),
            ("Watering Can", 18.95),
            ("Compost Bin", 64.99),
            ("Seed Starter Tray", 12.99),
            ("Garden Gloves", 9.95),
            ("Wheelbarrow", 89.00),
        ],
    ),
];

fn products() -> Vec<Value> {
    (0..64)
        .map(|i| {
            let (category, items) = &PRODUCTS[i % 8];
            let (name, price) = items[i / 8];
            let stock = (i * 37 + 11) % 120;
            // A whole price is written as one (139, not 139.0), as most APIs write it.
            let price = if price.fract() == 0.0 {
                json!(price as u64)
            } else {
                json!(price)
            };
            json!({"name": name, "category": category, "price": price, "stock": stock})
        })
        .collect()
}

fn orders() -> Vec<Value> {
    vec![
        json!({"item": "book", "qty": 1, "userId": 1, "status": "shipped"}),
        json!({"item": "kettle", "qty": 2, "userId": 3, "status": "processing"}),
        json!({"item": "tent", "qty": 1, "userId": 2, "status": "delivered"}),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(value: Value) -> Record {
        value.as_object().unwrap().clone()
    }

    #[test]
    fn the_seed_is_the_same_on_every_start_and_pages_have_more_than_one_page() {
        let mut first = Shared::seeded(MAX_BYTES, std::time::Duration::from_secs(60))
            .lock()
            .records(Kind::Products)
            .clone();
        let again = Shared::seeded(MAX_BYTES, std::time::Duration::from_secs(60))
            .lock()
            .records(Kind::Products)
            .clone();
        assert_eq!(first, again);
        assert_eq!(first.len(), 64);
        let product = first.remove(&42).unwrap();
        assert_eq!(product["id"], 42);
        assert_eq!(product["category"], "books");
    }

    #[test]
    fn a_new_record_gets_the_next_id_first_whatever_id_it_carried() {
        let shared = Shared::seeded(MAX_BYTES, std::time::Duration::from_secs(60));
        let mut state = shared.lock();
        let fields = fields(json!({"id": 7, "name": "Charlie"}));
        let record = state.insert(Kind::Users, fields).unwrap();
        assert_eq!(
            Value::Object(record).to_string(),
            r#"{"id":26,"name":"Charlie"}"#
        );
        state.remove(Kind::Users, 26);
        let record = state.insert(Kind::Users, Record::new()).unwrap();
        assert_eq!(record["id"], 27, "ids are not reused");
    }

    #[test]
    fn a_full_store_refuses_more_and_keeps_its_records() {
        let shared = Shared::seeded(MAX_BYTES, std::time::Duration::from_secs(60));
        let mut state = shared.lock();
        let big = fields(json!({"note": "x".repeat(MAX_BYTES / 4)}));
        let stored = (0..8)
            .take_while(|_| state.insert(Kind::Orders, big.clone()).is_ok())
            .count();
        assert_eq!(stored, 3);
        assert_eq!(state.records(Kind::Orders).len(), 6);
        let refused = state.insert(Kind::Users, big.clone());
        assert_eq!(
            refused.unwrap_err(),
            Full::Bytes(MAX_BYTES),
            "one budget for all"
        );
        state.remove(Kind::Orders, 4);
        let room = state.insert(Kind::Orders, big.clone());
        assert!(room.is_ok(), "room again after a DELETE");
    }

    #[test]
    fn many_empty_objects_fill_the_store_by_what_they_hold_not_their_json() {
        let seed = Shared::seeded(usize::MAX, std::time::Duration::from_secs(60))
            .lock()
            .record_bytes;
        let shared = Shared::seeded(seed + 1024 * 1024, std::time::Duration::from_secs(60));
        let mut state = shared.lock();
        let empties = fields(Value::Object(
            (0..1000).map(|i| (format!("a{i}"), json!({}))).collect(),
        ));
        let json = Value::Object(empties.clone()).to_string().len();
        let stored = (0..1000)
            .take_while(|_| state.insert(Kind::Orders, empties.clone()).is_ok())
            .count();
        assert!(
            stored * json < 128 * 1024,
            "{stored} records of {json} bytes of JSON"
        );
        let refused = state.replace(Kind::Orders, 1, empties.clone());
        assert_eq!(refused.unwrap_err(), Full::Bytes(seed + 1024 * 1024));
        assert!(
            state.replace(Kind::Orders, 4, Record::new()).is_ok(),
            "a smaller one fits"
        );
    }

    #[test]
    fn a_collection_holds_at_most_max_records() {
        let shared = Shared::seeded(MAX_BYTES, std::time::Duration::from_secs(60));
        let mut state = shared.lock();
        let small = fields(json!({"item": "x"}));
        let stored = (0..MAX_RECORDS)
            .take_while(|_| state.insert(Kind::Orders, small.clone()).is_ok())
            .count();
        assert_eq!(stored, MAX_RECORDS - 3);
        assert_eq!(
            state.insert(Kind::Orders, small.clone()).unwrap_err(),
            Full::Records
        );
        assert!(
            state.replace(Kind::Orders, 2, small).is_ok(),
            "a replacement takes no room"
        );
    }
}
