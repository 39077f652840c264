//! Property test: what the JSON renderer writes, read back by a model of how uWSGI 2.0.21
//! reads a JSON file, is exactly what was given, in the order given; or the renderer refused
//! it for a reason the format really has.
//!
//! The model follows uWSGI's `uwsgi_json_config` (the yajl tree reader of Debian's build)
//! and what was measured on it (see `tests/uwsgi_json.rs` in the root package):
//! - the magic pass on the raw text first (`%%` is `%`, `%(` stays, `%p` is the file's path,
//!   any other `%x` vanishes);
//! - then RFC 8259 JSON, as strict as yajl: a raw control character in a string is an error,
//!   `\u0000` cuts a value there (C strings);
//! - the first top-level key named as the section asked for (`uwsgi` by default), which must
//!   hold an object; its keys in order, duplicates kept: a string is the value, `true` is
//!   `1`, `false` and `null` are `0`, a number its text, an array one directive per item in
//!   place; `json = <path>:<name>` reads section `name` of the file at `path` right there;
//! - then the `$(..)`, `@(..)` and `%(..)` passes of every directive not set by
//!   `set-placeholder`, each rescanning from index 1 after a replacement (as in
//!   `expansion_model.rs`); an unresolvable reference stays literal.

mod json;
mod passes;

use passes::{pass, Options};
use proptest::prelude::*;
use uwsgiconf_core::{Action, Config, MagicVar, Phase, ProblemKind, Section};

/// The path the model reads the document from (`%p`).
const PATH: &str = "/srv/app/model.json";

/// The model's magic variables: only `%p` (the module's `File::path`) is ever written.
fn no_magic(code: char) -> Option<String> {
    if MagicVar::from_code(code).is_some() {
        panic!("the test writes no magic variable but %p, found %{code}")
    }
    // uWSGI drops any other `%x`; literal text never produces one.
    panic!("renderer wrote an unknown magic variable %{code}")
}

/// The directives uWSGI exports reading section `name` of `document` (read from [`PATH`]),
/// includes of sections of the same file followed in place; or the error it exits on.
fn export(document: &str, name: &str, options: &mut Options) -> Result<(), String> {
    let file = json::File {
        path: PATH,
        text: document,
        vars: &no_magic,
    };
    for (key, item) in json::read(&file, name)? {
        if key == "set-placeholder" {
            let (name, value) = item.split_once('=').ok_or("name=value")?;
            options.push((name.to_string(), value.to_string(), true));
        } else {
            options.push((key, item, false));
        }
    }
    Ok(())
}

fn read_json(document: &str, name: &str) -> Options {
    let mut options = Vec::new();
    if let Err(why) = export(document, name, &mut options) {
        panic!("uWSGI would exit: {why}\n{document}");
    }
    options
}

/// Runs the three passes: the directives as uWSGI applies them, placeholders left out.
fn expand(mut options: Options) -> Vec<(String, String)> {
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
        .filter(|(_, _, configured)| !configured)
        .map(|(key, value, _)| (key, value))
        .collect()
}

fn value_of(options: Options, key: &str) -> String {
    expand(options)
        .into_iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v)
        .expect("the option is there")
}

/// What generated text is made of: everything uWSGI or JSON treats specially.
const PIECES: &[&str] = &[
    "%", "$(", "@(", "%(", "(", ")", "$", "@", " ", "\t", "\n", "\r", "\u{0}", "\u{1}", "\u{1b}[",
    "\u{7f}", "\u{2028}", "\"", "\\", "\\u0041", "/", ":", ",", "{}[]", "é🦀", "HOME", "procname",
];

fn text_of(pieces: Vec<&'static str>) -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        9 => proptest::sample::select(pieces).prop_map(String::from),
        1 => "[a-z]{1,3}",
    ];
    proptest::collection::vec(piece, 0..12).prop_map(|pieces| pieces.concat())
}

/// Any text.
fn tricky_text() -> impl Strategy<Value = String> {
    text_of(PIECES.to_vec())
}

/// Text without what no format carries (NUL, `%(`), so that long sequences of it render.
fn carried_text() -> impl Strategy<Value = String> {
    let pieces = PIECES
        .iter()
        .copied()
        .filter(|p| !p.contains('\0'))
        .collect();
    text_of(pieces).prop_map(|text| text.replace("%(", "%x("))
}

