//! Reading a bundle file: JSON syntax (with line and column), the JSON Schema
//! in `docs/bundle.schema.json` (with the JSON path of each violation), then
//! the rules a schema cannot state: every reference names a key of the same
//! bundle, keys are unique, dates are real calendar dates, parents form no
//! cycle. Nothing is written before all of this passes.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use serde::de::{DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

use super::bundle::{self, Bundle, Date, Export, EXPORT_FORMAT};
use crate::domain::date::PartialDate;
use crate::domain::quote::{escape, quote, QUOTE_CHARS};
use crate::{Error, Result};

/// The bundle schema, as shipped in the repository.
pub const SCHEMA: &str = include_str!("../../docs/bundle.schema.json");

/// Parses and validates the text of a bundle file, or of an export file
/// holding several bundles. `file` names the input in error messages.
///
/// The text is read in one pass, fact by fact: each fact of a list (a work,
/// a person …) is checked against its kind's schema and turned into its Rust
/// type at once, so only one fact at a time is ever a `serde_json::Value`,
/// never the whole file, whose tree takes several times the text's memory.
/// The rest of a bundle (its source, its format) is then checked against the
/// whole schema. Text that does not have the shape of a bundle or an export
/// is read again whole, which says best what is wrong with it.
pub fn parse(text: &str, file: &str) -> Result<Vec<Bundle>> {
    let mut reader = Reader {
        schemas: schemas()?,
        text,
        file,
        bundles: Vec::new(),
    };
    let mut top = Piece::default();
    let mut de = serde_json::Deserializer::from_str(text);
    let streamed = PieceSeed {
        reader: &mut reader,
        piece: &mut top,
        prefix: String::new(),
        nested: false,
    }
    .deserialize(&mut de)
    .and_then(|()| de.end());
    if streamed.is_err() {
        return parse_whole(text, file);
    }
    let format = top.top.get("format").and_then(Value::as_str);
    if format == Some(EXPORT_FORMAT) {
        let only_export = top.top.len() == 1 && top.lists.is_empty() && top.has_bundles;
        if !only_export {
            return parse_whole(text, file);
        }
        let pieces = std::mem::take(&mut reader.bundles);
        return pieces
            .into_iter()
            .enumerate()
            .map(|(i, piece)| reader.finish(piece, &format!("/bundles/{i}")))
            .collect();
    }
    if top.has_bundles {
        return parse_whole(text, file);
    }
    Ok(vec![reader.finish(top, "")?])
}

/// What the one pass over a file needs and gathers.
struct Reader<'a> {
    schemas: &'static Schemas,
    text: &'a str,
    file: &'a str,
    /// The bundles of an export, as read.
    bundles: Vec<Piece>,
}

/// One bundle as read: its top-level members other than the lists of facts,
/// the facts already typed, and what was wrong with them.
#[derive(Default)]
struct Piece {
    top: serde_json::Map<String, Value>,
    lists: Lists,
    /// Whether the object had a `bundles` member (an export).
    has_bundles: bool,
    messages: Vec<String>,
    type_error: Option<Error>,
}

/// The lists of facts of a bundle.
#[derive(Default)]
struct Lists {
    seen: Vec<String>,
    people: Vec<bundle::Person>,
    organizations: Vec<bundle::Organization>,
    appointments: Vec<bundle::Appointment>,
    education: Vec<bundle::Education>,
    grants: Vec<bundle::Grant>,
    talks: Vec<bundle::Talk>,
    patents: Vec<bundle::Patent>,
    teaching: Vec<bundle::Teaching>,
    service: Vec<bundle::Service>,
    works: Vec<bundle::Work>,
    metrics: Vec<bundle::Metric>,
    badges: Vec<bundle::Badge>,
}

type PathError = serde_path_to_error::Error<serde_json::Error>;

impl Lists {
    fn is_empty(&self) -> bool {
        self.seen.is_empty()
    }

