//! Parsing: Rust tokens into the macro's syntax tree.
//!
//! The grammar is a comma-separated list of `name(args)` items whose arguments are values,
//! possibly named (`key = value`). A value is a literal, a lone name, a `[..]` list of values,
//! an action call `name(args)`, or any other Rust expression, kept as opaque tokens (all the
//! tokens up to the next top-level comma), so no full Rust expression parser is needed.
//!
//! Parsing never stops at the first mistake: each item is parsed on its own and every error
//! is kept.

use proc_macro2::{Delimiter, Group, Ident, Punct, Spacing, Span, TokenStream, TokenTree};
use quote::ToTokens;
use syn::parse::{Parse, ParseStream};
use syn::Lit;

/// A whole invocation: the path of the runtime crate, then the items.
pub struct Input {
    /// The tokens naming the `uwsgiconf` crate (`$crate` when called through its macros).
    pub krate: TokenStream,
    /// Every item, parsed or not, in order.
    pub items: Vec<Result<ItemAst, syn::Error>>,
}

/// `name(args)` or `group.name(args)`, with `( )`, `[ ]` or `{ }` around the arguments.
pub struct ItemAst {
    /// The option group, for `group.name(args)`.
    pub group: Option<Ident>,
    /// The item's name.
    pub name: Ident,
    /// The arguments.
    pub args: Vec<ArgAst>,
}

/// An argument: a value, possibly named.
pub struct ArgAst {
    /// `key` in `key = value`.
    pub key: Option<Ident>,
    /// The value.
    pub value: ValueAst,
}

/// A value, classified by shape.
pub enum ValueAst {
    /// A literal: string, integer, boolean (or a float, char..., refused later).
    Lit(Lit),
    /// `-` followed by a numeric literal.
    Neg(Punct, Lit),
    /// A lone identifier: a phase name, `init`/`apps`, or a variable.
    Name(Ident),
    /// `[a, b, ...]`.
    List(Group, Vec<ValueAst>),
    /// `name(args)`: an action constructor, or a function call.
    Call(Ident, Group, Vec<ArgAst>),
    /// Any other expression, evaluated at run time.
    Expr(TokenStream),
}

impl ToTokens for ValueAst {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        match self {
            ValueAst::Lit(lit) => lit.to_tokens(tokens),
            ValueAst::Neg(minus, lit) => {
                minus.to_tokens(tokens);
                lit.to_tokens(tokens);
            }
            ValueAst::Name(name) => name.to_tokens(tokens),
            ValueAst::List(group, _) => group.to_tokens(tokens),
            ValueAst::Call(name, group, _) => {
                name.to_tokens(tokens);
                group.to_tokens(tokens);
            }
            ValueAst::Expr(expr) => expr.to_tokens(tokens),
        }
    }
}

impl Parse for Input {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let krate = match input.parse::<TokenTree>() {
            Ok(TokenTree::Group(group)) if group.delimiter() == Delimiter::Parenthesis => {
                group.stream()
            }
            _ => {
                return Err(syn::Error::new(
                    Span::call_site(),
                    "use this macro through the uwsgiconf crate: uwsgiconf::uwsgi_config!(..)",
                ))
            }
        };
        let rest: TokenStream = input.parse()?;
        Ok(Input {
            krate,
            items: parse_items(rest),
        })
    }
}

/// Parses a comma-separated list of items.
pub fn parse_items(tokens: TokenStream) -> Vec<Result<ItemAst, syn::Error>> {
    split(tokens)
        .into_iter()
        .map(|piece| match piece {
            Piece::Tokens(tokens) => parse_item(tokens),
            Piece::Empty(comma) => Err(syn::Error::new(
                comma.span(),
                "expected an item before this comma",
            )),
        })
        .collect()
}

fn parse_item(tokens: Vec<TokenTree>) -> Result<ItemAst, syn::Error> {
    let stream: TokenStream = tokens.iter().cloned().collect();
    // `group.name(args)`: the group, then the item as unqualified.
    let (group, rest) = match tokens.as_slice() {
        [TokenTree::Ident(group), TokenTree::Punct(dot), rest @ ..]
            if dot.as_char() == '.' && !rest.is_empty() =>
        {
            (Some(group.clone()), rest)
        }
        _ => (None, tokens.as_slice()),
    };
    match rest {
        [TokenTree::Ident(name), TokenTree::Group(args)] => Ok(ItemAst {
            group,
            name: name.clone(),
            args: parse_args(args.stream())?,
        }),
        [TokenTree::Ident(name)] => Err(syn::Error::new(
            name.span(),
            format!("expected `{name}(..)`: an item takes its arguments in parentheses"),
        )),
        [TokenTree::Ident(_), TokenTree::Group(_), extra, ..] => {
            Err(syn::Error::new_spanned(extra, "expected `,` between items"))
        }
        _ => Err(syn::Error::new_spanned(
            stream,
            "expected an item such as `owner(uid = \"www-data\", gid = \"www-data\")` or \
             `workers.basic(count = 4)`",
        )),
    }
}

