//! The CLI, run as the built binary: exit codes, messages, files written,
//! and no partial write on bad input.

use std::path::Path;

use serde_json::Value;

use serde_json::json;

use crate::helpers::{seed_files, vitae};

fn db_arg(dir: &Path) -> String {
    dir.join("vitae.db").display().to_string()
}

fn import_seeds(db: &str) {
    let files: Vec<String> = seed_files()
        .iter()
        .map(|f| f.display().to_string())
        .collect();
    let mut args = vec!["--db", db, "import"];
    args.extend(files.iter().map(String::as_str));
    let (code, _, err) = vitae(&args);
    assert_eq!(code, 0, "{err}");
}

fn export(db: &str) -> String {
    let (code, out, err) = vitae(&["--db", db, "export", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    out
}

/// Writes a copy of the Lei Wu seed bundle changed by `edit`.
fn broken_bundle(dir: &Path, name: &str, edit: impl FnOnce(&mut Value)) -> String {
    let seed = seed_files()
        .into_iter()
        .find(|f| f.to_string_lossy().contains("lei-wu"))
        .unwrap();
    let mut v: Value = serde_json::from_str(&std::fs::read_to_string(seed).unwrap()).unwrap();
    edit(&mut v);
    let path = dir.join(name);
    std::fs::write(&path, serde_json::to_string_pretty(&v).unwrap()).unwrap();
    path.display().to_string()
}

/// The line (from 1) of the first line of `file` that contains `needle`.
fn line_with(file: &str, needle: &str) -> usize {
    let text = std::fs::read_to_string(file).unwrap();
    text.lines().position(|l| l.contains(needle)).unwrap() + 1
}

fn assert_refused(db: &str, file: &str, expect: &[&str]) {
    let before = export(db);
    let (code, out, err) = vitae(&["--db", db, "import", file]);
    assert_eq!(code, 2, "stdout {out} stderr {err}");
    for e in expect {
        assert!(err.contains(e), "stderr should contain {e:?}: {err}");
    }
    assert_eq!(export(db), before, "a refused import changed the store");
}

#[test]
fn malformed_json_names_file_line_and_column_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_arg(dir.path());
    import_seeds(&db);
    let path = dir.path().join("bad.json");
    std::fs::write(
        &path,
        "{\n  \"format\": \"vitae-bundle/1\",\n  \"source\": {,\n}",
    )
    .unwrap();
    assert_refused(
        &db,
        &path.display().to_string(),
        &["bad.json:3:", "malformed JSON"],
    );
}

#[test]
fn a_schema_violation_names_the_json_path() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_arg(dir.path());
    import_seeds(&db);
    let file = broken_bundle(dir.path(), "kind.json", |v| {
        v["appointments"][0]["kind"] = "emperor".into()
    });
    let line = line_with(&file, "\"emperor\"");
    assert_refused(
        &db,
        &file,
        &[
            &format!("/appointments/0/kind (line {line})"),
            "does not match the bundle schema",
        ],
    );
}

#[test]
fn an_unknown_reference_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_arg(dir.path());
    import_seeds(&db);
    let file = broken_bundle(dir.path(), "ref.json", |v| {
        v["appointments"][0]["organization"] = "atlantis".into()
    });
    let line = line_with(&file, "\"atlantis\"");
    assert_refused(
        &db,
        &file,
        &[
            &format!("ref.json:{line}: /appointments/0/organization"),
            "no organization with key `atlantis`",
        ],
    );
}

#[test]
fn an_impossible_date_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_arg(dir.path());
    import_seeds(&db);
    let file = broken_bundle(dir.path(), "date.json", |v| {
        v["appointments"][0]["start"] = "2020-13".into()
    });
    assert_refused(
        &db,
        &file,
        &[
            "/appointments/0/start",
            "\"2020-13\" is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD",
        ],
    );
    let file = broken_bundle(dir.path(), "feb.json", |v| {
        v["appointments"][0]["start"] = "2019-02-29".into()
    });
    assert_refused(
        &db,
        &file,
        &[
            "/appointments/0/start",
            "`2019-02-29` is not a date: there is no such day",
        ],
    );
}