/// The reasons JSON may refuse a literal value: what no format carries.
fn refusal_is_justified(text: &str, kinds: &[ProblemKind]) -> bool {
    let percent_paren = text.find("%(").is_some_and(|at| text[at..].contains(')'));
    (percent_paren || text.contains('\0'))
        && kinds.iter().all(|k| *k == ProblemKind::Unrepresentable)
}

/// A directive of a generated section: an entry of a list option with a text, or a
/// config-logic block of such entries.
#[derive(Debug, Clone)]
enum Op {
    Entry(usize, String),
    Block(Vec<(usize, String)>),
}

/// List options whose entries are read verbatim.
const LISTS: [&str; 3] = ["env", "exec-asap", "touch-reload"];

fn ops() -> impl Strategy<Value = Vec<Op>> {
    let entry = || (0..LISTS.len(), carried_text());
    let op = prop_oneof![
        3 => entry().prop_map(|(key, text)| Op::Entry(key, text)),
        1 => proptest::collection::vec(entry(), 1..4).prop_map(Op::Block),
    ];
    proptest::collection::vec(op, 1..8)
}

/// A section of `ops`, each entry tagged with its place (`O3:` outside a block, `I5:` inside)
/// so that the read-back shows where each came from; and the entries given, tagged, by key.
fn build(name: &str, ops: &[Op]) -> (Section, Vec<(String, String)>) {
    let mut section = Section::named(name);
    let mut given = Vec::new();
    let mut add = |section: &mut Section, key: usize, text: &str, inside: bool| {
        let value = format!("{}{}:{text}", if inside { 'I' } else { 'O' }, given.len());
        section.add_option(LISTS[key], value.as_str());
        given.push((LISTS[key].to_string(), value));
    };
    for op in ops {
        match op {
            Op::Entry(key, text) => add(&mut section, *key, text, false),
            Op::Block(entries) => {
                section.add_option("if-env", "PATH");
                for (key, text) in entries {
                    add(&mut section, *key, text, true);
                }
                section.add_option("endif", "");
            }
        }
    }
    (section, given)
}

/// The directives of `section` on the command line (the generated sections hold no switch).
fn args_pairs(section: &Section) -> Vec<(String, String)> {
    let args = section.to_args().expect("the command line carries it too");
    let mut pairs = Vec::new();
    let mut words = args.iter();
    while let Some(word) = words.next() {
        let flag = word.strip_prefix("--").expect("an option");
        match flag.split_once('=') {
            Some((key, value)) => pairs.push((key.to_string(), value.to_string())),
            None => pairs.push((flag.to_string(), words.next().expect("a value").clone())),
        }
    }
    pairs
}