/// Parses a comma-separated list of arguments.
pub fn parse_args(tokens: TokenStream) -> Result<Vec<ArgAst>, syn::Error> {
    let mut errors: Option<syn::Error> = None;
    let mut args = Vec::new();
    for piece in split(tokens) {
        match piece {
            Piece::Empty(comma) => combine(
                &mut errors,
                syn::Error::new(comma.span(), "expected a value before this comma"),
            ),
            Piece::Tokens(tokens) => match parse_arg(tokens) {
                Ok(arg) => args.push(arg),
                Err(error) => combine(&mut errors, error),
            },
        }
    }
    match errors {
        Some(errors) => Err(errors),
        None => Ok(args),
    }
}

fn parse_arg(tokens: Vec<TokenTree>) -> Result<ArgAst, syn::Error> {
    if let [TokenTree::Punct(eq), ..] = tokens.as_slice() {
        if eq.as_char() == '=' && eq.spacing() == Spacing::Alone {
            return Err(syn::Error::new(
                eq.span(),
                "expected a parameter name before `=`\n= help: write `name = value`",
            ));
        }
    }
    if let [TokenTree::Ident(key), TokenTree::Punct(eq), rest @ ..] = tokens.as_slice() {
        if eq.as_char() == '=' && eq.spacing() == Spacing::Alone {
            if rest.is_empty() {
                return Err(syn::Error::new(
                    eq.span(),
                    format!("expected a value for `{key}` after `=`"),
                ));
            }
            return Ok(ArgAst {
                key: Some(key.clone()),
                value: parse_value(rest.to_vec())?,
            });
        }
    }
    Ok(ArgAst {
        key: None,
        value: parse_value(tokens)?,
    })
}

/// Classifies the tokens of one value.
pub fn parse_value(tokens: Vec<TokenTree>) -> Result<ValueAst, syn::Error> {
    Ok(match tokens.as_slice() {
        [TokenTree::Literal(lit)] => ValueAst::Lit(Lit::new(lit.clone())),
        [TokenTree::Ident(name)] if name == "true" || name == "false" => {
            ValueAst::Lit(Lit::Bool(syn::LitBool::new(name == "true", name.span())))
        }
        [TokenTree::Ident(name)] => ValueAst::Name(name.clone()),
        [TokenTree::Punct(minus), TokenTree::Literal(lit)] if minus.as_char() == '-' => {
            match Lit::new(lit.clone()) {
                lit @ (Lit::Int(_) | Lit::Float(_)) => ValueAst::Neg(minus.clone(), lit),
                _ => ValueAst::Expr(tokens.into_iter().collect()),
            }
        }
        [TokenTree::Group(group)] if group.delimiter() == Delimiter::Bracket => {
            let mut items = Vec::new();
            let mut errors = None;
            for piece in split(group.stream()) {
                match piece {
                    Piece::Empty(comma) => combine(
                        &mut errors,
                        syn::Error::new(comma.span(), "expected a value before this comma"),
                    ),
                    Piece::Tokens(tokens) => match parse_value(tokens) {
                        Ok(value) => items.push(value),
                        Err(error) => combine(&mut errors, error),
                    },
                }
            }
            if let Some(errors) = errors {
                return Err(errors);
            }
            ValueAst::List(group.clone(), items)
        }
        [TokenTree::Ident(name), TokenTree::Group(group)]
            if group.delimiter() == Delimiter::Parenthesis =>
        {
            ValueAst::Call(name.clone(), group.clone(), parse_args(group.stream())?)
        }
        _ => ValueAst::Expr(tokens.into_iter().collect()),
    })
}

fn combine(errors: &mut Option<syn::Error>, error: syn::Error) {
    match errors {
        Some(errors) => errors.combine(error),
        None => *errors = Some(error),
    }
}

/// One comma-separated piece of a list.
enum Piece {
    Tokens(Vec<TokenTree>),
    /// Nothing before this comma.
    Empty(Punct),
}

