//! Parsing: Rust tokens into the core's syntax tree ([`dsl::Item`](uwsgiconf_core::dsl::Item)),
//! every piece holding its own tokens ([`Tokens`]), so that checking and expansion read them
//! from the piece.
//!
//! The grammar is a comma-separated list of `name(args)` items whose arguments are values,
//! possibly named (`key = value`). A value is a literal, a lone name, a `[..]` list of values,
//! an action call `name(args)`, or any other Rust expression, kept as opaque tokens (all the
//! tokens up to the next top-level comma), so no full Rust expression parser is needed.
//!
//! Parsing never stops at the first mistake: each item is parsed on its own and every error
//! is kept.

use proc_macro2::{Delimiter, Punct, Spacing, Span, TokenStream, TokenTree};
use syn::parse::{Parse, ParseStream};
use syn::Lit;
use uwsgiconf_core::dsl::{ActionCall, Arg, Item, Val, ValKind};

/// Where a piece of an invocation is, as the core's tree carries it.
#[derive(Debug, Clone)]
pub struct Tokens {
    /// The piece's tokens, kept as trees: most pieces are never written out (an invocation of
    /// literals expands to data), and each token stream made costs a call into the compiler.
    trees: Vec<TokenTree>,
    /// The span of its first token (a name is one token).
    pub span: Span,
    /// The index of the item it belongs to, in the invocation: errors are reported in the
    /// items' order.
    pub item: usize,
}

impl Tokens {
    /// The piece made of `tokens`, in the item numbered `item`.
    fn new(item: usize, tokens: &[TokenTree]) -> Self {
        Tokens {
            trees: tokens.to_vec(),
            span: tokens.first().map_or_else(Span::call_site, TokenTree::span),
            item,
        }
    }

    /// The piece's tokens.
    pub fn tokens(&self) -> TokenStream {
        self.trees.iter().cloned().collect()
    }

    /// The piece made of one token (a name).
    fn token(item: usize, token: &TokenTree) -> Self {
        Tokens::new(item, std::slice::from_ref(token))
    }
}

/// A whole invocation: the path of the runtime crate, then the items.
pub struct Input {
    /// The tokens naming the `uwsgiconf` crate (`$crate` when called through its macros).
    pub krate: TokenStream,
    /// The formats named before `;` (`for json, ini;`), each with its tokens; or what is wrong
    /// with that list.
    pub formats: Result<Vec<(String, Tokens)>, syn::Error>,
    /// Every item, parsed or not, in order.
    pub items: Vec<Result<Item<Tokens>, syn::Error>>,
}

impl Parse for Input {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        Input::from_tokens(input.parse()?)
    }
}

impl Input {
    /// The invocation's tokens, read once, straight from the compiler: no parser buffer
    /// (syn's copies every token, groups included), as each token crossing from the
    /// compiler costs.
    pub fn from_tokens(tokens: TokenStream) -> syn::Result<Self> {
        let mut tokens = tokens.into_iter();
        let krate = match tokens.next() {
            Some(TokenTree::Group(group)) if group.delimiter() == Delimiter::Parenthesis => {
                group.stream()
            }
            _ => {
                return Err(syn::Error::new(
                    Span::call_site(),
                    "use this macro through the uwsgiconf crate: uwsgiconf::uwsgi_config!(..)",
                ))
            }
        };
        let rest: Vec<TokenTree> = tokens.collect();
        // `[for] name, name;` before the items: an item never holds a top-level `;`.
        let semicolon = rest
            .iter()
            .position(|token| matches!(token, TokenTree::Punct(p) if p.as_char() == ';'));
        let (formats, items) = match semicolon {
            Some(at) => (parse_formats(&rest[..at]), &rest[at + 1..]),
            None => (Ok(Vec::new()), &rest[..]),
        };
        Ok(Input {
            krate,
            formats,
            items: parse_items(items.to_vec()),
        })
    }
}

/// The list of formats before `;`: names separated by commas, after an optional `for`.
fn parse_formats(tokens: &[TokenTree]) -> Result<Vec<(String, Tokens)>, syn::Error> {
    let tokens = match tokens {
        [TokenTree::Ident(word), rest @ ..] if word == "for" => rest,
        _ => tokens,
    };
    let mut formats = Vec::new();
    for piece in tokens.split(|t| matches!(t, TokenTree::Punct(p) if p.as_char() == ',')) {
        match piece {
            [TokenTree::Ident(name)] => formats.push((name.to_string(), Tokens::new(0, piece))),
            [] => {}
            _ => {
                return Err(syn::Error::new(
                    piece[0].span(),
                    "expected the names of formats before `;`, such as `for ini, json;`",
                ))
            }
        }
    }
    Ok(formats)
}

