//! `<loader> = :name` reads section `name` of the file being read. Against the real uWSGI:
//! only `ini = :name` read from an INI file works; the crate writes that and refuses every
//! other form, each of which uWSGI fails on (it opens `""`, or crashes).

mod support;

use std::ffi::OsString;

use support::{ACCEPTED, STOP};
use uwsgiconf::{Config, ProblemKind, Section};

/// A section that stops uWSGI with [`ACCEPTED`] once its config is read, and includes
/// `value` with `loader`; then a section named `other`.
fn config(loader: &str, value: &str) -> Config {
    let mut first = Section::new();
    first.set_strict(true);
    first.add_option("hook-asap", STOP);
    first.set_option(loader, value);
    let mut other = Section::named("other");
    other.set_option("procname", "other");
    let mut config = Config::new();
    config.add_section(first).add_section(other);
    config
}

#[test]
fn ini_reads_a_section_of_the_ini_file_being_read() {
    let Some(uwsgi) = support::uwsgi() else {
        return;
    };
    let dir = support::temp_dir();
    let ini = config("ini", ":other").to_ini().unwrap();
    let out = uwsgi.run_ini(dir.path(), "app.ini", &ini, &[] as &[&str]);
    assert!(out.accepted(), "{}\n{ini}", out.log());
}

#[test]
fn other_loaders_and_other_formats_are_refused_as_uwsgi_fails_on_them() {
    let Some(uwsgi) = support::uwsgi() else {
        return;
    };
    let dir = support::temp_dir();
    // (format, the loader option, the rendering, how uWSGI reads the file)
    type Render = fn(&Config) -> Result<String, uwsgiconf::Error>;
    let cases: [(&str, &str, Render, &str); 6] = [
        ("ini", "xml", Config::to_ini, "--ini"),
        ("ini", "json", Config::to_ini, "--ini"),
        ("ini", "include", Config::to_ini, "--ini"),
        ("json", "ini", Config::to_json, "--json"),
        ("yaml", "ini", Config::to_yaml, "--yaml"),
        ("xml", "ini", Config::to_xml, "--xml"),
    ];
    for (extension, loader, render, read) in cases {
        let what = format!("`{loader} = :other` in {extension}");
        let config = config(loader, ":other");
        let problems = render(&config).unwrap_err().into_problems();
        let expected = if loader == "ini" {
            ProblemKind::Unrepresentable
        } else {
            ProblemKind::InvalidValue
        };
        assert!(
            problems
                .iter()
                .any(|p| p.kind() == expected && p.blame().option() == Some(loader)),
            "{what}: {problems:?}"
        );

        // The same line, written without the crate: uWSGI fails before the stop.
        let file = dir.path().join(format!("raw-{loader}.{extension}"));
        let text = match extension {
            "ini" => format!("[uwsgi]\nhook-asap = {STOP}\n{loader} = :other\n"),
            "json" => format!(r#"{{"uwsgi": {{"hook-asap": "{STOP}", "{loader}": ":other"}}}}"#),
            "yaml" => format!("uwsgi:\n  hook-asap: \"{STOP}\"\n  {loader}: \":other\"\n"),
            _ => format!("<uwsgi><hook-asap>{STOP}</hook-asap><{loader}>:other</{loader}></uwsgi>"),
        };
        std::fs::write(&file, text).unwrap();
        let out = uwsgi.run(dir.path(), &[OsString::from(read), file.into_os_string()]);
        assert!(
            !out.timed_out && out.code != Some(ACCEPTED),
            "{what}: uWSGI took it ({}):\n{}",
            out.describe(),
            out.log()
        );
    }
}

#[test]
fn a_named_file_before_the_colon_is_left_alone() {
    let config = config("xml", "/etc/app.xml:other");
    assert!(config.to_ini().is_ok());
    let config = config_with_variable();
    assert!(config.to_ini().is_ok());
}

/// `json = %p:other`: the path given by a magic variable, not a literal `:`.
fn config_with_variable() -> Config {
    let mut section = Section::new();
    section.set_option("json", uwsgiconf::MagicVar::ConfigPath + ":other");
    Config::from(section)
}
