//! `Person.similar`: the people most like a person, with what they share
//! in words. The ranking is the store's (`store::similar`, its weights in
//! `Weights`); the wording is here.

use async_graphql::{Context, SimpleObject};

use super::first_in_range;
use crate::domain::id::PersonId;
use crate::graphql::error::GqlResult;
use crate::graphql::person::Person;
use crate::graphql::store;
use crate::store::similar::{self, Dim, ShareRow, SimilarRow};

/// A person like another, with why.
#[derive(SimpleObject)]
pub struct SimilarPerson {
    /// The similar person.
    pub person: Person,
    /// How similar, higher is more: the sum over what the two share of 1
    /// per work they co-authored, 1 per co-author in common, 2 per
    /// top-level organization both held an appointment or studied at, 0.5
    /// per arXiv category and 0.5 per venue of an authored work of each.
    pub score: f64,
    /// What the two share, in words, what adds most to `score` first:
    /// "Co-authored 3 works", "4 co-authors in common: Jason D. Lee, …",
    /// "Shares arXiv categories cs.LG, stat.ML", "Both published in
    /// NeurIPS (3 works)" (the similar person's works there), "Both at
    /// Princeton University".
    pub reasons: Vec<String>,
}

/// The `first` people most like `person`.
pub async fn for_person(
    ctx: &Context<'_>,
    person: PersonId,
    first: i32,
) -> async_graphql::Result<Vec<SimilarPerson>> {
    let first = first_in_range("first", first).gql()?;
    let rows = store(ctx)
        .read_async(move |c| similar::for_person(c, person, first))
        .await
        .gql()?;
    let ids: Vec<PersonId> = rows.iter().map(|r| r.person).collect();
    let people = Person::load_all(ctx, &ids).await?;
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            let p = people.iter().find(|p| p.0.id == r.person)?.clone();
            Some(SimilarPerson {
                person: p,
                score: r.score,
                reasons: reasons(&r),
            })
        })
        .collect())
}

/// How many names a reason lists before "…".
const NAMED: usize = 3;

/// The reasons of a row, the kind that adds most to the score first.
fn reasons(row: &SimilarRow) -> Vec<String> {
    let mut dims: Vec<(Dim, Vec<&ShareRow>)> = Vec::new();
    for s in &row.shares {
        match dims.iter_mut().find(|(d, _)| *d == s.dim) {
            Some((_, items)) => items.push(s),
            None => dims.push((s.dim, vec![s])),
        }
    }
    let weight = |(d, items): &(Dim, Vec<&ShareRow>)| {
        let units: i64 = match d {
            Dim::Work => items.iter().map(|s| s.count).sum(),
            _ => items.len() as i64,
        };
        d.weight() * units as f64
    };
    dims.sort_by(|a, b| weight(b).total_cmp(&weight(a)).then(a.0.cmp(&b.0)));
    dims.iter().map(|(d, items)| reason(*d, items)).collect()
}

/// One kind of share in words.
fn reason(dim: Dim, items: &[&ShareRow]) -> String {
    let labels: Vec<&str> = items.iter().filter_map(|s| s.label.as_deref()).collect();
    match dim {
        Dim::Work => {
            let n: i64 = items.iter().map(|s| s.count).sum();
            format!("Co-authored {n} {}", plural(n, "work", "works"))
        }
        Dim::Coauthor => format!(
            "{} {} in common: {}",
            labels.len(),
            plural(labels.len() as i64, "co-author", "co-authors"),
            listed(&labels)
        ),
        Dim::Category => format!(
            "Shares arXiv {} {}",
            plural(labels.len() as i64, "category", "categories"),
            listed(&labels)
        ),
        Dim::Venue => {
            let venues: Vec<String> = items
                .iter()
                .filter_map(|s| {
                    let n = s.count;
                    Some(format!(
                        "{} ({n} {})",
                        s.label.as_deref()?,
                        plural(n, "work", "works")
                    ))
                })
                .collect();
            let venues: Vec<&str> = venues.iter().map(String::as_str).collect();
            format!("Both published in {}", listed(&venues))
        }
        Dim::Organization => format!("Both at {}", and_listed(&labels)),
    }
}

fn plural<'a>(n: i64, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 {
        one
    } else {
        many
    }
}

/// The first few names, comma-separated, then "…" if there are more.
fn listed(names: &[&str]) -> String {
    let mut out = names[..names.len().min(NAMED)].join(", ");
    if names.len() > NAMED {
        out.push_str(", …");
    }
    out
}

/// Names joined as a sentence does: "A", "A and B", "A, B and C".
fn and_listed(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [one] => one.to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn share(dim: Dim, label: Option<&str>, count: i64) -> ShareRow {
        ShareRow {
            dim,
            label: label.map(String::from),
            count,
        }
    }

    #[test]
    fn reasons_come_most_telling_first_in_words() {
        let row = SimilarRow {
            person: PersonId(2),
            score: 0.0,
            shares: vec![
                share(Dim::Category, Some("cs.LG"), 1),
                share(Dim::Category, Some("stat.ML"), 1),
                share(Dim::Coauthor, Some("A"), 1),
                share(Dim::Coauthor, Some("B"), 1),
                share(Dim::Coauthor, Some("C"), 1),
                share(Dim::Coauthor, Some("D"), 1),
                share(Dim::Organization, Some("Princeton University"), 1),
                share(Dim::Venue, Some("NeurIPS"), 3),
                share(Dim::Work, None, 1),
            ],
        };
        assert_eq!(
            reasons(&row),
            [
                "4 co-authors in common: A, B, C, …",
                "Both at Princeton University",
                "Co-authored 1 work",
                "Shares arXiv categories cs.LG, stat.ML",
                "Both published in NeurIPS (3 works)",
            ]
        );
    }

    #[test]
    fn organizations_are_joined_as_a_sentence() {
        assert_eq!(and_listed(&["A", "B", "C"]), "A, B and C");
        assert_eq!(and_listed(&["A", "B"]), "A and B");
    }
}
