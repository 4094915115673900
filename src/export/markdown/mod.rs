//! A CV in Markdown (CommonMark), laid out like the seed CVs: contact,
//! interests, experience, education (advisors, thesis), grants and awards
//! (amounts as printed, roles), publications by kind (the person's own
//! name in **bold**, `*` after equal contributors, notes such as "oral" in
//! parentheses), patents, teaching, talks with every presentation, and
//! service. Every text from the store is escaped, so a title with `*` or
//! `_` stays literal. Markdown cannot carry what a reader would not see:
//! identifiers beyond a link, abstracts and provenance are left out.

mod text;

use std::fmt::Write;

use super::csl::url;
use super::model::{Appointment, Education, ExportWork, Grant, Profile, Talk};
use crate::Result;
use text::{capitalize, escape, names, span, target, when};

/// The profile as a Markdown CV, ending in a newline.
pub fn write(p: &Profile) -> Result<String> {
    let mut md = Cv {
        out: String::new(),
        profile: p,
    };
    md.header();
    md.section("Research interests", &interests(p));
    // Newest first, as a CV reads; the store gives them oldest first.
    md.section(
        "Experience",
        &p.appointments
            .iter()
            .rev()
            .map(appointment)
            .collect::<Vec<_>>(),
    );
    md.section(
        "Education",
        &p.education.iter().rev().map(education).collect::<Vec<_>>(),
    );
    md.section(
        "Grants and awards",
        &p.grants.iter().map(grant).collect::<Vec<_>>(),
    );
    md.publications();
    md.section("Patents", &md.patents());
    md.section(
        "Teaching",
        &p.teaching.iter().map(teaching).collect::<Vec<_>>(),
    );
    md.section("Talks", &p.talks.iter().map(talk).collect::<Vec<_>>());
    md.section(
        "Service",
        &p.service.iter().map(service).collect::<Vec<_>>(),
    );
    Ok(md.out)
}

/// The kinds of work in the order a CV lists them, with their headings.
const KINDS: &[(&str, &str)] = &[
    ("journal_article", "Journal articles"),
    ("conference_paper", "Conference papers"),
    ("workshop_paper", "Workshop papers"),
    ("preprint", "Preprints"),
    ("book", "Books"),
    ("chapter", "Book chapters"),
    ("report", "Reports"),
    ("thesis", "Thesis"),
    ("other", "Other works"),
];

struct Cv<'a> {
    out: String,
    profile: &'a Profile,
}

