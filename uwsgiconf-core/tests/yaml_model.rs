//! Property test: arbitrary text, rendered to YAML, then read back by a model of how uWSGI
//! 2.0.21 reads YAML through libyaml, gives the directives the command line gives (which
//! reach uWSGI as given, see `expansion_model.rs`); or the renderer refused it for a reason
//! every format has. Values with magic variables read back with whatever the variables hold
//! (a directory with `"`, `#` or `: ` in its name, a host name with a leading blank...).
//!
//! The model follows the code that reads the file:
//! - uWSGI's magic pass (`magic_sub`) on the raw text: `%%` is `%`, `%(` stays, `%x` is
//!   the variable's value;
//! - libyaml's reader (the characters it refuses) and scanner, for the block style the
//!   renderer writes: indentation tokens (`BLOCK-MAPPING-START`, `BLOCK-SEQUENCE-START`,
//!   `BLOCK-END`), keys, `- ` entries, `{}`, plain scalars (where they end, comments, `: `),
//!   double-quoted scalars with every escape, and literal block scalars (indentation
//!   indicator or detection, chomping); anything else is an error of the model, so a
//!   renderer that wrote it fails;
//! - uWSGI 2.0.21's token loop (`uwsgi_yaml_config`, libyaml branch), transcribed: a
//!   section is the block mapping after its key; a scalar after a key, or in a sequence
//!   under a key, is one directive; `yaml = path:name` reads section `name` of `path` at
//!   once (an immediate option).

mod yaml;

use std::collections::BTreeMap;

use proptest::prelude::*;
use uwsgiconf_core::{Config, MagicVar, ProblemKind, Section, Value};

/// What the magic variables hold in the model: every character a YAML scalar could trip on.
fn magic_table() -> BTreeMap<char, &'static str> {
    BTreeMap::from([
        ('d', "/srv/we\"ird 'dir' #1: x\\y/"),
        ('p', "/srv/we\"ird 'dir' #1: x\\y/config.yaml"),
        ('n', " lead"),
        ('x', "  "),
        // Not drawn by the properties: see `the_model_reads_what_uwsgi_read`.
        ('e', ""),
        ('h', "host: #1 "),
        ('V', "2.0.21"),
        ('[', "\u{1b}"),
    ])
}

/// `uwsgi_yaml_config` reading section `section` of `text`, with [`magic_table`]'s variables.
fn read_yaml(text: &str, section: &str) -> Result<Vec<(String, String)>, String> {
    let table = magic_table();
    let file = yaml::File {
        path: table[&'p'],
        text,
        vars: &|code| table.get(&code).map(|value| value.to_string()),
    };
    yaml::read(&file, section)
}

/// The directives of a command line: `--key value`, `--key=value`.
fn read_args(args: &[String]) -> Vec<(String, String)> {
    let mut options = Vec::new();
    let mut words = args.iter();
    while let Some(word) = words.next() {
        let flag = word.strip_prefix("--").expect("an option");
        match flag.split_once('=') {
            Some((key, value)) => options.push((key.to_string(), value.to_string())),
            None => options.push((flag.to_string(), words.next().expect("a value").clone())),
        }
    }
    options
}

// ---- the properties ----

/// Pieces of [`tricky_text`].
const TRICKY: &[&str] = &[
    "%", "$(", "@(", "%(", "(", ")", " ", "  ", "\t", "\n", "\r", ": ", ":", " #", "#", "- ", "-",
    "? ", "|", ">", "'", "\"", "\\", "{", "}", "[", ",", "&", "*", "!", "@", "`", "~", "yes",
    "---", "é", "🦀", "\u{7}", "\u{1b}", "\u{7f}", "\u{85}", "\u{a0}", "\u{2028}", "\u{feff}",
    "\u{fffe}", "\0",
];

/// Text rich in what YAML, libyaml and uWSGI treat specially.
fn tricky_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => prop::sample::select(TRICKY).prop_map(String::from),
        1 => "[a-z0-9]{1,3}",
    ];
    proptest::collection::vec(piece, 0..10).prop_map(|pieces| pieces.concat())
}

