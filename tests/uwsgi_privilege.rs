//! Who the real uWSGI runs as, with the configurations of issue 7 (items 1 to 5 and 10), as
//! root with the ids observed after the privilege drop (`id` in an `as-user` hook):
//! - what the crate used to write for hostile inputs (`set = uid=root`, `add-gid = root`,
//!   `uid = $(USER)`, an owner inside `if-exists`, an owner in a section `--ini file` does
//!   not read, `set` values with `@(exec://..)` and `$(HOME)`) ran as root, ran the command
//!   or expanded the variable: the crate now refuses each of those inputs, so none of them
//!   reaches uWSGI;
//! - what the crate renders instead (`set` as the option it defines, the opt-ins, the owner
//!   outside blocks, included sections) drops to `nobody`/`nogroup`, in INI and in
//!   command-line form, and strict mode accepts it.

mod support;

use std::path::Path;

use support::{notice, Output, Prepend, TIME_LIMIT};
use uwsgiconf::{Action, Config, OwnerParams, Phase, ProblemKind, Section, Value};

const IDS: &str = "echo \"ids: $(id -u) $(id -g) $(id -G)\"";

/// The ids hooks as INI lines, for configurations written by hand.
fn ids_ini() -> String {
    format!("hook-as-user = exec:{IDS}\nhook-as-user = exit:0\n")
}

fn add_ids_hooks(section: &mut Section) {
    section
        .main_process()
        .set_hook(Phase::AsUser, [Action::execute(IDS), Action::exit(0)]);
}

/// `uid gid groups...` (groups sorted) as the last `ids:` line shows them.
fn ids(run: &Output) -> String {
    let line = run
        .stdout
        .lines()
        .filter_map(|l| l.strip_prefix("ids: "))
        .next_back()
        .unwrap_or_else(|| panic!("no ids ({}):\n{}", run.describe(), run.log()));
    let mut words: Vec<&str> = line.split(' ').collect();
    words[2..].sort_unstable();
    words.join(" ")
}

fn nobody() -> OwnerParams {
    OwnerParams::new().uid("nobody").gid("nogroup")
}

/// Runs `uwsgi [env VAR=..] --ini <file>` with `ini` as the file.
fn run_ini(uwsgi: &support::Uwsgi, dir: &Path, name: &str, env: &[&str], ini: &str) -> Output {
    let file = dir.join(name);
    std::fs::write(&file, ini).expect("write the ini file");
    let args = ["--ini".to_string(), file.to_string_lossy().into_owned()];
    run_with_env(uwsgi, dir, env, &args)
}

fn run_with_env(uwsgi: &support::Uwsgi, dir: &Path, env: &[&str], args: &[String]) -> Output {
    let mut prefix = Vec::new();
    if !env.is_empty() {
        prefix.push("env");
        prefix.extend_from_slice(env);
    }
    uwsgi.start_with(dir, &prefix, args, TIME_LIMIT).wait()
}

fn root_needed() -> Option<&'static support::Uwsgi> {
    let uwsgi = support::uwsgi()?;
    if !support::is_root() {
        notice("NOTICE: not root: the privilege drops of uwsgi_privilege were not run");
        return None;
    }
    Some(uwsgi)
}

/// A hostile input: what the crate wrote for it before, what uWSGI did with that, and the
/// problem the crate reports now.
struct Before {
    name: &'static str,
    /// The configuration as built by the user.
    build: fn() -> Config,
    /// The INI the crate rendered for it before (the `[uwsgi]` section gets the ids hooks).
    old_ini: &'static str,
    /// Environment of the uWSGI process.
    env: &'static [&'static str],
    /// The ids uWSGI ran as, with that INI.
    old_ids: &'static str,
}

fn section(build: impl FnOnce(&mut Section)) -> Config {
    let mut section = Section::new();
    build(&mut section);
    Config::from(section)
}