/// Parses a comma-separated list of items: `name(args)` or `group.name(args)`, with `( )`,
/// `[ ]` or `{ }` around the arguments.
pub fn parse_items(tokens: Vec<TokenTree>) -> Vec<Result<Item<Tokens>, syn::Error>> {
    split(tokens)
        .into_iter()
        .enumerate()
        .map(|(index, piece)| match piece {
            Piece::Tokens(tokens) => parse_item(&tokens, index),
            Piece::Empty(comma) => Err(syn::Error::new(
                comma.span(),
                "expected an item before this comma",
            )),
        })
        .collect()
}

/// Parses one item; `item` is its index in the invocation, recorded in each of its pieces.
fn parse_item(tokens: &[TokenTree], item: usize) -> Result<Item<Tokens>, syn::Error> {
    // `group.name(args)`: the group, then the item as unqualified.
    let (group, rest) = match tokens {
        [group @ TokenTree::Ident(name), TokenTree::Punct(dot), rest @ ..]
            if dot.as_char() == '.' && !rest.is_empty() =>
        {
            let at = Tokens::token(item, group);
            (Some((name.to_string(), at)), rest)
        }
        _ => (None, tokens),
    };
    match rest {
        [ident @ TokenTree::Ident(name), TokenTree::Group(args)] => Ok(Item {
            group,
            name: name.to_string(),
            at: Tokens::token(item, ident),
            args: parse_args(args.stream(), item)?,
        }),
        [TokenTree::Ident(name)] => Err(syn::Error::new(
            name.span(),
            format!("expected `{name}(..)`: an item takes its arguments in parentheses"),
        )),
        [TokenTree::Ident(_), TokenTree::Group(_), extra, ..] => {
            Err(syn::Error::new_spanned(extra, "expected `,` between items"))
        }
        _ => Err(syn::Error::new_spanned(
            tokens.iter().cloned().collect::<TokenStream>(),
            "expected an item such as `owner(uid = \"www-data\", gid = \"www-data\")` or \
             `workers.basic(count = 4)`",
        )),
    }
}

/// Parses a comma-separated list of arguments of the item numbered `item`.
fn parse_args(tokens: TokenStream, item: usize) -> Result<Vec<Arg<Tokens>>, syn::Error> {
    parse_list(tokens, |tokens| parse_arg(tokens, item))
}

fn parse_arg(tokens: &[TokenTree], item: usize) -> Result<Arg<Tokens>, syn::Error> {
    if let [TokenTree::Punct(eq), ..] = tokens {
        if eq.as_char() == '=' && eq.spacing() == Spacing::Alone {
            return Err(syn::Error::new(
                eq.span(),
                "expected a parameter name before `=`\n= help: write `name = value`",
            ));
        }
    }
    if let [key @ TokenTree::Ident(name), TokenTree::Punct(eq), rest @ ..] = tokens {
        if eq.as_char() == '=' && eq.spacing() == Spacing::Alone {
            if rest.is_empty() {
                return Err(syn::Error::new(
                    eq.span(),
                    format!("expected a value for `{name}` after `=`"),
                ));
            }
            let at = Tokens::token(item, key);
            return Ok(Arg::named(name.to_string(), at, parse_value(rest, item)?));
        }
    }
    Ok(Arg::positional(parse_value(tokens, item)?))
}

/// Classifies the tokens of one value of the item numbered `item`.
fn parse_value(tokens: &[TokenTree], item: usize) -> Result<Val<Tokens>, syn::Error> {
    let kind = match tokens {
        [TokenTree::Literal(lit)] => {
            plain_literal(lit, false).unwrap_or_else(|| literal(&Lit::new(lit.clone()), false))
        }
        [TokenTree::Ident(name)] if name == "true" || name == "false" => {
            ValKind::Bool(name == "true")
        }
        [TokenTree::Ident(name)] => ValKind::Name(name.to_string()),
        [TokenTree::Punct(minus), TokenTree::Literal(lit)] if minus.as_char() == '-' => {
            if let Some(kind) = plain_literal(lit, true) {
                kind
            } else {
                match Lit::new(lit.clone()) {
                    lit @ (Lit::Int(_) | Lit::Float(_)) => literal(&lit, true),
                    _ => ValKind::Runtime,
                }
            }
        }
        [TokenTree::Group(group)] if group.delimiter() == Delimiter::Bracket => {
            ValKind::List(parse_list(group.stream(), |tokens| {
                parse_value(tokens, item)
            })?)
        }
        [name @ TokenTree::Ident(ident), TokenTree::Group(group)]
            if group.delimiter() == Delimiter::Parenthesis =>
        {
            ValKind::Action(ActionCall {
                name: ident.to_string(),
                at: Tokens::token(item, name),
                args: parse_args(group.stream(), item)?,
            })
        }
        _ => ValKind::Runtime,
    };
    Ok(Val::new(kind, Tokens::new(item, tokens)))
}

