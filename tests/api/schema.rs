//! The schema as clients see it: `schema.graphql` is exactly the SDL the
//! server serves; every type, field, argument, input field and enum value
//! the server serves has a description (GraphiQL's docs explorer and code
//! generators show nothing else); and graphql-schema-linter passes on
//! `schema.graphql` with the committed `.graphql-schema-linterrc`.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{json, Value};

use crate::helpers::TestServer;

/// The scalars every GraphQL server has; the spec describes them.
const BUILT_IN_SCALARS: [&str; 5] = ["String", "Int", "Float", "Boolean", "ID"];

#[test]
fn schema_graphql_matches_the_served_sdl() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/schema.graphql");
    let sdl = vitae::graphql::sdl();
    if std::env::var_os("UPDATE_SCHEMA").is_some() {
        std::fs::write(path, &sdl).unwrap();
    }
    let on_disk = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        on_disk == sdl,
        "schema.graphql is out of date: run `UPDATE_SCHEMA=1 cargo test schema` and commit it"
    );
}

#[test]
fn vitae_schema_prints_the_same_sdl() {
    let out = Command::new(env!("CARGO_BIN_EXE_vitae"))
        .arg("schema")
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        vitae::graphql::sdl()
    );
}

#[test]
fn every_element_of_the_served_schema_has_a_capitalized_description() {
    let s = TestServer::spawn();
    let d = s.data(include_str!("introspection.graphql"), json!({}));
    let faults = description_faults(&d["__schema"]);
    assert!(
        faults.is_empty(),
        "{} elements of the served schema are not described well:\n{}",
        faults.len(),
        faults.join("\n")
    );
}

#[test]
fn the_description_check_names_every_kind_of_bare_element() {
    let bare = json!({ "types": [
        { "name": "String", "description": null },
        { "name": "__Type", "description": null },
        { "name": "Thing", "description": null, "fields": [
            { "name": "size", "description": "", "args": [
                { "name": "unit", "description": null },
                { "name": "round", "description": "Rounded." },
            ] },
        ] },
        { "name": "ThingFilter", "description": "Which things.", "inputFields": [
            { "name": "color", "description": "  " },
        ] },
        { "name": "Shade", "description": "a shade.", "enumValues": [
            { "name": "DARK", "description": null },
        ] },
    ] });
    assert_eq!(
        description_faults(&bare),
        [
            "Thing: no description",
            "Thing.size: no description",
            "Thing.size(unit:): no description",
            "ThingFilter.color: no description",
            "Shade: starts in lowercase: \"a shade.\"",
            "Shade.DARK: no description",
        ]
    );
}

#[test]
fn partial_date_and_json_say_what_they_hold() {
    let s = TestServer::spawn();
    let q = r#"{
      date: __type(name: "PartialDate") { kind description specifiedByURL }
      json: __type(name: "JSON") { kind description specifiedByURL }
    }"#;
    let d = s.data(q, json!({}));
    assert_eq!(d["date"]["kind"], "SCALAR");
    assert_eq!(
        d["date"]["specifiedByURL"],
        "https://www.w3.org/TR/NOTE-datetime"
    );
    let date = d["date"]["description"].as_str().unwrap();
    for form in [
        "`\"2020\"`",
        "`\"2020-05\"`",
        "`\"2020-05-17\"`",
        "BAD_USER_INPUT",
    ] {
        assert!(date.contains(form), "{form} is not in {date:?}");
    }
    assert!(
        vitae::graphql::sdl().contains(
            "\nscalar PartialDate @specifiedBy(url: \"https://www.w3.org/TR/NOTE-datetime\")\n"
        ),
        "the SDL does not carry PartialDate's @specifiedBy"
    );
    assert_eq!(d["json"]["specifiedByURL"], Value::Null);
    let json = d["json"]["description"].as_str().unwrap();
    assert!(json.contains("`Statement.fact`"), "{json:?}");
}

/// Where the linter is: `VITAE_SCHEMA_LINTER` when set (a linter installed
/// outside the repository), else web/'s devDependency.
const LINTER_ENV: &str = "VITAE_SCHEMA_LINTER";
const LINTER_IN_WEB: &str = "web/node_modules/.bin/graphql-schema-linter";

#[test]
fn graphql_schema_linter_passes_with_the_committed_config() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let linter = std::env::var_os(LINTER_ENV)
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join(LINTER_IN_WEB));
    if !linter.exists() {
        assert!(
            std::env::var_os("CI").is_none(),
            "{} is missing: run `npm ci` in web/ (or set {LINTER_ENV})",
            linter.display()
        );
        eprintln!(
            "skipped: {} is missing (run `npm ci` in web/, or set {LINTER_ENV}, to lint schema.graphql)",
            linter.display()
        );
        return;
    }
    let out = Command::new(&linter)
        .current_dir(root)
        .args(["--config-directory", ".", "--format", "compact"])
        .arg("schema.graphql")
        .output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", linter.display()));
    assert!(
        out.status.success(),
        "graphql-schema-linter failed ({}) on schema.graphql:\n{}{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Each type (but the built-in scalars and introspection's `__` types),
/// field, argument, input field and enum value of an introspected schema
/// whose description is missing, blank or starts in lowercase, one line
/// each: `Person.works(first:): no description`.
fn description_faults(schema: &Value) -> Vec<String> {
    let mut faults = Vec::new();
    for t in list(&schema["types"]) {
        let name = t["name"].as_str().unwrap_or_default();
        if name.starts_with("__") || BUILT_IN_SCALARS.contains(&name) {
            continue;
        }
        check(&mut faults, name, t);
        for f in list(&t["fields"]).iter().chain(list(&t["inputFields"])) {
            let field = format!("{name}.{}", f["name"].as_str().unwrap_or_default());
            check(&mut faults, &field, f);
            for a in list(&f["args"]) {
                let arg = a["name"].as_str().unwrap_or_default();
                check(&mut faults, &format!("{field}({arg}:)"), a);
            }
        }
        for v in list(&t["enumValues"]) {
            let value = v["name"].as_str().unwrap_or_default();
            check(&mut faults, &format!("{name}.{value}"), v);
        }
    }
    faults
}

fn check(faults: &mut Vec<String>, element: &str, introspected: &Value) {
    match introspected["description"].as_str().map(str::trim) {
        None | Some("") => faults.push(format!("{element}: no description")),
        Some(d) if d.starts_with(char::is_lowercase) => {
            faults.push(format!("{element}: starts in lowercase: {d:?}"))
        }
        Some(_) => {}
    }
}

fn list(v: &Value) -> &[Value] {
    v.as_array().map_or(&[], Vec::as_slice)
}
