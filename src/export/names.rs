//! Names and keys every citation format needs: a printed name split into
//! family and given parts ("Benjamin Van Roy" → Van Roy, Benjamin), and a
//! stable, unique citation key per work (`lei2020predicting`).

use std::collections::HashMap;

use super::model::ExportWork;
use crate::domain::name::slugify;

/// A person's name in parts. `family` alone when the name is one word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameParts {
    pub family: String,
    pub given: Option<String>,
}

/// Words that open a family name ("van", "von", "de la").
const PARTICLES: &[&str] = &[
    "van", "von", "der", "den", "de", "del", "della", "di", "da", "du", "dos", "das", "la", "le",
    "ter", "ten", "bin", "al",
];

/// Splits a name as printed: "Family, Given" as given; otherwise the last
/// word is the family name, with the particles before it ("Van Roy", "de
/// la Torre"). An equal-contribution mark (`*`) is not part of a name.
pub fn split(printed: &str) -> NameParts {
    let name = printed.trim().trim_end_matches('*').trim();
    if let Some((family, given)) = name.split_once(',') {
        let given = given.trim();
        return NameParts {
            family: family.trim().to_string(),
            given: (!given.is_empty()).then(|| given.to_string()),
        };
    }
    let words: Vec<&str> = name.split_whitespace().collect();
    let Some((last, rest)) = words.split_last() else {
        return NameParts {
            family: name.to_string(),
            given: None,
        };
    };
    let mut start = rest.len();
    while start > 1 && PARTICLES.contains(&rest[start - 1].to_lowercase().as_str()) {
        start -= 1;
    }
    let family: Vec<&str> = rest[start..].iter().chain([last]).copied().collect();
    let given = rest[..start].join(" ");
    NameParts {
        family: family.join(" "),
        given: (!given.is_empty()).then_some(given),
    }
}

/// Words a key skips when it takes the title's first word.
const STOP_WORDS: &[&str] = &[
    "a", "an", "the", "on", "of", "in", "for", "to", "and", "with", "via", "is", "are", "how",
    "what", "why", "when", "towards", "toward",
];

/// One citation key per work, in the order given: first author's family
/// name, year, first significant title word, all lowercase ASCII
/// (`lei2020predicting`); `anon` without authors, no year part without a
/// year; `a`, `b` … appended when two works would share a key. The same
/// works give the same keys.
pub fn citation_keys(works: &[ExportWork]) -> Vec<String> {
    let bases: Vec<String> = works.iter().map(base_key).collect();
    let mut total: HashMap<&str, usize> = HashMap::new();
    for b in &bases {
        *total.entry(b.as_str()).or_default() += 1;
    }
    let mut seen: HashMap<&str, usize> = HashMap::new();
    bases
        .iter()
        .map(|b| {
            if total[b.as_str()] == 1 {
                return b.clone();
            }
            let n = seen.entry(b.as_str()).or_default();
            *n += 1;
            format!("{b}{}", suffix(*n))
        })
        .collect()
}

/// `a` … `z`, then `aa` …: the n-th (1-based) of works sharing a key.
fn suffix(n: usize) -> String {
    let mut n = n;
    let mut out = Vec::new();
    while n > 0 {
        n -= 1;
        out.push(char::from(b'a' + (n % 26) as u8));
        n /= 26;
    }
    out.iter().rev().collect()
}

fn base_key(w: &ExportWork) -> String {
    let family = w
        .authors
        .first()
        .map(|a| split(&a.name).family)
        .unwrap_or_else(|| "anon".to_string());
    let year = w.work.year.map(|y| y.to_string()).unwrap_or_default();
    let word = slugify(&w.work.title)
        .split('-')
        .find(|t| !t.is_empty() && !STOP_WORDS.contains(t))
        .unwrap_or("")
        .to_string();
    let family: String = slugify(&family)
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect();
    format!("{family}{year}{word}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(family: &str, given: Option<&str>) -> NameParts {
        NameParts {
            family: family.into(),
            given: given.map(Into::into),
        }
    }

    #[test]
    fn names_split_into_family_and_given() {
        assert_eq!(split("Qi Lei"), parts("Lei", Some("Qi")));
        assert_eq!(split("Jason D. Lee*"), parts("Lee", Some("Jason D.")));
        assert_eq!(
            split("Benjamin Van Roy"),
            parts("Van Roy", Some("Benjamin"))
        );
        assert_eq!(split("Lei, Qi"), parts("Lei", Some("Qi")));
        assert_eq!(split("Plato"), parts("Plato", None));
        assert_eq!(
            split("Juan de la Torre"),
            parts("de la Torre", Some("Juan"))
        );
    }

    #[test]
    fn suffixes_count_like_spreadsheet_columns() {
        assert_eq!(suffix(1), "a");
        assert_eq!(suffix(26), "z");
        assert_eq!(suffix(27), "aa");
    }
}