/// Every entry of `given` read back exactly, in the order given per option, each inside a
/// block exactly when it was given inside one; the JSON directives are also those of the
/// command line, in the same order. `read` is the section's directives as the model exports
/// them.
fn check_section(
    section: &Section,
    given: &[(String, String)],
    read: Options,
    json: &str,
) -> Result<(), TestCaseError> {
    // The directives and their order are the command line's (a run of one key as an array,
    // a key that comes back written again).
    let from_args = args_pairs(section);
    let raw: Vec<(String, String)> = read
        .iter()
        .map(|(key, value, configured)| {
            if *configured {
                ("set-placeholder".to_string(), format!("{key}={value}"))
            } else {
                (key.clone(), value.clone())
            }
        })
        .collect();
    prop_assert_eq!(&raw, &from_args, "{}", json);
    // Each entry read back as given, in order per key, inside a block exactly when given
    // there.
    let mut inside = false;
    let mut read_back: Vec<(String, String)> = Vec::new();
    for (key, value) in expand(read) {
        match key.as_str() {
            "if-env" => inside = true,
            "endif" => inside = false,
            _ => {
                prop_assert_eq!(value.starts_with('I'), inside, "{:?}\n{}", value, json);
                read_back.push((key, value));
            }
        }
    }
    for key in LISTS {
        let want: Vec<&String> = given
            .iter()
            .filter(|(k, _)| k == key)
            .map(|(_, v)| v)
            .collect();
        let got: Vec<&String> = read_back
            .iter()
            .filter(|(k, _)| k == key)
            .map(|(_, v)| v)
            .collect();
        prop_assert_eq!(got, want, "{}", json);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn json_values_read_back_exactly(text in tricky_text()) {
        let mut section = Section::new();
        section.set_option("procname", text.as_str());
        match section.to_json() {
            Ok(json) => prop_assert_eq!(value_of(read_json(&json, "uwsgi"), "procname"), text, "{}", json),
            Err(error) => {
                let kinds: Vec<_> = error.problems().iter().map(|p| p.kind()).collect();
                prop_assert!(refusal_is_justified(&text, &kinds), "refused {:?}: {}", text, error);
            }
        }
    }

    #[test]
    fn print_text_survives_printf_too(text in tricky_text()) {
        let mut section = Section::new();
        section.main_process().set_hook(Phase::Asap, Action::printout(text.as_str()));
        if let Ok(json) = section.to_json() {
            let hook = value_of(read_json(&json, "uwsgi"), "hook-asap");
            let format = hook.strip_prefix("print:").expect("a print hook");
            // printf turns `%%` into `%`; any other `%` would be a conversion.
            let printed = format.replace("%%", "\u{0}");
            prop_assert!(!printed.contains('%'), "{}", format);
            prop_assert_eq!(printed.replace('\u{0}', "%"), text);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn every_directive_keeps_its_place(ops in ops()) {
        let (section, given) = build("uwsgi", &ops);
        let json = section.to_json();
        prop_assert!(json.is_ok(), "refused: {:?}", json);
        let json = json.unwrap();
        check_section(&section, &given, read_json(&json, "uwsgi"), &json)?;
    }

    #[test]
    fn sections_read_back_by_name_and_through_autoinclude(
        sections in proptest::collection::vec(ops(), 1..4),
    ) {
        let names = ["uwsgi", "second", "app.3"];
        let built: Vec<_> = sections.iter().zip(names).map(|(ops, name)| build(name, ops)).collect();
        let mut config = Config::new();
        for (section, _) in &built {
            config.add_section(section.clone());
        }
        let json = config.to_json();
        prop_assert!(json.is_ok(), "refused: {:?}", json);
        let json = json.unwrap();
        for (section, given) in &built {
            check_section(section, given, read_json(&json, section.name()), &json)?;
        }
        // With autoinclude the first section reads the others in place, after its own lines.
        config.autoinclude(true);
        let json = config.to_json().expect("renders as without autoinclude");
        let read = read_json(&json, "uwsgi");
        let includes: Vec<&String> = read.iter().filter(|(k, _, _)| k == "json").map(|(_, v, _)| v).collect();
        let want: Vec<String> = names[1..built.len()].iter().map(|name| format!("{PATH}:{name}")).collect();
        prop_assert_eq!(includes, want.iter().collect::<Vec<_>>(), "{}", json);
        let all: Vec<(String, String)> = read
            .into_iter()
            .filter(|(k, _, _)| LISTS.contains(&k.as_str()))
            .map(|(k, v, _)| (k, v))
            .collect();
        let want: Vec<(String, String)> = built
            .iter()
            .flat_map(|(section, _)| args_pairs(section))
            .filter(|(k, _)| LISTS.contains(&k.as_str()))
            .collect();
        prop_assert_eq!(all, want, "{}", json);
    }
}

#[test]
fn the_model_reads_what_uwsgi_reads() {
    // Measured on uWSGI 2.0.21 (tests/uwsgi_json.rs): arrays in place, duplicates kept,
    // `true`/`false`/`null`, numbers as text, `\u0000` cuts, the magic pass first.
    let read = read_json(
        r#"{"uwsgi": {"env": "A=1", "procname": "p", "env": ["B", "C"], "vacuum": true,
            "master": false, "chdir": null, "prio": 3.5, "procname-append": "100%% \u0025 a\u0000b",
            "json": "%p:other"}, "other": {"env": "O"}, "uwsgi": {"env": "ignored"}}"#,
        "uwsgi",
    );
    let pairs: Vec<(&str, &str)> = read
        .iter()
        .map(|(k, v, _)| (k.as_str(), v.as_str()))
        .collect();
    assert_eq!(
        pairs,
        [
            ("env", "A=1"),
            ("procname", "p"),
            ("env", "B"),
            ("env", "C"),
            ("vacuum", "1"),
            ("master", "0"),
            ("chdir", "0"),
            ("prio", "3.5"),
            ("procname-append", "100% % a"),
            ("json", "/srv/app/model.json:other"),
            ("env", "O"),
        ]
    );
    for bad in [
        "{\"uwsgi\": {\"procname\": \"a\tb\"}}",
        "{\"uwsgi\": {\"procname\": \"a\"b\"}}",
    ] {
        let mut options = Vec::new();
        assert!(export(bad, "uwsgi", &mut options).is_err(), "{bad}");
    }
}