/// `%(` then `)` (uWSGI expands it even from a placeholder) and NUL: every format refuses
/// them.
fn refusal_is_justified(text: &str, kinds: &[ProblemKind]) -> bool {
    let percent_paren = text.find("%(").is_some_and(|at| text[at..].contains(')'));
    (percent_paren || text.contains('\0'))
        && kinds.iter().all(|k| *k == ProblemKind::Unrepresentable)
}

/// Pieces of [`quiet_text`].
const QUIET: &[&str] = &[" ", "\t", "\n", ": ", " #", "- ", "'", "\"", "\\", "|", "é"];

/// Literal text for magic-variable values: no sigil, so no junction rule applies.
fn quiet_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        3 => prop::sample::select(QUIET).prop_map(String::from),
        2 => "[a-z0-9/.]{1,3}",
    ];
    proptest::collection::vec(piece.prop_map(String::from), 0..4).prop_map(|pieces| pieces.concat())
}

fn magic_var() -> impl Strategy<Value = MagicVar> {
    prop_oneof![
        Just(MagicVar::ConfigDir),
        Just(MagicVar::ConfigPath),
        Just(MagicVar::ConfigName),
        Just(MagicVar::Section),
        Just(MagicVar::HostName),
        Just(MagicVar::Version),
    ]
}

/// Text and magic variables, with what uWSGI must read once the file is read.
fn magic_value() -> impl Strategy<Value = (Value, String)> {
    let part = prop_oneof![
        quiet_text().prop_map(|text| (Value::from(text.as_str()), text)),
        magic_var().prop_map(|var| {
            let shown = magic_table()[&var.code()].to_string();
            (Value::from(var), shown)
        }),
    ];
    proptest::collection::vec(part, 1..5).prop_map(|parts| {
        parts
            .into_iter()
            .fold((Value::from(""), String::new()), |(value, text), (v, t)| {
                (value + v, text + &t)
            })
    })
}

fn section_with(texts: &[String]) -> Section {
    let mut section = Section::new();
    section.set_option("procname", texts[0].as_str());
    for text in &texts[1..] {
        section.add_option("env", text.as_str());
    }
    // Config logic: an empty value must reach uWSGI (`endif:` alone would be dropped).
    section
        .add_option("if-env", "PATH")
        .add_option("procname-append", texts[texts.len() - 1].as_str())
        .add_option("endif", "");
    section
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn yaml_reads_back_what_the_command_line_gives(
        texts in proptest::collection::vec(tricky_text(), 1..4)
    ) {
        let section = section_with(&texts);
        match section.to_yaml() {
            Ok(yaml) => {
                let args = section.to_args().expect("YAML carries no more than arguments");
                let read = read_yaml(&yaml, "uwsgi").map_err(|e| TestCaseError::fail(format!("{e}\n{yaml}")))?;
                prop_assert_eq!(read, read_args(&args), "{}", yaml);
            }
            Err(error) => {
                let kinds: Vec<_> = error.problems().iter().map(|p| p.kind()).collect();
                let justified = texts.iter().any(|t| refusal_is_justified(t, &kinds));
                prop_assert!(justified, "refused {:?}: {}", texts, error);
                prop_assert!(section.to_args().is_err());
            }
        }
    }

    #[test]
    fn magic_variables_hold_anything_but_a_line_break(
        (value, expected) in magic_value(),
        list in proptest::collection::vec(magic_value(), 0..3),
    ) {
        let mut section = Section::new();
        section.set_option("procname", value);
        for (entry, _) in &list {
            section.add_option("env", entry.clone());
        }
        let yaml = match section.to_yaml() {
            Ok(yaml) => yaml,
            Err(error) => {
                // Two variables side by side may form `$(`, `@(` or `%(` (every format).
                for problem in error.problems() {
                    prop_assert_eq!(problem.kind(), ProblemKind::MisplacedVariable, "{}", problem);
                }
                return Ok(());
            }
        };
        let read = read_yaml(&yaml, "uwsgi").map_err(|e| TestCaseError::fail(format!("{e}\n{yaml}")))?;
        let mut want = vec![("procname".to_string(), expected)];
        want.extend(list.into_iter().map(|(_, text)| ("env".to_string(), text)));
        prop_assert_eq!(read, want, "{}", yaml);
    }

    #[test]
    fn sections_read_alone_and_through_autoinclude(
        texts in proptest::collection::vec(tricky_text(), 3),
        autoinclude in any::<bool>(),
    ) {
        let names = ["uwsgi", "second", "-.3"];
        let mut config = Config::new();
        let mut sections = Vec::new();
        for (name, text) in names.iter().zip(&texts) {
            let mut section = Section::named(*name);
            section.add_option("env", text.as_str()).add_option("env", "X=1");
            sections.push(section.clone());
            config.add_section(section);
        }
        config.autoinclude(autoinclude);
        let Ok(yaml) = config.to_yaml() else {
            prop_assert!(texts.iter().any(|t| t.contains('\0') || t.find("%(").is_some_and(|at| t[at..].contains(')'))));
            return Ok(());
        };
        for (index, (name, section)) in names.iter().zip(&sections).enumerate() {
            let read = read_yaml(&yaml, name).map_err(|e| TestCaseError::fail(format!("{e}\n{yaml}")))?;
            let mut want = read_args(&section.to_args().unwrap());
            if autoinclude && index == 0 {
                // Each include is read where it stands.
                for (other, included) in names[1..].iter().zip(&sections[1..]) {
                    let path = format!("{}:{other}", magic_table()[&'p']);
                    want.push(("yaml".into(), path));
                    want.extend(read_args(&included.to_args().unwrap()));
                }
            }
            prop_assert_eq!(read, want, "{}", yaml);
        }
    }
}