/// Splits at top-level commas (those outside groups and turbofish `::<..>` generics). A
/// trailing comma is allowed.
fn split(tokens: TokenStream) -> Vec<Piece> {
    let mut pieces = Vec::new();
    let mut current: Vec<TokenTree> = Vec::new();
    let mut generics = 0usize;
    for token in tokens {
        if let TokenTree::Punct(punct) = &token {
            match punct.as_char() {
                ',' if generics == 0 => {
                    if current.is_empty() {
                        pieces.push(Piece::Empty(punct.clone()));
                    } else {
                        pieces.push(Piece::Tokens(std::mem::take(&mut current)));
                    }
                    continue;
                }
                '<' if generics > 0 || ends_with_path_sep(&current) => generics += 1,
                '>' if generics > 0 => generics -= 1,
                _ => {}
            }
        }
        current.push(token);
    }
    if !current.is_empty() {
        pieces.push(Piece::Tokens(current));
    }
    pieces
}

fn ends_with_path_sep(tokens: &[TokenTree]) -> bool {
    matches!(
        tokens,
        [.., TokenTree::Punct(a), TokenTree::Punct(b)]
            if a.as_char() == ':' && a.spacing() == Spacing::Joint && b.as_char() == ':'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(text: &str) -> Input {
        syn::parse_str(text).unwrap()
    }

    fn shapes(value: &ValueAst) -> String {
        match value {
            ValueAst::Lit(_) => "lit".into(),
            ValueAst::Neg(..) => "neg".into(),
            ValueAst::Name(name) => format!("name:{name}"),
            ValueAst::List(_, items) => {
                format!(
                    "[{}]",
                    items.iter().map(shapes).collect::<Vec<_>>().join(" ")
                )
            }
            ValueAst::Call(name, _, args) => format!(
                "{name}({})",
                args.iter()
                    .map(|a| shapes(&a.value))
                    .collect::<Vec<_>>()
                    .join(" ")
            ),
            ValueAst::Expr(tokens) => format!("expr:{tokens}"),
        }
    }

    #[test]
    fn items_and_arguments() {
        let parsed = input(
            r#"(::uwsgiconf) owner(uid = "www", gid = 33, add_gids = ["a", 1]),
               hook(asap, [dir_create("/x"), "print:y", make()]),
               basic { priority = -5 }, target["2.1"],"#,
        );
        assert_eq!(parsed.krate.to_string(), ":: uwsgiconf");
        let items: Vec<ItemAst> = parsed.items.into_iter().map(Result::unwrap).collect();
        assert_eq!(items.len(), 4);
        assert_eq!(items[0].args[0].key.as_ref().unwrap(), "uid");
        assert_eq!(shapes(&items[0].args[2].value), "[lit lit]");
        assert_eq!(
            shapes(&items[1].args[1].value),
            "[dir_create(lit) lit make()]"
        );
        assert_eq!(shapes(&items[1].args[0].value), "name:asap");
        assert_eq!(shapes(&items[2].args[0].value), "neg");
        assert_eq!(items[3].name, "target");
    }

    #[test]
    fn expressions_are_opaque() {
        let parsed = input(
            r#"($crate) change_dir(env!("HOME")), basic(touch_reload = Vec::<String, >::new(), priority = p + 1),
               hook(Phase::ASAP, { actions() })"#,
        );
        let items: Vec<ItemAst> = parsed.items.into_iter().map(Result::unwrap).collect();
        assert_eq!(shapes(&items[0].args[0].value), "expr:env ! (\"HOME\")");
        assert_eq!(
            shapes(&items[1].args[0].value),
            "expr:Vec ::< String , >:: new ()"
        );
        assert_eq!(shapes(&items[1].args[1].value), "expr:p + 1");
        assert_eq!(shapes(&items[2].args[0].value), "expr:Phase :: ASAP");
        assert_eq!(shapes(&items[2].args[1].value), "expr:{ actions () }");
    }

    #[test]
    fn every_error_is_kept() {
        let parsed = input(r#"(x) owner, , hook(asap,, x) extra, pid_file(safe = ), owner(= "a")"#);
        let errors: Vec<String> = parsed
            .items
            .into_iter()
            .filter_map(Result::err)
            .flat_map(|e| e.into_iter().map(|e| e.to_string()).collect::<Vec<_>>())
            .collect();
        assert_eq!(
            errors,
            [
                "expected `owner(..)`: an item takes its arguments in parentheses",
                "expected an item before this comma",
                "expected `,` between items",
                "expected a value for `safe` after `=`",
                "expected a parameter name before `=`\n= help: write `name = value`",
            ]
        );
    }

    #[test]
    fn needs_the_crate_path() {
        assert!(syn::parse_str::<Input>("owner(uid = 1)").is_err());
    }
}
