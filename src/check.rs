//! Data-quality findings for `vitae check`: intervals that end before they
//! start, child appointments outside their parent's period, open ends inside
//! closed parents, likely duplicate people (similar names that share
//! co-authors) and works (near-identical titles that did not merge), works
//! whose authors no source names (served as `authorsKnown: false`: a gap to
//! fill, not a work without authors), and works whose sources' author lists
//! conflict (`authorsDisputed`). One finding per line, naming the entities
//! and the sources that state them.

use std::collections::{HashMap, HashSet};
use std::fmt;

use crate::domain::date::PartialDate;
use crate::store::{quality, Store};
use crate::Result;

/// A row id with its display text and its matching form (or slug).
type Named<'a> = &'a (i64, String, String);

/// One data-quality finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// A stable kebab-case code (`open-end-in-closed-parent`).
    pub code: &'static str,
    pub message: String,
    pub sources: Vec<String>,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code, self.message)?;
        if !self.sources.is_empty() {
            write!(f, " [sources: {}]", self.sources.join(", "))?;
        }
        Ok(())
    }
}

/// Every finding over the store, in a stable order.
pub fn run(store: &Store) -> Result<Vec<Finding>> {
    store.read(|conn| {
        let mut out = interval_findings(&quality::intervals(conn)?);
        let keys = quality::source_keys(conn)?;
        out.extend(duplicate_people(
            &quality::people(conn)?,
            &quality::coauthor_pairs(conn)?,
            &keys,
        ));
        out.extend(duplicate_works(&quality::work_titles(conn)?, &keys));
        out.extend(work_findings(
            "authors-unknown",
            &quality::works_without_authors(conn)?,
            &keys,
            "no source names its authors",
        ));
        out.extend(work_findings(
            "author-list-conflict",
            &quality::disputed_works(conn)?,
            &keys,
            "the sources' author lists disagree beyond “et al.”; \
             the list served keeps every printed name, marked cut",
        ));
        Ok(out)
    })
}

fn date(text: &Option<String>) -> Option<PartialDate> {
    text.as_deref().and_then(|t| t.parse().ok())
}

fn interval_findings(intervals: &[quality::Interval]) -> Vec<Finding> {
    let mut out = Vec::new();
    for i in intervals {
        let (start, end) = (date(&i.start), date(&i.end));
        let finding = |code, message: String| Finding {
            code,
            message,
            sources: i.sources.clone(),
        };
        if let (Some(s), Some(e)) = (start, end) {
            if e.last_day() < s.first_day() {
                out.push(finding(
                    "ends-before-start",
                    format!(
                        "{} {} “{}” ends {} before it starts {}",
                        i.entity, i.id, i.label, e, s
                    ),
                ));
            }
        }
        let Some((ps, pe, plabel)) = &i.parent else {
            continue;
        };
        let (ps, pe) = (date(ps), date(pe));
        if let (Some(s), Some(p)) = (start, ps) {
            if s.last_day() < p.first_day() {
                out.push(finding(
                    "starts-before-parent",
                    format!(
                        "{} {} “{}” starts {} before its parent “{}” starts {}",
                        i.entity, i.id, i.label, s, plabel, p
                    ),
                ));
            }
        }
        match (end, pe) {
            (None, Some(p)) if i.open => out.push(finding(
                "open-end-in-closed-parent",
                format!(
                    "{} {} “{}” has an open end inside its parent “{}”, which ends {}",
                    i.entity, i.id, i.label, plabel, p
                ),
            )),
            (Some(e), Some(p)) if e.first_day() > p.last_day() => out.push(finding(
                "ends-after-parent",
                format!(
                    "{} {} “{}” ends {} after its parent “{}” ends {}",
                    i.entity, i.id, i.label, e, plabel, p
                ),
            )),
            _ => {}
        }
    }
    out
}

/// Family name and first initial, the block two spellings of one name share.
fn name_block(name: &str) -> Option<(String, char)> {
    let norm = crate::domain::name::normalize(name);
    let words: Vec<&str> = norm.split(' ').collect();
    let family = words.last()?;
    let initial = words.first()?.chars().next()?;
    (words.len() >= 2).then(|| (family.to_string(), initial))
}

