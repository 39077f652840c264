//! Plugins against the real uWSGI (issue 10): an option from a plugin is accepted in strict
//! mode once a line loading the plugin comes before it, and refused without one or with the
//! line after it, as the crate refuses those sections; `autoload` finds the plugin; and
//! `deploy::plugins::probe` reads what the installed binary embeds and can load, checked
//! against what the binary does.

mod support;

use support::{notice, Prepend, Uwsgi};
use uwsgiconf::deploy::plugins::{probe, Installed, ProbeError};
use uwsgiconf::{uwsgi_config, Config, PluginsParams, ProblemKind, Section};

/// A plugin Debian's `uwsgi-core` ships as a `.so`, and an option of it.
const PLUGIN: &str = "http";
const OPTION: (&str, &str) = ("http", "127.0.0.1:0");

fn installed(uwsgi: &Uwsgi) -> Installed {
    probe(uwsgi.located()).unwrap_or_else(|e| panic!("probe {}: {e}", uwsgi.bin().display()))
}

/// What uWSGI does with `ini` in strict mode (stopped at its first asap hook).
fn strict_ini(uwsgi: &Uwsgi, ini: &str) -> support::Output {
    let dir = support::temp_dir();
    uwsgi.run_probe_ini(dir.path(), "case.ini", Prepend::StopAndStrict, ini)
}

fn strict_args(uwsgi: &Uwsgi, args: &[String]) -> support::Output {
    let dir = support::temp_dir();
    uwsgi.run_probe_args(dir.path(), Prepend::StopAndStrict, args)
}

fn only_problem(section: &Section) -> (ProblemKind, String) {
    let problems = section.to_ini().unwrap_err().into_problems();
    assert_eq!(problems.len(), 1, "{problems:?}");
    (
        problems[0].kind(),
        problems[0].fix().unwrap_or_default().to_string(),
    )
}

#[test]
fn a_plugin_option_needs_its_plugin_line_first() {
    let Some(uwsgi) = support::uwsgi() else {
        return;
    };
    let installed = installed(uwsgi);
    assert!(
        installed.has(PLUGIN),
        "this test needs {PLUGIN}_plugin.so: {installed:?}"
    );

    // The plugin line first: accepted (with the probes' negative control).
    let mut section = Section::new();
    section
        .set_plugins_params(PluginsParams::new().plugins(PLUGIN))
        .set_option(OPTION.0, OPTION.1)
        .set_option("http-timeout", 5);
    let ini = section.to_ini().unwrap();
    uwsgi.assert_strict_accepts_ini("plugin line first", Prepend::StopAndStrict, &ini);
    let args = section.to_args().unwrap();
    uwsgi.assert_strict_accepts_args("plugin line first", Prepend::StopAndStrict, &args);
    // As required (`need-plugin`) too.
    let mut required = Section::new();
    required
        .set_plugins_params(PluginsParams::new().plugins(PLUGIN).required(true))
        .set_option(OPTION.0, OPTION.1);
    let ini = required.to_ini().unwrap();
    uwsgi.assert_strict_accepts_ini("need-plugin first", Prepend::StopAndStrict, &ini);

    if installed.embedded.iter().any(|name| name == PLUGIN) {
        notice(&format!(
            "uwsgi_plugins: {} embeds {PLUGIN}: the refusals without its line cannot be shown",
            uwsgi.version()
        ));
        return;
    }

    // No plugin line: the crate refuses, and so does uWSGI (the measured trap). The text is
    // rendered with the plugin declared embedded, which lets it through.
    let mut section = Section::new();
    section.set_option(OPTION.0, OPTION.1);
    let (kind, fix) = only_problem(&section);
    assert_eq!(kind, ProblemKind::MissingPlugin);
    assert!(fix.contains("plugins(\"http\")"), "{fix}");
    section.set_embedded_plugins([PLUGIN]);
    let run = strict_ini(uwsgi, &section.to_ini().unwrap());
    assert_eq!(run.code, Some(1), "{}", run.log());
    assert!(
        run.stderr
            .contains("[strict-mode] unknown config directive: http"),
        "{}",
        run.log()
    );
    let run = strict_args(uwsgi, &section.to_args().unwrap());
    assert_eq!(run.code, Some(1), "{}", run.log());

    // The line after the option: refused alike, in a file and on the command line.
    let mut section = Section::new();
    section
        .set_option(OPTION.0, OPTION.1)
        .set_plugins_params(PluginsParams::new().plugins(PLUGIN));
    let (kind, fix) = only_problem(&section);
    assert_eq!(kind, ProblemKind::MissingPlugin);
    assert!(fix.contains("before"), "{fix}");
    section.set_embedded_plugins([PLUGIN]);
    let ini = section.to_ini().unwrap();
    assert!(ini.find("http =").unwrap() < ini.find("plugin =").unwrap());
    let run = strict_ini(uwsgi, &ini);
    assert!(
        run.code == Some(1)
            && run
                .stderr
                .contains("[strict-mode] unknown config directive: http"),
        "{}\n{}",
        run.describe(),
        run.log()
    );
    let run = strict_args(uwsgi, &section.to_args().unwrap());
    assert_eq!(run.code, Some(1), "{}", run.log());
}

