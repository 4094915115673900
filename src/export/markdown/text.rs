//! The words of the Markdown CV: text escaped so that it reads as itself,
//! link targets that cannot end early, and dates and spans as a CV prints
//! them ("Sep 2022 – present").

pub fn names(list: &[String]) -> String {
    list.iter()
        .map(|n| escape(n))
        .collect::<Vec<_>>()
        .join(", ")
}

pub fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// A date as stored (`2022-09` → "Sep 2022"), else as printed.
pub fn when(iso: &Option<String>, raw: &Option<String>) -> Option<String> {
    match iso {
        Some(d) => Some(month_year(d)),
        None => raw.as_deref().map(escape),
    }
}

pub fn month_year(iso: &str) -> String {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let mut parts = iso.split('-');
    let year = parts.next().unwrap_or(iso);
    let month = parts
        .next()
        .and_then(|m| m.parse::<usize>().ok())
        .and_then(|m| MONTHS.get(m.wrapping_sub(1)));
    match (month, parts.next()) {
        (Some(m), Some(day)) => format!("{m} {}, {year}", day.trim_start_matches('0')),
        (Some(m), None) => format!("{m} {year}"),
        _ => year.to_string(),
    }
}

/// " (start – end)", " (since start)", " (end)" or nothing.
pub fn span(start: Option<String>, end: Option<String>) -> String {
    match (start, end) {
        (Some(s), Some(e)) if s == e => format!(" ({s})"),
        (Some(s), Some(e)) => format!(" ({s} – {e})"),
        (Some(s), None) => format!(" ({s} – present)"),
        (None, Some(e)) => format!(" ({e})"),
        (None, None) => String::new(),
    }
}

/// A URL as a link destination in `<…>`: the characters that would end
/// it percent-encoded.
pub fn target(url: &str) -> String {
    url.replace('<', "%3C")
        .replace('>', "%3E")
        .replace(' ', "%20")
        .replace('\n', "")
}

/// Text with Markdown's punctuation backslash-escaped, so it reads as
/// itself (CommonMark allows a backslash before any ASCII punctuation).
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '!' | '&' | '~'
        ) {
            out.push('\\');
        }
        out.push(if c == '\n' { ' ' } else { c });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_as_a_cv_prints_them() {
        assert_eq!(month_year("2022"), "2022");
        assert_eq!(month_year("2022-09"), "Sep 2022");
        assert_eq!(month_year("2024-02-03"), "Feb 3, 2024");
        assert_eq!(span(Some("2020".into()), None), " (2020 – present)");
        assert_eq!(span(Some("2020".into()), Some("2020".into())), " (2020)");
        assert_eq!(span(None, None), "");
    }

    #[test]
    fn markdown_punctuation_is_escaped_and_links_stay_links() {
        assert_eq!(
            escape("a*b_c [d] <e> & #1"),
            "a\\*b\\_c \\[d\\] \\<e\\> \\& \\#1"
        );
        assert_eq!(target("https://x.org/a b>c"), "https://x.org/a%20b%3Ec");
    }
}
