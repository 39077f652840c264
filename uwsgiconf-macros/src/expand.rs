//! Expansion: code generated from the core's tables.
//!
//! `uwsgi_config!` becomes a block that builds a `Section` with one typed method call per
//! item (the [`dsl::ItemSpec`] says which method, which params struct and which setters);
//! literal values are passed as written, other expressions as written too, so the compiler
//! checks their types. `uwsgi_ini!` becomes the string literal rendered at compile time.
//!
//! Every path is absolute (`$crate::...`, `::core::...`), so the expansion works with the
//! facade renamed and in `#![no_implicit_prelude]` modules. What the generated code needs
//! beyond the public API is in the facade's hidden `$crate::__private` module.
//!
//! The section also records, for each call, the item's name and where it is written
//! (`file!()`, `line!()`, `column!()` on the item's name), so that problems found when it is
//! rendered (from run-time values) name the item and its location.

use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::{format_ident, quote, quote_spanned, ToTokens};
use uwsgiconf_core::dsl::{
    self, ActionCall, BoundItem, Kind, LiteralSection, Pass, Receiver, Rendered, Val, ValKind,
};
use uwsgiconf_core::{Phase, Target};

use crate::parse::Tokens;
use crate::validate::{Bound, Mode};

/// The code for a checked invocation: `krate` names the runtime crate, `bound` holds its items.
pub fn expand(
    krate: &TokenStream,
    bound: &[Bound<'_>],
    ini: Option<&Rendered>,
    literal: Option<&LiteralSection>,
    mode: Mode,
) -> TokenStream {
    match (mode, ini) {
        (Mode::Config, _) => match literal {
            Some(literal) => literal_config(krate, bound, literal),
            None => config(krate, bound),
        },
        (_, Some(Rendered::Text(text))) => {
            let text = Literal::string(text);
            quote!(#text)
        }
        (_, Some(Rendered::Variables(pairs))) => {
            let pairs = pairs.iter().map(|(name, value)| {
                let (name, value) = (Literal::string(name), Literal::string(value));
                quote!((#name, #value))
            });
            quote!(&[#(#pairs),*])
        }
        // Validation reports an error whenever there is no text; never expand to "".
        (_, None) => internal_error(mode),
    }
}

/// What an invocation that validation let through but that cannot be expanded becomes: a
/// compile error, never a panic or an empty result.
fn internal_error(mode: Mode) -> TokenStream {
    let error = syn::Error::new(
        Span::call_site(),
        "uwsgiconf could not expand this invocation; please report it with the invocation",
    );
    expand_errors(None, &error, mode)
}

/// The code for an invocation with errors: the errors, and a value of the right type so
/// that no other error follows from them.
pub fn expand_errors(krate: Option<&TokenStream>, error: &syn::Error, mode: Mode) -> TokenStream {
    let errors = error.to_compile_error();
    let fallback = match (mode, krate) {
        (Mode::Config, Some(krate)) => quote!(#krate::Section::new()),
        (Mode::Config, None) => quote!(::core::default::Default::default()),
        (Mode::Ini | Mode::Render, _) => quote!(""),
    };
    quote!({ #errors #fallback })
}

struct Cx<'r, 'a> {
    krate: &'r TokenStream,
    /// The item being expanded.
    bound: &'r BoundItem<'a, Tokens>,
}

fn config(krate: &TokenStream, bound: &[Bound<'_>]) -> TokenStream {
    // Invisible to the user's expressions (mixed-site hygiene).
    let section = Ident::new("__uwsgiconf_section", Span::mixed_site());
    let mut calls = Vec::new();
    let mut labels = Vec::new();
    for bound in bound {
        // Validation let the invocation through, so every item is bound.
        let Ok(bound) = bound else {
            return internal_error(Mode::Config);
        };
        let cx = Cx { krate, bound };
        let spec = bound.spec;
        // The item's name: where the method call and the item's label are spanned.
        let span = bound.item.at.span;
        let method = format_ident!("{}", spec.method, span = span);
        let args = spec
            .params
            .iter()
            .filter(|p| p.pass == Pass::Arg)
            .map(|param| match bound.get(param.name) {
                Some(value) => value_expr(&cx, param.kind, value),
                None => missing(param.kind),
            });
        let params = spec.params_type.map(|ty| {
            // A path such as `workers::BasicParams`, from the core's own table.
            let ty: TokenStream = ty.parse().unwrap_or_else(|_| {
                let message = format!("uwsgiconf: `{ty}` is not a type path");
                quote!(::core::compile_error!(#message))
            });
            let setters = spec
                .params
                .iter()
                .filter(|p| p.pass == Pass::Setter)
                .filter_map(|param| {
                    let value = bound.get(param.name)?;
                    let setter = format_ident!("{}", param.name);
                    let value = value_expr(&cx, param.kind, value);
                    Some(quote!(.#setter(#value)))
                });
            quote!(#krate::#ty::new() #(#setters)*)
        });
        // In this language braces are meaningful (`hook({ phase }, ..)` is a run-time
        // phase, not a phase name): rustc must not suggest removing them.
        calls.push(match spec.receiver {
            Receiver::Section => quote! {
                #[allow(unused_braces)]
                #section.#method(#(#args,)* #params);
            },
            Receiver::Group(group) => {
                let group = format_ident!("{}", group);
                quote! {
                    #[allow(unused_braces)]
                    #section.#group().#method(#(#args,)* #params);
                }
            }
        });
        labels.push(label(spec.qualified_name(), span));
    }
    quote!({
        let mut #section = #krate::Section::new();
        #(#calls)*
        #krate::__private::label_calls(&mut #section, &[#(#labels),*]);
        #section
    })
}

/// The code for an invocation whose values are all literals: one call reading the section
/// its check recorded from one string literal. It was checked while compiling, so nothing is
/// left to do at run time but to store the directives; and the compiler has one call and one
/// literal to check, whatever the number of items, instead of a method chain per item.
fn literal_config(
    krate: &TokenStream,
    bound: &[Bound<'_>],
    literal: &LiteralSection,
) -> TokenStream {
    let mut items = Vec::with_capacity(bound.len());
    for bound in bound {
        let Ok(bound) = bound else {
            return internal_error(Mode::Config);
        };
        items.push((bound.spec.qualified_name(), bound.item.at.span));
    }
    let located: Option<Vec<(String, String)>> = items
        .iter()
        .map(|(name, span)| Some((name.clone(), location(*span)?)))
        .collect();
    if let Some(located) = located {
        let data = string_literal(&literal.encode(&located));
        return quote!(#krate::__private::literal_section(#data));
    }
    // The compiler does not say where items are: the labels come from `file!()`...
    let data = string_literal(&literal.encode(&[]));
    let labels = items.into_iter().map(|(name, span)| label(name, span));
    let section = Ident::new("__uwsgiconf_section", Span::mixed_site());
    quote!({
        let mut #section = #krate::__private::literal_section(#data);
        #krate::__private::label_calls(&mut #section, &[#(#labels),*]);
        #section
    })
}

/// A string literal holding `text`, made by the compiler from a raw string when it can be
/// ([`raw_string`]): the compiler reads it as written, where `Literal::string` escapes it
/// character by character in the macro, which runs unoptimized in debug builds.
fn string_literal(text: &str) -> TokenStream {
    if proc_macro::is_available() {
        if let Some(Ok(literal)) = raw_string(text).map(|raw| raw.parse::<proc_macro::Literal>()) {
            return proc_macro::TokenStream::from(proc_macro::TokenTree::Literal(literal)).into();
        }
    }
    Literal::string(text).into_token_stream()
}

/// `r#"text"#`, with one `#` more than the longest run after a `"` in `text`; `None` when
/// `text` holds a carriage return, which a raw string cannot.
pub(crate) fn raw_string(text: &str) -> Option<String> {
    if text.contains('\r') {
        return None;
    }
    let mut hashes = 0;
    for (at, _) in text.match_indices('"') {
        let run = text[at + 1..].bytes().take_while(|&b| b == b'#').count();
        hashes = hashes.max(run + 1);
    }
    let hashes = "#".repeat(hashes);
    Some(format!("r{hashes}\"{text}\"{hashes}"))
}

/// `file:line:col` of a span, when the compiler says it (Rust 1.88 and later: line 0
/// before, and outside of a compiler, as in unit tests).
fn location(span: Span) -> Option<String> {
    let start = span.start();
    (start.line > 0 && proc_macro::is_available())
        .then(|| format!("{}:{}:{}", span.file(), start.line, start.column + 1))
}

/// `(name, "file:line:col")`, spanned on the item's name so that `file!()`, `line!()` and
/// `column!()` give the item's place, not the invocation's.
fn label(name: String, span: Span) -> TokenStream {
    let name = Literal::string(&name);
    quote_spanned! {span=>
        (#name, ::core::concat!(::core::file!(), ":", ::core::line!(), ":", ::core::column!()))
    }
}

/// The value for an argument that was left out (only optional constructor arguments: binding
/// refuses a missing required one).
fn missing(kind: Kind) -> TokenStream {
    match kind {
        Kind::ExitCode => quote!(::core::option::Option::<u8>::None),
        _ => internal_error(Mode::Config),
    }
}

fn value_expr(cx: &Cx<'_, '_>, kind: Kind, value: &Val<Tokens>) -> TokenStream {
    let krate = cx.krate;
    match (kind, &value.kind) {
        (Kind::Phase, ValKind::Name(name)) => {
            let phase = Phase::from_name(name).map_or("ASAP", Phase::const_name);
            let phase = Ident::new(phase, value.at.span);
            quote!(#krate::Phase::#phase)
        }
        (Kind::DropAfter, ValKind::Name(name)) => {
            let variant = if name == "init" { "Init" } else { "Apps" };
            let variant = Ident::new(variant, value.at.span);
            quote!(#krate::DropAfter::#variant)
        }
        (Kind::Target, ValKind::Str(text)) => {
            let target: Target = text.parse().unwrap_or_default();
            let variant = Ident::new(&format!("{target:?}"), value.at.span);
            quote!(#krate::Target::#variant)
        }
        (Kind::Values | Kind::Ids, ValKind::List(items)) => {
            if items.is_empty() {
                return quote!({
                    let empty: [#krate::Value; 0] = [];
                    empty
                });
            }
            let items = items.iter().map(|item| {
                let item = item.at.tokens();
                quote!(#krate::Value::from(#item))
            });
            quote!([#(#items),*])
        }
        (Kind::Actions, ValKind::Action(call)) => action_expr(cx, call),
        (Kind::Actions, ValKind::Str(_)) => value.at.tokens(),
        (Kind::Actions, ValKind::List(items)) => {
            let steps = items.iter().map(|item| match &item.kind {
                ValKind::Action(call) => {
                    let action = action_expr(cx, call);
                    quote!(.action(#action))
                }
                ValKind::Str(_) => {
                    let raw = item.at.tokens();
                    quote!(.action(#raw))
                }
                _ => {
                    let actions = runtime_actions(cx, item);
                    quote!(.actions(#actions))
                }
            });
            quote!(#krate::__private::ActionList::new() #(#steps)*)
        }
        (Kind::Actions, _) => runtime_actions(cx, value),
        // Literals of the right type, and run-time expressions, as written.
        _ => value.at.tokens(),
    }
}

/// `Action::ctor(args..).flag(v)..`, made private when asked.
fn action_expr(cx: &Cx<'_, '_>, call: &ActionCall<Tokens>) -> TokenStream {
    let krate = cx.krate;
    let Some(bound) = cx.bound.action(call) else {
        return internal_error(Mode::Config);
    };
    let ctor = Ident::new(bound.spec.name, call.at.span);
    let args = bound
        .spec
        .params
        .iter()
        .filter(|p| p.pass == Pass::Arg)
        .map(|param| match bound.get(param.name) {
            Some(value) => value_expr(cx, param.kind, value),
            None => missing(param.kind),
        });
    let flags = bound
        .spec
        .params
        .iter()
        .filter(|p| p.pass == Pass::Setter)
        .filter_map(|param| {
            let value = bound.get(param.name)?;
            let flag = format_ident!("{}", param.name);
            let value = value_expr(cx, param.kind, value);
            Some(quote!(.#flag(#value)))
        });
    let action = quote!(#krate::Action::#ctor(#(#args),*) #(#flags)*);
    match bound.get(dsl::PRIVATE.name) {
        None => action,
        Some(yes) => match yes.kind {
            ValKind::Bool(false) => action,
            ValKind::Bool(true) => quote!(#action.private()),
            _ => {
                let yes = yes.at.tokens();
                quote!(#krate::__private::private(#action, #yes))
            }
        },
    }
}

/// Actions from a run-time expression: an `IntoActions` value or an iterator of actions.
fn runtime_actions(cx: &Cx<'_, '_>, value: &Val<Tokens>) -> TokenStream {
    let krate = cx.krate;
    let expr = value.at.tokens();
    let span = value.at.span;
    // Type errors land on the user's expression; the imports (one of which goes unused)
    // stay the macro's own.
    let take = quote_spanned!(span=> (&#krate::__private::Runtime::new(#expr)).take_actions());
    quote!({
        #[allow(unused_imports)]
        use #krate::__private::{ViaIntoActions as _, ViaIterator as _};
        #take
    })
}
