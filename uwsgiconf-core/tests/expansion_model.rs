//! Property test: arbitrary literal text, rendered to INI and to arguments, then read back by
//! a model of how uWSGI reads configuration, comes back exactly as given; or the renderer
//! refused it for a reason the format really has.
//!
//! The model follows uWSGI 2.0.21's code paths, as measured and read (uWSGI's
//! `magic_sub`, `uwsgi_ini_config` and `uwsgi_apply_config_pass`):
//! - files only: `%%` becomes `%`, `%(` stays, any other `%x` vanishes;
//! - INI: lines split on `\n`, blanks trimmed around keys and values, split at the first `=`;
//! - options not set by `set-placeholder` go through the `$(..)`, `@(..)` and `%(..)` passes,
//!   each rescanning its value from index 1 after a replacement; an unresolvable reference
//!   stays literal.
//!
//! The real binary checks the same ground in the root package's uWSGI tests; this model lets
//! thousands of cases run in milliseconds.

mod passes;

use passes::{pass, Options};
use proptest::prelude::*;
use uwsgiconf_core::{Action, Phase, ProblemKind, Section};

fn magic_pass(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('%') => out.push('%'),
            Some('(') => out.push_str("%("),
            // Every other `%x` is a magic variable; literal text never produces one.
            Some(other) => panic!("renderer wrote a bare magic variable %{other}"),
            None => panic!("renderer wrote a trailing %"),
        }
    }
    out
}

fn read_ini(text: &str) -> Options {
    let text = magic_pass(text);
    let mut section = String::new();
    let mut options = Vec::new();
    for line in text.split('\n') {
        let line = line.trim_matches([' ', '\t', '\r']);
        if line.is_empty() || line.starts_with([';', '#']) {
            continue;
        }
        if let Some(rest) = line.strip_prefix('[') {
            section = rest[..rest.len() - 1].to_string();
            continue;
        }
        if section != "uwsgi" {
            continue;
        }
        let (key, value) = line.split_once('=').unwrap_or((line, ""));
        options.push(store(
            key.trim_end_matches([' ', '\t', '\r']),
            value.trim_matches([' ', '\t', '\r']),
        ));
    }
    options
}

fn read_args(args: &[String]) -> Options {
    let mut options = Vec::new();
    let mut words = args.iter();
    while let Some(word) = words.next() {
        let flag = word.strip_prefix("--").expect("an option");
        match flag.split_once('=') {
            Some((key, value)) => options.push(store(key, value)),
            None => {
                let value = words.next().expect("a value");
                options.push(store(flag, value));
            }
        }
    }
    options
}

/// `set-placeholder = name=value` defines `name`, which no pass will touch.
fn store(key: &str, value: &str) -> (String, String, bool) {
    if key == "set-placeholder" {
        let (name, value) = value.split_once('=').expect("name=value");
        (name.to_string(), value.to_string(), true)
    } else {
        (key.to_string(), value.to_string(), false)
    }
}

/// Runs the three passes and returns the value of `key`.
fn expand(mut options: Options, key: &str) -> String {
    // No environment variable and no file exists in the model: any that uWSGI would find is
    // marked, so a wrongly expanded literal shows.
    pass(&mut options, b'$', &|_, name| Some(format!("<env {name}>")));
    pass(&mut options, b'@', &|_, name| {
        Some(format!("<file {name}>"))
    });
    pass(&mut options, b'%', &|opts, name| {
        if name.contains(' ') {
            return Some(String::new());
        }
        opts.iter().find(|o| o.0 == name).map(|o| o.1.clone())
    });
    options
        .into_iter()
        .find(|o| o.0 == key)
        .map(|o| o.1)
        .expect("the option is there")
}

/// Text rich in everything uWSGI treats specially.
fn tricky_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("%".to_string()),
        Just("$(".to_string()),
        Just("@(".to_string()),
        Just("%(".to_string()),
        Just("(".to_string()),
        Just(")".to_string()),
        Just("$".to_string()),
        Just("@".to_string()),
        Just(" ".to_string()),
        Just("\t".to_string()),
        Just(";".to_string()),
        Just("#".to_string()),
        Just("=".to_string()),
        Just("\"".to_string()),
        Just("\\".to_string()),
        Just("é".to_string()),
        Just("HOME".to_string()),
        Just("procname".to_string()),
        "[a-z]{1,3}",
    ];
    proptest::collection::vec(piece, 0..12).prop_map(|pieces| pieces.concat())
}

/// The reasons a format may refuse a literal value, given the text.
fn refusal_is_justified(text: &str, ini: bool, kinds: &[ProblemKind]) -> bool {
    let blank = |c: char| matches!(c, ' ' | '\t' | '\r');
    let percent_paren = text.find("%(").is_some_and(|at| text[at..].contains(')'));
    let ini_reason = ini
        && (text.ends_with(blank) || text.trim_start_matches(blank).is_empty() && !text.is_empty());
    let reason = percent_paren || ini_reason;
    reason && kinds.iter().all(|k| *k == ProblemKind::Unrepresentable)
}

fn section_with_name(text: &str) -> Section {
    let mut section = Section::new();
    section.set_option("procname", text);
    section
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4000))]

    #[test]
    fn ini_values_read_back_exactly(text in tricky_text()) {
        match section_with_name(&text).to_ini() {
            Ok(ini) => prop_assert_eq!(expand(read_ini(&ini), "procname"), text, "{}", ini),
            Err(error) => {
                let kinds: Vec<_> = error.problems().iter().map(|p| p.kind()).collect();
                prop_assert!(refusal_is_justified(&text, true, &kinds), "refused {:?}: {}", text, error);
            }
        }
    }

    #[test]
    fn arg_values_read_back_exactly(text in tricky_text()) {
        match section_with_name(&text).to_args() {
            Ok(args) => prop_assert_eq!(expand(read_args(&args), "procname"), text, "{:?}", args),
            Err(error) => {
                let kinds: Vec<_> = error.problems().iter().map(|p| p.kind()).collect();
                prop_assert!(refusal_is_justified(&text, false, &kinds), "refused {:?}: {}", text, error);
            }
        }
    }

    #[test]
    fn print_text_survives_printf_too(text in tricky_text()) {
        let mut section = Section::new();
        section.main_process().set_hook(Phase::Asap, Action::printout(text.as_str()));
        if let Ok(ini) = section.to_ini() {
            let hook = expand(read_ini(&ini), "hook-asap");
            let format = hook.strip_prefix("print:").expect("a print hook");
            // printf turns `%%` into `%`; any other `%` would be a conversion.
            let printed = format.replace("%%", "\u{0}");
            prop_assert!(!printed.contains('%'), "{}", format);
            prop_assert_eq!(printed.replace('\u{0}', "%"), text);
        }
    }
}

#[test]
fn the_model_expands_what_uwsgi_expands() {
    // Measured on uWSGI 2.0.21 (see the semantics reference): a placeholder's value is not
    // rescanned at index 0, but a `%` it inserts before literal `(x)` is.
    let options = read_ini(
        "[uwsgi]\nset-placeholder = x=BAD\nset-placeholder = a=%%(x)\nset-placeholder = pct=%%\n\
         procname = %(a)\nprocname-prefix = lit%(pct)(x)\nenv = $(HOME)\n",
    );
    assert_eq!(expand(options.clone(), "procname"), "%(x)");
    assert_eq!(expand(options.clone(), "procname-prefix"), "litBAD");
    assert_eq!(expand(options, "env"), "<env HOME>");
}
