//! Reading a bundle file: JSON syntax (with line and column), the JSON Schema
//! in `docs/bundle.schema.json` (with the JSON path of each violation), then
//! the rules a schema cannot state: every reference names a key of the same
//! bundle, keys are unique, dates are real calendar dates, parents form no
//! cycle. Nothing is written before all of this passes.

use std::collections::HashSet;
use std::sync::OnceLock;

use serde_json::Value;

use super::bundle::{Bundle, Date, Export, EXPORT_FORMAT};
use crate::domain::date::PartialDate;
use crate::{Error, Result};

/// The bundle schema, as shipped in the repository.
pub const SCHEMA: &str = include_str!("../../docs/bundle.schema.json");

/// Parses and validates the text of a bundle file, or of an export file
/// holding several bundles. `file` names the input in error messages.
pub fn parse(text: &str, file: &str) -> Result<Vec<Bundle>> {
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
        Error::bad_input(format!("{file}: {prefix}/{path}"), e.into_inner())
    })
}

fn validator() -> Result<&'static jsonschema::Validator> {
    static VALIDATOR: OnceLock<std::result::Result<jsonschema::Validator, String>> =
        OnceLock::new();
    VALIDATOR
        .get_or_init(|| {
            let schema: Value = serde_json::from_str(SCHEMA).map_err(|e| e.to_string())?;
            jsonschema::validator_for(&schema).map_err(|e| e.to_string())
        })
        .as_ref()
        .map_err(|e| Error::internal(e.clone()))
}

fn check_schema(value: &Value, text: &str, file: &str, prefix: &str) -> Result<()> {
    let validator = validator()?;
    let mut messages: Vec<String> = validator
        .iter_errors(value)
        .take(5)
        .map(|err| {
            let path = err.instance_path().to_string();
            let instance = err.instance();
            let schema_path = err.schema_path().to_string();
            let reason =
                if instance.is_string() && schema_path.to_ascii_lowercase().contains("date") {
                    format!(
                        "{} is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD{}",
                        instance,
                        if schema_path.contains("endDate") {
                            " (or \"present\")"
                        } else {
                            ""
                        }
                    )
                } else {
                    err.to_string()
                };
            let pointer = format!("{prefix}{path}");
            match line_of(text, &pointer) {
                Some(line) => format!("{pointer} (line {line}): {reason}"),
                None => format!("{pointer}: {reason}"),
            }
        })
        .collect();
    if messages.is_empty() {
        return Ok(());
    }
    messages.dedup();
    Err(Error::bad_input(
        file,
        format!("does not match the bundle schema: {}", messages.join("; ")),
    ))
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
                    format!("`{slug}` is already the slug of /people/{j}: one person, one entry"),
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
                        format!("`{k}` is already author {first} of this work"),
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
                format!("key `{k}` is used twice"),
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
            format!("no {kind} with key `{key}` in this bundle"),
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
                        format!("`{start}` is its own ancestor"),
                    ));
                }
                Some(p) => cur = p,
                None => break,
            }
        }
    }
    Ok(())
}