const BEFORE: &[Before] = &[
    Before {
        name: "set uid=root, set gid=root",
        build: || {
            section(|s| {
                s.add_option("set", "uid=root")
                    .add_option("set", "gid=root");
            })
        },
        old_ini: "[uwsgi]\nset = uid=root\nset = gid=root\n",
        env: &[],
        old_ids: "0 0 0",
    },
    Before {
        name: "owner nobody/nogroup, then set uid=root",
        build: || {
            section(|s| {
                s.main_process().set_owner_params(nobody());
                s.add_option("set", "uid=root");
            })
        },
        old_ini: "[uwsgi]\nuid = nobody\ngid = nogroup\nset = uid=root\n",
        env: &[],
        old_ids: "0 65534 65534",
    },
    Before {
        name: "set uid=nobody alone",
        build: || {
            section(|s| {
                s.add_option("set", "uid=nobody");
            })
        },
        old_ini: "[uwsgi]\nset = uid=nobody\n",
        env: &[],
        old_ids: "65534 0 0",
    },
    Before {
        name: "add_gids([\"root\"])",
        build: || {
            section(|s| {
                s.main_process()
                    .set_owner_params(nobody().add_gids(["root"]));
            })
        },
        old_ini: "[uwsgi]\nuid = nobody\ngid = nogroup\nadd-gid = root\n",
        env: &[],
        old_ids: "65534 65534 0 65534",
    },
    Before {
        name: "uid and gid from $(USER), with USER=root",
        build: || {
            section(|s| {
                s.main_process().set_owner_params(
                    OwnerParams::new()
                        .uid(Value::env("USER"))
                        .gid(Value::env("USER")),
                );
            })
        },
        old_ini: "[uwsgi]\nuid = $(USER)\ngid = $(USER)\n",
        env: &["USER=root"],
        old_ids: "0 0 0",
    },
    Before {
        name: "owner inside if-exists of a missing file",
        build: || {
            section(|s| {
                s.add_option("if-exists", "/nonexistent");
                s.main_process().set_owner_params(nobody());
                s.add_option("endif", "");
            })
        },
        old_ini: "[uwsgi]\nif-exists = /nonexistent\nuid = nobody\ngid = nogroup\nendif =\n",
        env: &[],
        old_ids: "0 0 0",
    },
    Before {
        name: "owner only in a second section, no autoinclude",
        build: || {
            let mut main = Section::new();
            main.set_option("vacuum", true);
            let mut second = Section::named("second");
            second.main_process().set_owner_params(nobody());
            let mut config = Config::new();
            config.add_section(main).add_section(second);
            config
        },
        old_ini: "[uwsgi]\nvacuum = true\n\n[second]\nuid = nobody\ngid = nogroup\n",
        env: &[],
        old_ids: "0 0 0",
    },
];

/// The INI with the ids hooks at the end of its `[uwsgi]` section.
fn with_ids_hooks(ini: &str) -> String {
    match ini.split_once("\n\n") {
        Some((main, rest)) => format!("{main}\n{}\n{rest}", ids_ini()),
        None => format!("{ini}{}", ids_ini()),
    }
}

#[test]
fn hostile_owners_ran_as_root_and_are_now_refused() {
    for case in BEFORE {
        let config = (case.build)();
        let problems = config.to_ini().unwrap_err().into_problems();
        assert!(
            problems.iter().any(|p| matches!(
                p.kind(),
                ProblemKind::RunsAsRoot | ProblemKind::UidWithoutGid | ProblemKind::Conflict
            )),
            "{}: {problems:?}",
            case.name
        );
        if config.sections().len() == 1 {
            assert!(config.to_args().is_err(), "{}", case.name);
        }
    }
    let Some(uwsgi) = root_needed() else {
        return;
    };
    let dir = support::temp_dir();
    let numbered: Vec<(usize, &Before)> = BEFORE.iter().enumerate().collect();
    let runs = support::parallel_map(&numbered, |(index, case)| {
        let name = format!("before-{index}.ini");
        let ini = with_ids_hooks(case.old_ini);
        run_ini(uwsgi, dir.path(), &name, case.env, &ini)
    });
    for (case, run) in BEFORE.iter().zip(&runs) {
        assert_eq!(ids(run), case.old_ids, "{}:\n{}", case.name, run.log());
    }
    notice(&format!(
        "privilege ({}): {} configurations the crate wrote before ran with root's ids; each is refused now",
        uwsgi.version(),
        BEFORE.len()
    ));
}

