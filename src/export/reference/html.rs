//! References as an HTML document: a list with one `<li>` per reference,
//! the style's italics and bold as `<i>` and `<b>`, links as `<a>`.
//! hayagriva's own HTML writer does not escape text, so a title with `<`
//! or `&` would break the page; this walks the rendered tree and escapes
//! every text and URL (quick-xml's `escape`). The output is also
//! well-formed XML, so strict parsers read it.

use hayagriva::citationberg::{FontStyle, FontVariant, FontWeight, TextDecoration, VerticalAlign};
use hayagriva::{Elem, ElemChild, ElemChildren, Formatted, Formatting};
use quick_xml::escape::escape;

use super::{Reference, Style};

/// A whole HTML document of `items`: an ordered list when the style
/// numbers its references (IEEE's `[1]`), else an unordered one.
pub fn list(items: &[Reference], style: Style) -> String {
    let numbered = items.iter().any(|i| i.label.is_some());
    let tag = if numbered { "ol" } else { "ul" };
    let mut out = String::new();
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\" />\n");
    out.push_str(&format!(
        "<title>References ({})</title>\n</head>\n<body>\n",
        style.name()
    ));
    out.push_str(&format!(
        "<{tag} class=\"references csl-{}\">\n",
        style.name()
    ));
    for item in items {
        out.push_str("<li>");
        if let Some(first) = &item.label {
            out.push_str("<span class=\"csl-label\">");
            child(&mut out, first);
            out.push_str("</span> ");
        }
        children(&mut out, &item.content);
        out.push_str("</li>\n");
    }
    out.push_str(&format!("</{tag}>\n</body>\n</html>\n"));
    out
}

fn children(out: &mut String, c: &ElemChildren) {
    for ch in &c.0 {
        child(out, ch);
    }
}

fn child(out: &mut String, c: &ElemChild) {
    match c {
        ElemChild::Text(t) => formatted(out, t),
        ElemChild::Elem(e) => elem(out, e),
        ElemChild::Markup(m) => out.push_str(&escape(m.as_str())),
        ElemChild::Link { text, url } => {
            out.push_str(&format!("<a href=\"{}\">", escape(url.as_str())));
            formatted(out, text);
            out.push_str("</a>");
        }
        ElemChild::Transparent { .. } => {}
    }
}

/// A block of the style (a second line, an indented part) is a `<div>`.
fn elem(out: &mut String, e: &Elem) {
    if e.display.is_some() {
        out.push_str("<div>");
        children(out, &e.children);
        out.push_str("</div>");
    } else {
        children(out, &e.children);
    }
}

fn formatted(out: &mut String, t: &Formatted) {
    let tags = tags(&t.formatting);
    for (open, _) in &tags {
        out.push_str(open);
    }
    out.push_str(&escape(t.text.as_str()));
    for (_, close) in tags.iter().rev() {
        out.push_str(close);
    }
}

/// The opening and closing tags of a formatting, outermost first.
fn tags(f: &Formatting) -> Vec<(&'static str, &'static str)> {
    let mut tags = Vec::new();
    if f.font_style == FontStyle::Italic {
        tags.push(("<i>", "</i>"));
    }
    if f.font_weight == FontWeight::Bold {
        tags.push(("<b>", "</b>"));
    }
    if f.font_variant == FontVariant::SmallCaps {
        tags.push(("<span style=\"font-variant: small-caps\">", "</span>"));
    }
    if f.text_decoration == TextDecoration::Underline {
        tags.push(("<u>", "</u>"));
    }
    match f.vertical_align {
        VerticalAlign::Sup => tags.push(("<sup>", "</sup>")),
        VerticalAlign::Sub => tags.push(("<sub>", "</sub>")),
        _ => {}
    }
    tags
}
