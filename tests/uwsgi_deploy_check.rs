//! `deploy::check` against the real uWSGI: what it accepts, the refusals it returns as
//! problems, and that checking leaves nothing behind.

mod support;

use uwsgiconf::deploy::check::{check, check_config, CheckError};
use uwsgiconf::{Config, ProblemKind, Section, Value};

fn files_in(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_valid_section_is_accepted_and_nothing_of_it_runs() {
    let Some(uwsgi) = support::uwsgi() else {
        return;
    };
    let dir = support::temp_dir();
    let at = |name: &str| dir.path().join(name).to_str().unwrap().to_string();
    let mut section = Section::new();
    section
        .set_option("master", true)
        .set_option("pidfile", at("pid"))
        .set_option("pidfile2", at("pid2"))
        .set_option("safe-pidfile", at("safe-pid"))
        .set_option("logto", at("log"))
        .set_option("daemonize", at("daemon.log"))
        .set_option("socket", at("app.sock"))
        .set_option("http-socket", "127.0.0.1:0")
        .set_option("stats", at("stats.sock"))
        .set_option("master-fifo", at("fifo"))
        .set_option("chdir", at("missing"))
        .set_option("touch-reload", at("touch"))
        .set_option("vacuum", true)
        .add_option("hook-asap", format!("write:{} ran", at("hook")))
        .add_option("exec-asap", format!("touch {}", at("exec")));
    check(uwsgi.located(), &section).unwrap();
    assert_eq!(files_in(dir.path()), Vec::<String>::new());
}

#[test]
fn every_refused_directive_is_a_problem_blamed_on_its_option() {
    let Some(uwsgi) = support::uwsgi() else {
        return;
    };
    let mut section = Section::new();
    // Declared built in: the crate lets their options through, this uWSGI does not know them.
    section.set_embedded_plugins(["python", "psgi"]);
    section
        .set_option("master", true)
        .set_option("wsgi-file", "app.py")
        // A placeholder the crate cannot read, holding a number uWSGI refuses.
        .add_option("set-placeholder", "timeout=-5")
        .set_option("harakiri", Value::placeholder("timeout"))
        .set_option("need-plugin", "uwsgiconf_no_such_plugin")
        .set_option("psgi", "app.pl");
    let error = match check(uwsgi.located(), &section) {
        Err(CheckError::Rejected(error)) => error,
        other => panic!("not rejected: {other:?}"),
    };
    let problems = error.problems();
    let found: Vec<(Option<&str>, ProblemKind)> = problems
        .iter()
        .map(|p| (p.blame().option(), p.kind()))
        .collect();
    assert_eq!(
        found,
        [
            (Some("wsgi-file"), ProblemKind::UnknownOption),
            (Some("harakiri"), ProblemKind::InvalidValue),
            (Some("need-plugin"), ProblemKind::RejectedByUwsgi),
            (Some("psgi"), ProblemKind::UnknownOption),
        ],
        "{error}"
    );
    let wsgi = &problems[0];
    assert!(wsgi.message().contains("`python` plugin"), "{wsgi}");
    assert_eq!(wsgi.value(), Some("app.py"));
    assert_eq!(wsgi.origin(), "set_option");
    assert_eq!(wsgi.call(), Some(2)); // after set_embedded_plugins and `master`
    assert_eq!(problems[1].value(), Some("%(timeout)"));
    assert!(
        problems[1].message().contains("must be > 0"),
        "{}",
        problems[1]
    );
    assert!(
        problems[2].message().contains("uwsgiconf_no_such_plugin"),
        "{}",
        problems[2]
    );
}

#[test]
fn a_plugin_that_does_not_load_is_a_problem_though_uwsgi_goes_on() {
    let Some(uwsgi) = support::uwsgi() else {
        return;
    };
    // uWSGI logs `UNABLE to load uWSGI plugin` for `plugin` and goes on (status 42 here):
    // the options of that plugin would then be unknown.
    let mut section = Section::new();
    section
        .set_option("plugin", "uwsgiconf_no_such")
        .set_option("master", true);
    let error = match check(uwsgi.located(), &section) {
        Err(CheckError::Rejected(error)) => error,
        other => panic!("not rejected: {other:?}"),
    };
    let [problem] = error.problems() else {
        panic!("{error}")
    };
    assert_eq!(problem.blame().option(), Some("plugin"));
    assert_eq!(problem.value(), Some("uwsgiconf_no_such"));
    assert!(
        problem.fix().unwrap().contains("--plugin-list"),
        "{problem}"
    );
}

#[test]
fn options_that_act_while_read_are_not_run() {
    let Some(uwsgi) = support::uwsgi() else {
        return;
    };
    let dir = support::temp_dir();
    let pidfile = dir.path().join("other.pid");
    // uWSGI's `stop` would send SIGINT to this pid (the test process itself).
    std::fs::write(&pidfile, std::process::id().to_string()).unwrap();
    let mut section = Section::new();
    section.set_option("stop", pidfile.to_str().unwrap());
    let Err(CheckError::NotRun(error)) = check(uwsgi.located(), &section) else {
        panic!("run");
    };
    assert_eq!(error.problems()[0].kind(), ProblemKind::ActsWhileRead);
    assert_eq!(error.problems()[0].blame().option(), Some("stop"));
}

#[test]
fn a_config_is_checked_section_by_section() {
    let Some(uwsgi) = support::uwsgi() else {
        return;
    };
    let mut good = Section::new();
    good.set_option("master", true);
    let mut bad = Section::named("second");
    bad.set_embedded_plugins(["python"]);
    bad.set_option("wsgi-file", "app.py");
    let mut config = Config::new();
    config.add_section(good.clone()).add_section(bad.clone());
    let Err(CheckError::Rejected(error)) = check_config(uwsgi.located(), &config) else {
        panic!("the second section was not checked");
    };
    assert_eq!(error.problems()[0].blame().option(), Some("wsgi-file"));
    let mut config = Config::new();
    config.add_section(good).add_section(bad).autoinclude(true);
    assert!(matches!(
        check_config(uwsgi.located(), &config),
        Err(CheckError::Rejected(_))
    ));
}

#[test]
fn the_readme_shows_what_the_check_snippet_prints_with_debian_uwsgi() {
    let Some(uwsgi) = support::uwsgi() else {
        return;
    };
    let mut section = Section::new();
    section.set_embedded_plugins(["python"]);
    section
        .set_option("master", true)
        .set_option("wsgi-file", "app.py");
    let error = check(uwsgi.located(), &section).unwrap_err();
    let printed: String = error.problems().iter().map(|p| format!("{p}\n")).collect();
    if uwsgi.version() != "2.0.21-debian" {
        support::notice(&format!(
            "NOTICE: the README's check output is for 2.0.21-debian, not {}",
            uwsgi.version()
        ));
        return;
    }
    let readme = include_str!("../README.md");
    let shown = readme
        .split("With Debian's `uwsgi-core` (no language plugin), it prints:\n\n```text\n")
        .nth(1)
        .and_then(|rest| rest.split("```\n").next())
        .expect("README: the check output block");
    assert_eq!(shown, printed);
}
