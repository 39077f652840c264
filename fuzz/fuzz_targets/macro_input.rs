//! Fuzz target `macro_input`: the macros' parser, checker and expander (the macro crate's
//! own `parse.rs`, `validate.rs` and `expand.rs`, compiled here: a proc-macro crate exports
//! nothing else) on any token stream that `proc_macro2` parses from the input text, for
//! `uwsgi_config!`, `uwsgi_ini!` and `uwsgi_render!`.
//!
//! Oracle: no panic, whatever the tokens; every failure is a `syn::Error` (a message on a
//! span, which the compiler shows on the tokens), with a message for each of its parts.
#![no_main]

// The expander reaches for the compiler's tokens when it runs inside a macro (never here).
extern crate proc_macro;

#[path = "../../uwsgiconf-macros/src/expand.rs"]
#[allow(dead_code)]
mod expand;
#[path = "../../uwsgiconf-macros/src/parse.rs"]
#[allow(dead_code)]
mod parse;
#[path = "../../uwsgiconf-macros/src/validate.rs"]
#[allow(dead_code)]
mod validate;

use std::str::FromStr;

use libfuzzer_sys::fuzz_target;
use proc_macro2::TokenStream;
use uwsgiconf_core::dsl;
use validate::Mode;

/// The macro crate's `run`, with its failure kept apart to be checked.
fn run(input: TokenStream, mode: Mode) -> Result<TokenStream, syn::Error> {
    let input = parse::Input::from_tokens(input)?;
    let bound: Vec<_> = input.items.iter().flatten().map(dsl::bind_item).collect();
    match validate::validate(&input, &bound, mode) {
        Ok((text, literal)) => Ok(expand::expand(
            &input.krate,
            &bound,
            text.as_ref(),
            literal.as_ref(),
            mode,
        )),
        Err(error) => {
            // The expansion of the errors never panics either.
            let _ = expand::expand_errors(Some(&input.krate), &error, mode);
            Err(error)
        }
    }
}

fuzz_target!(|input: (u8, &str)| {
    let (choice, text) = input;
    let mode = match choice % 3 {
        0 => Mode::Config,
        1 => Mode::Ini,
        _ => Mode::Render,
    };
    // The facade's wrappers pass `($crate)` first; without it the macro says how to call it.
    let source = if choice & 4 == 0 {
        format!("(::uwsgiconf) {text}")
    } else {
        text.to_string()
    };
    let Ok(tokens) = TokenStream::from_str(&source) else {
        return;
    };
    if let Err(error) = run(tokens, mode) {
        let _ = expand::expand_errors(None, &error, mode);
        for part in error {
            assert!(!part.to_string().is_empty(), "an error without a message");
        }
    }
});
