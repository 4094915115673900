//! What a metric's printed value means as a number. Sources print metrics
//! for people to read ("2414", "59%", "1.2k", "2,414", "L1") and Vitae keeps
//! that text as stated; a dashboard that charts a metric needs the number
//! and what it counts in. Reading the text is the domain's rule, done when
//! the value is asked for, so that the store keeps one truth (the text) and
//! a better reading applies to every stored value at once.

/// What a metric's number is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// A plain number: a count, an index, a score ("2414", "1.2k").
    Number,
    /// A percentage: the number is in percent ("59%" is 59).
    Percent,
    /// Not a number: a grade or level ("L1", "A+"), only the text says it.
    Grade,
}

/// A metric's value read as a number with its unit; `number` is `None`
/// exactly when the unit is `Grade`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Quantity {
    pub number: Option<f64>,
    pub unit: Unit,
}

/// Reads a printed value: an optional sign, digits with an optional decimal
/// point, thousands grouped by commas, thin or no-break spaces ("2,414",
/// "12 345") and a `k`/`M`/`B` multiplier ("1.2k"), or a trailing `%`. Any
/// other text is a grade. Never reads `inf`, `NaN` or an exponent: they are
/// not how a source prints a metric.
pub fn read(value: &str) -> Quantity {
    let text = value.trim();
    let (text, unit) = match text.strip_suffix('%') {
        Some(rest) => (rest.trim_end(), Unit::Percent),
        None => (text, Unit::Number),
    };
    let (text, scale) = match (unit, text.char_indices().last()) {
        (Unit::Number, Some((at, c))) => match multiplier(c) {
            Some(scale) => (&text[..at], scale),
            None => (text, 1.0),
        },
        _ => (text, 1.0),
    };
    match decimal(text) {
        Some(n) => Quantity {
            number: Some(n * scale),
            unit,
        },
        None => Quantity {
            number: None,
            unit: Unit::Grade,
        },
    }
}

/// The factor a suffix stands for: thousands, millions, billions.
fn multiplier(c: char) -> Option<f64> {
    match c {
        'k' | 'K' => Some(1e3),
        'M' => Some(1e6),
        'B' => Some(1e9),
        _ => None,
    }
}

/// A plain decimal with an optional sign and digit grouping, or `None`.
fn decimal(text: &str) -> Option<f64> {
    let unsigned = text.strip_prefix(['+', '-']).unwrap_or(text);
    let (whole, fraction) = match unsigned.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (unsigned, None),
    };
    let whole = ungrouped(whole)?;
    if let Some(f) = fraction {
        if f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
    }
    let plain = match fraction {
        Some(f) => format!("{whole}.{f}"),
        None => whole,
    };
    let sign = if text.starts_with('-') { -1.0 } else { 1.0 };
    plain.parse::<f64>().ok().map(|n| sign * n)
}

/// The digits of a whole part, with its group separators taken out: either
/// no separator at all, or one kind of separator before every group of
/// exactly three digits ("2,414", "1 234 567"; not "1,23" or "12,34,567").
fn ungrouped(whole: &str) -> Option<String> {
    let separator = whole.chars().find(|c| !c.is_ascii_digit());
    let groups: Vec<&str> = match separator {
        None => vec![whole],
        Some(s @ (',' | ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}')) => whole.split(s).collect(),
        Some(_) => return None,
    };
    let digits = |g: &str| !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit());
    let (first, rest) = groups.split_first()?;
    let grouped_right = rest.iter().all(|g| g.len() == 3 && digits(g));
    let first_right = digits(first) && (rest.is_empty() || first.len() <= 3);
    (grouped_right && first_right).then(|| groups.concat())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn number(v: &str) -> Option<f64> {
        let q = read(v);
        assert_eq!(q.number.is_none(), q.unit == Unit::Grade, "{v}");
        q.number
    }

    #[test]
    fn plain_grouped_and_scaled_numbers() {
        assert_eq!(number("2414"), Some(2414.0));
        assert_eq!(number(" 15 "), Some(15.0));
        assert_eq!(number("0"), Some(0.0));
        assert_eq!(number("2,414"), Some(2414.0));
        assert_eq!(number("1,234,567"), Some(1_234_567.0));
        assert_eq!(number("12 345"), Some(12_345.0));
        assert_eq!(number("12\u{202f}345.5"), Some(12_345.5));
        assert_eq!(number("3.25"), Some(3.25));
        assert_eq!(number("-4"), Some(-4.0));
        assert_eq!(number("+4"), Some(4.0));
        assert_eq!(number("1.2k"), Some(1200.0));
        assert_eq!(number("3M"), Some(3e6));
        assert_eq!(read("2414").unit, Unit::Number);
    }

    #[test]
    fn percentages_keep_the_number_in_percent() {
        assert_eq!(
            read("59%"),
            Quantity {
                number: Some(59.0),
                unit: Unit::Percent
            }
        );
        assert_eq!(number("12.5 %"), Some(12.5));
        assert_eq!(read("12.5 %").unit, Unit::Percent);
    }

    #[test]
    fn anything_else_is_a_grade() {
        for v in [
            "L1",
            "A+",
            "",
            "%",
            "k",
            "1,23",
            "12,34,567",
            "1,234 567",
            "1.",
            ".5",
            "1.2.3",
            "inf",
            "NaN",
            "1e5",
            "--1",
            "59%%",
            "1.2k%",
            "0x10",
            "١٢",
        ] {
            assert_eq!(
                read(v),
                Quantity {
                    number: None,
                    unit: Unit::Grade
                },
                "{v:?}"
            );
        }
    }
}