#[test]
fn one_slug_for_two_people_or_one_author_listed_twice_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_arg(dir.path());
    import_seeds(&db);
    let file = broken_bundle(dir.path(), "slugs.json", |v| {
        let slug = v["people"][0]["slug"].clone();
        v["people"][1]["slug"] = slug;
    });
    assert_refused(
        &db,
        &file,
        &["/people/1/slug", "is already the slug of /people/0"],
    );
    let file = broken_bundle(dir.path(), "twice.json", |v| {
        let first = v["works"][0]["authors"][0].clone();
        v["works"][0]["authors"].as_array_mut().unwrap().push(first);
    });
    assert_refused(
        &db,
        &file,
        &["/works/0/authors/", "is already author 0 of this work"],
    );
}

#[test]
fn a_failing_file_in_a_batch_keeps_the_files_before_it() {
    // Each file is one transaction: the good file lands, the bad one does not.
    let dir = tempfile::tempdir().unwrap();
    let db = db_arg(dir.path());
    let good = seed_files()[0].display().to_string();
    let bad = broken_bundle(dir.path(), "bad.json", |v| {
        v["works"][0]["authors"][0]["person"] = "ghost".into()
    });
    let later = seed_files()[1].display().to_string();
    let (code, _, err) = vitae(&["--db", &db, "import", &good, &bad, &later]);
    assert_eq!(code, 2);
    assert!(
        err.contains("imported")
            && err.contains("no person with key `ghost`")
            && err.contains("1 later file(s) not imported"),
        "{err}"
    );
    let exported: Value = serde_json::from_str(&export(&db)).unwrap();
    assert_eq!(exported["bundles"].as_array().unwrap().len(), 1);
}

#[test]
fn importing_the_same_bundles_twice_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_arg(dir.path());
    import_seeds(&db);
    let once = export(&db);
    let counts = table_counts(&db);
    import_seeds(&db);
    assert_eq!(export(&db), once);
    assert_eq!(table_counts(&db), counts);
}

fn table_counts(db: &str) -> Vec<(String, i64)> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'search_index%' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    tables
        .into_iter()
        .map(|t| {
            let n: i64 = conn
                .query_row(&format!("SELECT count(*) FROM \"{t}\""), [], |r| r.get(0))
                .unwrap();
            (t, n)
        })
        .collect()
}

#[test]
fn export_then_import_into_a_fresh_database_gives_the_same_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_arg(dir.path());
    import_seeds(&db);
    let out = dir.path().join("export.json");
    let (code, _, err) = vitae(&[
        "--db",
        &db,
        "export",
        "--format",
        "json",
        "--out",
        &out.display().to_string(),
    ]);
    assert_eq!(code, 0, "{err}");
    let first = std::fs::read_to_string(&out).unwrap();
    let db2 = dir.path().join("fresh.db").display().to_string();
    let (code, _, err) = vitae(&["--db", &db2, "import", &out.display().to_string()]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(export(&db2), first);
    assert_eq!(table_counts(&db2), table_counts(&db));
}

#[test]
fn every_command_creates_and_migrates_a_new_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_arg(dir.path());
    let (code, out, _) = vitae(&["--db", &db, "export", "--format", "json"]);
    assert_eq!(code, 0);
    assert_eq!(
        out,
        "{\n  \"format\": \"vitae-export/1\",\n  \"bundles\": []\n}\n"
    );
    let conn = rusqlite::Connection::open(&db).unwrap();
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(version, vitae::store::migrate::FILES.len() as i64);
    assert_eq!(version, 11);
}

