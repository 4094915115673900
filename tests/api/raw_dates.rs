//! Dates without a year: the raw text is kept and served, no date is
//! invented, and SQLite itself refuses a date column that is not ISO.

use serde_json::{json, Value};

use crate::helpers::TestServer;

/// A server over an empty database into which the CLI imported a bundle
/// whose appointment, education, grant, service and patent dates lack years.
fn server_with_raw_dates() -> TestServer {
    let s = TestServer::spawn();
    let bundle = json!({
        "format": "vitae-bundle/1",
        "source": { "key": "raw", "title": "A CV with dates lacking years", "kind": "cv" },
        "people": [{ "key": "p", "slug": "raw-person", "name": "Raw Person" }],
        "organizations": [{ "key": "u", "name": "Some University", "kind": "university" }],
        "appointments": [
            { "key": "a1", "person": "p", "organization": "u", "title": "Lecturer",
              "kind": "faculty", "start": { "raw": "Feb 10" }, "end": "2012" },
            { "key": "a2", "person": "p", "organization": "u", "title": "Fellow",
              "kind": "fellowship", "start": "2010", "end": { "raw": "Mar 3" } },
            { "key": "a3", "person": "p", "organization": "u", "title": "Professor",
              "kind": "faculty", "start": { "raw": "July 2015", "value": "2015-07" } }
        ],
        "education": [
            { "key": "e1", "person": "p", "organization": "u", "degree": "Ph.D.",
              "start": "2005", "end": { "raw": "Fall" } }
        ],
        "grants": [
            { "key": "g1", "person": "p", "title": "Small Grant", "kind": "grant",
              "start": { "raw": "Spring" } }
        ],
        "service": [
            { "key": "s1", "person": "p", "kind": "reviewing", "role": "Reviewer",
              "venues": ["NeurIPS"], "start": { "raw": "Jan 5" }, "end": { "raw": "Dec 1" } }
        ],
        "patents": [
            { "key": "t1", "title": "A Method", "inventors": [{ "name": "Raw Person", "person": "p" }],
              "status": "filed", "date": { "raw": "pending" } }
        ]
    });
    // Twice: a second import of the same facts changes nothing.
    s.import(&bundle);
    s.import(&bundle);
    s
}

fn by<'a>(list: &'a Value, field: &str, value: &str) -> &'a Value {
    list.as_array()
        .unwrap()
        .iter()
        .find(|v| v[field] == value)
        .unwrap_or_else(|| panic!("no {field} {value} in {list}"))
}

#[test]
fn dates_without_a_year_keep_their_text_and_invent_no_date() {
    let s = server_with_raw_dates();
    let d = s.data(
        r#"{ person(slug: "raw-person") {
               appointments { title startDate startDateText endDate endDateText current }
               education { degree startDate startDateText endDate endDateText current }
               grants { title startDate startDateText endDate endDateText }
               service { role startDate startDateText endDate endDateText }
               patents { title status date dateText } } }"#,
        json!({}),
    );
    let p = &d["person"];
    assert_eq!(p["appointments"].as_array().unwrap().len(), 3);
    assert_eq!(
        by(&p["appointments"], "title", "Lecturer"),
        &json!({ "title": "Lecturer", "startDate": null, "startDateText": "Feb 10",
                 "endDate": "2012", "endDateText": null, "current": false })
    );
    // An end printed without a year is an end: the appointment is not current.
    assert_eq!(
        by(&p["appointments"], "title", "Fellow"),
        &json!({ "title": "Fellow", "startDate": "2010", "startDateText": null,
                 "endDate": null, "endDateText": "Mar 3", "current": false })
    );
    // Raw text with a value keeps both.
    assert_eq!(
        by(&p["appointments"], "title", "Professor"),
        &json!({ "title": "Professor", "startDate": "2015-07", "startDateText": "July 2015",
                 "endDate": null, "endDateText": null, "current": true })
    );
    assert_eq!(
        p["education"],
        json!([{ "degree": "Ph.D.", "startDate": "2005", "startDateText": null,
                 "endDate": null, "endDateText": "Fall", "current": false }])
    );
    assert_eq!(
        p["grants"],
        json!([{ "title": "Small Grant", "startDate": null, "startDateText": "Spring",
                 "endDate": null, "endDateText": null }])
    );
    assert_eq!(
        p["service"],
        json!([{ "role": "Reviewer", "startDate": null, "startDateText": "Jan 5",
                 "endDate": null, "endDateText": "Dec 1" }])
    );
    assert_eq!(
        p["patents"],
        json!([{ "title": "A Method", "status": "filed", "date": null, "dateText": "pending" }])
    );
}

#[test]
fn sqlite_refuses_a_date_column_that_is_not_an_iso_date() {
    let s = server_with_raw_dates();
    let conn = rusqlite::Connection::open(&s.db).unwrap();
    for (table, column) in [
        ("appointment", "start_date"),
        ("appointment", "end_date"),
        ("education", "start_date"),
        ("award", "end_date"),
        ("service", "start_date"),
        ("patent", "date"),
        ("source", "seen"),
    ] {
        for bad in ["20-1", "Feb 10", "2020-7", "2020/07/15", "2020-07-15T00:00"] {
            let err = conn
                .execute(&format!("UPDATE {table} SET {column} = ?1"), [bad])
                .expect_err(&format!("{table}.{column} = {bad:?} was accepted"));
            assert!(
                err.to_string().contains("CHECK constraint failed"),
                "{table}.{column} = {bad:?}: {err}"
            );
        }
        for good in ["2020", "2020-07", "2020-07-15"] {
            let n = conn
                .execute(&format!("UPDATE {table} SET {column} = ?1"), [good])
                .unwrap_or_else(|e| panic!("{table}.{column} = {good:?}: {e}"));
            assert!(n > 0, "no {table} row to update");
        }
    }
}
