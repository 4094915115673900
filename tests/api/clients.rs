//! The README's client recipes (Apollo Client's type policies, urql
//! graphcache's keys and pagination, GraphQL Code Generator's scalars) are
//! run as printed by `web/tests/clients.mjs` against a real server with the
//! seeds, so a recipe that stops working fails here. Without
//! `web/clients/node_modules` the test is skipped with its reason printed, except
//! under `CI`, where it fails.

use std::path::Path;
use std::process::Command;

use crate::helpers::TestServer;

#[test]
fn the_readme_client_recipes_page_merge_and_type_check_against_the_seeds() {
    let web = Path::new(env!("CARGO_MANIFEST_DIR")).join("web");
    if !web.join("clients/node_modules/@apollo/client").exists() {
        let why = "missing web/clients/node_modules (`cd web/clients && npm ci`)";
        assert!(
            std::env::var_os("CI").is_none(),
            "the client recipes: {why}"
        );
        eprintln!("skipped: the client recipes: {why}");
        return;
    }
    let s = TestServer::with_seeds();
    let out = Command::new("timeout")
        .args(["180", "node"])
        .arg(web.join("tests/clients.mjs"))
        .arg(&s.base)
        .output()
        .expect("node runs (Node 20 or later)");
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    assert!(out.status.success(), "{}\n{stdout}{stderr}", out.status);
    let line = stdout.lines().last().unwrap_or_default();
    let got: serde_json::Value = serde_json::from_str(line).expect(&stdout);
    let expected = serde_json::json!({
        "apollo": {"works": 20, "distinct": 20, "coauthors": 104, "authorsIntact": true, "warnings": []},
        "apolloWithout": {"works": 10, "coauthors": 100, "warnings": 0},
        "urql": {"works": 20, "distinct": 20, "coauthors": 104, "warnings": []},
        "coauthorCount": 104,
        "codegen": {"partialDate": true, "json": true, "typeChecked": true},
    });
    assert_eq!(got, expected, "{stdout}{stderr}");
}

/// The object types of `schema.graphql` that have no `id: ID!` field.
fn idless_types(sdl: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current: Option<(String, bool)> = None;
    for line in sdl.lines() {
        if let Some(rest) = line.strip_prefix("type ") {
            let name = rest.split([' ', '{']).next().unwrap_or_default();
            current = Some((name.to_string(), false));
        } else if line.trim() == "id: ID!" {
            if let Some(c) = current.as_mut() {
                c.1 = true;
            }
        } else if line.starts_with('}') {
            if let Some((name, has_id)) = current.take() {
                if !has_id && !["Query", "Mutation", "Subscription"].contains(&name.as_str()) {
                    out.push(name);
                }
            }
        }
    }
    out.sort();
    out
}

/// The quoted type names of the README's urql `keys` list.
fn urql_keys(readme: &str) -> Vec<String> {
    let recipe = readme
        .split("<!-- recipe:urql -->")
        .nth(1)
        .and_then(|r| r.split("<!-- /recipe -->").next())
        .expect("the README has the urql recipe");
    let list = recipe
        .split("const keys = Object.fromEntries(")
        .nth(1)
        .and_then(|r| r.split(']').next())
        .expect("the urql recipe lists its keys");
    let mut names: Vec<String> = list
        .split('"')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect();
    names.sort();
    names
}

#[test]
fn the_urql_recipe_names_every_object_type_without_an_id() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let sdl = std::fs::read_to_string(root.join("schema.graphql")).unwrap();
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let want = idless_types(&sdl);
    assert!(want.contains(&"Authorship".to_string()), "{want:?}");
    assert_eq!(
        urql_keys(&readme),
        want,
        "README's urql `keys` must list exactly the schema's object types without `id`"
    );
}