#[test]
fn check_reports_findings_with_sources_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_arg(dir.path());
    import_seeds(&db);
    let (code, out, _) = vitae(&["--db", &db, "check"]);
    assert_eq!(code, 1, "{out}");
    let open = out
        .lines()
        .find(|l| l.starts_with("open-end-in-closed-parent:"))
        .expect(&out);
    assert!(
        open.contains("Associate Research Scholar")
            && open.contains("[sources: seed-000-qi-lei-cv]"),
        "{open}"
    );
    let dup = out
        .lines()
        .find(|l| l.starts_with("likely-duplicate-work:"))
        .expect(&out);
    assert!(
        dup.contains("Nuclear-norm Ball") && dup.contains("Nuclear-norm Balls"),
        "{dup}"
    );
    // The arXiv listing's four works whose authors no source names.
    let unknown: Vec<&str> = out
        .lines()
        .filter(|l| l.starts_with("authors-unknown:"))
        .collect();
    assert_eq!(unknown.len(), 4, "{out}");
    assert!(unknown
        .iter()
        .all(|l| l.contains("no source names its authors")
            && l.contains("seed-001-qi-lei-arxiv-listing")));
    assert!(
        unknown.iter().any(|l| l
            .contains("“Hybridization theory for plasmon resonance in metallic nanostructures”")),
        "{out}"
    );
}

#[test]
fn check_finds_bad_intervals_and_one_name_spelled_two_ways() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_arg(dir.path());
    let author = |name: &str, person: &str| json!({ "name": name, "person": person });
    let bundle = json!({
        "format": "vitae-bundle/1",
        "source": { "key": "messy", "title": "A messy CV", "kind": "cv" },
        "people": [
            { "key": "ann", "slug": "ann-doe", "name": "Ann Doe" },
            { "key": "jdl", "slug": "j-d-lane", "name": "J. D. Lane" },
            { "key": "jason", "slug": "jason-lane", "name": "Jason D Lane" },
            { "key": "yifei", "slug": "yifei-tang", "name": "Yifei Tang" },
            { "key": "yisen", "slug": "yisen-tang", "name": "Yisen Tang" }
        ],
        "organizations": [{ "key": "u", "name": "Some University", "kind": "university" }],
        "appointments": [
            { "key": "backwards", "person": "ann", "organization": "u", "title": "Lecturer",
              "kind": "faculty", "start": "2015", "end": "2012" },
            { "key": "block", "person": "ann", "organization": "u", "title": "Fellow",
              "kind": "fellowship", "start": "2016-09", "end": "2018-06" },
            { "key": "early", "person": "ann", "organization": "u", "title": "Research Fellow",
              "kind": "postdoc", "start": "2016-01", "end": "2017", "parent": "block" }
        ],
        "works": [
            { "key": "w1", "title": "One", "kind": "preprint", "year": 2020,
              "authors": [author("Ann Doe", "ann"), author("J. D. Lane", "jdl"), author("Yifei Tang", "yifei")] },
            { "key": "w2", "title": "Two", "kind": "preprint", "year": 2021,
              "authors": [author("Ann Doe", "ann"), author("Jason D Lane", "jason"), author("Yisen Tang", "yisen")] }
        ]
    });
    let file = dir.path().join("messy.json");
    std::fs::write(&file, bundle.to_string()).unwrap();
    let (code, _, err) = vitae(&["--db", &db, "import", &file.display().to_string()]);
    assert_eq!(code, 0, "{err}");
    let (code, out, _) = vitae(&["--db", &db, "check"]);
    assert_eq!(code, 1, "{out}");
    let lines: Vec<&str> = out.lines().collect();
    let line = |code: &str| -> Vec<&str> {
        lines
            .iter()
            .copied()
            .filter(|l| l.starts_with(code))
            .collect()
    };
    let backwards = line("ends-before-start:");
    assert_eq!(backwards.len(), 1, "{out}");
    assert!(backwards[0].contains("Lecturer") && backwards[0].ends_with("[sources: messy]"));
    let early = line("starts-before-parent:");
    assert_eq!(early.len(), 1, "{out}");
    assert!(early[0].contains("Research Fellow") && early[0].contains("2016-09"));
    let people = line("likely-duplicate-person:");
    assert_eq!(people.len(), 1, "{out}");
    assert!(people[0].contains("J. D. Lane") && people[0].contains("Jason D Lane"));
}