    /// Types one fact, already checked against its schema, onto its list.
    fn push(&mut self, list: &str, value: Value) -> std::result::Result<(), PathError> {
        fn onto<T: serde::de::DeserializeOwned>(
            to: &mut Vec<T>,
            value: Value,
        ) -> std::result::Result<(), PathError> {
            to.push(serde_path_to_error::deserialize(value)?);
            Ok(())
        }
        match list {
            "people" => onto(&mut self.people, value),
            "organizations" => onto(&mut self.organizations, value),
            "appointments" => onto(&mut self.appointments, value),
            "education" => onto(&mut self.education, value),
            "grants" => onto(&mut self.grants, value),
            "talks" => onto(&mut self.talks, value),
            "patents" => onto(&mut self.patents, value),
            "teaching" => onto(&mut self.teaching, value),
            "service" => onto(&mut self.service, value),
            "works" => onto(&mut self.works, value),
            "metrics" => onto(&mut self.metrics, value),
            "badges" => onto(&mut self.badges, value),
            _ => Ok(()),
        }
    }

    fn into_bundle(self, b: &mut Bundle) {
        b.people = self.people;
        b.organizations = self.organizations;
        b.appointments = self.appointments;
        b.education = self.education;
        b.grants = self.grants;
        b.talks = self.talks;
        b.patents = self.patents;
        b.teaching = self.teaching;
        b.service = self.service;
        b.works = self.works;
        b.metrics = self.metrics;
        b.badges = self.badges;
    }
}

impl Reader<'_> {
    /// One fact of `list` at index `i`: checked, then typed unless something
    /// is wrong already.
    fn fact(&self, piece: &mut Piece, prefix: &str, list: &str, i: usize, value: Value) {
        let Some(schema) = self.schemas.facts.get(list) else {
            return;
        };
        let at = format!("{prefix}/{list}/{i}");
        if piece.messages.len() < MAX_MESSAGES {
            let left = MAX_MESSAGES - piece.messages.len();
            let found = schema_messages(schema, &value, self.text, &at, left);
            piece.messages.extend(found);
        }
        if !piece.messages.is_empty() || piece.type_error.is_some() {
            return;
        }
        if let Err(e) = piece.lists.push(list, value) {
            let path = match e.path().to_string().as_str() {
                "." => format!("{list}[{i}]"),
                inner => format!("{list}[{i}].{inner}"),
            }
            .replace('.', "/");
            let field = format!("{}: {prefix}/{path}", self.file);
            piece.type_error = Some(Error::bad_input(
                field,
                bounded(&e.into_inner().to_string()),
            ));
        }
    }

    /// A bundle read whole: its top level against the whole schema, its
    /// types, then the rules.
    fn finish(&self, piece: Piece, prefix: &str) -> Result<Bundle> {
        let (text, file) = (self.text, self.file);
        let top = Value::Object(piece.top);
        let mut messages = schema_messages(&self.schemas.bundle, &top, text, prefix, MAX_MESSAGES);
        messages.extend(piece.messages);
        messages.truncate(MAX_MESSAGES);
        if !messages.is_empty() {
            messages.dedup();
            return Err(Error::bad_input(
                file,
                format!("does not match the bundle schema: {}", messages.join("; ")),
            ));
        }
        let mut bundle: Bundle = typed(top, file, prefix).map_err(|e| with_line(e, text, file))?;
        if let Some(e) = piece.type_error {
            return Err(with_line(e, text, file));
        }
        piece.lists.into_bundle(&mut bundle);
        check_rules(&bundle, file, prefix).map_err(|e| with_line(e, text, file))?;
        Ok(bundle)
    }
}

/// How many schema violations one message lists.
const MAX_MESSAGES: usize = 5;

/// Reads one JSON object into a `Piece`: lists of facts fact by fact, the
/// `bundles` of an export (only at the top, `nested` false) bundle by
/// bundle, any other member as a `Value`.
struct PieceSeed<'r, 'a> {
    reader: &'r mut Reader<'a>,
    piece: &'r mut Piece,
    prefix: String,
    nested: bool,
}

impl<'de> DeserializeSeed<'de> for PieceSeed<'_, '_> {
    type Value = ();

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> std::result::Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for PieceSeed<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a bundle or an export")
    }

    fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> std::result::Result<(), M::Error> {
        while let Some(key) = map.next_key::<String>()? {
            if self.reader.schemas.facts.contains_key(&key) {
                if self.piece.lists.seen.contains(&key) {
                    return Err(serde::de::Error::custom("a list given twice"));
                }
                map.next_value_seed(ListSeed {
                    reader: self.reader,
                    piece: self.piece,
                    prefix: &self.prefix,
                    list: &key,
                })?;
                self.piece.lists.seen.push(key);
            } else if key == "bundles" && !self.nested {
                map.next_value_seed(BundlesSeed {
                    reader: self.reader,
                })?;
                self.piece.has_bundles = true;
            } else {
                let value = map.next_value::<Value>()?;
                self.piece.top.insert(key, value);
            }
        }
        Ok(())
    }
}

