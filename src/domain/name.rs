//! Matching forms of names and titles. Two spellings that differ only in
//! case, punctuation, spacing, diacritics or LaTeX markup fold to one form:
//! "CAT: Customized Adversarial Training" and "Cat: customized adversarial
//! training" are one title, "Jason D. Lee" and "Jason D Lee" one name.

/// The matching form of a name or title: ASCII, lower case, words of letters
/// and digits separated by single spaces, LaTeX commands and math delimiters
/// dropped.
pub fn normalize(text: &str) -> String {
    let ascii = deunicode::deunicode(&strip_latex(text));
    let mut out = String::with_capacity(ascii.len());
    for word in ascii
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&word.to_ascii_lowercase());
    }
    out
}

/// A URL slug for a name: `Qi Lei` → `qi-lei`; `Weinan E` → `weinan-e`.
pub fn slugify(text: &str) -> String {
    let slug = normalize(text).replace(' ', "-");
    if slug.is_empty() {
        "x".to_string()
    } else {
        slug
    }
}

/// Removes LaTeX commands (`\emph`, `\textit`), braces and `$`, keeping the
/// text they wrap, and turns accent commands (`{\"u}`) into their letter.
fn strip_latex(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                // A command name: letters, or one symbol such as \" or \'.
                if chars.peek().is_some_and(|n| n.is_ascii_alphabetic()) {
                    let mut command = String::new();
                    while let Some(n) = chars.next_if(|n| n.is_ascii_alphabetic()) {
                        command.push(n);
                    }
                    // Greek letters stay letters, so `$\mu$P` folds like `μP`.
                    if let Some(letter) = greek(&command) {
                        out.push(letter);
                    }
                } else {
                    chars.next();
                }
            }
            '{' | '}' | '$' => {}
            _ => out.push(c),
        }
    }
    out
}

/// The Unicode letter of a LaTeX Greek-letter command.
fn greek(command: &str) -> Option<char> {
    const LETTERS: &[(&str, char)] = &[
        ("alpha", 'α'),
        ("beta", 'β'),
        ("gamma", 'γ'),
        ("delta", 'δ'),
        ("epsilon", 'ε'),
        ("eta", 'η'),
        ("theta", 'θ'),
        ("kappa", 'κ'),
        ("lambda", 'λ'),
        ("mu", 'μ'),
        ("nu", 'ν'),
        ("pi", 'π'),
        ("rho", 'ρ'),
        ("sigma", 'σ'),
        ("tau", 'τ'),
        ("phi", 'φ'),
        ("chi", 'χ'),
        ("psi", 'ψ'),
        ("omega", 'ω'),
        ("Omega", 'Ω'),
        ("Phi", 'Φ'),
    ];
    LETTERS
        .iter()
        .find(|(name, _)| *name == command)
        .map(|(_, c)| *c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_differing_in_case_and_punctuation_fold_together() {
        assert_eq!(
            normalize("Cat: Customized adversarial training for improved robustness"),
            normalize("CAT: Customized Adversarial Training for Improved Robustness")
        );
        assert_ne!(
            normalize("Frank-Wolfe over Nuclear-norm Ball"),
            normalize("Frank-Wolfe over Nuclear-norm Balls")
        );
    }

    #[test]
    fn names_fold_diacritics_and_latex() {
        assert_eq!(normalize("Gürsoy"), "gursoy");
        assert_eq!(normalize(r#"G{\"u}rsoy"#), "gursoy");
        assert_eq!(normalize("Jason D. Lee"), normalize("Jason D Lee"));
        assert_eq!(normalize("Maria R. D’Orsogna"), "maria r d orsogna");
        assert_eq!(
            normalize(r"Transfer in $\mu$P, \emph{pooled}"),
            normalize("Transfer in μP, pooled")
        );
        assert_eq!(normalize(r"\emph{pooled} $O(d)$"), "pooled o d");
    }

    #[test]
    fn slugs_are_hyphenated_lower_case() {
        assert_eq!(slugify("Qi Lei"), "qi-lei");
        assert_eq!(slugify("Weinan E"), "weinan-e");
        assert_eq!(slugify("???"), "x");
    }
}