impl Cv<'_> {
    fn header(&mut self) {
        let p = &self.profile.person;
        self.out.push_str(&format!("# {}\n\n", escape(&p.name)));
        let mut contact: Vec<String> = self
            .profile
            .emails
            .iter()
            .map(|e| format!("<{e}>"))
            .collect();
        contact.extend(self.profile.links.iter().filter_map(|l| {
            let url = l.url.as_ref()?;
            let label = l.label.clone().unwrap_or_else(|| l.kind.clone());
            Some(format!("[{}](<{}>)", escape(&label), target(url)))
        }));
        if !contact.is_empty() {
            self.out.push_str(&format!("{}\n\n", contact.join(" · ")));
        }
        if let Some(s) = &p.summary {
            self.out.push_str(&format!("{}\n\n", escape(s)));
        }
    }

    /// A `##` section of list items; nothing when there are none.
    fn section(&mut self, title: &str, items: &[String]) {
        if items.is_empty() {
            return;
        }
        self.out.push_str(&format!("## {title}\n\n"));
        for i in items {
            self.out.push_str(&format!("- {i}\n"));
        }
        self.out.push('\n');
    }

    fn publications(&mut self) {
        let works = &self.profile.works;
        if works.is_empty() {
            return;
        }
        self.out.push_str("## Publications\n\n");
        if works.iter().any(|w| w.authors.iter().any(|a| a.equal)) {
            self.out.push_str("\\* equal contribution\n\n");
        }
        for (kind, heading) in KINDS {
            let of_kind: Vec<&ExportWork> = works
                .iter()
                .filter(|w| w.work.kind == *kind || (*kind == "other" && !known_kind(&w.work.kind)))
                .collect();
            if of_kind.is_empty() {
                continue;
            }
            self.out.push_str(&format!("### {heading}\n\n"));
            for (n, w) in of_kind.iter().enumerate() {
                let line = self.publication(w);
                let _ = writeln!(self.out, "{}. {line}", n + 1);
            }
            self.out.push('\n');
        }
    }

    /// Authors, "title", *venue*, year, notes: the person in bold.
    fn publication(&self, w: &ExportWork) -> String {
        let row = &w.work;
        let mut parts = vec![self.authors(w), format!("“{}”", escape(&row.title))];
        if let Some(v) = &row.venue {
            let mut venue = format!("*{}*", escape(v));
            if let Some(vol) = &row.volume {
                venue.push_str(&format!(" {}", escape(vol)));
                if let Some(i) = &row.issue {
                    venue.push_str(&format!("({})", escape(i)));
                }
            }
            if let Some(pages) = &row.pages {
                venue.push_str(&format!(", {}", escape(pages)));
            }
            parts.push(venue);
        }
        if let Some(y) = row.year {
            parts.push(y.to_string());
        }
        let mut line = parts.join(". ");
        line.push('.');
        if row.alphabetical {
            line.push_str(" (alphabetical order)");
        }
        for n in &w.notes {
            line.push_str(&format!(" ({})", escape(n)));
        }
        if let Some(u) = url(w) {
            line.push_str(&format!(" [link](<{}>)", target(&u)));
        }
        line
    }

    fn authors(&self, w: &ExportWork) -> String {
        if !w.authors_known() {
            return "Authors unknown".to_string();
        }
        let mut names: Vec<String> = w
            .authors
            .iter()
            .map(|a| {
                let name = escape(a.name.trim_end_matches('*').trim());
                let name = if a.slug == self.profile.person.slug {
                    format!("**{name}**")
                } else {
                    name
                };
                if a.equal {
                    format!("{name}\\*")
                } else {
                    name
                }
            })
            .collect();
        if w.work.authors_truncated {
            names.push("et al.".to_string());
        }
        names.join(", ")
    }

    fn patents(&self) -> Vec<String> {
        let p = self.profile;
        let own = |n: &str| n == p.person.name || p.aliases.iter().any(|a| a == n);
        p.patents
            .iter()
            .map(|pat| {
                let inventors: Vec<String> = pat
                    .inventors
                    .iter()
                    .map(|n| {
                        if own(n) {
                            format!("**{}**", escape(n))
                        } else {
                            escape(n)
                        }
                    })
                    .collect();
                let mut line = format!("{}. *{}*", inventors.join(", "), escape(&pat.row.title));
                for e in [&pat.row.number, &pat.row.status].into_iter().flatten() {
                    line.push_str(&format!(", {}", escape(e)));
                }
                if let Some(d) = when(&pat.row.date, &pat.row.date_raw) {
                    line.push_str(&format!(", {d}"));
                }
                line
            })
            .collect()
    }
}

fn known_kind(kind: &str) -> bool {
    KINDS.iter().any(|(k, _)| *k == kind && *k != "other")
}

fn interests(p: &Profile) -> Vec<String> {
    p.interests.iter().map(|(_, t)| escape(t)).collect()
}

fn appointment(a: &Appointment) -> String {
    let mut line = format!("**{}**, {}", escape(&a.row.title), escape(&a.organization));
    line.push_str(&span(
        when(&a.row.start_date, &a.row.start_raw),
        when(&a.row.end_date, &a.row.end_raw),
    ));
    if !a.mentors.is_empty() {
        line.push_str(&format!(". Mentor: {}", names(&a.mentors)));
    }
    if let Some(d) = &a.row.description {
        line.push_str(&format!(". {}", escape(d)));
    }
    line
}