/// Reads one list of facts, checking and typing each as it comes.
struct ListSeed<'r, 'a> {
    reader: &'r Reader<'a>,
    piece: &'r mut Piece,
    prefix: &'r str,
    list: &'r str,
}

impl<'de> DeserializeSeed<'de> for ListSeed<'_, '_> {
    type Value = ();

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> std::result::Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for ListSeed<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a list of facts")
    }

    fn visit_seq<S: SeqAccess<'de>>(self, mut seq: S) -> std::result::Result<(), S::Error> {
        let mut i = 0;
        while let Some(value) = seq.next_element::<Value>()? {
            self.reader
                .fact(self.piece, self.prefix, self.list, i, value);
            i += 1;
        }
        Ok(())
    }
}

/// Reads the bundles of an export one by one.
struct BundlesSeed<'r, 'a> {
    reader: &'r mut Reader<'a>,
}

impl<'de> DeserializeSeed<'de> for BundlesSeed<'_, '_> {
    type Value = ();

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> std::result::Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for BundlesSeed<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a list of bundles")
    }

    fn visit_seq<S: SeqAccess<'de>>(self, mut seq: S) -> std::result::Result<(), S::Error> {
        loop {
            let mut piece = Piece::default();
            let prefix = format!("/bundles/{}", self.reader.bundles.len());
            let seed = PieceSeed {
                reader: self.reader,
                piece: &mut piece,
                prefix,
                nested: true,
            };
            if seq.next_element_seed(seed)?.is_none() {
                return Ok(());
            }
            self.reader.bundles.push(piece);
        }
    }
}

/// The whole file as one `serde_json::Value`: for text that is not a JSON
/// object, whose error the whole value reports best.
fn parse_whole(text: &str, file: &str) -> Result<Vec<Bundle>> {
    let value: Value = serde_json::from_str(text).map_err(|e| {
        Error::bad_input(
            format!("{file}:{}:{}", e.line(), e.column()),
            format!("malformed JSON: {e}"),
        )
    })?;
    let bundles: Vec<(String, Value)> =
        if value.get("format").and_then(Value::as_str) == Some(EXPORT_FORMAT) {
            let export: Export = typed(value, file, "")?;
            export
                .bundles
                .into_iter()
                .enumerate()
                .map(|(i, b)| {
                    Ok((
                        format!("/bundles/{i}"),
                        serde_json::to_value(b).map_err(Error::internal)?,
                    ))
                })
                .collect::<Result<_>>()?
        } else {
            vec![(String::new(), value)]
        };
    bundles
        .into_iter()
        .map(|(prefix, v)| {
            check_schema(&v, text, file, &prefix)?;
            let bundle: Bundle = typed(v, file, &prefix).map_err(|e| with_line(e, text, file))?;
            check_rules(&bundle, file, &prefix).map_err(|e| with_line(e, text, file))?;
            Ok(bundle)
        })
        .collect()
}

/// The line (from 1) of the value at a JSON `pointer` in `text`. Only called
/// on the error path: the file is parsed a second time, with positions.
fn line_of(text: &str, pointer: &str) -> Option<usize> {
    use jsonc_parser::ast::Value as Node;
    use jsonc_parser::common::Ranged;
    let parsed = jsonc_parser::parse_to_ast(text, &Default::default(), &Default::default()).ok()?;
    let mut node = parsed.value?;
    for token in pointer.split('/').skip(1) {
        let token = token.replace("~1", "/").replace("~0", "~");
        node = match node {
            Node::Object(mut o) => {
                let at = o.properties.iter().position(|p| p.name.as_str() == token)?;
                o.properties.swap_remove(at).value
            }
            Node::Array(mut a) => {
                let i: usize = token.parse().ok()?;
                (i < a.elements.len()).then(|| a.elements.swap_remove(i))?
            }
            _ => return None,
        };
    }
    Some(text[..node.start()].matches('\n').count() + 1)
}

