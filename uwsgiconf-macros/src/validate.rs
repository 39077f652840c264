//! Validation: the parsed items, each bound once, are checked by [`dsl::check_bound`] (the
//! typed methods, the INI renderer). Every problem becomes a `syn::Error` on the tokens of the
//! piece it is about; all of them are combined.

use proc_macro2::Span;
use uwsgiconf_core::dsl::{self, BoundItem, Diagnostic};

use crate::parse::{Input, Tokens};

/// Which macro is being expanded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// `uwsgi_config!`: a `Section` built at run time.
    Config,
    /// `uwsgi_ini!`: a `&'static str` rendered at compile time.
    Ini,
}

/// An item of the invocation, bound, or what is wrong with its arguments.
pub type Bound<'a> = Result<BoundItem<'a, Tokens>, Vec<Diagnostic<Tokens>>>;

/// Checks the bound items (those of `input` that parsed, in order); `Ok` holds the INI text
/// when every value is a literal, `Err` every error, combined, in source order.
pub fn validate(
    input: &Input,
    bound: &[Bound<'_>],
    mode: Mode,
) -> Result<Option<String>, syn::Error> {
    // (item index, error), sorted by item at the end so errors read in source order.
    let mut errors: Vec<(usize, syn::Error)> = input
        .items
        .iter()
        .enumerate()
        .filter_map(|(index, item)| Some((index, item.as_ref().err()?.clone())))
        .collect();
    let report = dsl::check_bound(bound);
    for diagnostic in &report.diagnostics {
        errors.push(match &diagnostic.at {
            Some(at) => (at.item, error_at(at, &message(diagnostic))),
            None => (
                usize::MAX,
                syn::Error::new(Span::call_site(), message(diagnostic)),
            ),
        });
    }
    if mode == Mode::Ini {
        for bound in bound.iter().flatten() {
            for at in bound.runtime_parts() {
                errors.push((
                    at.item,
                    error_at(
                        at,
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

/// An error spanning a piece's tokens.
fn error_at(at: &Tokens, message: &str) -> syn::Error {
    syn::Error::new_spanned(&at.tokens, message)
}

/// The core's message, and its fix as a rustc-style help line.
fn message(diagnostic: &Diagnostic<Tokens>) -> String {
    match &diagnostic.fix {
        Some(fix) => format!("{}\n= help: {fix}", diagnostic.message),
        None => diagnostic.message.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, mode: Mode) -> Result<Option<String>, syn::Error> {
        let input: Input = syn::parse_str(text).unwrap();
        let bound: Vec<_> = input.items.iter().flatten().map(dsl::bind_item).collect();
        validate(&input, &bound, mode)
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
            r#"(x) owner(uid = "www"), bogus(1), pid_file, memory(never_swap = true),
               hook(JAIL_PER, exit())"#,
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
                "expected `pid_file(..)`: an item takes its arguments in parentheses",
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
}