/// Whether two names can be spellings of one name: the same family name (the
/// block) and given names that agree word by word, where an initial agrees
/// with any word it begins ("J. D. Lee" ~ "Jason D Lee" ~ "Jason Lee"), a
/// missing middle name agrees with any, and one slip of the pen is forgiven
/// in a longer word ("Jianwie" ~ "Jianwei"). "Yifei" and "Yisen" share only
/// their initial, and stay apart.
fn same_name_spelled_differently(a: &str, b: &str) -> bool {
    let given = |name: &str| -> Vec<String> {
        let norm = crate::domain::name::normalize(name);
        let mut words: Vec<String> = norm.split(' ').map(str::to_string).collect();
        words.pop();
        words
    };
    let (a, b) = (given(a), given(b));
    if a.concat() == b.concat() {
        return true;
    }
    let word_agrees = |x: &str, y: &str| {
        let (short, long) = if x.len() <= y.len() { (x, y) } else { (y, x) };
        short == long
            || (short.len() == 1 && long.starts_with(short))
            || (short.len() >= 4 && strsim::osa_distance(short, long) <= 1)
    };
    !a.is_empty() && !b.is_empty() && a.iter().zip(&b).all(|(x, y)| word_agrees(x, y))
}

fn duplicate_people(
    people: &[(i64, String, String)],
    pairs: &[(i64, i64)],
    keys: &HashMap<(String, i64), Vec<String>>,
) -> Vec<Finding> {
    let mut coauthors: HashMap<i64, HashSet<i64>> = HashMap::new();
    for (a, b) in pairs {
        coauthors.entry(*a).or_default().insert(*b);
    }
    let mut blocks: HashMap<(String, char), Vec<Named>> = HashMap::new();
    for p in people {
        if let Some(block) = name_block(&p.1) {
            blocks.entry(block).or_default().push(p);
        }
    }
    let mut out = Vec::new();
    let mut sorted: Vec<_> = blocks.into_values().filter(|b| b.len() > 1).collect();
    sorted.sort_by_key(|b| b[0].0);
    for block in sorted {
        for (i, a) in block.iter().enumerate() {
            for b in &block[i + 1..] {
                let empty = HashSet::new();
                let shared = coauthors
                    .get(&a.0)
                    .unwrap_or(&empty)
                    .intersection(coauthors.get(&b.0).unwrap_or(&empty))
                    .count();
                if shared == 0 || !same_name_spelled_differently(&a.1, &b.1) {
                    continue;
                }
                let mut sources: Vec<String> = [a.0, b.0]
                    .iter()
                    .flat_map(|id| {
                        keys.get(&("person".to_string(), *id))
                            .cloned()
                            .unwrap_or_default()
                    })
                    .collect();
                sources.sort();
                sources.dedup();
                out.push(Finding {
                    code: "likely-duplicate-person",
                    message: format!(
                        "“{}” ({}) and “{}” ({}) may be one name spelled two ways and have {} co-author(s) in common",
                        a.1, a.2, b.1, b.2, shared
                    ),
                    sources,
                });
            }
        }
    }
    out
}

fn duplicate_works(
    works: &[(i64, String, String)],
    keys: &HashMap<(String, i64), Vec<String>>,
) -> Vec<Finding> {
    // Titles are compared within blocks of their first three words, so the
    // check stays near-linear on large stores.
    let mut blocks: HashMap<String, Vec<Named>> = HashMap::new();
    for w in works {
        let block: Vec<&str> = w.2.split(' ').take(3).collect();
        blocks.entry(block.join(" ")).or_default().push(w);
    }
    let mut out = Vec::new();
    let mut sorted: Vec<_> = blocks.into_values().filter(|b| b.len() > 1).collect();
    sorted.sort_by_key(|b| b[0].0);
    for block in sorted {
        for (i, a) in block.iter().enumerate() {
            for b in &block[i + 1..] {
                if strsim::normalized_levenshtein(&a.2, &b.2) < 0.95 {
                    continue;
                }
                let mut sources: Vec<String> = [a.0, b.0]
                    .iter()
                    .flat_map(|id| {
                        keys.get(&("work".to_string(), *id))
                            .cloned()
                            .unwrap_or_default()
                    })
                    .collect();
                sources.sort();
                sources.dedup();
                out.push(Finding {
                    code: "likely-duplicate-work",
                    message: format!(
                        "work {} “{}” and work {} “{}” have near-identical titles",
                        a.0, a.1, b.0, b.1
                    ),
                    sources,
                });
            }
        }
    }
    out
}