/// `file: /json/path` in an error becomes `file:LINE: /json/path`.
fn with_line(err: Error, text: &str, file: &str) -> Error {
    match err {
        Error::BadInput { field, reason } => {
            let located = field
                .strip_prefix(&format!("{file}: "))
                .filter(|pointer| pointer.starts_with('/'))
                .and_then(|pointer| Some(format!("{file}:{}: {pointer}", line_of(text, pointer)?)));
            Error::BadInput {
                field: located.unwrap_or(field),
                reason,
            }
        }
        other => other,
    }
}

fn typed<T: serde::de::DeserializeOwned>(value: Value, file: &str, prefix: &str) -> Result<T> {
    serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e.path().to_string().replace('.', "/");
        Error::bad_input(
            format!("{file}: {prefix}/{path}"),
            bounded(&e.into_inner().to_string()),
        )
    })
}

/// The lists of facts a bundle holds, each checked fact by fact.
const FACT_LISTS: [&str; 12] = [
    "people",
    "organizations",
    "appointments",
    "education",
    "grants",
    "talks",
    "patents",
    "teaching",
    "service",
    "works",
    "metrics",
    "badges",
];

/// The bundle schema, whole and for one fact of each list.
struct Schemas {
    bundle: jsonschema::Validator,
    facts: HashMap<String, jsonschema::Validator>,
}

fn schemas() -> Result<&'static Schemas> {
    static SCHEMAS: OnceLock<std::result::Result<Schemas, String>> = OnceLock::new();
    SCHEMAS
        .get_or_init(|| {
            let schema: Value = serde_json::from_str(SCHEMA).map_err(|e| e.to_string())?;
            let bundle = jsonschema::validator_for(&schema).map_err(|e| e.to_string())?;
            let mut facts = HashMap::new();
            for list in FACT_LISTS {
                let Some(Value::Object(item)) =
                    schema.pointer(&format!("/properties/{list}/items"))
                else {
                    continue;
                };
                // The item's schema with the definitions it refers to.
                let mut one = item.clone();
                for k in ["$schema", "$id", "$defs"] {
                    if let Some(v) = schema.get(k) {
                        one.insert(k.to_string(), v.clone());
                    }
                }
                let validator =
                    jsonschema::validator_for(&Value::Object(one)).map_err(|e| e.to_string())?;
                facts.insert(list.to_string(), validator);
            }
            Ok(Schemas { bundle, facts })
        })
        .as_ref()
        .map_err(|e| Error::internal(e.clone()))
}

fn check_schema(value: &Value, text: &str, file: &str, prefix: &str) -> Result<()> {
    let mut messages = schema_messages(&schemas()?.bundle, value, text, prefix, 5);
    if messages.is_empty() {
        return Ok(());
    }
    messages.dedup();
    Err(Error::bad_input(
        file,
        format!("does not match the bundle schema: {}", messages.join("; ")),
    ))
}

/// Up to `limit` schema violations of `value`, found at JSON pointer
/// `prefix`, each with its path and line.
fn schema_messages(
    validator: &jsonschema::Validator,
    value: &Value,
    text: &str,
    prefix: &str,
    limit: usize,
) -> Vec<String> {
    validator
        .iter_errors(value)
        .take(limit)
        .map(|err| {
            let path = err.instance_path().to_string();
            let instance = err.instance();
            let shown = shown_value(instance);
            let schema_path = err.schema_path().to_string();
            let reason =
                if instance.is_string() && schema_path.to_ascii_lowercase().contains("date") {
                    format!(
                        "{shown} is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD{}",
                        if schema_path.contains("endDate") {
                            " (or \"present\")"
                        } else {
                            ""
                        }
                    )
                } else {
                    // The validator's message quotes the value whole.
                    bounded(&err.to_string().replacen(&instance.to_string(), &shown, 1))
                };
            let pointer = format!("{prefix}{path}");
            let named = match pointer.as_str() {
                "" => "the top level",
                p => p,
            };
            match line_of(text, &pointer) {
                Some(line) => format!("{named} (line {line}): {reason}"),
                None => format!("{named}: {reason}"),
            }
        })
        .collect()
}

