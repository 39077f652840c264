//! Validation: the syntax tree is lowered to the core's [`dsl`] items, every piece numbered
//! with a [`Loc`] that maps back to its tokens, then checked by [`dsl::check`] (binding,
//! the typed methods, the INI renderer). Every problem becomes a `syn::Error` on the tokens
//! it is about; all of them are combined.

use proc_macro2::{Span, TokenStream};
use quote::ToTokens;
use syn::Lit;
use uwsgiconf_core::dsl::{self, ActionCall, Arg, BoundItem, Diagnostic, Item, Loc, Val, ValKind};

use crate::parse::{ArgAst, Input, ItemAst, ValueAst};

/// Which macro is being expanded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// `uwsgi_config!`: a `Section` built at run time.
    Config,
    /// `uwsgi_ini!`: a `&'static str` rendered at compile time.
    Ini,
}

/// The tokens of every numbered piece, and the item each belongs to.
#[derive(Debug, Default)]
pub struct Nodes {
    tokens: Vec<TokenStream>,
    items: Vec<usize>,
    /// What an unknown piece stands for: nothing.
    none: TokenStream,
}

impl Nodes {
    fn add(&mut self, tokens: TokenStream, item: usize) -> Loc {
        self.tokens.push(tokens);
        self.items.push(item);
        self.tokens.len() - 1
    }

    /// The tokens of a piece.
    pub fn tokens(&self, at: Loc) -> &TokenStream {
        self.tokens.get(at).unwrap_or(&self.none)
    }

    /// A span covering the piece.
    pub fn span(&self, at: Loc) -> Span {
        self.tokens(at)
            .clone()
            .into_iter()
            .next()
            .map_or_else(Span::call_site, |t| t.span())
    }

    /// The item a piece belongs to (past the last one for an unknown piece).
    fn item(&self, at: Loc) -> usize {
        self.items.get(at).copied().unwrap_or(usize::MAX)
    }
}

/// An invocation lowered to the core's items.
#[derive(Debug)]
pub struct Lowered {
    /// The runtime crate's path.
    pub krate: TokenStream,
    /// The items that parsed, lowered.
    pub items: Vec<Item>,
    /// Their tokens.
    pub nodes: Nodes,
    /// The items that did not parse: (item index, error).
    errors: Vec<(usize, syn::Error)>,
}

/// Lowers an invocation's items, keeping the parse errors for [`validate`].
pub fn lower(input: Input) -> Lowered {
    let mut nodes = Nodes::default();
    let mut items = Vec::new();
    let mut errors = Vec::new();
    for (index, item) in input.items.into_iter().enumerate() {
        match item {
            Ok(item) => items.push(lower_item(&item, index, &mut nodes)),
            Err(error) => errors.push((index, error)),
        }
    }
    Lowered {
        krate: input.krate,
        items,
        nodes,
        errors,
    }
}

