//! `WorkStatement`: one source's own version of a work, typed field by
//! field. The display `Work` holds the values chosen from every source; this
//! is what each source printed (its cut abstract, its "et al." list, its
//! year), so a client can show the versions side by side without parsing
//! the untyped `statements.fact`. Read from the JSON each source's
//! attestation keeps, through the same batched loaders as `statements`.

use async_graphql::{Context, Object};

use super::enums::WorkKind;
use super::error::GqlResult;
use super::loaders::*;
use super::person::{Link, Person};
use super::scalars::{self, Date};
use super::source::Source;
use super::{load_list, load_many};
use crate::domain::id::PersonId;
use crate::import::bundle::{self, Contributor};
use crate::store::source::SourceRow;
use crate::Error;

/// The JSON an attestation of a work keeps: the work as the bundle gives it
/// and the people its author list was resolved to, in printed order, and
/// the person it is listed under (kept since `statedBy`; a store from before
/// it has it once migration 11 has merged its sources again).
#[derive(serde::Deserialize)]
struct Stored {
    work: bundle::Work,
    author_ids: Vec<i64>,
    #[serde(default)]
    listed_under_id: Option<i64>,
}

/// One source's statement of a work.
pub struct WorkStatement {
    source: SourceRow,
    work: bundle::Work,
    author_ids: Vec<i64>,
    listed_under_id: Option<i64>,
}

/// One name of a source's author list, as that source prints it.
pub struct StatedAuthor {
    position: usize,
    contributor: Contributor,
    person_id: Option<i64>,
}

/// Every source's statement of a work in source-key order, or only the one
/// of the source with key `only` (none when no such source states it).
pub async fn of_work(
    ctx: &Context<'_>,
    work: i64,
    only: Option<&str>,
) -> async_graphql::Result<Vec<WorkStatement>> {
    let said = load_list(ctx, StatementsOf("work", work)).await?;
    let mut sources: std::collections::HashMap<i64, SourceRow> =
        load_many(ctx, said.iter().map(|(s, _)| SourceById(*s)).collect())
            .await?
            .into_iter()
            .map(|row| (row.id.0, row))
            .collect();
    let mut out = Vec::new();
    for (id, data) in said {
        let Some(source) = sources.remove(&id) else {
            continue;
        };
        if only.is_some_and(|k| k != source.key) {
            continue;
        }
        let stored: Stored = serde_json::from_str(&data).map_err(Error::internal).gql()?;
        out.push(WorkStatement {
            source,
            work: stored.work,
            author_ids: stored.author_ids,
            listed_under_id: stored.listed_under_id,
        });
    }
    Ok(out)
}

