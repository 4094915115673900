//! Spec-complete validation of a document, before async-graphql sees it.
//!
//! async-graphql's own rules miss part of the spec ("overlapping fields can
//! be merged" lets two fields of one response name with different types
//! through), report one mistake under two rules, and print a syntax error as
//! a multi-line picture. `apollo-compiler` implements every rule of the spec,
//! so a document graphql-js rejects is rejected here, once per mistake, with
//! a one-line message and its `locations`.
//!
//! It also holds the limits on what costs without showing in complexity:
//! tokens (the lexer stops at the limit, so a huge document is not even
//! parsed whole), parser nesting, aliases and directives per document. They
//! are checked before the rules run, since a document with thousands of
//! repeated directives or aliases is what makes validation itself slow.
//!
//! A verdict depends only on the document's text, so it is kept per text
//! (by sha256) in a bounded LRU: a client's repeated query costs a hash.
//! So does async-graphql's parse of a valid document (its pest parser was
//! 7% of a profile request's CPU): the last `DOCUMENT_ENTRIES` documents
//! run are kept parsed, and a request gets a copy of its document instead
//! of parsing the text again.
//! This runs in `graphql::run`, not as an async-graphql extension, which
//! would send every field through the slow resolve path (ARCHITECTURE.md).

use std::num::NonZeroUsize;
use std::sync::{Arc, Mutex, PoisonError};

use apollo_compiler::ast::{self, Definition, DirectiveList, Selection};
use apollo_compiler::diagnostic::ToCliReport;
use apollo_compiler::parser::{LineColumn, Parser, SourceMap, SourceSpan};
use apollo_compiler::validation::{DiagnosticData, DiagnosticList, Valid};
use apollo_compiler::Schema;
use async_graphql::parser::types::ExecutableDocument;
use async_graphql::{Pos, ServerError};
use lru::LruCache;
use sha2::{Digest, Sha256};

use super::error::set_code;
use crate::config::Limits;

/// How many documents' verdicts are kept.
pub const CACHE_ENTRIES: usize = 4096;
/// How many valid documents are kept parsed. Fewer than verdicts: a parsed
/// document is many times its text (at most 15,000 tokens each).
pub const DOCUMENT_ENTRIES: usize = 256;
/// The most errors one document is answered with (and kept with).
pub const MAX_ERRORS: usize = 20;
/// The longest error message, in characters: a name in a message comes from
/// the client and may be as long as the body.
const MAX_MESSAGE_CHARS: usize = 300;

/// Checks documents against the served schema, remembering verdicts.
pub struct Validator {
    schema: Valid<Schema>,
    limits: DocumentLimits,
    verdicts: Mutex<LruCache<[u8; 32], Verdict>>,
    documents: Mutex<LruCache<[u8; 32], Arc<ExecutableDocument>>>,
}

/// The document-size limits of `Limits`.
#[derive(Debug, Clone, Copy)]
struct DocumentLimits {
    tokens: usize,
    nesting: usize,
    aliases: usize,
    directives: usize,
}

/// Whether a document may run; its errors when not.
type Verdict = Result<(), Arc<[ServerError]>>;

impl Validator {
    /// A validator for the schema printed as `sdl`, with the document
    /// limits of `limits`.
    pub fn new(sdl: &str, limits: &Limits) -> Self {
        let schema = Schema::parse_and_validate(sdl, "schema.graphql")
            .expect("the SDL async-graphql prints is a valid schema (tested)");
        Validator {
            schema,
            limits: DocumentLimits {
                tokens: limits.max_tokens,
                nesting: limits.max_nesting,
                aliases: limits.max_aliases,
                directives: limits.max_directives,
            },
            verdicts: Mutex::new(LruCache::new(
                NonZeroUsize::new(CACHE_ENTRIES).expect("a positive constant"),
            )),
            documents: Mutex::new(LruCache::new(
                NonZeroUsize::new(DOCUMENT_ENTRIES).expect("a positive constant"),
            )),
        }
    }