/// The literals nearly every invocation is made of, read without syn's parser (the macro
/// runs unoptimized in debug builds, where that parser was a fifth of its time): a string
/// without escapes, or a decimal integer without suffix. `None` for anything else.
fn plain_literal<At>(lit: &proc_macro2::Literal, negative: bool) -> Option<ValKind<At>> {
    let written = lit.to_string();
    if let Some(text) = written.strip_prefix('"').and_then(|w| w.strip_suffix('"')) {
        // A string token is one literal: a `"` inside is escaped, so `\` covers it.
        return (!negative && !text.contains('\\')).then(|| ValKind::Str(text.to_string()));
    }
    if !written.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let value: i128 = written.parse().ok()?;
    Some(ValKind::Int {
        value: if negative { -value } else { value },
        text: if negative {
            format!("-{written}")
        } else {
            written
        },
    })
}

/// What a literal is, `-` before it when `negative`.
fn literal<At>(lit: &Lit, negative: bool) -> ValKind<At> {
    match lit {
        Lit::Str(text) if !negative => ValKind::Str(text.value()),
        Lit::Int(int) => {
            let written = int.token().to_string();
            let text = written.strip_suffix(int.suffix()).unwrap_or(&written);
            match int.base10_parse::<i128>() {
                Ok(value) => ValKind::Int {
                    value: if negative { -value } else { value },
                    text: format!("{}{text}", if negative { "-" } else { "" }),
                },
                Err(_) => ValKind::Other("an integer this large".into()),
            }
        }
        Lit::Bool(on) if !negative => ValKind::Bool(on.value),
        Lit::Float(_) => ValKind::Other("a float".into()),
        Lit::Char(_) => ValKind::Other("a character".into()),
        Lit::Byte(_) => ValKind::Other("a byte".into()),
        Lit::ByteStr(_) => ValKind::Other("a byte string".into()),
        Lit::CStr(_) => ValKind::Other("a C string".into()),
        _ => ValKind::Other("this literal".into()),
    }
}