fn education(e: &Education) -> String {
    let mut line = format!("**{}**", escape(&e.row.degree));
    if let Some(f) = &e.row.field {
        line.push_str(&format!(" in {}", escape(f)));
    }
    line.push_str(&format!(", {}", escape(&e.organization)));
    line.push_str(&span(
        when(&e.row.start_date, &e.row.start_raw),
        when(&e.row.end_date, &e.row.end_raw),
    ));
    let extras = [
        e.row.honors.clone(),
        e.row.gpa.as_ref().map(|g| format!("GPA {g}")),
        e.row.rank.as_ref().map(|r| format!("rank {r}")),
    ];
    for x in extras.iter().flatten() {
        line.push_str(&format!(", {}", escape(x)));
    }
    if !e.advisors.is_empty() {
        let advisors: Vec<String> = e.advisors.iter().map(|(_, n)| n.clone()).collect();
        line.push_str(&format!(". Advisors: {}", names(&advisors)));
    }
    if let Some(t) = &e.thesis {
        line.push_str(&format!(". Thesis: *{}*", escape(t)));
    }
    line
}

fn grant(g: &Grant) -> String {
    let r = &g.row;
    let mut line = format!("**{}**", escape(&r.title));
    if let Some(f) = &g.funder {
        line.push_str(&format!(", {}", escape(f)));
    }
    // A prize has a year, not a span: only a grant with an end runs on.
    match when(&r.end_date, &r.end_raw) {
        Some(end) => line.push_str(&span(when(&r.start_date, &r.start_raw), Some(end))),
        None => line.push_str(&span(None, when(&r.start_date, &r.start_raw))),
    }
    let amount = match (&r.amount_text, &r.amount) {
        (Some(t), _) => Some(t.clone()),
        (None, Some(a)) => Some(a.clone()),
        _ => None,
    };
    if let Some(a) = amount {
        match &r.currency {
            Some(c) => line.push_str(&format!(". Amount: {} {}", escape(&a), escape(c))),
            None => line.push_str(&format!(". Amount: {}", escape(&a))),
        }
    }
    if let Some(role) = &r.role {
        line.push_str(&format!(". Role: {}", escape(role)));
    }
    if let Some(p) = &r.project {
        line.push_str(&format!(". Project: “{}”", escape(p)));
    }
    line
}

fn teaching(t: &super::model::Teaching) -> String {
    let mut line = format!("**{}**, {}", escape(&t.row.course), escape(&t.row.role));
    if let Some(o) = &t.organization {
        line.push_str(&format!(", {}", escape(o)));
    }
    if !t.terms.is_empty() {
        let terms: Vec<String> = t
            .terms
            .iter()
            .map(|(s, y)| format!("{} {y}", capitalize(s)))
            .collect();
        line.push_str(&format!(" ({})", terms.join(", ")));
    }
    if let Some(n) = &t.row.note {
        line.push_str(&format!(". {}", escape(n)));
    }
    line
}

/// A talk and, indented under it, every time it was given.
fn talk(t: &Talk) -> String {
    let mut line = format!("“{}”", escape(&t.row.title));
    for (p, host) in &t.presentations {
        let mut parts: Vec<String> = [&p.event, host, &p.location]
            .into_iter()
            .flatten()
            .map(|s| escape(s))
            .collect();
        if let Some(d) = when(&p.date, &p.date_raw) {
            parts.push(d);
        }
        if p.r#virtual {
            parts.push("virtual".to_string());
        }
        line.push_str(&format!("\n  - {}", parts.join(", ")));
    }
    line
}

fn service(s: &super::model::Service) -> String {
    let mut line = escape(&s.row.role);
    let missing: Vec<&String> = s
        .venues
        .iter()
        .filter(|v| !s.row.role.contains(v.as_str()))
        .collect();
    if !missing.is_empty() {
        let v: Vec<String> = missing.iter().map(|v| escape(v)).collect();
        line.push_str(&format!(" ({})", v.join(", ")));
    }
    line
}