    /// Whether `query` may run, and then its document as async-graphql
    /// parses it; if not, one error per mistake (at most `MAX_ERRORS`), each
    /// with its code and locations.
    pub fn check(&self, query: &str) -> Result<Arc<ExecutableDocument>, Vec<ServerError>> {
        let key: [u8; 32] = Sha256::digest(query.as_bytes()).into();
        let cached = lock(&self.verdicts).get(&key).cloned();
        let verdict = match cached {
            Some(v) => v,
            None => {
                let v = self.judge(query).map_err(Arc::from);
                lock(&self.verdicts).put(key, v.clone());
                v
            }
        };
        verdict.map_err(|errors| errors.to_vec())?;
        if let Some(document) = lock(&self.documents).get(&key) {
            return Ok(document.clone());
        }
        let document = async_graphql::parser::parse_query(query)
            .map(Arc::new)
            .map_err(|e| vec![super::error::parse_failed(e.into())])?;
        lock(&self.documents).put(key, document.clone());
        Ok(document)
    }

    /// The verdict on `query`, uncached: syntax and the parser's limits, then
    /// the document limits, then the spec's rules.
    fn judge(&self, query: &str) -> Result<(), Vec<ServerError>> {
        let document = self.parse(query).map_err(|e| vec![e])?;
        self.limits.check(&document).map_err(|e| vec![e])?;
        match document.to_executable_validate(&self.schema) {
            Ok(_) => Ok(()),
            Err(invalid) => Err(validation_errors(&invalid.errors, &document, query)),
        }
    }

    /// Parses `query` within the token and nesting limits; a syntax error
    /// is the first one the parser met (later ones are mostly its echoes).
    fn parse(&self, query: &str) -> Result<ast::Document, ServerError> {
        let mut parser = Parser::new()
            .token_limit(self.limits.tokens)
            .recursion_limit(self.limits.nesting);
        let result = parser.parse_ast(query, "query.graphql");
        if parser.tokens_reached() > self.limits.tokens {
            return Err(coded(
                format!(
                    "the document has more than {} tokens (names, punctuation, spaces)",
                    self.limits.tokens
                ),
                None,
                "QUERY_TOO_COMPLEX",
            ));
        }
        if parser.recursion_reached() > self.limits.nesting {
            return Err(coded(
                format!(
                    "the document nests selections or values more than {} levels deep",
                    self.limits.nesting
                ),
                None,
                "QUERY_TOO_DEEP",
            ));
        }
        result.map_err(|invalid| syntax_error(&invalid.errors))
    }
}

/// A cache of the validator; it is consistent after any panic between its
/// statements.
fn lock<T>(cache: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    cache.lock().unwrap_or_else(PoisonError::into_inner)
}

impl DocumentLimits {
    /// Counts aliases and directives over the whole document (each
    /// fragment once, as written) and refuses it past either limit, pointing
    /// at the first one over.
    fn check(&self, document: &ast::Document) -> Result<(), ServerError> {
        let mut count = Count::default();
        for definition in &document.definitions {
            match definition {
                Definition::OperationDefinition(op) => {
                    count.directives(&op.directives);
                    for variable in &op.variables {
                        count.directives(&variable.directives);
                    }
                    count.selections(&op.selection_set);
                }
                Definition::FragmentDefinition(fragment) => {
                    count.directives(&fragment.directives);
                    count.selections(&fragment.selection_set);
                }
                // Type-system definitions are refused by validation.
                _ => {}
            }
        }
        let sources = &document.sources;
        if count.aliases.len() > self.aliases {
            return Err(coded(
                format!(
                    "the document has {} aliases; at most {} are allowed",
                    count.aliases.len(),
                    self.aliases
                ),
                position(count.aliases[self.aliases], sources),
                "QUERY_TOO_COMPLEX",
            ));
        }
        if count.directives.len() > self.directives {
            return Err(coded(
                format!(
                    "the document has {} directives; at most {} are allowed",
                    count.directives.len(),
                    self.directives
                ),
                position(count.directives[self.directives], sources),
                "QUERY_TOO_COMPLEX",
            ));
        }
        Ok(())
    }
}

/// Where each alias and directive of a document is.
#[derive(Default)]
struct Count {
    aliases: Vec<Option<SourceSpan>>,
    directives: Vec<Option<SourceSpan>>,
}