#[test]
fn rendered_owners_drop_to_nobody() {
    // `set` of the owner options, written as the options themselves.
    let mut by_set = Section::new();
    by_set
        .add_option("set", "uid=nobody")
        .add_option("set", "gid=nogroup")
        .add_option("set", "add-gid=users");
    add_ids_hooks(&mut by_set);
    assert!(by_set
        .to_ini()
        .unwrap()
        .starts_with("[uwsgi]\nuid = nobody\ngid = nogroup\nadd-gid = users\n"));
    // Ids from variables, asked for.
    let mut by_variables = Section::new();
    by_variables.main_process().set_owner_params(
        OwnerParams::new()
            .uid(Value::env("APP_USER"))
            .gid(Value::env("APP_GROUP"))
            .allow_variable_ids(true),
    );
    add_ids_hooks(&mut by_variables);
    // The owner outside a block: it applies whatever the condition.
    let mut outside = Section::new();
    outside.main_process().set_owner_params(nobody());
    outside
        .add_option("if-exists", "/nonexistent")
        .add_option("env", "A=1")
        .add_option("endif", "");
    add_ids_hooks(&mut outside);
    // Root's group, asked for.
    let mut root_group = Section::new();
    root_group
        .main_process()
        .set_owner_params(nobody().add_gids("root").allow_root(true));
    add_ids_hooks(&mut root_group);
    let cases: Vec<(&str, Section, &[&str], &str)> = vec![
        ("set", by_set, &[], "65534 65534 100 65534"),
        (
            "variables",
            by_variables,
            &["APP_USER=nobody", "APP_GROUP=nogroup"],
            "65534 65534 65534",
        ),
        ("outside a block", outside, &[], "65534 65534 65534"),
        ("add-gid root", root_group, &[], "65534 65534 0 65534"),
    ];
    // The owner in an included section.
    let mut main = Section::new();
    main.set_option("vacuum", true);
    add_ids_hooks(&mut main);
    let mut second = Section::named("second");
    second.main_process().set_owner_params(nobody());
    let mut included = Config::new();
    included
        .add_section(main)
        .add_section(second)
        .autoinclude(true);

    let Some(uwsgi) = root_needed() else {
        return;
    };
    let dir = support::temp_dir();
    for (name, section, env, expected) in &cases {
        let ini = section.to_ini().unwrap_or_else(|e| panic!("{name}: {e}"));
        let by_ini = run_ini(uwsgi, dir.path(), "owner.ini", env, &ini);
        assert_eq!(ids(&by_ini), *expected, "{name}:\n{ini}\n{}", by_ini.log());
        let by_args = run_with_env(uwsgi, dir.path(), env, &section.to_args().unwrap());
        assert_eq!(
            ids(&by_args),
            *expected,
            "{name} (args):\n{}",
            by_args.log()
        );
    }
    let ini = included.to_ini().unwrap();
    let run = run_ini(uwsgi, dir.path(), "included.ini", &[], &ini);
    assert_eq!(ids(&run), "65534 65534 65534", "{ini}\n{}", run.log());
    let run = run_with_env(uwsgi, dir.path(), &[], &included.to_args().unwrap());
    assert_eq!(ids(&run), "65534 65534 65534", "args:\n{}", run.log());

    // Strict mode accepts what `set` renders.
    let mut strict = Section::new();
    strict
        .add_option("set", "uid=nobody")
        .add_option("set", "gid=nogroup")
        .add_option("set", "procname=app $(HOME) @(x)");
    uwsgi.assert_strict_accepts_ini("set", Prepend::StopAndStrict, &strict.to_ini().unwrap());
    uwsgi.assert_strict_accepts_args("set", Prepend::StopAndStrict, &strict.to_args().unwrap());
    notice(&format!(
        "privilege ({}): owners rendered from set, variables (opted in), outside blocks and included sections drop to nobody/nogroup",
        uwsgi.version()
    ));
}

