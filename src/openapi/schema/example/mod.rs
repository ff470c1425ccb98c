//! An example value for a schema: what `hit explain` shows for a request body and what
//! `hit serve --openapi` answers when the spec gives no example of its own.
//!
//! The schema's own `example`, `examples[0]` (3.1), `default`, `const` or an `enum` value (of
//! the schema's type) wins; else a value is built by type. Objects carry every property this
//! direction carries (required or not), arrays `max(minItems, 1)` items; `allOf` branches are
//! merged; `oneOf` and `anyOf` take the first branch that makes a value the whole schema
//! accepts (pinned to its `discriminator` value). A `$ref` already being expanded (a cycle) is
//! built minimally: optional properties that would recurse are left out, arrays get `minItems`
//! items, so the value stays finite; past [`MAX_DEPTH`] the same happens whatever the refs.
//!
//! Known limits: a `oneOf` whose branches all accept the same values (open objects with no
//! discriminator) gets a value that matches several; a schema no finite value satisfies (a
//! required property that is the object itself, `allOf` of a string and an integer) gets a
//! value that does not validate.

mod merge;
mod scalar;

use serde_json::{Map, Value, json};

use super::{Dialect, Direction, Validator, discriminator, refs};

/// Levels of nesting after which every value is built minimally.
const MAX_DEPTH: usize = 16;

/// Levels after which a value is its type's emptiest (a required cycle has no finite value).
const HARD_DEPTH: usize = 48;

/// Items in an example array when `minItems` asks for fewer: one shows the item's shape.
const ARRAY_ITEMS: u64 = 1;

/// Most `oneOf`/`anyOf` branches tried for a value the whole schema accepts.
const MAX_BRANCH_TRIES: usize = 6;

/// Most items honoured from a `minItems`.
const MAX_MIN_ITEMS: u64 = 256;

/// Most schemas one example expands: references that are not cycles can still double at
/// each level (`A: {a: B, b: B}`, `B: {a: C, b: C}` …); past it every value is its type's
/// emptiest, so a hostile document costs milliseconds, not the machine.
const MAX_NODES: usize = 20_000;

/// What checking a `oneOf`'s candidates costs against [`MAX_NODES`]: a compiled validator.
const CHECKER_COST: usize = 200;

/// A value that validates against `schema` (resolved in `document`) for `direction`. The same
/// inputs and `seed` give the same value; another seed varies numbers, strings and UUIDs
/// (seed 0 gives the plainest: `"string"`, `0`, the first enum value).
///
/// The schema's own examples are trusted first; when the value they make does not validate
/// (a spec's example can be wrong), the value is built again from the schema alone.
pub fn example(
    document: &Value,
    schema: &Value,
    dialect: Dialect,
    direction: Direction,
    seed: u64,
) -> Value {
    let first = generate(document, schema, dialect, direction, seed, Given::Trusted);
    let Ok(validator) = Validator::new(document, schema, dialect, direction) else {
        return first;
    };
    if validator.is_valid(&first) {
        return first;
    }
    let built = generate(document, schema, dialect, direction, seed, Given::Ignored);
    if validator.is_valid(&built) {
        built
    } else {
        first
    }
}

/// Whether the schema's own `example`, `examples` and `default` are used.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Given {
    /// Used where present: the spec author's values read best.
    Trusted,
    /// Left out: for the second try, when a spec's example broke the first.
    Ignored,
}

/// The value `example` starts from, not checked against the schema.
pub(super) fn generate(
    document: &Value,
    schema: &Value,
    dialect: Dialect,
    direction: Direction,
    seed: u64,
    given: Given,
) -> Value {
    let mut generator = Generator {
        document,
        dialect,
        direction,
        seed,
        given,
        rng: fastrand::Rng::with_seed(seed),
        variant: 0,
        stack: Vec::new(),
        left: MAX_NODES,
    };
    generator.value(schema, 0, Mode::Full)
}

/// Whether optional parts are built (`Full`) or left out (`Minimal`, inside a cycle).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Full,
    Minimal,
}