#[test]
fn the_model_reads_what_uwsgi_read() {
    // Measured on uWSGI 2.0.21 (see tests/uwsgi_yaml.rs and the semantics reference).
    let yaml = "uwsgi:\n  env: plain # comment\n  env:\n    - \"a\\tb\"\n    - |2-\n        lead\n      x\n  endif:\n  pidfile: \"\"\n  procname: |+\n    end\n\n";
    assert_eq!(
        read_yaml(yaml, "uwsgi").unwrap(),
        [
            ("env", "plain"),
            ("env", "a\tb"),
            ("env", "  lead\nx"),
            ("pidfile", ""),
            ("procname", "end\n\n"),
        ]
        .map(|(k, v)| (k.to_string(), v.to_string()))
    );
    // A tag stops the reading; `: ` in a plain scalar and a raw ESC are errors.
    assert!(read_yaml("uwsgi:\n  env: \"%[\"\n", "uwsgi").is_err());
    assert!(read_yaml("uwsgi:\n  env: a: b\n", "uwsgi").is_err());
    // The known limit: a last line of only variables that hold nothing is an empty line,
    // which the chomping drops (measured: `|-` then `a` and `%x` read without a section
    // name gives `a`).
    let mut section = Section::new();
    section.set_option("procname", Value::from("a\n") + MagicVar::ConfigExtension);
    let yaml = section.to_yaml().unwrap();
    assert_eq!(yaml, "uwsgi:\n  procname: |-\n    a\n    %e\n");
    assert_eq!(
        read_yaml(&yaml, "uwsgi").unwrap(),
        [("procname".to_string(), "a".to_string())]
    );
    // A `"` in a variable ends a double-quoted scalar (uWSGI then stops reading the
    // section); a literal block holds it.
    assert!(read_yaml("uwsgi:\n  env: \"%d\"\n  procname: x\n", "uwsgi").is_err());
    assert_eq!(
        read_yaml("uwsgi:\n  env: |2-\n    %d\n  procname: x\n", "uwsgi").unwrap(),
        [("env", magic_table()[&'d']), ("procname", "x")]
            .map(|(k, v)| (k.to_string(), v.to_string()))
    );
}