/// One source's own version of a work: the values as that source prints
/// them, whichever the display `Work` chose. Fields the source does not
/// state are null (or empty, or false).
#[Object]
impl WorkStatement {
    /// The source that states the work.
    async fn source(&self) -> Source {
        Source(self.source.clone())
    }
    /// The number this source gives the work in its list, as it counts
    /// ("23." is 23, the listing's third item 3); null where it counts none
    /// (a lone thesis entry). `Source.works` lists them in this order.
    async fn position(&self) -> Option<i32> {
        self.work.position.map(|n| n as i32)
    }
    /// The heading the work sits under in this source, as printed
    /// ("Publications", "Preprints"); null where it has none.
    async fn section(&self) -> Option<&str> {
        self.work.section.as_deref()
    }
    /// The title as this source prints it.
    async fn title(&self) -> &str {
        &self.work.title
    }
    /// What kind of work this source says it is.
    async fn kind(&self) -> WorkKind {
        WorkKind::from_db(&self.work.kind)
    }
    /// Where the work appeared, as this source prints it.
    async fn venue(&self) -> Option<&str> {
        self.work.venue.as_deref()
    }
    /// The year this source gives.
    async fn year(&self) -> Option<i32> {
        self.work.year
    }
    /// The date this source gives, as precisely as it gives it; null when
    /// it prints only a date without a year (see `dateText`).
    async fn date(&self) -> Option<Date> {
        scalars::date(&self.date_parts().0)
    }
    /// The date exactly as this source prints it, where the bundle keeps
    /// the printed text ("Feb 10"); null for a plain ISO date.
    async fn date_text(&self) -> Option<String> {
        self.date_parts().1
    }
    /// The journal volume this source prints.
    async fn volume(&self) -> Option<&str> {
        self.work.volume.as_deref()
    }
    /// The journal issue this source prints.
    async fn issue(&self) -> Option<&str> {
        self.work.issue.as_deref()
    }
    /// The page range this source prints.
    async fn pages(&self) -> Option<&str> {
        self.work.pages.as_deref()
    }
    /// The DOI this source gives, bare.
    async fn doi(&self) -> Option<&str> {
        self.work.doi.as_deref()
    }
    /// The arXiv identifier this source gives.
    async fn arxiv_id(&self) -> Option<&str> {
        self.work.arxiv_id.as_deref()
    }
    /// The abstract as this source prints it, cut short where
    /// `abstractTruncated` says so.
    async fn r#abstract(&self) -> Option<&str> {
        self.work.r#abstract.as_deref()
    }
    /// Whether this source's abstract is cut short.
    async fn abstract_truncated(&self) -> bool {
        self.work.abstract_truncated
    }
    /// The arXiv categories this source prints, in its order.
    async fn categories(&self) -> &[String] {
        &self.work.categories
    }
    /// The links this source shows, in its order.
    async fn links(&self) -> Vec<Link> {
        self.work
            .links
            .iter()
            .map(|l| Link {
                kind: l.kind.clone(),
                url: l.url.clone(),
                label: l.label.clone(),
            })
            .collect()
    }
    /// The notes this source states ("Best Paper Honorable Mention"), in
    /// its order.
    async fn notes(&self) -> &[String] {
        &self.work.notes
    }
    /// Whether this source says the authors are in alphabetical order.
    async fn alphabetical(&self) -> bool {
        self.work.alphabetical
    }
    /// The author list as this source prints it, in its order; empty when
    /// the source names no authors.
    async fn authors(&self) -> Vec<StatedAuthor> {
        self.work
            .authors
            .iter()
            .enumerate()
            .map(|(i, c)| StatedAuthor {
                position: i + 1,
                contributor: c.clone(),
                person_id: self.author_ids.get(i).copied(),
            })
            .collect()
    }
    /// Whether this source cuts its author list short ("et al.").
    async fn authors_truncated(&self) -> bool {
        self.work.authors_truncated
    }
    /// The person whose list this source shows the work under (an author
    /// listing's owner), where it says so; listed is not authored.
    async fn listed_under(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Person>> {
        match self.listed_under_id {
            Some(id) => Person::load(ctx, PersonId(id)).await,
            None => Ok(None),
        }
    }
}

impl WorkStatement {
    /// The ISO value and the printed text of the source's date; `present`
    /// is neither.
    fn date_parts(&self) -> (Option<String>, Option<String>) {
        match &self.work.date {
            Some(bundle::Date::Iso(s)) if s == "present" => (None, None),
            Some(bundle::Date::Iso(s)) => (Some(s.clone()), None),
            Some(bundle::Date::Raw { raw, value }) => (value.clone(), Some(raw.clone())),
            None => (None, None),
        }
    }
}

/// One entry of a source's author list: the name as that source prints it
/// and the person it was resolved to.
#[Object]
impl StatedAuthor {
    /// The 1-based position in this source's author list.
    async fn position(&self) -> i32 {
        self.position as i32
    }
    /// The name exactly as this source prints it.
    async fn name(&self) -> &str {
        &self.contributor.name
    }
    /// Whether this source marks the author as an equal contributor.
    async fn equal_contribution(&self) -> bool {
        self.contributor.equal
    }
    /// The affiliation this source prints next to the name.
    async fn affiliation(&self) -> Option<&str> {
        self.contributor.affiliation.as_deref()
    }
    /// The person the name was resolved to when the source was imported.
    async fn person(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Person>> {
        match self.person_id {
            Some(id) => Person::load(ctx, PersonId(id)).await,
            None => Ok(None),
        }
    }
}
