//! Round trip through the real uWSGI: values full of what uWSGI expands or strips (`%`,
//! `$(`, `@(`, `%(`, `;`, `#`, `=`, quotes, backslashes, leading blanks, tabs, non-ASCII...)
//! are rendered as INI and as command-line arguments, read back with `uwsgi --show-config`
//! (which prints every option after all of uWSGI's expansion passes), and must equal exactly
//! what was given. Values the crate refuses must be refused for the documented reasons only.
//!
//! The options used keep their value verbatim and do nothing before `--show-config` prints
//! (uWSGI without a socket stops right after): `procname`, `procname-append`,
//! `procname-prefix[-spaced]`, `env`, `touch-reload`, `hook-post-app`, `exec-post-app`.
//! `hook-asap = print:..` does run: its line in the log must be the text as given.
//!
//! Command-line values may hold line breaks: the expected `--show-config` block is then
//! rebuilt from the arguments and compared whole, which leaves no ambiguity about where a
//! value ends.

mod probes;
mod support;

use std::collections::BTreeMap;

use probes::values::{
    assert_printed, check_refusal, closes_placeholder, expected_block, generated, probe, Checked,
    CURATED, GENERATED, PLACEHOLDER_PREFIX,
};
use support::{notice, Uwsgi};
use uwsgiconf::{Config, MagicVar, NamingParams, ProblemKind, Section, Value};

/// What the crate must refuse in an INI file, from uWSGI's documented reading rules.
fn ini_cannot_carry(value: &str) -> bool {
    value.contains(['\0', '\n', '\r']) || value.ends_with([' ', '\t']) || closes_placeholder(value)
}

/// What the crate must refuse on the command line.
fn args_cannot_carry(value: &str) -> bool {
    value.contains('\0') || closes_placeholder(value)
}

fn check_ini(uwsgi: &Uwsgi, value: &str) -> Checked {
    let (section, expected) = probe(value);
    let ini = match section.to_ini() {
        Ok(ini) => {
            assert!(
                !ini_cannot_carry(value),
                "{value:?}: INI cannot carry it, yet the crate rendered\n{ini}"
            );
            ini
        }
        Err(error) => {
            assert!(
                ini_cannot_carry(value),
                "{value:?}: INI can carry it, yet the crate refused: {error}"
            );
            return check_refusal(value, "INI", error);
        }
    };
    let dir = support::temp_dir();
    let run = uwsgi.run_ini(dir.path(), "value.ini", &ini, &["--show-config"]);
    let shown = run.shown_config().unwrap_or_else(|| {
        panic!(
            "{value:?} (INI): no --show-config output ({}):\n{ini}\n--- uWSGI said:\n{}",
            run.describe(),
            run.log()
        )
    });
    // INI values cannot hold a line break, so the shown config splits into lines safely.
    let mut got: Vec<(String, String)> = support::ini_pairs(shown)
        .into_iter()
        .filter(|(key, _)| {
            !matches!(key.as_str(), "ini" | "show-config" | "set-placeholder")
                && !key.starts_with(PLACEHOLDER_PREFIX)
        })
        .collect();
    let mut want = expected.clone();
    got.sort();
    want.sort();
    assert_eq!(
        got, want,
        "{value:?} (INI): uWSGI read something else\n{ini}\n--- shown:\n{shown}"
    );
    let hook = &expected.iter().find(|(k, _)| k == "hook-asap").unwrap().1;
    assert_printed(value, "INI", hook, &run);
    Checked::RoundTripped
}

fn check_args(uwsgi: &Uwsgi, value: &str) -> Checked {
    let (section, expected) = probe(value);
    let mut args = match section.to_args() {
        Ok(args) => {
            assert!(
                !args_cannot_carry(value),
                "{value:?}: the command line cannot carry it, yet the crate rendered {args:?}"
            );
            args
        }
        Err(error) => {
            assert!(
                args_cannot_carry(value),
                "{value:?}: the command line can carry it, yet the crate refused: {error}"
            );
            return check_refusal(value, "args", error);
        }
    };
    let want = expected_block(value, &args, &expected);
    args.push("--show-config".into());
    let dir = support::temp_dir();
    let run = uwsgi.run(dir.path(), &args);
    let shown = run.shown_config().unwrap_or_else(|| {
        panic!(
            "{value:?} (args): no --show-config output ({}):\n{args:?}\n--- uWSGI said:\n{}",
            run.describe(),
            run.log()
        )
    });
    assert_eq!(
        shown, want,
        "{value:?} (args): uWSGI read something else\n{args:?}"
    );
    let hook = &expected.iter().find(|(k, _)| k == "hook-asap").unwrap().1;
    assert_printed(value, "args", hook, &run);
    Checked::RoundTripped
}

#[test]
fn tricky_values_round_trip_exactly() {
    let Some(uwsgi) = support::uwsgi() else {
        return;
    };
    let mut values: Vec<String> = CURATED.iter().map(|v| v.to_string()).collect();
    values.extend(generated(GENERATED));
    values.sort();
    values.dedup();
    let results = support::parallel_map(&values, |value| {
        (check_ini(uwsgi, value), check_args(uwsgi, value))
    });
    let mut tally: BTreeMap<(&str, Checked), usize> = BTreeMap::new();
    for (ini, args) in &results {
        *tally.entry(("INI", *ini)).or_default() += 1;
        *tally.entry(("args", *args)).or_default() += 1;
    }
    let count = |form, checked| tally.get(&(form, checked)).copied().unwrap_or(0);
    // The sweep must exercise both outcomes in both formats.
    for form in ["INI", "args"] {
        assert!(count(form, Checked::RoundTripped) > 100, "{tally:?}");
        assert!(count(form, Checked::Refused) > 0, "{tally:?}");
    }
    let with_newline = values
        .iter()
        .zip(&results)
        .filter(|(v, (_, args))| v.contains('\n') && *args == Checked::RoundTripped)
        .count();
    assert!(with_newline > 0);
    notice(&format!(
        "round trip ({}): {} values tried ({} curated, {GENERATED} generated, deduplicated), each in 8 options + a print hook, strict mode on; \
         INI: {} round-tripped, {} refused as documented; args: {} round-tripped ({} with line breaks), {} refused as documented",
        uwsgi.version(),
        values.len(),
        CURATED.len(),
        count("INI", Checked::RoundTripped),
        count("INI", Checked::Refused),
        count("args", Checked::RoundTripped),
        with_newline,
        count("args", Checked::Refused),
    ));
}

