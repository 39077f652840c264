//! # uwsgiconf-macros
//!
//! The procedural side of uwsgiconf's `uwsgi_config!` and `uwsgi_ini!` macros. Use them
//! through the `uwsgiconf` crate, which documents the language: its `macro_rules!` wrappers
//! pass the crate's path (`$crate`) to the macros here, so the generated code works with the
//! crate renamed.
//!
//! The crate is a thin layer over `uwsgiconf_core::dsl`, which holds the language's tables
//! and checks:
//!
//! * `parse`: tokens into the core's syntax tree, each piece holding its tokens, keeping
//!   every error;
//! * `validate`: the items, bound once, checked by the core (the typed methods, the INI
//!   renderer), every problem on its token;
//! * `expand`: typed method calls, or the rendered INI text.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

use proc_macro::TokenStream;

mod expand;
mod parse;
mod validate;

#[cfg(test)]
mod tests;

use uwsgiconf_core::dsl;
use validate::Mode;

/// Builds a `uwsgiconf::Section`; see `uwsgiconf::uwsgi_config!`.
#[doc(hidden)]
#[proc_macro]
pub fn uwsgi_config_impl(input: TokenStream) -> TokenStream {
    run(input.into(), Mode::Config).into()
}

/// Renders INI text at compile time; see `uwsgiconf::uwsgi_ini!`.
#[doc(hidden)]
#[proc_macro]
pub fn uwsgi_ini_impl(input: TokenStream) -> TokenStream {
    run(input.into(), Mode::Ini).into()
}

/// Renders text in a format at compile time; see `uwsgiconf::uwsgi_render!`.
#[doc(hidden)]
#[proc_macro]
pub fn uwsgi_render_impl(input: TokenStream) -> TokenStream {
    run(input.into(), Mode::Render).into()
}

/// The whole macro on `proc_macro2` tokens (so it can be tested outside a compiler).
fn run(input: proc_macro2::TokenStream, mode: Mode) -> proc_macro2::TokenStream {
    let input = match parse::Input::from_tokens(input) {
        Ok(input) => input,
        Err(error) => return expand::expand_errors(None, &error, mode),
    };
    // Bound once; the check and the expansion read the same bound items.
    let bound: Vec<_> = input.items.iter().flatten().map(dsl::bind_item).collect();
    match validate::validate(&input, &bound, mode) {
        Ok((text, literal)) => {
            expand::expand(&input.krate, &bound, text.as_ref(), literal.as_ref(), mode)
        }
        Err(error) => expand::expand_errors(Some(&input.krate), &error, mode),
    }
}
