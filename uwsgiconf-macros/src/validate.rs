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
    /// `uwsgi_ini!`: a `&'static str` rendered as INI at compile time.
    Ini,
    /// `uwsgi_render!`: a `&'static str` rendered at compile time in the first format named.
    Render,
}

impl Mode {
    /// Whether the macro renders text while compiling.
    pub fn renders(self) -> bool {
        self != Mode::Config
    }

    /// The macro's name, for messages.
    fn name(self) -> &'static str {
        match self {
            Mode::Config => "uwsgi_config!",
            Mode::Ini => "uwsgi_ini!",
            Mode::Render => "uwsgi_render!",
        }
    }
}

/// The formats to check for (and, when rendering, the first one to render), from the names
/// before `;`: INI by default, INI first for `uwsgi_ini!`, required for `uwsgi_render!`.
fn formats(
    input: &Input,
    mode: Mode,
    errors: &mut Vec<(usize, syn::Error)>,
) -> Vec<dsl::FileFormat> {
    let ini = dsl::FILE_FORMATS[0];
    let named = match &input.formats {
        Ok(named) => named,
        Err(error) => {
            errors.push((0, error.clone()));
            return vec![ini];
        }
    };
    let mut formats = Vec::new();
    if mode == Mode::Ini {
        formats.push(ini);
    }
    for (name, at) in named {
        match dsl::file_format(name) {
            Some(format) if formats.iter().all(|f| f.name != format.name) => formats.push(*format),
            Some(_) => {}
            None => {
                let names: Vec<&str> = dsl::FILE_FORMATS.iter().map(|f| f.name).collect();
                let close = uwsgiconf_core::closest_names(name, names.iter().copied());
                let help = if close.is_empty() {
                    format!("the formats are {}", names.join(", "))
                } else {
                    uwsgiconf_core::did_you_mean(&close)
                };
                errors.push((
                    0,
                    error_at(at, &format!("unknown format `{name}`\n= help: {help}")),
                ));
            }
        }
    }
    if formats.is_empty() {
        if mode == Mode::Render && named.is_empty() {
            let names: Vec<&str> = dsl::FILE_FORMATS.iter().map(|f| f.name).collect();
            errors.push((
                0,
                syn::Error::new(
                    Span::call_site(),
                    format!(
                        "uwsgi_render! takes the format first: uwsgi_render!(json; ..)\n= help: \
                         the formats are {}",
                        names.join(", ")
                    ),
                ),
            ));
        }
        formats.push(ini);
    }
    formats
}

/// An item of the invocation, bound, or what is wrong with its arguments.
pub type Bound<'a> = Result<BoundItem<'a, Tokens>, Vec<Diagnostic<Tokens>>>;

/// What a valid invocation checked to: the text in the first format and the section as data,
/// when every value is a literal.
pub type Checked = (Option<dsl::Rendered>, Option<dsl::LiteralSection>);

/// Checks the bound items (those of `input` that parsed, in order); `Ok` holds the rendered
/// text and the section as data when every value is a literal, `Err` every error, combined,
/// in source order.
pub fn validate(input: &Input, bound: &[Bound<'_>], mode: Mode) -> Result<Checked, syn::Error> {
    // (item index, error), sorted by item at the end so errors read in source order.
    let mut errors: Vec<(usize, syn::Error)> = input
        .items
        .iter()
        .enumerate()
        .filter_map(|(index, item)| Some((index, item.as_ref().err()?.clone())))
        .collect();
    let formats = formats(input, mode, &mut errors);
    let report = dsl::check_for(bound, &formats);
    for diagnostic in &report.diagnostics {
        errors.push(match &diagnostic.at {
            Some(at) => (at.item, error_at(at, &message(diagnostic))),
            None => (
                usize::MAX,
                syn::Error::new(Span::call_site(), message(diagnostic)),
            ),
        });
    }
    if mode.renders() {
        let name = mode.name();
        for bound in bound.iter().flatten() {
            for at in bound.runtime_parts() {
                errors.push((
                    at.item,
                    error_at(
                        at,
                        &format!(
                            "{name} renders at compile time, so its values must be literals\n\
                             = help: write a literal here, or build the section with \
                             uwsgi_config!(..) and render it with .to_{}()",
                            formats[0].name
                        ),
                    ),
                ));
            }
        }
    }
    if mode.renders() && report.text.is_none() && errors.is_empty() {
        // Never let a rendering macro expand to nothing without saying why.
        errors.push((
            usize::MAX,
            syn::Error::new(
                Span::call_site(),
                format!(
                    "{} could not render this section, and found nothing wrong with it; \
                     please report it with the invocation",
                    mode.name()
                ),
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
    Ok((report.text, report.literal))
}

/// An error spanning a piece's tokens.
fn error_at(at: &Tokens, message: &str) -> syn::Error {
    syn::Error::new_spanned(at.tokens(), message)
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

    fn check(text: &str, mode: Mode) -> Result<Option<dsl::Rendered>, syn::Error> {
        let input: Input = syn::parse_str(text).unwrap();
        let bound: Vec<_> = input.items.iter().flatten().map(dsl::bind_item).collect();
        validate(&input, &bound, mode).map(|(text, _)| text)
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
            ini,
            Some(dsl::Rendered::Text(
                "[uwsgi]\npidfile = /run/app.pid\nhook-asap = exec:echo hi\n".into()
            ))
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
