//! A person's timeline: appointments and education (and, on request, grants,
//! talks and teaching) as one chronological list. Entries are ordered by
//! start, then end, open ends last; each gets a `lane` so that overlapping
//! entries can be drawn side by side without collision (greedy interval
//! partitioning: the lowest lane free before the entry starts). Entries
//! without a start date (a talk dated "Feb 10") are left out.

use async_graphql::{Context, SimpleObject};

use super::career::{Appointment, Education, Grant, Talk, Teaching};
use super::enums::TimelineKind;
use super::error::GqlResult;
use super::loaders::*;
use super::node::Node;
use super::organization::Organization;
use super::scalars::{self, Date};
use super::{load, load_list};
use crate::domain::date::{overlaps, PartialDate};
use crate::domain::id::PersonId;
use crate::error::Error;

/// One bar of a timeline: an appointment, a degree, a grant, one
/// presentation of a talk, or a course from its first term to its last.
#[derive(SimpleObject, Clone)]
pub struct TimelineEntry {
    /// What kind of fact the entry draws.
    pub kind: TimelineKind,
    /// The label to draw: the appointment's title, the degree, the
    /// grant's name, the talk's title or the course.
    pub title: String,
    /// Where: the organization of the appointment or degree, the funder,
    /// the host of the talk or the school of the course; null when not
    /// stated.
    pub organization: Option<Organization>,
    /// When it starts, as precisely as a source states it (a course: its
    /// first term's first month). Never null: undated facts are left out.
    pub start_date: Option<Date>,
    /// When it ends (a one-time award or a talk: when it starts); null for
    /// an open entry or an end printed without a year.
    pub end_date: Option<Date>,
    /// Whether the entry is open (an appointment or degree with no end).
    pub current: bool,
    /// The row to draw it in, from 0: the lowest row free when it starts,
    /// so overlapping entries never share one.
    pub lane: i32,
    /// The appointment, education, grant, talk or teaching entry itself.
    pub subject: Node,
}

struct Draft {
    kind: TimelineKind,
    title: String,
    org: Option<i64>,
    start: Option<PartialDate>,
    end: Option<PartialDate>,
    open: bool,
    subject: Node,
}

fn d(text: &Option<String>) -> Option<PartialDate> {
    scalars::date(text).map(|d| d.0)
}

/// The timeline of `person` over the window, with the asked-for kinds.
pub async fn for_person(
    ctx: &Context<'_>,
    person: PersonId,
    from: Option<PartialDate>,
    to: Option<PartialDate>,
    kinds: &[TimelineKind],
) -> async_graphql::Result<Vec<TimelineEntry>> {
    if let (Some(f), Some(t)) = (from, to) {
        if f.first_day() > t.last_day() {
            return Err(Error::bad_input(
                "to",
                format!("the window ends ({t}) before it starts ({f})"),
            ))
            .gql();
        }
    }
    let mut drafts = Vec::new();
    for kind in kinds {
        drafts.extend(drafts_of(ctx, person, *kind).await?);
    }
    drafts.retain(|e| {
        e.start.is_some()
            && overlaps(
                e.start,
                if e.open { None } else { e.end.or(e.start) },
                from,
                to,
            )
    });
    drafts.sort_by(|a, b| {
        a.start
            .cmp(&b.start)
            .then_with(|| a.open.cmp(&b.open))
            .then_with(|| a.end.cmp(&b.end))
            .then_with(|| a.title.cmp(&b.title))
    });
    let lanes = assign_lanes(
        &drafts
            .iter()
            .map(|e| (e.start, e.end, e.open))
            .collect::<Vec<_>>(),
    );
    let mut out = Vec::with_capacity(drafts.len());
    for (e, lane) in drafts.into_iter().zip(lanes) {
        let organization = match e.org {
            Some(id) => load(ctx, OrganizationById(id)).await?.map(Organization),
            None => None,
        };
        out.push(TimelineEntry {
            kind: e.kind,
            title: e.title,
            organization,
            start_date: e.start.map(Date),
            end_date: if e.open { None } else { e.end.map(Date) },
            current: e.open,
            lane: lane as i32,
            subject: e.subject,
        });
    }
    Ok(out)
}