#[test]
fn a_section_read_after_another_has_the_plugins_it_loaded() {
    let Some(uwsgi) = support::uwsgi() else {
        return;
    };
    // [uwsgi] loads the plugin, then includes [app], which uses it: uWSGI reads the plugin
    // line first, in a file and on the command line.
    let mut first = Section::new();
    first.set_plugins_params(PluginsParams::new().plugins(PLUGIN));
    let mut app = Section::named("app");
    app.set_option(OPTION.0, OPTION.1);
    let mut config = Config::new();
    config.add_section(first).add_section(app).autoinclude(true);
    let ini = config.to_ini().unwrap();
    uwsgi.assert_strict_accepts_ini("plugin in the first section", Prepend::StopAndStrict, &ini);
    let args = config.to_args().unwrap();
    uwsgi.assert_strict_accepts_args("plugin in the first section", Prepend::StopAndStrict, &args);

    // In the other order the option comes first: still refused.
    let mut config = Config::new();
    let (mut first, mut app) = (Section::new(), Section::named("app"));
    first.set_option(OPTION.0, OPTION.1);
    app.set_plugins_params(PluginsParams::new().plugins(PLUGIN));
    config.add_section(first).add_section(app).autoinclude(true);
    let problems = config.to_ini().unwrap_err().into_problems();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].kind(), ProblemKind::MissingPlugin);
}

#[test]
fn autoload_finds_the_plugin() {
    let Some(uwsgi) = support::uwsgi() else {
        return;
    };
    let mut section = Section::new();
    section
        .set_plugins_params(PluginsParams::new().autoload(true))
        .set_option(OPTION.0, OPTION.1);
    let ini = section.to_ini().unwrap();
    uwsgi.assert_strict_accepts_ini("autoload", Prepend::StopAndStrict, &ini);
    let run = strict_ini(uwsgi, &ini);
    assert!(
        run.stderr.contains("option \"http\" found in plugin"),
        "{}",
        run.log()
    );
}

#[test]
fn the_macro_writes_the_plugin_line() {
    let Some(uwsgi) = support::uwsgi() else {
        return;
    };
    let section = uwsgi_config!(plugins(plugins = "http"), option("http", "127.0.0.1:0"));
    let ini = section.to_ini().unwrap();
    assert_eq!(ini, "[uwsgi]\nplugin = http\nhttp = 127.0.0.1:0\n");
    uwsgi.assert_strict_accepts_ini("macro", Prepend::StopAndStrict, &ini);
}