impl Count {
    fn directives(&mut self, list: &DirectiveList) {
        self.directives.extend(list.iter().map(|d| d.location()));
    }

    /// Walks a selection set with a stack: its depth is bounded by the
    /// parser's nesting limit, but a loop needs no bound at all.
    fn selections(&mut self, set: &[Selection]) {
        let mut stack: Vec<&Selection> = set.iter().collect();
        while let Some(selection) = stack.pop() {
            match selection {
                Selection::Field(field) => {
                    if let Some(alias) = &field.alias {
                        self.aliases.push(alias.location());
                    }
                    self.directives(&field.directives);
                    stack.extend(&field.selection_set);
                }
                Selection::FragmentSpread(spread) => self.directives(&spread.directives),
                Selection::InlineFragment(inline) => {
                    self.directives(&inline.directives);
                    stack.extend(&inline.selection_set);
                }
            }
        }
    }
}

/// The first syntax error as one line, `Syntax error at 1:33: …`, with
/// the parser's token kinds (`R_CURLY`) written as they are typed (`}`).
fn syntax_error(errors: &DiagnosticList) -> ServerError {
    let Some(first) = errors.iter().next() else {
        return coded("Syntax error".into(), None, "GRAPHQL_PARSE_FAILED");
    };
    let start = first.line_column_range().map(|r| r.start);
    let message = first.error.to_string();
    let detail = readable_tokens(message.strip_prefix("syntax error: ").unwrap_or(&message));
    let message = match start {
        Some(at) => format!("Syntax error at {}:{}: {detail}", at.line, at.column),
        None => format!("Syntax error: {detail}"),
    };
    coded(message, start.map(pos), "GRAPHQL_PARSE_FAILED")
}

/// `expected R_CURLY, got EOF` as `expected `}`, got the end of the document`.
fn readable_tokens(message: &str) -> String {
    const KINDS: [(&str, &str); 14] = [
        ("expected L_CURLY", "expected `{`"),
        ("expected R_CURLY", "expected `}`"),
        ("expected L_PAREN", "expected `(`"),
        ("expected R_PAREN", "expected `)`"),
        ("expected L_BRACK", "expected `[`"),
        ("expected R_BRACK", "expected `]`"),
        ("expected COLON", "expected `:`"),
        ("expected EQ", "expected `=`"),
        ("expected DOLLAR", "expected `$`"),
        ("expected AT", "expected `@`"),
        ("expected BANG", "expected `!`"),
        ("expected NAME", "expected a name"),
        ("expected ON_KW", "expected `on`"),
        ("got EOF", "got the end of the document"),
    ];
    KINDS.iter().fold(message.to_string(), |m, (kind, typed)| {
        m.replace(kind, typed)
    })
}

/// One error per mistake, in document order (at most `MAX_ERRORS`).
fn validation_errors(
    errors: &DiagnosticList,
    document: &ast::Document,
    query: &str,
) -> Vec<ServerError> {
    let spans: Vec<Option<SourceSpan>> = errors.iter().map(|d| d.error.location()).collect();
    let mut out: Vec<ServerError> = Vec::new();
    for diagnostic in errors.iter() {
        if is_echo(diagnostic.error, &spans, document, query) {
            continue;
        }
        let start = diagnostic.line_column_range().map(|r| r.start);
        let error = coded(
            diagnostic.error.to_string(),
            start.map(pos),
            "GRAPHQL_VALIDATION_FAILED",
        );
        // Two fields of one response name that differ in both name and
        // type are reported under two rules at one place: one mistake.
        if !out.iter().any(|e| e.locations == error.locations) {
            out.push(error);
        }
        if out.len() == MAX_ERRORS {
            break;
        }
    }
    out
}