#[test]
fn an_unreadable_file_and_a_bad_flag_exit_2_with_a_message() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_arg(dir.path());
    let (code, _, err) = vitae(&["--db", &db, "import", "/no/such/file.json"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("vitae: /no/such/file.json: cannot read the file"),
        "{err}"
    );
    let (code, _, err) = vitae(&["--db", &db, "export", "--format", "docx"]);
    assert_eq!(code, 2);
    assert!(err.contains("invalid value 'docx'"), "{err}");
}

#[test]
fn serve_refuses_limits_out_of_range_before_it_listens() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_arg(dir.path());
    for (flag, value, reason) in [
        ("--max-running", "0", "0 is not in 1..=10000"),
        ("--max-queued", "-1", "unexpected argument '-1'"),
        ("--max-queued", "many", "invalid digit found in string"),
        ("--request-timeout", "0", "0 is not in 1..=3600"),
        ("--request-timeout", "1.5", "invalid digit found in string"),
    ] {
        let (code, out, err) = vitae(&["--db", &db, "serve", "--port", "0", flag, value]);
        assert_eq!(code, 2, "{flag} {value}: {out} {err}");
        assert!(err.contains(reason), "{flag} {value}: {err}");
        if !value.starts_with('-') {
            assert!(
                err.contains(&format!("invalid value '{value}' for '{flag}")),
                "{err}"
            );
        }
    }
}

#[test]
fn a_ten_megabyte_title_gives_an_error_line_under_a_kilobyte_naming_the_field() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_arg(dir.path());
    let file = broken_bundle(dir.path(), "big.json", |v| {
        v["works"][0]["title"] = json!("x".repeat(10_000_000));
    });
    let (code, _, err) = vitae(&["--db", &db, "import", &file]);
    assert_eq!(code, 2, "{}", &err[..err.len().min(2000)]);
    let line = err.lines().last().unwrap();
    assert!(line.len() < 1024, "{} bytes", line.len());
    let at = line_with(&file, "\"title\": \"xxx");
    assert!(
        line.contains(&format!("/works/0/title (line {at}): \"xxxxx")),
        "{line}"
    );
    assert!(
        line.ends_with("x… (10000000 bytes)\" is longer than 20000 characters"),
        "{line}"
    );
}

#[test]
fn a_bundle_wrapped_in_an_array_is_refused_in_one_short_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_arg(dir.path());
    let seed = seed_files().into_iter().next().unwrap();
    let text = std::fs::read_to_string(&seed).unwrap();
    let path = dir.path().join("wrapped.json");
    std::fs::write(&path, format!("[{text}]")).unwrap();
    let (code, _, err) = vitae(&["--db", &db, "import", &path.display().to_string()]);
    assert_eq!(code, 2);
    let line = err.lines().last().unwrap();
    assert!(line.len() < 1024, "{} bytes", line.len());
    // The size is that of the value as the validator printed it (compact
    // JSON), not of the file.
    let compact: Value = serde_json::from_str(&format!("[{text}]")).unwrap();
    let size = serde_json::to_string(&compact).unwrap().len();
    assert!(
        line.starts_with("vitae: ")
            && line.contains("wrapped.json: does not match the bundle schema: the top level (line 1): [{\"format\":\"vitae-bundle/1\""),
        "{line}"
    );
    assert!(
        line.ends_with(&format!("… ({size} bytes) is not of type \"object\"")),
        "{line}"
    );
}

#[test]
fn bidi_and_control_characters_in_a_value_are_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_arg(dir.path());
    let file = broken_bundle(dir.path(), "bidi.json", |v| {
        v["works"][1]["authors"][0]["person"] = json!("evil\u{202e}gpj.exe\u{1b}[2J");
    });
    let (code, _, err) = vitae(&["--db", &db, "import", &file]);
    assert_eq!(code, 2);
    assert!(err.contains("/works/1/authors/0/person (line "), "{err}");
    assert!(
        err.contains("\"evil\\u{202e}gpj.exe\\u{1b}[2J\" does not match"),
        "{err}"
    );
    assert!(
        !err.contains('\u{202e}') && !err.contains('\u{1b}'),
        "{err}"
    );
}
