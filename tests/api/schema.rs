//! `schema.graphql` is exactly the SDL the server serves.

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
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_vitae"))
        .arg("schema")
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        vitae::graphql::sdl()
    );
}