pub(super) struct Generator<'d> {
    document: &'d Value,
    dialect: Dialect,
    direction: Direction,
    seed: u64,
    given: Given,
    rng: fastrand::Rng,
    /// Which item of a `uniqueItems` array is being built: picks another enum value, word...
    variant: u64,
    /// The pointers of the `$ref`s being expanded, outermost first.
    stack: Vec<String>,
    /// What is left of [`MAX_NODES`].
    left: usize,
}

impl Generator<'_> {
    fn value(&mut self, schema: &Value, depth: usize, mode: Mode) -> Value {
        let Value::Object(map) = schema else {
            // `true` and `{}` take anything; `false` nothing, so any value will do.
            return json!({});
        };
        if depth > HARD_DEPTH || self.left == 0 {
            return emptiest(map);
        }
        self.left -= 1;
        let mode = if depth > MAX_DEPTH {
            Mode::Minimal
        } else {
            mode
        };
        if let Some(reference) = refs::reference_of(schema) {
            return self.reference(map, reference, depth, mode);
        }
        if let Some(given) = self.given(map) {
            return given;
        }
        if map.contains_key("allOf") {
            let merged = merge::all_of(self.document, map);
            return self.value(&Value::Object(merged), depth + 1, mode);
        }
        if let Some(value) = self.composed(map, depth, mode) {
            return value;
        }
        match self.type_of(map) {
            Some("object") => self.object(map, depth, mode),
            Some("array") => self.array(map, depth, mode),
            Some("string") => Value::String(self.string(map)),
            Some("integer") => self.number(map, true),
            Some("number") => self.number(map, false),
            Some("boolean") => Value::Bool(self.pick(2) == 1),
            Some("null") => Value::Null,
            _ => json!({}),
        }
    }

    /// A `$ref`: its target, minimally when it is already being expanded. In 3.1 the
    /// reference's siblings apply too, merged with the target.
    fn reference(
        &mut self,
        map: &Map<String, Value>,
        reference: &str,
        depth: usize,
        mode: Mode,
    ) -> Value {
        let Ok(Some(target)) = refs::target(self.document, reference) else {
            return json!({});
        };
        let pointer = refs::pointer_of(reference)
            .ok()
            .flatten()
            .unwrap_or_default();
        let mode = if self.stack.contains(&pointer) {
            Mode::Minimal
        } else {
            mode
        };
        self.stack.push(pointer);
        let siblings = map.keys().any(|k| k != "$ref");
        let value = if self.dialect == Dialect::V31 && siblings {
            let mut rest = map.clone();
            rest.remove("$ref");
            let merged = merge::parts(self.document, [target, &Value::Object(rest)]);
            self.value(&Value::Object(merged), depth + 1, mode)
        } else {
            self.value(target, depth + 1, mode)
        };
        self.stack.pop();
        value
    }

    /// The schema's own value: `example`, `examples[0]` (3.1), `default`, `const`, an `enum`
    /// value (a non-null one when there is one).
    fn given(&self, map: &Map<String, Value>) -> Option<Value> {
        if let Some(options) = map.get("enum").and_then(Value::as_array) {
            // An option of the schema's type (`""` in a number's enum is a spec's slip).
            let kind = self.type_of(map);
            let usable: Vec<&Value> = options
                .iter()
                .filter(|o| kind.map_or(!o.is_null(), |kind| is_of_type(o, kind)))
                .collect();
            let chosen = match usable.len() {
                0 => options.first(),
                n => usable.get((self.variant % n as u64) as usize).copied(),
            };
            if self.variant > 0 {
                return chosen.cloned();
            }
            if let Some(own) = self.own_example(map) {
                return Some(own);
            }
            return chosen.cloned();
        }
        if let Some(constant) = map.get("const") {
            return Some(constant.clone());
        }
        if self.variant > 0 {
            return None;
        }
        self.own_example(map)
    }

    fn own_example(&self, map: &Map<String, Value>) -> Option<Value> {
        if self.given == Given::Ignored {
            return None;
        }
        let examples = match self.dialect {
            Dialect::V31 => map
                .get("examples")
                .and_then(Value::as_array)
                .and_then(|list| list.first()),
            Dialect::V30 => None,
        };
        map.get("example")
            .or(examples)
            .or_else(|| map.get("default"))
            .cloned()
    }

    /// A value for a `oneOf`/`anyOf`: each branch in turn (merged with the keywords beside it
    /// and pinned to its discriminator value) until one makes a value the whole schema
    /// accepts; branches that are `null` alone or enter a cycle come last.
    fn composed(&mut self, map: &Map<String, Value>, depth: usize, mode: Mode) -> Option<Value> {
        let branches = ["oneOf", "anyOf"]
            .iter()
            .find_map(|keyword| map.get(*keyword).and_then(Value::as_array))?;
        let pins = discriminator::pins(map, branches).unwrap_or_default();
        let (mut order, later): (Vec<usize>, Vec<usize>) = (0..branches.len()).partition(|&i| {
            let only_null = branches[i].get("type") == Some(&json!("null"));
            !only_null && !self.recursive(&branches[i])
        });
        order.extend(later);
        let checked = branches.len() > 1 && self.left > CHECKER_COST;
        if checked {
            self.left -= CHECKER_COST;
        }
        let checker = checked
            .then(|| {
                Validator::new(
                    self.document,
                    &Value::Object(map.clone()),
                    self.dialect,
                    self.direction,
                )
                .ok()
            })
            .flatten();
        let mut first = None;
        for index in order.into_iter().take(MAX_BRANCH_TRIES) {
            let mut merged = merge::with_branch(self.document, map, &branches[index]);
            if let Some(Some(pin)) = pins.get(index) {
                merged = merge::parts(self.document, [&Value::Object(merged), pin]);
            }
            let candidate = self.value(&Value::Object(merged), depth + 1, mode);
            match &checker {
                Some(checker) if !checker.is_valid(&candidate) => {
                    first.get_or_insert(candidate);
                }
                _ => return Some(candidate),
            }
        }
        first
    }

    /// The type to build: `type` (the first that is not `null` of a 3.1 list), else the one
    /// the keywords present imply.
    fn type_of<'m>(&self, map: &'m Map<String, Value>) -> Option<&'m str> {
        match map.get("type") {
            Some(Value::String(single)) => return Some(single),
            Some(Value::Array(list)) => {
                let mut named = list.iter().filter_map(Value::as_str);
                return named
                    .clone()
                    .find(|t| *t != "null")
                    .or_else(|| named.next());
            }
            _ => {}
        }
        let has = |keys: &[&str]| keys.iter().any(|k| map.contains_key(*k));
        if has(&[
            "properties",
            "required",
            "additionalProperties",
            "minProperties",
            "patternProperties",
        ]) {
            Some("object")
        } else if has(&[
            "items",
            "prefixItems",
            "minItems",
            "maxItems",
            "uniqueItems",
        ]) {
            Some("array")
        } else if has(&["minLength", "maxLength", "pattern"]) {
            Some("string")
        } else if has(&[
            "minimum",
            "maximum",
            "exclusiveMinimum",
            "exclusiveMaximum",
            "multipleOf",
        ]) {
            Some("number")
        } else {
            None
        }
    }

    fn object(&mut self, map: &Map<String, Value>, depth: usize, mode: Mode) -> Value {
        let empty = Map::new();
        let properties = map
            .get("properties")
            .and_then(Value::as_object)
            .unwrap_or(&empty);
        let required: Vec<&str> = map
            .get("required")
            .and_then(Value::as_array)
            .map(|names| names.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        let mut out = Map::new();
        for (name, property) in properties {
            let needed = required.contains(&name.as_str());
            if self.hidden(property)
                || (!needed && (mode == Mode::Minimal || self.recursive(property)))
            {
                continue;
            }
            let value = self.value(property, depth + 1, mode);
            out.insert(name.clone(), value);
        }
        let extra = map.get("additionalProperties").filter(|s| s.is_object());
        for name in required
            .iter()
            .filter(|name| !properties.contains_key(**name))
        {
            let value = extra.map_or_else(
                || json!("string"),
                |schema| self.value(schema, depth + 1, Mode::Minimal),
            );
            out.insert((*name).to_owned(), value);
        }
        let least = map
            .get("minProperties")
            .and_then(Value::as_u64)
            .unwrap_or(0);
        let mut next = 1;
        while (out.len() as u64) < least.min(MAX_MIN_ITEMS)
            && map.get("additionalProperties") != Some(&json!(false))
        {
            let value = extra.map_or_else(
                || json!("string"),
                |schema| self.value(schema, depth + 1, Mode::Minimal),
            );
            out.insert(format!("property{next}"), value);
            next += 1;
        }
        if let Some(most) = map.get("maxProperties").and_then(Value::as_u64) {
            let optional: Vec<String> = out
                .keys()
                .filter(|k| !required.contains(&k.as_str()))
                .cloned()
                .collect();
            for name in optional.iter().rev() {
                if out.len() as u64 <= most {
                    break;
                }
                out.shift_remove(name);
            }
        }
        Value::Object(out)
    }

    fn array(&mut self, map: &Map<String, Value>, depth: usize, mode: Mode) -> Value {
        let least = map
            .get("minItems")
            .and_then(Value::as_u64)
            .unwrap_or(0)
            .min(MAX_MIN_ITEMS);
        let most = map
            .get("maxItems")
            .and_then(Value::as_u64)
            .unwrap_or(u64::MAX);
        let items = map.get("items");
        let prefix = map
            .get("prefixItems")
            .and_then(Value::as_array)
            .or_else(|| items.and_then(Value::as_array));
        let rest = items.filter(|items| !items.is_array());
        let cyclic = rest.is_some_and(|schema| self.recursive(schema));
        let wanted = match mode {
            Mode::Full if !cyclic => least.max(ARRAY_ITEMS),
            _ => least,
        };
        let count = wanted.min(most).max(least);
        let unique = map.get("uniqueItems") == Some(&Value::Bool(true));
        let outer_variant = self.variant;
        let mut out = Vec::new();
        for index in 0..count {
            let schema = prefix
                .and_then(|p| p.get(index as usize))
                .or(rest)
                .cloned()
                .unwrap_or(json!({}));
            if unique {
                self.variant = index;
            }
            out.push(self.value(&schema, depth + 1, mode));
        }
        self.variant = outer_variant;
        Value::Array(out)
    }

    /// Whether a property is left out in this direction ([`Direction::hides`]).
    fn hidden(&self, property: &Value) -> bool {
        self.direction.hides(self.document, property)
    }

    /// Whether building `schema` would enter a `$ref` being expanded: through its own
    /// `$ref`, its items', or its branches'.
    fn recursive(&self, schema: &Value) -> bool {
        let on_stack = |schema: &Value| {
            refs::reference_of(schema)
                .and_then(|r| refs::pointer_of(r).ok().flatten())
                .is_some_and(|pointer| self.stack.contains(&pointer))
        };
        let branches = ["allOf", "anyOf", "oneOf"]
            .iter()
            .filter_map(|k| schema.get(*k).and_then(Value::as_array))
            .flatten();
        let nested = ["items", "additionalProperties"]
            .iter()
            .filter_map(|k| schema.get(*k));
        on_stack(schema) || nested.chain(branches).any(on_stack)
    }

    /// A number in `0..n`: 0 for seed 0 (the plainest example), shifted by the variant.
    pub(super) fn pick(&mut self, n: u64) -> u64 {
        if n == 0 {
            return 0;
        }
        let drawn = if self.seed == 0 { 0 } else { self.rng.u64(..) };
        drawn.wrapping_add(self.variant) % n
    }
}

/// Whether `value` is of the JSON Schema type `kind`.
fn is_of_type(value: &Value, kind: &str) -> bool {
    match (kind, value) {
        ("integer", Value::Number(n)) => {
            n.is_i64() || n.is_u64() || n.as_f64().is_some_and(|f| f.fract() == 0.0)
        }
        ("number", Value::Number(_))
        | ("string", Value::String(_))
        | ("boolean", Value::Bool(_)) => true,
        ("object", Value::Object(_)) | ("array", Value::Array(_)) | ("null", Value::Null) => true,
        _ => false,
    }
}

/// A type's emptiest value, for a schema past every depth limit.
fn emptiest(map: &Map<String, Value>) -> Value {
    let single = match map.get("type") {
        Some(Value::Array(list)) => list.first().and_then(Value::as_str),
        other => other.and_then(Value::as_str),
    };
    match single {
        Some("array") => json!([]),
        Some("string") => json!(""),
        Some("integer" | "number") => json!(0),
        Some("boolean") => json!(false),
        Some("null") => Value::Null,
        _ => json!({}),
    }
}

#[cfg(test)]
mod tests;
