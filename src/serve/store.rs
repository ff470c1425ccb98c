//! What `hit serve` remembers: the three resources, seeded with the same demo data on every
//! start, and the small per-client counters behind `/flaky`, `/ratelimit` and report jobs.
//! Everything sits behind one mutex that no handler holds across an await, so concurrent
//! requests see each change whole (two POSTs with one idempotency key make one order).

use std::collections::{BTreeMap, HashMap};
use std::sync::{Mutex, MutexGuard};
use std::time::Instant;

use serde_json::{Map, Value, json};

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

/// What one collection may hold, so that no client can make the server grow without end.
pub const MAX_RECORDS: usize = 10_000;
pub const MAX_BYTES: usize = 32 * 1024 * 1024;
/// How many idempotency keys, clients and report jobs are remembered.
const MAX_ENTRIES: usize = 10_000;

/// A collection at its limit: the change was not made.
#[derive(Debug)]
pub struct Full;

/// One resource's records by id.
#[derive(Default)]
pub struct Collection {
    pub records: BTreeMap<u64, Record>,
    next_id: u64,
    /// The records' size as JSON.
    bytes: usize,
}

impl Collection {
    fn seeded(records: Vec<Value>) -> Collection {
        let mut collection = Collection::default();
        for record in records {
            if let Value::Object(fields) = record {
                let _ = collection.insert(fields);
            }
        }
        collection
    }

    /// Stores a new record under the next id and returns it.
    pub fn insert(&mut self, fields: Record) -> Result<Record, Full> {
        let record = with_id(self.next_id + 1, fields);
        self.store(record, 0)
    }

    /// Replaces a record's fields, keeping its id.
    pub fn replace(&mut self, id: u64, fields: Record) -> Result<Record, Full> {
        let old = self.records.get(&id).map_or(0, size);
        self.store(with_id(id, fields), old)
    }

    pub fn remove(&mut self, id: u64) {
        if let Some(record) = self.records.remove(&id) {
            self.bytes -= size(&record);
        }
    }

    fn store(&mut self, record: Record, replacing: usize) -> Result<Record, Full> {
        let id = record["id"].as_u64().unwrap_or_default();
        let bytes = self.bytes - replacing + size(&record);
        let count = self.records.len() + usize::from(replacing == 0);
        if count > MAX_RECORDS || bytes > MAX_BYTES {
            return Err(Full);
        }
        self.bytes = bytes;
        self.next_id = self.next_id.max(id);
        self.records.insert(id, record.clone());
        Ok(record)
    }
}

fn size(record: &Record) -> usize {
    serde_json::to_vec(record).map_or(0, |json| json.len())
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
    /// The request's body, to tell the same request from another one.
    pub request: Value,
    pub location: String,
    pub body: Vec<u8>,
}

/// A fixed window of the `/ratelimit` budget.
pub struct Window {
    pub started: Instant,
    pub used: u32,
}

pub struct State {
    collections: [Collection; 3],
    pub idempotency: HashMap<(Kind, String), Replay>,
    pub flaky: HashMap<String, u32>,
    pub ratelimit: HashMap<String, Window>,
    pub jobs: Vec<Instant>,
}

impl State {
    pub fn collection(&mut self, kind: Kind) -> &mut Collection {
        &mut self.collections[kind as usize]
    }

    /// Keeps a first answer; the oldest keys are forgotten when too many are kept (the
    /// idempotency-key draft lets a server expire them).
    pub fn remember(&mut self, kind: Kind, key: String, replay: Replay) {
        // The request and the answer are about the size of the answer's body each.
        let kept: usize = self.idempotency.values().map(|r| 2 * r.body.len()).sum();
        if self.idempotency.len() >= MAX_ENTRIES || kept + 2 * replay.body.len() > MAX_BYTES {
            self.idempotency.clear();
        }
        self.idempotency.insert((kind, key), replay);
    }

    /// Room for one more client in a per-client table: when it is full, everyone starts
    /// again from zero.
    pub fn room_for_client<V>(table: &mut HashMap<String, V>) {
        if table.len() >= MAX_ENTRIES {
            table.clear();
        }
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
}

impl Shared {
    pub fn seeded() -> Shared {
        let state = State {
            collections: [
                Collection::seeded(users()),
                Collection::seeded(products()),
                Collection::seeded(orders()),
            ],
            idempotency: HashMap::new(),
            flaky: HashMap::new(),
            ratelimit: HashMap::new(),
            jobs: Vec::new(),
        };
        Shared {
            state: Mutex::new(state),
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

    #[test]
    fn the_seed_is_the_same_on_every_start_and_pages_have_more_than_one_page() {
        let mut first = Shared::seeded()
            .lock()
            .collection(Kind::Products)
            .records
            .clone();
        let again = Shared::seeded()
            .lock()
            .collection(Kind::Products)
            .records
            .clone();
        assert_eq!(first, again);
        assert_eq!(first.len(), 64);
        let product = first.remove(&42).unwrap();
        assert_eq!(product["id"], 42);
        assert_eq!(product["category"], "books");
    }

    #[test]
    fn a_new_record_gets_the_next_id_first_whatever_id_it_carried() {
        let shared = Shared::seeded();
        let mut state = shared.lock();
        let users = state.collection(Kind::Users);
        let fields = json!({"id": 7, "name": "Charlie"});
        let record = users.insert(fields.as_object().unwrap().clone()).unwrap();
        assert_eq!(
            Value::Object(record).to_string(),
            r#"{"id":26,"name":"Charlie"}"#
        );
        users.remove(26);
        let record = users.insert(Record::new()).unwrap();
        assert_eq!(record["id"], 27, "ids are not reused");
    }

    #[test]
    fn a_full_collection_refuses_more_and_keeps_its_records() {
        let shared = Shared::seeded();
        let mut state = shared.lock();
        let orders = state.collection(Kind::Orders);
        let big = json!({"note": "x".repeat(MAX_BYTES / 4)});
        let big = big.as_object().unwrap();
        let stored = (0..8)
            .take_while(|_| orders.insert(big.clone()).is_ok())
            .count();
        assert_eq!(stored, 3);
        assert_eq!(orders.records.len(), 6);
        orders.remove(4);
        assert!(
            orders.insert(big.clone()).is_ok(),
            "room again after a DELETE"
        );
    }
}