/// A JSON value as a message shows it: a string in quotation marks, bounded
/// and escaped; anything else as its JSON text, bounded and escaped.
fn shown_value(value: &Value) -> String {
    match value {
        Value::String(s) => format!("\"{}\"", quote(s)),
        other => quote(&other.to_string()),
    }
}

/// A message from another crate, which may quote a value whole: escaped,
/// and cut like a value when it is longer than two quoted values.
fn bounded(message: &str) -> String {
    if message.len() > 2 * QUOTE_CHARS {
        quote(message)
    } else {
        escape(message)
    }
}

/// Checks references, key uniqueness, calendar dates and parent cycles.
fn check_rules(b: &Bundle, file: &str, prefix: &str) -> Result<()> {
    let at = |path: String| format!("{file}: {prefix}{path}");
    let people = unique_keys(b.people.iter().map(|p| &p.key), "/people", &at)?;
    let orgs = unique_keys(
        b.organizations.iter().map(|o| &o.key),
        "/organizations",
        &at,
    )?;
    let appts = unique_keys(b.appointments.iter().map(|a| &a.key), "/appointments", &at)?;
    let works = unique_keys(b.works.iter().map(|w| &w.key), "/works", &at)?;
    let mut slugs = std::collections::HashMap::new();
    for (i, p) in b.people.iter().enumerate() {
        if let Some(slug) = &p.slug {
            if let Some(j) = slugs.insert(slug, i) {
                return Err(Error::bad_input(
                    at(format!("/people/{i}/slug")),
                    format!(
                        "`{}` is already the slug of /people/{j}: one person, one entry",
                        quote(slug)
                    ),
                ));
            }
        }
    }
    for (kind, keys) in [
        (
            "/education",
            b.education.iter().map(|e| &e.key).collect::<Vec<_>>(),
        ),
        ("/grants", b.grants.iter().map(|e| &e.key).collect()),
        ("/talks", b.talks.iter().map(|e| &e.key).collect()),
        ("/patents", b.patents.iter().map(|e| &e.key).collect()),
        ("/teaching", b.teaching.iter().map(|e| &e.key).collect()),
        ("/service", b.service.iter().map(|e| &e.key).collect()),
    ] {
        unique_keys(keys.into_iter(), kind, &at)?;
    }
    let person = |k: &str, path: String| refers(&people, k, "person", at(path));
    let org = |k: &str, path: String| refers(&orgs, k, "organization", at(path));
    if let Some(about) = &b.source.about {
        person(about, "/source/about".into())?;
    }
    for (i, o) in b.organizations.iter().enumerate() {
        if let Some(p) = &o.parent {
            org(p, format!("/organizations/{i}/parent"))?;
        }
    }
    no_cycles(
        b.organizations.iter().map(|o| (&o.key, o.parent.as_ref())),
        |i| at(format!("/organizations/{i}/parent")),
    )?;
    for (i, a) in b.appointments.iter().enumerate() {
        let p = format!("/appointments/{i}");
        person(&a.person, format!("{p}/person"))?;
        org(&a.organization, format!("{p}/organization"))?;
        for (j, u) in a.other_organizations.iter().enumerate() {
            org(u, format!("{p}/otherOrganizations/{j}"))?;
        }
        for (j, m) in a.mentors.iter().enumerate() {
            person(m, format!("{p}/mentors/{j}"))?;
        }
        if let Some(parent) = &a.parent {
            refers(&appts, parent, "appointment", at(format!("{p}/parent")))?;
        }
        dates(&[(&a.start, "start"), (&a.end, "end")], &at(p))?;
    }
    no_cycles(
        b.appointments.iter().map(|a| (&a.key, a.parent.as_ref())),
        |i| at(format!("/appointments/{i}/parent")),
    )?;
    for (i, e) in b.education.iter().enumerate() {
        let p = format!("/education/{i}");
        person(&e.person, format!("{p}/person"))?;
        org(&e.organization, format!("{p}/organization"))?;
        for (j, m) in e.advisors.iter().enumerate() {
            person(m, format!("{p}/advisors/{j}"))?;
        }
        for (j, m) in e.mentors.iter().enumerate() {
            person(m, format!("{p}/mentors/{j}"))?;
        }
        if let Some(t) = &e.thesis {
            refers(&works, t, "work", at(format!("{p}/thesis")))?;
        }
        dates(&[(&e.start, "start"), (&e.end, "end")], &at(p))?;
    }
    for (i, g) in b.grants.iter().enumerate() {
        let p = format!("/grants/{i}");
        person(&g.person, format!("{p}/person"))?;
        if let Some(f) = &g.funder {
            org(f, format!("{p}/funder"))?;
        }
        dates(&[(&g.start, "start"), (&g.end, "end")], &at(p))?;
    }
    for (i, t) in b.talks.iter().enumerate() {
        person(&t.person, format!("/talks/{i}/person"))?;
        for (j, pr) in t.presentations.iter().enumerate() {
            let p = format!("/talks/{i}/presentations/{j}");
            if let Some(h) = &pr.host {
                org(h, format!("{p}/host"))?;
            }
            dates(&[(&pr.date, "date")], &at(p))?;
        }
    }
    for (i, pt) in b.patents.iter().enumerate() {
        for (j, c) in pt.inventors.iter().enumerate() {
            if let Some(k) = &c.person {
                person(k, format!("/patents/{i}/inventors/{j}/person"))?;
            }
        }
        dates(&[(&pt.date, "date")], &at(format!("/patents/{i}")))?;
    }
    for (i, t) in b.teaching.iter().enumerate() {
        person(&t.person, format!("/teaching/{i}/person"))?;
        if let Some(o) = &t.organization {
            org(o, format!("/teaching/{i}/organization"))?;
        }
    }
    for (i, s) in b.service.iter().enumerate() {
        person(&s.person, format!("/service/{i}/person"))?;
        if let Some(o) = &s.organization {
            org(o, format!("/service/{i}/organization"))?;
        }
        dates(
            &[(&s.start, "start"), (&s.end, "end")],
            &at(format!("/service/{i}")),
        )?;
    }
    for (i, w) in b.works.iter().enumerate() {
        let p = format!("/works/{i}");
        let mut listed = std::collections::HashMap::new();
        for (j, c) in w.authors.iter().enumerate() {
            if let Some(k) = &c.person {
                person(k, format!("{p}/authors/{j}/person"))?;
                if let Some(first) = listed.insert(k, j) {
                    return Err(Error::bad_input(
                        at(format!("{p}/authors/{j}/person")),
                        format!("`{}` is already author {first} of this work", quote(k)),
                    ));
                }
            }
        }
        if let Some(k) = &w.listed_under {
            person(k, format!("{p}/listedUnder"))?;
        }
        dates(&[(&w.date, "date")], &at(p))?;
    }
    for (i, m) in b.metrics.iter().enumerate() {
        person(&m.person, format!("/metrics/{i}/person"))?;
    }
    for (i, m) in b.badges.iter().enumerate() {
        person(&m.person, format!("/badges/{i}/person"))?;
    }
    Ok(())
}