/// Whether a diagnostic only repeats another mistake: apollo-compiler drops
/// what it cannot build (an unknown field, a fragment on an unknown type)
/// and then also reports the hole it leaves (a selection set left empty, a
/// spread of the dropped fragment). graphql-js reports the mistake once.
fn is_echo(
    diagnostic: &DiagnosticData,
    spans: &[Option<SourceSpan>],
    document: &ast::Document,
    query: &str,
) -> bool {
    let Some(span) = diagnostic.location() else {
        return false;
    };
    match diagnostic.unstable_error_name() {
        Some("MissingSubselection") => spans.iter().flatten().any(|other| {
            *other != span
                && other.offset() >= span.offset()
                && other.end_offset() <= span.end_offset()
        }),
        Some("UndefinedFragment") => {
            let spread = query.get(span.offset()..span.end_offset()).unwrap_or("");
            let name = spread
                .trim_start_matches("...")
                .trim_start()
                .split(|c: char| !(c.is_alphanumeric() || c == '_'))
                .next()
                .unwrap_or("");
            document
                .definitions
                .iter()
                .any(|d| matches!(d, Definition::FragmentDefinition(f) if f.name.as_str() == name))
        }
        _ => false,
    }
}

/// An error with `code`, its message cut to `MAX_MESSAGE_CHARS`.
fn coded(message: String, at: Option<Pos>, code: &str) -> ServerError {
    let message = match message.char_indices().nth(MAX_MESSAGE_CHARS) {
        Some((cut, _)) => format!("{}…", &message[..cut]),
        None => message,
    };
    let mut error = ServerError::new(message, at);
    set_code(&mut error, code);
    error
}

fn position(span: Option<SourceSpan>, sources: &SourceMap) -> Option<Pos> {
    span.and_then(|s| s.line_column(sources)).map(pos)
}

fn pos(at: LineColumn) -> Pos {
    Pos {
        line: at.line,
        column: at.column,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn validator() -> Validator {
        Validator::new(&crate::graphql::sdl(), &Limits::default())
    }

    #[test]
    fn the_served_schema_builds() {
        assert!(validator().check("{ people { totalCount } }").is_ok());
    }

    #[test]
    fn a_verdict_is_the_same_from_the_cache() {
        let v = validator();
        let q = "{ people { nope } }";
        let first = v.check(q).unwrap_err();
        let again = v.check(q).unwrap_err();
        assert_eq!(first, again);
        assert_eq!(first.len(), 1, "{first:?}");
        assert_eq!(
            first[0].message,
            "type `PersonConnection` does not have a field `nope`"
        );
        assert_eq!(lock(&v.verdicts).len(), 1);
        assert_eq!(
            lock(&v.documents).len(),
            0,
            "no document kept for an invalid text"
        );
    }

    #[test]
    fn a_valid_document_is_parsed_once_and_shared() {
        let v = validator();
        let q = "query P { people(first: 2) { totalCount } }";
        let first = v.check(q).unwrap();
        let again = v.check(q).unwrap();
        assert!(
            Arc::ptr_eq(&first, &again),
            "the second check reuses the parse"
        );
        let async_graphql::parser::types::DocumentOperations::Multiple(ops) = &first.operations
        else {
            panic!("a named operation")
        };
        assert!(ops.contains_key("P"));
        assert_eq!(lock(&v.documents).len(), 1);
    }

    #[test]
    fn a_hole_left_by_a_mistake_is_not_a_second_mistake() {
        let v = validator();
        let one = |q: &str| {
            let errors = v.check(q).unwrap_err();
            assert_eq!(errors.len(), 1, "{q}: {errors:?}");
            errors[0].message.clone()
        };
        assert_eq!(
            one("{ people { totalCount ...F } } fragment F on Nope { x }"),
            "type condition `Nope` of fragment `F` is not a type defined in the schema"
        );
        assert_eq!(
            one("{ person(slug: \"x\") { works { edges { node { nope } } } } }"),
            "type `Work` does not have a field `nope`"
        );
        // A selection set that is really missing is still reported.
        assert_eq!(
            one("{ people }"),
            "interface, union and object types must have a subselection set"
        );
    }

    #[test]
    fn a_syntax_error_names_the_token_as_typed() {
        let errors = validator().check("{ people { totalCount").unwrap_err();
        assert_eq!(
            errors[0].message,
            "Syntax error at 1:22: expected `}`, got the end of the document"
        );
    }
}