/// One finding with `code` per work, saying `what` of it, with the sources
/// that state it: `authors-unknown` (no source names an author) and
/// `author-list-conflict` (the sources' author lists disagree beyond an "et
/// al."; the list served keeps every printed name, marked cut).
fn work_findings(
    code: &'static str,
    works: &[(i64, String)],
    keys: &HashMap<(String, i64), Vec<String>>,
    what: &str,
) -> Vec<Finding> {
    works
        .iter()
        .map(|(id, title)| Finding {
            code,
            message: format!("work {id} “{title}”: {what}"),
            sources: keys
                .get(&("work".to_string(), *id))
                .cloned()
                .unwrap_or_default(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_of_one_name_agree_and_different_names_do_not() {
        for (a, b) in [
            ("Jason D. Lee", "Jason Lee"),
            ("J. D. Lee", "Jason D Lee"),
            ("Pin-Yu Chen", "Pinyu Chen"),
            ("Jianwie Li", "Jianwei Li"),
        ] {
            assert!(same_name_spelled_differently(a, b), "{a} ~ {b}");
        }
        for (a, b) in [
            ("Yifei Wang", "Yisen Wang"),
            ("Quan Zhang", "Qi Zhang"),
            ("Jianwei Li", "Jianxin Li"),
            ("Lingfei Wu", "Lemeng Wu"),
            ("Jason D. Lee", "Jason K. Lee"),
        ] {
            assert!(!same_name_spelled_differently(a, b), "{a} !~ {b}");
        }
    }

    fn interval(
        start: &str,
        end: Option<&str>,
        parent: Option<(&str, Option<&str>)>,
    ) -> quality::Interval {
        quality::Interval {
            entity: "appointment",
            id: 1,
            label: "x".into(),
            start: Some(start.into()),
            end: end.map(Into::into),
            open: end.is_none(),
            parent: parent
                .map(|(s, e)| (Some(s.to_string()), e.map(Into::into), "parent".to_string())),
            sources: vec!["s".into()],
        }
    }

    #[test]
    fn a_work_without_named_authors_is_found_with_its_sources() {
        let keys = HashMap::from([(("work".to_string(), 7), vec!["listing".to_string()])]);
        let f = work_findings(
            "authors-unknown",
            &[(7, "A Title".into())],
            &keys,
            "no source names its authors",
        );
        assert_eq!(f.len(), 1);
        assert_eq!(
            f[0].to_string(),
            "authors-unknown: work 7 “A Title”: no source names its authors [sources: listing]"
        );
    }

    #[test]
    fn an_open_child_inside_a_closed_parent_is_found() {
        let f = interval_findings(&[interval(
            "2021-09",
            None,
            Some(("2020-07", Some("2022-08"))),
        )]);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].code, "open-end-in-closed-parent");
    }

    #[test]
    fn an_end_printed_without_a_year_is_not_an_open_end() {
        let mut child = interval("2021-09", None, Some(("2020-07", Some("2022-08"))));
        child.open = false;
        assert!(interval_findings(&[child]).is_empty());
    }

    #[test]
    fn backwards_and_overhanging_intervals_are_found() {
        let f = interval_findings(&[interval(
            "2019",
            Some("2018"),
            Some(("2020-07", Some("2020-08"))),
        )]);
        let codes: Vec<&str> = f.iter().map(|f| f.code).collect();
        assert_eq!(codes, ["ends-before-start", "starts-before-parent"]);
        let f = interval_findings(&[interval(
            "2020-07",
            Some("2021"),
            Some(("2020-07", Some("2020-08"))),
        )]);
        assert_eq!(f[0].code, "ends-after-parent");
        // Same month at different precision is no finding.
        assert!(interval_findings(&[interval(
            "2020-07",
            Some("2020-07-31"),
            Some(("2020-07", Some("2020-07")))
        )])
        .is_empty());
    }
}