fn unique_keys<'a>(
    keys: impl Iterator<Item = &'a String>,
    path: &str,
    at: &impl Fn(String) -> String,
) -> Result<HashSet<&'a str>> {
    let mut seen = HashSet::new();
    for (i, k) in keys.enumerate() {
        if !seen.insert(k.as_str()) {
            return Err(Error::bad_input(
                at(format!("{path}/{i}/key")),
                format!("key `{}` is used twice", quote(k)),
            ));
        }
    }
    Ok(seen)
}

fn refers(keys: &HashSet<&str>, key: &str, kind: &str, path: String) -> Result<()> {
    if keys.contains(key) {
        Ok(())
    } else {
        Err(Error::bad_input(
            path,
            format!("no {kind} with key `{}` in this bundle", quote(key)),
        ))
    }
}

fn dates(list: &[(&Option<Date>, &str)], at: &str) -> Result<()> {
    for (date, name) in list {
        let text = match date {
            Some(Date::Iso(s)) if *name == "end" && s == "present" => continue,
            Some(Date::Iso(s)) => s,
            Some(Date::Raw { value: Some(v), .. }) => v,
            _ => continue,
        };
        text.parse::<PartialDate>()
            .map_err(|e| Error::bad_input(format!("{at}/{name}"), e))?;
    }
    Ok(())
}