/// `set` values go through uWSGI's expansion passes: before, `@(exec://..)` ran a command and
/// `$(HOME)` was expanded; rendered now, both reach uWSGI as literal text.
#[test]
fn set_values_reach_uwsgi_as_given() {
    let Some(uwsgi) = support::uwsgi() else {
        return;
    };
    let dir = support::temp_dir();
    let path = |name: &str| dir.path().join(name).to_string_lossy().into_owned();
    let env = ["HOME=/uwsgiconf-home"];
    let show_h = "hook-asap = exec:echo \"H=$H\"\nhook-asap = exit:0\n";

    let old = format!(
        "[uwsgi]\nset = procname=@(exec://touch {})\nset = env=H=$(HOME)\n{show_h}",
        path("before")
    );
    let run = run_ini(uwsgi, dir.path(), "before.ini", &env, &old);
    assert!(run.stdout.contains("H=/uwsgiconf-home\n"), "{}", run.log());
    assert!(dir.path().join("before").exists(), "{}", run.log());

    let mut section = Section::new();
    section
        .add_option("set", format!("procname=@(exec://touch {})", path("after")))
        .add_option("set", "env=H=$(HOME)");
    section.main_process().set_hook(
        Phase::Asap,
        [Action::execute("echo \"H=$H\""), Action::exit(0)],
    );
    let ini = section.to_ini().unwrap();
    let run = run_ini(uwsgi, dir.path(), "after.ini", &env, &ini);
    assert!(run.stdout.contains("H=$(HOME)\n"), "{ini}\n{}", run.log());
    assert!(!dir.path().join("after").exists(), "{ini}\n{}", run.log());
    let run = run_with_env(uwsgi, dir.path(), &env, &section.to_args().unwrap());
    assert!(run.stdout.contains("H=$(HOME)\n"), "args:\n{}", run.log());
    assert!(!dir.path().join("after").exists(), "args:\n{}", run.log());
}

/// What uWSGI says of the `set` forms the crate refuses, and of the fix it suggests.
#[test]
fn set_refusals_match_uwsgi() {
    let Some(uwsgi) = support::uwsgi() else {
        return;
    };
    let dir = support::temp_dir();
    // A name that is not an option: strict mode refuses it; set-placeholder is accepted.
    let mut section = Section::new();
    section.add_option("set", "myvar=x");
    let problem = section.to_ini().unwrap_err().into_problems().remove(0);
    assert_eq!(problem.kind(), ProblemKind::UnknownOption);
    assert!(problem.fix().unwrap().contains("set-placeholder"));
    let run = run_ini(
        uwsgi,
        dir.path(),
        "myvar.ini",
        &[],
        "[uwsgi]\nstrict = true\nset = myvar=x\nhook-asap = exit:0\n",
    );
    assert!(
        run.code == Some(1)
            && run
                .stderr
                .contains("[strict-mode] unknown config directive: myvar"),
        "{}",
        run.log()
    );
    let mut section = Section::new();
    section.add_option("set-placeholder", "myvar=x");
    uwsgi.assert_strict_accepts_ini(
        "set-placeholder",
        Prepend::StopAndStrict,
        &section.to_ini().unwrap(),
    );
    // A placeholder named like an option: uWSGI exits.
    let mut section = Section::new();
    section.add_option("set-placeholder", "uid=x");
    assert_eq!(
        section.to_ini().unwrap_err().problems()[0].kind(),
        ProblemKind::InvalidValue
    );
    let run = run_ini(
        uwsgi,
        dir.path(),
        "placeholder.ini",
        &[],
        "[uwsgi]\nset-placeholder = uid=x\nhook-asap = exit:0\n",
    );
    assert!(
        run.code == Some(1) && run.stderr.contains("you cannot use uid as a placeholder"),
        "{}",
        run.log()
    );
}

/// set_option on a list no longer drops the entries of other calls; add_option keeps both,
/// and uWSGI runs both.
#[test]
fn list_entries_are_kept() {
    let mut section = Section::new();
    section
        .main_process()
        .set_hook(Phase::ASAP, Action::printout("uwsgiconf-first"));
    section.set_option("hook-asap", "print:uwsgiconf-second");
    assert_eq!(
        section.to_ini().unwrap_err().problems()[0].kind(),
        ProblemKind::Conflict
    );
    let mut section = Section::new();
    section
        .main_process()
        .set_hook(Phase::ASAP, Action::printout("uwsgiconf-first"));
    section
        .add_option("hook-asap", "print:uwsgiconf-second")
        .add_option("hook-asap", "exit:0");
    let Some(uwsgi) = support::uwsgi() else {
        return;
    };
    let dir = support::temp_dir();
    let run = run_ini(
        uwsgi,
        dir.path(),
        "list.ini",
        &[],
        &section.to_ini().unwrap(),
    );
    let first = run.stderr.find("\nuwsgiconf-first\n");
    let second = run.stderr.find("\nuwsgiconf-second\n");
    assert!(
        matches!((first, second), (Some(a), Some(b)) if a < b),
        "{}",
        run.log()
    );
}