/// Checks the bound items (`bound[i]` binds `lowered.items[i]`); `Ok` holds the INI text when
/// every value is a literal, `Err` every error, combined, in source order.
pub fn validate(
    lowered: &Lowered,
    bound: &[Result<BoundItem<'_>, Vec<Diagnostic>>],
    mode: Mode,
) -> Result<Option<String>, syn::Error> {
    let nodes = &lowered.nodes;
    // (item index, error), sorted by item at the end so errors read in source order.
    let mut errors: Vec<(usize, syn::Error)> = lowered
        .errors
        .iter()
        .map(|(index, error)| (*index, error.clone()))
        .collect();
    let report = dsl::check_bound(bound);
    for diagnostic in &report.diagnostics {
        let (item, error) = match diagnostic.at {
            Some(at) => (
                nodes.item(at),
                syn::Error::new_spanned(nodes.tokens(at), message(diagnostic)),
            ),
            None => (
                usize::MAX,
                syn::Error::new(Span::call_site(), message(diagnostic)),
            ),
        };
        errors.push((item, error));
    }
    if mode == Mode::Ini {
        for bound in bound.iter().flatten() {
            for &at in bound.runtime_parts() {
                errors.push((
                    nodes.item(at),
                    syn::Error::new_spanned(
                        nodes.tokens(at),
                        "uwsgi_ini! renders at compile time, so its values must be literals\n\
                         = help: write a literal here, or build the section with \
                         uwsgi_config!(..) and render it with .to_ini()",
                    ),
                ));
            }
        }
    }
    if mode == Mode::Ini && report.ini.is_none() && errors.is_empty() {
        // Never let `uwsgi_ini!` expand to nothing without saying why.
        errors.push((
            usize::MAX,
            syn::Error::new(
                Span::call_site(),
                "uwsgi_ini! could not render this section, and found nothing wrong with it; \
                 please report it with the invocation",
            ),
        ));
    }
    errors.sort_by_key(|(item, _)| *item);
    let mut errors = errors.into_iter().map(|(_, e)| e);
    if let Some(mut first) = errors.next() {
        for error in errors {
            first.combine(error);
        }
        return Err(first);
    }
    Ok(report.ini)
}

/// The core's message, and its fix as a rustc-style help line.
fn message(diagnostic: &dsl::Diagnostic) -> String {
    match &diagnostic.fix {
        Some(fix) => format!("{}\n= help: {fix}", diagnostic.message),
        None => diagnostic.message.clone(),
    }
}

fn lower_item(item: &ItemAst, index: usize, nodes: &mut Nodes) -> Item {
    Item {
        group: item
            .group
            .as_ref()
            .map(|group| (group.to_string(), nodes.add(group.to_token_stream(), index))),
        name: item.name.to_string(),
        at: nodes.add(item.name.to_token_stream(), index),
        args: lower_args(&item.args, index, nodes),
    }
}

fn lower_args(args: &[ArgAst], index: usize, nodes: &mut Nodes) -> Vec<Arg> {
    args.iter()
        .map(|arg| Arg {
            key: arg
                .key
                .as_ref()
                .map(|key| (key.to_string(), nodes.add(key.to_token_stream(), index))),
            value: lower_value(&arg.value, index, nodes),
        })
        .collect()
}

fn lower_value(value: &ValueAst, index: usize, nodes: &mut Nodes) -> Val {
    let kind = match value {
        ValueAst::Lit(lit) => lower_lit(lit, None),
        ValueAst::Neg(_, lit) => lower_lit(lit, Some(())),
        ValueAst::Name(name) => ValKind::Name(name.to_string()),
        ValueAst::List(_, items) => ValKind::List(
            items
                .iter()
                .map(|item| lower_value(item, index, nodes))
                .collect(),
        ),
        ValueAst::Call(name, _, args) => ValKind::Action(ActionCall {
            name: name.to_string(),
            at: nodes.add(name.to_token_stream(), index),
            args: lower_args(args, index, nodes),
        }),
        ValueAst::Expr(_) => ValKind::Runtime,
    };
    Val::new(kind, nodes.add(value.to_token_stream(), index))
}

fn lower_lit(lit: &Lit, negative: Option<()>) -> ValKind {
    let sign = if negative.is_some() { "-" } else { "" };
    match lit {
        Lit::Str(text) if negative.is_none() => ValKind::Str(text.value()),
        Lit::Int(int) => {
            let written = int.token().to_string();
            let text = written
                .strip_suffix(int.suffix())
                .unwrap_or(&written)
                .to_string();
            match int.base10_parse::<i128>() {
                Ok(value) => ValKind::Int {
                    value: if negative.is_some() { -value } else { value },
                    text: format!("{sign}{text}"),
                },
                Err(_) => ValKind::Other("an integer this large".into()),
            }
        }
        Lit::Bool(on) if negative.is_none() => ValKind::Bool(on.value),
        Lit::Float(_) => ValKind::Other("a float".into()),
        Lit::Char(_) => ValKind::Other("a character".into()),
        Lit::Byte(_) => ValKind::Other("a byte".into()),
        Lit::ByteStr(_) => ValKind::Other("a byte string".into()),
        Lit::CStr(_) => ValKind::Other("a C string".into()),
        _ => ValKind::Other("this literal".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, mode: Mode) -> Result<Option<String>, syn::Error> {
        let input: Input = syn::parse_str(text).unwrap();
        let lowered = lower(input);
        let bound: Vec<_> = lowered.items.iter().map(dsl::bind_item).collect();
        validate(&lowered, &bound, mode)
    }

    fn errors(text: &str, mode: Mode) -> Vec<(String, String)> {
        match check(text, mode) {
            Ok(_) => Vec::new(),
            Err(error) => error
                .into_iter()
                .map(|e| {
                    let tokens = e.to_compile_error().to_string();
                    (e.to_string(), tokens)
                })
                .collect(),
        }
    }

    #[test]
    fn literals_render_to_ini() {
        let ini = check(
            r#"(x) pid_file("/run/app.pid"), hook(asap, execute("echo hi"))"#,
            Mode::Ini,
        )
        .unwrap();
        assert_eq!(
            ini.as_deref(),
            Some("[uwsgi]\npidfile = /run/app.pid\nhook-asap = exec:echo hi\n")
        );
    }

    #[test]
    fn errors_come_in_source_order() {
        let found = errors(
            r#"(x) owner(uid = "www"), bogus(1), memory(never_swap = true), hook(JAIL_PER, exit())"#,
            Mode::Config,
        );
        let messages: Vec<&str> = found
            .iter()
            .map(|(m, _)| m.lines().next().unwrap())
            .collect();
        assert_eq!(
            messages,
            [
                "uid without gid: uWSGI would keep the root group",
                "unknown item `bogus`",
                "`memory` has no parameter `never_swap`",
                "unknown hook phase `JAIL_PER`",
            ]
        );
    }

    #[test]
    fn ini_refuses_runtime_values() {
        let found = errors(r#"(x) change_dir(dir), pid_file(env!("PID"))"#, Mode::Ini);
        assert_eq!(found.len(), 2);
        assert!(found[0].0.starts_with("uwsgi_ini! renders at compile time"));
        // The same invocation is fine for uwsgi_config!.
        assert!(errors(
            r#"(x) change_dir(dir), pid_file(env!("PID"))"#,
            Mode::Config
        )
        .is_empty());
    }

    #[test]
    fn literal_kinds() {
        assert_eq!(
            lower_lit(&syn::parse_str("0o755u32").unwrap(), None),
            ValKind::Int {
                value: 0o755,
                text: "0o755".into()
            }
        );
        assert_eq!(
            lower_lit(&syn::parse_str("5").unwrap(), Some(())),
            ValKind::Int {
                value: -5,
                text: "-5".into()
            }
        );
        assert_eq!(
            lower_lit(&syn::parse_str("1.5").unwrap(), None),
            ValKind::Other("a float".into())
        );
    }
}