fn no_cycles<'a>(
    edges: impl Iterator<Item = (&'a String, Option<&'a String>)>,
    path: impl Fn(usize) -> String,
) -> Result<()> {
    let edges: Vec<(&str, Option<&str>)> = edges
        .map(|(k, p)| (k.as_str(), p.map(String::as_str)))
        .collect();
    let parent: std::collections::HashMap<&str, &str> = edges
        .iter()
        .filter_map(|(k, p)| p.map(|p| (*k, p)))
        .collect();
    for (i, (start, _)) in edges.iter().enumerate() {
        let path = || path(i);
        let mut cur = *start;
        for _ in 0..=parent.len() {
            match parent.get(cur) {
                Some(p) if p == start => {
                    return Err(Error::bad_input(
                        path(),
                        format!("`{}` is its own ancestor", quote(start)),
                    ));
                }
                Some(p) => cur = p,
                None => break,
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_list_of_the_schema_is_checked_fact_by_fact() {
        let schema: Value = serde_json::from_str(SCHEMA).unwrap();
        let lists: Vec<&str> = schema["properties"]
            .as_object()
            .unwrap()
            .iter()
            .filter(|(_, v)| v.get("items").is_some())
            .map(|(k, _)| k.as_str())
            .collect();
        assert_eq!(lists, FACT_LISTS);
        assert_eq!(schemas().unwrap().facts.len(), FACT_LISTS.len());
    }

    #[test]
    fn a_fact_that_breaks_the_schema_is_named_by_its_path_and_line() {
        let text = "{\"format\": \"vitae-bundle/1\",\n\"source\": {\"key\": \"s\", \"title\": \"T\", \"kind\": \"cv\"},\n\"works\": [{\"key\": \"w\", \"title\": \"A\", \"kind\": \"book\"},\n {\"key\": \"v\", \"title\": \"B\", \"kind\": \"poem\"}]}";
        let err = parse(text, "f.json").unwrap_err().to_string();
        assert!(err.contains("/works/1/kind (line 4)"), "{err}");
    }

    #[test]
    fn every_string_of_the_schema_has_a_max_length() {
        fn strings_without_limit(node: &Value, at: &str, out: &mut Vec<String>) {
            match node {
                Value::Object(o) => {
                    let is_string = match o.get("type") {
                        Some(Value::String(t)) => t == "string",
                        Some(Value::Array(ts)) => ts.iter().any(|t| t == "string"),
                        _ => false,
                    };
                    // An enum or a constant is bounded by its values.
                    let bounded = ["maxLength", "enum", "const"]
                        .iter()
                        .any(|k| o.contains_key(*k));
                    if is_string && !bounded {
                        out.push(at.to_string());
                    }
                    for (k, v) in o {
                        strings_without_limit(v, &format!("{at}/{k}"), out);
                    }
                }
                Value::Array(a) => {
                    for (i, v) in a.iter().enumerate() {
                        strings_without_limit(v, &format!("{at}/{i}"), out);
                    }
                }
                _ => {}
            }
        }
        let schema: Value = serde_json::from_str(SCHEMA).unwrap();
        let mut unbounded = Vec::new();
        strings_without_limit(&schema, "", &mut unbounded);
        assert_eq!(unbounded, Vec::<String>::new());
        // The walk sees the strings it must: the source's URL among them.
        assert_eq!(
            schema.pointer("/$defs/source/properties/url/maxLength"),
            Some(&Value::from(2000))
        );
    }

    #[test]
    fn a_rejected_value_is_quoted_short_and_escaped() {
        let title = "t".repeat(50_000);
        let text = format!(
            "{{\"format\": \"vitae-bundle/1\", \"source\": {{\"key\": \"s\", \"title\": \"T\", \"kind\": \"cv\"}}, \"works\": [{{\"key\": \"w\u{202e}\", \"title\": \"{title}\", \"kind\": \"book\"}}]}}"
        );
        let err = parse(&text, "f.json").unwrap_err().to_string();
        assert!(err.len() < 1000, "{} bytes", err.len());
        assert!(err.contains("/works/0/title (line 1): \"tttt"), "{err}");
        assert!(
            err.contains("… (50000 bytes)\" is longer than 20000 characters"),
            "{err}"
        );
        assert!(err.contains("\"w\\u{202e}\" does not match"), "{err}");
        assert!(!err.contains('\u{202e}'), "{err}");
    }
}
