//! The one way an error message shows a value it was given: at most
//! `QUOTE_CHARS` characters, then its size, with control and bidirectional
//! characters escaped, so that a 10 MB title or a U+202E in a key gives one
//! short line that reads the way it is stored.

/// How many characters of a value a message quotes.
pub const QUOTE_CHARS: usize = 200;

/// A value as an error message shows it: its first `QUOTE_CHARS`
/// characters, then `… (N bytes)` when there is more, with control and
/// bidirectional-override characters escaped (`\u{202e}`), so that a
/// message stays one short line whatever it was given. Callers add their own
/// quotation marks.
pub fn quote(value: &str) -> String {
    let mut out = String::new();
    let mut chars = value.char_indices();
    for (_, c) in chars.by_ref().take(QUOTE_CHARS) {
        push_escaped(&mut out, c);
    }
    if chars.next().is_some() {
        out.push_str(&format!("… ({} bytes)", value.len()));
    }
    out
}

/// `text` with control and bidirectional characters escaped, whole.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        push_escaped(&mut out, c);
    }
    out
}

fn push_escaped(out: &mut String, c: char) {
    // U+202A–U+202E and U+2066–U+2069 reorder the text around them; U+200E,
    // U+200F and U+061C are invisible direction marks.
    let bidi = matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}');
    if c.is_control() || bidi {
        out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
    } else {
        out.push(c);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_value_is_cut_with_its_size() {
        let long = "é".repeat(10_000);
        let q = quote(&long);
        assert_eq!(q, format!("{}… (20000 bytes)", "é".repeat(200)));
        assert_eq!(quote(&"a".repeat(200)), "a".repeat(200));
    }

    #[test]
    fn control_and_bidi_characters_are_escaped() {
        assert_eq!(
            quote("a\u{202e}b\nc\u{2066}"),
            "a\\u{202e}b\\u{a}c\\u{2066}"
        );
        assert_eq!(escape("x\u{1b}[31m"), "x\\u{1b}[31m");
    }
}