#[test]
fn placeholder_syntax_with_a_closing_parenthesis_is_refused() {
    for value in ["%(x)", "a %(HOME) b", "%(", "50%( and )"] {
        let (section, _) = probe(value);
        let expect_refused = closes_placeholder(value);
        for (form, result) in [
            ("INI", section.to_ini().map(|_| ())),
            ("args", section.to_args().map(|_| ())),
        ] {
            match result {
                Ok(()) => assert!(!expect_refused, "{value:?} ({form}) was rendered"),
                Err(error) => {
                    assert!(expect_refused, "{value:?} ({form}): {error}");
                    assert!(
                        error
                            .problems()
                            .iter()
                            .all(|p| p.kind() == ProblemKind::Unrepresentable
                                && p.message().contains("%(")),
                        "{error}"
                    );
                }
            }
        }
    }
}

/// Variables used on purpose expand; literal text next to them stays literal.
#[test]
fn intentional_variables_expand_and_literal_ones_do_not() {
    let Some(uwsgi) = support::uwsgi() else {
        return;
    };
    let home = std::env::var("HOME").unwrap_or_default();
    let dir = support::temp_dir();

    let mut section = Section::new();
    let mixed = Value::env("HOME") + " $(HOME) 100% @(x) " + Value::placeholder("procname");
    section.set_option("procname", "named");
    section.add_option("env", Value::from("UWSGICONF_MIX=") + mixed.clone());
    let want = format!("UWSGICONF_MIX={home} $(HOME) 100% @(x) named");

    let ini = section.to_ini().expect("renders");
    let run = uwsgi.run_ini(dir.path(), "mixed.ini", &ini, &["--show-config"]);
    let shown = support::ini_pairs(run.shown_config().expect("shown config"));
    assert!(
        shown.contains(&("env".into(), want.clone())),
        "INI:\n{ini}\n{shown:?}"
    );

    let mut args = section.to_args().expect("renders");
    args.push("--show-config".into());
    let run = uwsgi.run(dir.path(), &args);
    let shown = support::ini_pairs(run.shown_config().expect("shown config"));
    assert!(
        shown.contains(&("env".into(), want)),
        "args: {args:?}\n{shown:?}"
    );

    // Magic variables exist in files only: `%d` is the INI file's directory.
    let mut section = Section::new();
    section.set_option("procname-append", Value::from(MagicVar::ConfigDir) + "100%");
    let ini = section.to_ini().expect("renders");
    let run = uwsgi.run_ini(dir.path(), "magic.ini", &ini, &["--show-config"]);
    let shown = support::ini_pairs(run.shown_config().expect("shown config"));
    let real_dir = dir.path().canonicalize().unwrap();
    let want = format!("{}/100%", real_dir.display());
    assert!(
        shown.contains(&("procname-append".into(), want)),
        "{ini}\n{shown:?}"
    );
    let problems = section.to_args().unwrap_err().into_problems();
    assert_eq!(problems[0].kind(), ProblemKind::MisplacedVariable);
}

/// Several sections in one file: the first includes the others (`ini = :name`), and the
/// placeholders of each section stay distinct.
#[test]
fn config_sections_round_trip_with_autoinclude() {
    let Some(uwsgi) = support::uwsgi() else {
        return;
    };
    let dir = support::temp_dir();
    let first_value = "  first $(HOME) 100%";
    let second_value = "second @(uwsgiconf-missing) %% ;";
    let mut first = Section::new();
    first.set_strict(true);
    first
        .main_process()
        .set_naming_params(NamingParams::new().name(first_value));
    let mut second = Section::named("second");
    second
        .main_process()
        .set_naming_params(NamingParams::new().suffix(second_value));
    let mut config = Config::new();
    config
        .add_section(first)
        .add_section(second)
        .autoinclude(true);
    let want = [
        ("procname".to_string(), first_value.to_string()),
        ("procname-append".to_string(), second_value.to_string()),
    ];

    // Strict mode is on: a refused directive would stop uWSGI before it shows the config.
    let ini = config.to_ini().expect("renders");
    let run = uwsgi.run_ini(dir.path(), "config.ini", &ini, &["--show-config"]);
    let shown = support::ini_pairs(
        run.shown_config()
            .unwrap_or_else(|| panic!("{}", run.log())),
    );
    for pair in &want {
        assert!(shown.contains(pair), "INI:\n{ini}\n{shown:?}");
    }
    let mut args = config.to_args().expect("renders");
    args.push("--show-config".into());
    let run = uwsgi.run(dir.path(), &args);
    let shown = support::ini_pairs(
        run.shown_config()
            .unwrap_or_else(|| panic!("{}", run.log())),
    );
    for pair in &want {
        assert!(shown.contains(pair), "args: {args:?}\n{shown:?}");
    }
}