/// Parses each comma-separated piece with `parse`, keeping every error.
fn parse_list<T>(
    tokens: TokenStream,
    mut parse: impl FnMut(&[TokenTree]) -> Result<T, syn::Error>,
) -> Result<Vec<T>, syn::Error> {
    let mut errors: Option<syn::Error> = None;
    let mut out = Vec::new();
    for piece in split(tokens) {
        match piece {
            Piece::Empty(comma) => combine(
                &mut errors,
                syn::Error::new(comma.span(), "expected a value before this comma"),
            ),
            Piece::Tokens(tokens) => match parse(&tokens) {
                Ok(value) => out.push(value),
                Err(error) => combine(&mut errors, error),
            },
        }
    }
    match errors {
        Some(errors) => Err(errors),
        None => Ok(out),
    }
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
fn split(tokens: impl IntoIterator<Item = TokenTree>) -> Vec<Piece> {
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

    /// The quick reading of plain literals says what syn's parser says, and leaves the
    /// others to it.
    #[test]
    fn plain_literals_read_as_syn_reads_them() {
        let plain = [
            r#""""#,
            r#""/run/app.pid""#,
            r#""100% ünï""#,
            "0",
            "007",
            "4",
            "65536",
        ];
        let others = [
            r#""a\nb""#,
            r#""say \"hi\"""#,
            r##"r"raw""##,
            r#"b"bytes""#,
            "1_000",
            "5u8",
            "0x10",
            "1.5",
            "'c'",
            "99999999999999999999999999999999999999999",
        ];
        for text in plain.iter().chain(&others) {
            let lit: proc_macro2::Literal = text.parse().unwrap();
            for negative in [false, true] {
                let quick = plain_literal::<()>(&lit, negative);
                assert_eq!(
                    quick.is_some(),
                    plain.contains(text) && !(negative && text.starts_with('"')),
                    "{text}"
                );
                if let Some(quick) = quick {
                    assert_eq!(quick, literal(&Lit::new(lit.clone()), negative), "{text}");
                }
            }
        }
    }

    fn input(text: &str) -> Input {
        syn::parse_str(text).unwrap()
    }

    fn items(text: &str) -> Vec<Item<Tokens>> {
        input(text).items.into_iter().map(Result::unwrap).collect()
    }

    /// What a value is, and for an expression the tokens it holds.
    fn shape(value: &Val<Tokens>) -> String {
        let list = |values: &mut dyn Iterator<Item = &Val<Tokens>>| {
            values.map(shape).collect::<Vec<_>>().join(" ")
        };
        match &value.kind {
            ValKind::Str(text) => format!("{text:?}"),
            ValKind::Int { text, .. } => text.clone(),
            ValKind::Bool(on) => on.to_string(),
            ValKind::Name(name) => format!("name:{name}"),
            ValKind::List(items) => format!("[{}]", list(&mut items.iter())),
            ValKind::Action(call) => format!(
                "{}({})",
                call.name,
                list(&mut call.args.iter().map(|a| &a.value))
            ),
            ValKind::Other(what) => format!("other:{what}"),
            ValKind::Runtime => format!("expr:{}", value.at.tokens()),
        }
    }

    #[test]
    fn items_and_arguments() {
        let parsed = input(
            r#"(::uwsgiconf) owner(uid = "www", gid = 33, add_gids = ["a", 1]),
               hook(asap, [dir_create("/x"), "print:y", make()]),
               basic { priority = -5 }, target["2.1"], workers.basic(count = 0o4u32),"#,
        );
        assert_eq!(parsed.krate.to_string(), ":: uwsgiconf");
        let items: Vec<_> = parsed.items.into_iter().map(Result::unwrap).collect();
        assert_eq!(items.len(), 5);
        let (key, at) = items[0].args[0].key.as_ref().unwrap();
        assert_eq!(
            (key.as_str(), at.tokens().to_string()),
            ("uid", "uid".into())
        );
        assert_eq!(shape(&items[0].args[2].value), r#"["a" 1]"#);
        assert_eq!(
            shape(&items[1].args[1].value),
            r#"[dir_create("/x") "print:y" make()]"#
        );
        assert_eq!(shape(&items[1].args[0].value), "name:asap");
        assert_eq!(shape(&items[2].args[0].value), "-5");
        assert_eq!(items[3].name, "target");
        let (group, at) = items[4].group.as_ref().unwrap();
        assert_eq!(
            (group.as_str(), at.tokens().to_string()),
            ("workers", "workers".into())
        );
        assert_eq!(shape(&items[4].args[0].value), "0o4");
    }

    /// Every piece holds its own tokens and the index of its item.
    #[test]
    fn pieces_hold_their_tokens() {
        let parsed = input(r#"(x) bogus, hook(asap, [exit(), "print:x"])"#);
        assert!(parsed.items[0].is_err());
        let hook = parsed.items[1].as_ref().unwrap();
        assert_eq!(hook.at.tokens().to_string(), "hook");
        let list = &hook.args[1].value;
        assert_eq!(list.at.tokens().to_string(), r#"[exit () , "print:x"]"#);
        let ValKind::List(actions) = &list.kind else {
            panic!("{list:?}")
        };
        assert_eq!(actions[0].at.tokens().to_string(), "exit ()");
        let ValKind::Action(call) = &actions[0].kind else {
            panic!("{actions:?}")
        };
        assert_eq!(call.at.tokens().to_string(), "exit");
        let pieces = [&hook.at, &list.at, &actions[0].at, &call.at, &actions[1].at];
        assert!(pieces.iter().all(|at| at.item == 1));
    }

    #[test]
    fn expressions_are_opaque() {
        let items = items(
            r#"($crate) change_dir(env!("HOME")), basic(touch_reload = Vec::<String, >::new(), priority = p + 1),
               hook(Phase::ASAP, { actions() }), basic(priority = -"5")"#,
        );
        assert_eq!(shape(&items[0].args[0].value), "expr:env ! (\"HOME\")");
        assert_eq!(
            shape(&items[1].args[0].value),
            "expr:Vec ::< String , >:: new ()"
        );
        assert_eq!(shape(&items[1].args[1].value), "expr:p + 1");
        assert_eq!(shape(&items[2].args[0].value), "expr:Phase :: ASAP");
        assert_eq!(shape(&items[2].args[1].value), "expr:{ actions () }");
        assert_eq!(shape(&items[3].args[0].value), "expr:- \"5\"");
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

    #[test]
    fn literal_kinds() {
        let kind = |text: &str, negative| literal::<()>(&syn::parse_str(text).unwrap(), negative);
        assert_eq!(
            kind("0o755u32", false),
            ValKind::Int {
                value: 0o755,
                text: "0o755".into()
            }
        );
        assert_eq!(
            kind("5", true),
            ValKind::Int {
                value: -5,
                text: "-5".into()
            }
        );
        assert_eq!(kind("1.5", false), ValKind::Other("a float".into()));
        assert_eq!(
            kind("99999999999999999999999999999999999999999", false),
            ValKind::Other("an integer this large".into())
        );
    }
}