#[test]
fn probe_reads_the_installed_uwsgi() {
    let Some(uwsgi) = support::uwsgi() else {
        return;
    };
    let installed = installed(uwsgi);
    assert_eq!(installed.version, uwsgi.version());
    notice(&format!(
        "uwsgi_plugins: {} embeds {:?}; {} plugin files in {:?}",
        installed.version,
        installed.embedded,
        installed.loadable.len(),
        installed.plugin_dir
    ));

    // The files: what the plugin directory holds.
    if let Some(dir) = &installed.plugin_dir {
        let mut files: Vec<String> = std::fs::read_dir(dir)
            .map(|entries| {
                entries
                    .filter_map(|e| e.ok()?.file_name().into_string().ok())
                    .filter_map(|f| f.strip_suffix("_plugin.so").map(str::to_string))
                    .collect()
            })
            .unwrap_or_default();
        files.sort();
        assert_eq!(installed.loadable, files);
    }

    // What the probe says is embedded is what uWSGI takes without a plugin line: an option
    // of a plugin it lists is accepted bare, one of a plugin it does not list is refused.
    let bare = |option: &str, value: &str| {
        let args = [format!("--{option}"), value.to_string()];
        strict_args(uwsgi, &args).accepted()
    };
    let http_embedded = installed.embedded.iter().any(|n| n == "http");
    assert_eq!(bare("http", "127.0.0.1:0"), http_embedded, "{installed:?}");
    let ping_embedded = installed.embedded.iter().any(|n| n == "ping");
    assert_eq!(bare("ping", "127.0.0.1:1"), ping_embedded, "{installed:?}");

    // A loadable plugin loads (need-plugin stops uWSGI when it cannot).
    let mut section = Section::new();
    section.set_plugins_params(
        PluginsParams::new()
            .plugins(["http", "ping"])
            .required(true),
    );
    installed.check(&section).unwrap();
    let run = strict_ini(uwsgi, &section.to_ini().unwrap());
    assert!(run.accepted(), "{}", run.log());

    // A plugin the install lacks: the check refuses it, and uWSGI cannot load it.
    let mut section = Section::new();
    section.set_plugins_params(PluginsParams::new().plugins("uwsgiconf_absent"));
    let error = installed.check(&section).unwrap_err();
    assert_eq!(error.problems().len(), 1);
    assert_eq!(error.problems()[0].kind(), ProblemKind::MissingPlugin);
    let run = strict_ini(uwsgi, &section.to_ini().unwrap());
    assert!(
        run.log().contains("UNABLE to load uWSGI plugin"),
        "{}",
        run.log()
    );

    // Options of a plugin the install does not embed still need their line under the check.
    if !http_embedded {
        let mut section = Section::new();
        section.set_option("http", "127.0.0.1:0");
        let error = installed.check(&section).unwrap_err();
        assert_eq!(error.problems()[0].kind(), ProblemKind::MissingPlugin);
    }
}

#[test]
fn probe_refuses_a_uwsgi_that_answers_otherwise() {
    // A program that answers `--version` like uWSGI but nothing else: the probe must say so.
    let dir = support::temp_dir();
    let fake = dir.path().join("uwsgi");
    support::write_program(
        &fake,
        "#!/bin/sh\n[ \"$1\" = --version ] && echo 2.0.21 && exit 0\nexit 3\n",
    );
    let uwsgi = uwsgiconf::deploy::binary::Uwsgi::at(&fake).unwrap();
    let error = probe(&uwsgi).unwrap_err();
    assert!(matches!(error, ProbeError::Unexpected { .. }), "{error}");
}

#[test]
fn the_environment_orders_plugins_only_under_strict() {
    let Some(uwsgi) = support::uwsgi() else {
        return;
    };
    let not_embedded = installed(uwsgi).embedded.iter().all(|name| name != PLUGIN);
    let mut section = Section::new();
    section
        .set_plugins_params(PluginsParams::new().plugins(PLUGIN))
        .set_option(OPTION.0, OPTION.1);
    // Strict given on the command line, which uWSGI reads after the environment: any order
    // works, since uWSGI looks every option up again once it has read them all. That is the
    // way out the refusal below names.
    let vars = section.to_env().unwrap();
    uwsgi.assert_strict_accepts_env("plugin in the environment", Prepend::StopAndStrict, &vars);

    // Strict in the environment: refused by the crate, because uWSGI then refuses the option
    // when the environment holds it before the plugin line.
    section.set_strict(true);
    let problems = section.to_env().unwrap_err().into_problems();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].kind(), ProblemKind::Unrepresentable);
    let var = |name: &str, value: &str| (name.to_string(), value.to_string());
    let stop = ["--hook-asap", support::STOP];
    let dir = support::temp_dir();
    let run = |vars: &[(String, String)]| {
        uwsgi.run_env(dir.path(), vars, support::EnvOrder::AsRendered, &stop)
    };
    let plugin_first = [
        var("UWSGI_STRICT", "1"),
        var("UWSGI_PLUGIN", PLUGIN),
        var("UWSGI_HTTP", OPTION.1),
    ];
    let run_first = run(&plugin_first);
    assert!(run_first.accepted(), "{}", run_first.log());
    if not_embedded {
        let option_first = [
            var("UWSGI_STRICT", "1"),
            var("UWSGI_HTTP", OPTION.1),
            var("UWSGI_PLUGIN", PLUGIN),
        ];
        let run_late = run(&option_first);
        assert!(
            run_late
                .stderr
                .contains("[strict-mode] unknown config directive: http"),
            "{}",
            run_late.log()
        );
    }
}