async fn drafts_of(
    ctx: &Context<'_>,
    person: PersonId,
    kind: TimelineKind,
) -> async_graphql::Result<Vec<Draft>> {
    let id = person.0;
    Ok(match kind {
        TimelineKind::Appointment => load_list(ctx, AppointmentsOfPerson(id))
            .await?
            .into_iter()
            .map(|a| Draft {
                kind,
                title: a.title.clone(),
                org: Some(a.organization_id.0),
                start: d(&a.start_date),
                end: d(&a.end_date),
                open: a.end_date.is_none() && a.end_raw.is_none(),
                subject: Node::Appointment(Appointment(a)),
            })
            .collect(),
        TimelineKind::Education => load_list(ctx, EducationOfPerson(id))
            .await?
            .into_iter()
            .map(|e| Draft {
                kind,
                title: e.degree.clone(),
                org: Some(e.organization_id.0),
                start: d(&e.start_date),
                end: d(&e.end_date),
                open: e.end_date.is_none() && e.end_raw.is_none(),
                subject: Node::Education(Education(e)),
            })
            .collect(),
        // An award without an end is a point in time, not an open interval.
        TimelineKind::Grant => load_list(ctx, AwardsOfPerson(id))
            .await?
            .into_iter()
            .map(|g| Draft {
                kind,
                title: g.title.clone(),
                org: g.funder_id.map(|f| f.0),
                start: d(&g.start_date),
                end: d(&g.end_date).or(d(&g.start_date)),
                open: false,
                subject: Node::Grant(Grant(g)),
            })
            .collect(),
        TimelineKind::Talk => {
            let mut out = Vec::new();
            for t in load_list(ctx, TalksOfPerson(id)).await? {
                for p in load_list(ctx, PresentationsOfTalk(t.id.0)).await? {
                    out.push(Draft {
                        kind,
                        title: t.title.clone(),
                        org: p.host_id.map(|h| h.0),
                        start: d(&p.date),
                        end: d(&p.date),
                        open: false,
                        subject: Node::Talk(Talk(t.clone())),
                    });
                }
            }
            out
        }
        TimelineKind::Teaching => {
            let mut out = Vec::new();
            for t in load_list(ctx, TeachingOfPerson(id)).await? {
                let terms = load_list(ctx, TermsOfTeaching(t.id.0)).await?;
                let start = terms
                    .first()
                    .and_then(|(s, y)| term_months(s, *y).map(|m| m.0));
                let end = terms
                    .last()
                    .and_then(|(s, y)| term_months(s, *y).map(|m| m.1));
                out.push(Draft {
                    kind,
                    title: t.course.clone(),
                    org: t.organization_id.map(|o| o.0),
                    start,
                    end,
                    open: false,
                    subject: Node::Teaching(Teaching(t)),
                });
            }
            out
        }
    })
}

/// First and last month of an academic term.
fn term_months(season: &str, year: i32) -> Option<(PartialDate, PartialDate)> {
    let (a, b, end_year) = match season {
        "spring" => (1, 5, year),
        "summer" => (6, 8, year),
        "fall" => (9, 12, year),
        "winter" => (12, 2, year + 1),
        _ => return None,
    };
    Some((
        PartialDate::from_year_month(year, a)?,
        PartialDate::from_year_month(end_year, b)?,
    ))
}

/// Greedy lanes for entries sorted by start: each takes the lowest lane
/// whose last entry ended before it starts (at the dates' precision).
fn assign_lanes(entries: &[(Option<PartialDate>, Option<PartialDate>, bool)]) -> Vec<usize> {
    // Per lane: None = busy for ever (open), Some(end) = free after `end`.
    let mut lanes: Vec<Option<PartialDate>> = Vec::new();
    let mut out = Vec::with_capacity(entries.len());
    for (start, end, open) in entries {
        let free = lanes.iter().position(|lane| match (lane, start) {
            (Some(lane_end), Some(s)) => lane_end.last_day() < s.first_day(),
            _ => false,
        });
        let busy_until = if *open { None } else { end.or(*start) };
        let lane = match free {
            Some(i) => {
                lanes[i] = busy_until;
                i
            }
            None => {
                lanes.push(busy_until);
                lanes.len() - 1
            }
        };
        out.push(lane);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Option<PartialDate> {
        Some(s.parse().unwrap())
    }

    #[test]
    fn overlapping_entries_get_different_lanes_and_later_ones_reuse_free_lanes() {
        let lanes = assign_lanes(&[
            (p("2014-08"), p("2020-05"), false), // PhD
            (p("2019-05"), p("2019-08"), false), // overlaps the PhD
            (p("2019-09"), p("2020-07"), false), // lane 1 is free again
            (p("2020-07"), None, true),          // touches 2020-07: lane 1 busy, PhD ended 2020-05
            (p("2020-08"), p("2021-02"), false), // lane 0 is open for ever, lane 1 busy to 2020-07
            (p("2020-09"), p("2020-10"), false), // both busy: a new lane
        ]);
        assert_eq!(lanes, [0, 1, 1, 0, 1, 2]);
    }

    #[test]
    fn terms_cover_their_months() {
        let (a, b) = term_months("fall", 2024).unwrap();
        assert_eq!(
            (a.to_string(), b.to_string()),
            ("2024-09".into(), "2024-12".into())
        );
        assert!(term_months("monsoon", 2024).is_none());
    }
}
