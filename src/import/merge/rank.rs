//! Display-value precedence: which kind of source wins which group of
//! fields. Kept apart because people, works and organizations all choose
//! their display values by it, and it is the one place that says whose word
//! counts for what.

/// Precedence of a source kind for a group of fields; higher wins.
/// - `Profile`: a person's own CV is the authority on who they are;
/// - `Bibliographic`: title, abstract, date, identifiers and categories come
///   best from bibliographic indexes;
/// - `Publication`: kind, venue, year, volume and pages come best from the CV
///   that states where the work was published.
#[derive(Clone, Copy)]
pub(super) enum Fields {
    Profile,
    Bibliographic,
    Publication,
}

pub(super) fn rank(kind: &str, fields: Fields) -> i32 {
    match (fields, kind) {
        (Fields::Profile, "cv") => 4,
        (Fields::Profile, "export") => 3,
        (Fields::Profile, "profile_page") => 2,
        (Fields::Bibliographic, "paper_index") => 4,
        (Fields::Bibliographic, "arxiv_listing") => 3,
        (Fields::Bibliographic, "cv" | "export") => 2,
        (Fields::Publication, "cv") => 4,
        (Fields::Publication, "export") => 3,
        (Fields::Publication, "paper_index" | "arxiv_listing") => 2,
        (_, "other") => 0,
        _ => 1,
    }
}
