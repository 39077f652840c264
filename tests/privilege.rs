//! The owner is never given up by accident: `set` of an owner option, root in `add-gid`, ids
//! holding variables, owner directives uWSGI may skip, and lists that `set_option` would
//! empty are refused with a clear problem (issue 7, items 1 to 5 and 10). What uWSGI does
//! with each of them is shown in `uwsgi_privilege.rs`.

use uwsgiconf::{
    uwsgi_config, Action, Config, OwnerParams, Phase, Problem, ProblemKind, Section, Target, Value,
};

fn problems(section: &Section) -> Vec<Problem> {
    match section.to_ini() {
        Ok(ini) => panic!("rendered, but should have been refused:\n{ini}"),
        Err(error) => {
            // The command line gets the same problems.
            let args = section.to_args().unwrap_err().into_problems();
            let ini = error.into_problems();
            assert_eq!(
                args.iter().map(Problem::kind).collect::<Vec<_>>(),
                ini.iter().map(Problem::kind).collect::<Vec<_>>()
            );
            ini
        }
    }
}

fn kinds(section: &Section) -> Vec<ProblemKind> {
    problems(section).iter().map(Problem::kind).collect()
}

fn with(build: impl FnOnce(&mut Section)) -> Section {
    let mut section = Section::new();
    build(&mut section);
    section
}

fn nobody() -> OwnerParams {
    OwnerParams::new().uid("nobody").gid("nogroup")
}

// ---- 1. `set` defines the option it names ----

#[test]
fn set_of_root_ids_is_refused() {
    let section = with(|s| {
        s.add_option("set", "uid=root")
            .add_option("set", "gid=root");
    });
    assert_eq!(
        kinds(&section),
        [ProblemKind::RunsAsRoot, ProblemKind::RunsAsRoot]
    );
    let section = with(|s| {
        s.set_option("set", "uid=root")
            .set_option("set", "gid=root");
    });
    assert_eq!(
        kinds(&section),
        [ProblemKind::RunsAsRoot, ProblemKind::RunsAsRoot]
    );
    // `set = set=uid=root` defines `set`, which defines `uid`.
    let section = with(|s| {
        s.add_option("set", "set=uid=root")
            .add_option("gid", "nogroup");
    });
    assert_eq!(kinds(&section), [ProblemKind::RunsAsRoot]);
}

#[test]
fn set_cannot_override_the_owner() {
    let section = with(|s| {
        s.main_process().set_owner_params(nobody());
        s.add_option("set", "uid=root");
    });
    // uWSGI keeps the last value (it ran as root): the second uid is a conflict.
    let found = problems(&section);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].kind(), ProblemKind::Conflict);
    assert_eq!(found[0].value(), Some("root"));
    assert!(found[0].message().contains("`uid`"), "{}", found[0]);
}

#[test]
fn set_of_uid_alone_keeps_root_group() {
    let section = with(|s| {
        s.add_option("set", "uid=nobody");
    });
    assert_eq!(kinds(&section), [ProblemKind::UidWithoutGid]);
    let section = with(|s| {
        s.add_option("set", "immediate-uid=root")
            .add_option("set", "immediate-gid=nogroup");
    });
    assert_eq!(kinds(&section), [ProblemKind::RunsAsRoot]);
}

#[test]
fn set_is_written_as_the_option_it_defines() {
    let section = with(|s| {
        s.add_option("set", "uid=nobody")
            .add_option("set", "gid=nogroup")
            .add_option("set", "master=true")
            .add_option("set", "env=A=1");
    });
    assert_eq!(
        section.to_ini().unwrap(),
        "[uwsgi]\nuid = nobody\ngid = nogroup\nmaster = true\nenv = A=1\n"
    );
    assert_eq!(
        section.to_args().unwrap(),
        ["--uid", "nobody", "--gid", "nogroup", "--master", "--env", "A=1"]
    );
    // The same section as the typed calls build.
    let mut typed = Section::new();
    typed.main_process().set_owner_params(nobody());
    typed.set_option("master", true).add_option("env", "A=1");
    assert_eq!(section.to_ini().unwrap(), typed.to_ini().unwrap());
}

#[test]
fn set_applies_every_rule_of_the_option() {
    // The catalogue, with "did you mean" and a pointer to set-placeholder.
    let found = problems(&with(|s| {
        s.add_option("set", "procnam=app");
    }));
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].kind(), ProblemKind::UnknownOption);
    let fix = found[0].fix().unwrap();
    assert!(fix.contains("did you mean `procname`?"), "{fix}");
    assert!(fix.contains("set-placeholder"), "{fix}");
    // A pure placeholder name is refused too (uWSGI's strict mode refuses it).
    assert_eq!(
        kinds(&with(|s| {
            s.add_option("set", "myvar=x");
        })),
        [ProblemKind::UnknownOption]
    );
    // Integers, switches, targets, conflicts.
    assert_eq!(
        kinds(&with(|s| {
            s.add_option("set", "processes=4k");
        })),
        [ProblemKind::InvalidValue]
    );
    assert_eq!(
        kinds(&with(|s| {
            s.add_option("set", "master=maybe");
        })),
        [ProblemKind::WrongValueType]
    );
    assert_eq!(
        kinds(&with(|s| {
            s.add_option("set", "ienv=A=1");
        })),
        [ProblemKind::UnavailableOption]
    );
    assert!(with(|s| {
        s.set_target(Target::V2_1).add_option("set", "ienv=A=1");
    })
    .to_ini()
    .is_ok());
    assert_eq!(
        kinds(&with(|s| {
            s.add_option("set", "procname=a")
                .add_option("set", "procname=b");
        })),
        [ProblemKind::Conflict]
    );
    // No `=`: uWSGI exits ("invalid placeholder/--set value").
    assert_eq!(
        kinds(&with(|s| {
            s.add_option("set", "uid");
        })),
        [ProblemKind::InvalidValue]
    );
}

#[test]
fn set_needs_a_literal_option_name() {
    for value in [
        Value::env("KEY") + "=root",
        Value::from("u") + Value::env("X") + "=root",
        Value::placeholder("key"),
    ] {
        let found = problems(&with(|s| {
            s.add_option("set", value.clone());
        }));
        assert_eq!(found.len(), 1, "{value}: {found:?}");
        assert_eq!(found[0].kind(), ProblemKind::MisplacedVariable, "{value}");
        assert!(found[0].fix().unwrap().contains("add_option"), "{value}");
    }
}

#[test]
fn set_placeholder_cannot_name_an_option() {
    // uWSGI exits: "you cannot use uid as a placeholder, it is already available as an option".
    for key in ["set-placeholder", "set-ph"] {
        assert_eq!(
            kinds(&with(|s| {
                s.add_option(key, "uid=root");
            })),
            [ProblemKind::InvalidValue],
            "{key}"
        );
    }
    // `set = set-placeholder=uid=x` is `set-placeholder = uid=x`.
    assert_eq!(
        kinds(&with(|s| {
            s.add_option("set", "set-placeholder=uid=root");
        })),
        [ProblemKind::InvalidValue]
    );
    assert!(with(|s| {
        s.add_option("set-placeholder", "name=x");
    })
    .to_ini()
    .is_ok());
}

#[test]
fn the_macro_checks_set_like_the_core() {
    let section: Section = uwsgi_config!(option("set", "uid=nobody"), option("set", "gid=nogroup"));
    assert_eq!(
        section.to_ini().unwrap(),
        "[uwsgi]\nuid = nobody\ngid = nogroup\n"
    );
    // `option("set", "uid=root")` does not compile (tests/ui/fail/set_of_root.rs); with a
    // run-time value it is refused when rendered.
    let value = "uid=root";
    let section: Section = uwsgi_config!(option("set", value));
    assert!(kinds(&section).contains(&ProblemKind::RunsAsRoot));
}

// ---- 2. root in add-gid ----

#[test]
fn root_group_in_add_gid_needs_allow_root() {
    let found = problems(&with(|s| {
        s.main_process()
            .set_owner_params(nobody().add_gids(["users", "root"]));
    }));
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].kind(), ProblemKind::RunsAsRoot);
    assert_eq!(found[0].value(), Some("root"));
    assert!(found[0].fix().unwrap().contains("allow_root"));
    // By name through the raw options, and through `set`.
    assert_eq!(
        kinds(&with(|s| {
            s.main_process().set_owner_params(nobody());
            s.add_option("add-gid", "root");
        })),
        [ProblemKind::RunsAsRoot]
    );
    assert_eq!(
        kinds(&with(|s| {
            s.main_process().set_owner_params(nobody());
            s.add_option("set", "add-gid=root");
        })),
        [ProblemKind::RunsAsRoot]
    );
    // A numeric 0 is read as a name, and uWSGI exits ("unable to find group 0").
    assert_eq!(
        kinds(&with(|s| {
            s.main_process()
                .set_owner_params(nobody().add_gids("0").allow_root(true));
        })),
        [ProblemKind::RunsAsRoot]
    );
    // Asked for.
    let section = with(|s| {
        s.main_process()
            .set_owner_params(nobody().add_gids("root").allow_root(true));
    });
    assert_eq!(
        section.to_ini().unwrap(),
        "[uwsgi]\nuid = nobody\ngid = nogroup\nadd-gid = root\n"
    );
}

// ---- 3. ids holding variables ----

#[test]
fn owner_variables_need_an_opt_in() {
    let variables = [
        Value::env("USER"),
        Value::from("app-") + Value::env("USER"),
        Value::placeholder("user"),
        Value::file("/etc/app/user"),
    ];
    for variable in &variables {
        for params in [
            OwnerParams::new().uid(variable.clone()).gid("nogroup"),
            OwnerParams::new().uid("nobody").gid(variable.clone()),
            nobody().add_gids(variable.clone()),
        ] {
            let found = problems(&with(|s| {
                s.main_process().set_owner_params(params.clone());
            }));
            assert_eq!(found.len(), 1, "{params:?}: {found:?}");
            assert_eq!(found[0].kind(), ProblemKind::RunsAsRoot);
            assert!(found[0].fix().unwrap().contains("allow_variable_ids"));
        }
        // Raw options and `set` too.
        assert_eq!(
            kinds(&with(|s| {
                s.add_option("uid", variable.clone())
                    .add_option("gid", "nogroup");
            })),
            [ProblemKind::RunsAsRoot]
        );
        assert_eq!(
            kinds(&with(|s| {
                s.add_option("set", Value::from("uid=") + variable.clone())
                    .add_option("gid", "nogroup");
            })),
            [ProblemKind::RunsAsRoot]
        );
    }
    // The opt-in, as a parameter of the owner.
    let section = with(|s| {
        s.main_process().set_owner_params(
            OwnerParams::new()
                .uid(Value::env("APP_USER"))
                .gid(Value::env("APP_GROUP"))
                .add_gids(Value::env("APP_EXTRA_GROUP"))
                .allow_variable_ids(true),
        );
    });
    assert_eq!(
        section.to_ini().unwrap(),
        "[uwsgi]\nuid = $(APP_USER)\ngid = $(APP_GROUP)\nadd-gid = $(APP_EXTRA_GROUP)\n"
    );
    // And in the macro.
    let user = Value::env("APP_USER");
    let section: Section = uwsgi_config!(owner(
        uid = user,
        gid = "nogroup",
        allow_variable_ids = true
    ));
    assert_eq!(
        section.to_ini().unwrap(),
        "[uwsgi]\nuid = $(APP_USER)\ngid = nogroup\n"
    );
    let user = Value::env("APP_USER");
    let section: Section = uwsgi_config!(owner(uid = user, gid = "nogroup"));
    assert_eq!(kinds(&section), [ProblemKind::RunsAsRoot]);
}

// ---- 4. owner directives uWSGI may skip ----

#[test]
fn owner_inside_config_logic_is_refused() {
    for (open, close) in [
        ("if-exists", "endif"),
        ("if-not-env", "end-if"),
        ("for", "endfor"),
        ("for-glob", "end-for"),
    ] {
        let found = problems(&with(|s| {
            s.add_option(open, "/nonexistent");
            s.main_process().set_owner_params(nobody());
            s.add_option(close, "");
        }));
        assert_eq!(
            found.iter().map(Problem::kind).collect::<Vec<_>>(),
            [ProblemKind::RunsAsRoot, ProblemKind::RunsAsRoot],
            "{open}"
        );
        assert!(found[0].message().contains(open), "{}", found[0]);
    }
    // Through `set`, and with a block left open (refused on its own as well).
    assert_eq!(
        kinds(&with(|s| {
            s.add_option("if-env", "NEVER");
            s.add_option("set", "uid=nobody")
                .add_option("set", "gid=nogroup");
        })),
        [
            ProblemKind::Conflict,
            ProblemKind::RunsAsRoot,
            ProblemKind::RunsAsRoot
        ]
    );
    // Outside the block, the owner applies whatever the condition: fine.
    let section = with(|s| {
        s.main_process().set_owner_params(nobody());
        s.add_option("if-exists", "/nonexistent")
            .add_option("env", "A=1")
            .add_option("endif", "");
    });
    assert!(section.to_ini().is_ok(), "{:?}", section.to_ini());
}

#[test]
fn owner_only_in_a_section_plain_ini_does_not_read() {
    let mut second = Section::named("second");
    second.main_process().set_owner_params(nobody());
    let mut main = Section::new();
    main.set_option("vacuum", true);
    let mut config = Config::new();
    config.add_section(main.clone()).add_section(second.clone());
    let found = config.to_ini().unwrap_err().into_problems();
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].kind(), ProblemKind::RunsAsRoot);
    assert_eq!(found[0].value(), Some("second"));
    // Included, the owner applies.
    config.autoinclude(true);
    assert!(config.to_ini().is_ok());
    assert!(config.to_args().is_ok());
    // So it does when `[uwsgi]` sets one too (`--ini file:second` then picks the other).
    let mut owned_main = main.clone();
    owned_main
        .main_process()
        .set_owner_params(OwnerParams::new().uid("www-data").gid("www-data"));
    let mut config = Config::new();
    config.add_section(owned_main).add_section(second.clone());
    assert!(config.to_ini().is_ok());
    // uWSGI reads `[uwsgi]`, not the first section.
    let mut config = Config::new();
    config.add_section(second.clone()).add_section(main.clone());
    assert_eq!(
        config.to_ini().unwrap_err().problems()[0].kind(),
        ProblemKind::RunsAsRoot
    );
    // A block left open before the included sections would make them conditional: every
    // section must close its blocks.
    let mut open = main.clone();
    open.add_option("if-exists", "/nonexistent");
    let mut config = Config::new();
    config
        .add_section(open)
        .add_section(second)
        .autoinclude(true);
    for found in [
        config.to_ini().unwrap_err().into_problems(),
        config.to_args().unwrap_err().into_problems(),
    ] {
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].kind(), ProblemKind::Conflict);
        assert!(found[0].message().contains("if-exists"));
    }
}

// ---- 5. `set` values are protected like every value ----

#[test]
fn set_values_are_not_expanded() {
    let section = with(|s| {
        s.add_option("set", "procname=@(exec://echo PWNED)")
            .add_option("set", "env=H=$(HOME)");
    });
    let ini = section.to_ini().unwrap();
    let pairs: Vec<(&str, &str)> = ini
        .lines()
        .skip(1)
        .map(|l| l.split_once(" = ").unwrap())
        .collect();
    // The literal text goes through `set-placeholder` (never expanded by uWSGI), and the
    // option refers to it.
    let keys: Vec<&str> = pairs.iter().map(|p| p.0).collect();
    assert_eq!(
        keys,
        ["set-placeholder", "procname", "set-placeholder", "env"]
    );
    assert!(pairs[0].1.ends_with("=@(exec://echo PWNED)"));
    assert!(pairs[1].1.starts_with("%(") && !pairs[1].1.contains("@("));
    assert!(pairs[2].1.ends_with("=H=$(HOME)"));
    assert!(pairs[3].1.starts_with("%(") && !pairs[3].1.contains("$("));
    // A variable after the option name is one on purpose, as for the option itself.
    let section = with(|s| {
        s.add_option("set", Value::from("env=H=") + Value::env("HOME"));
    });
    assert_eq!(section.to_ini().unwrap(), "[uwsgi]\nenv = H=$(HOME)\n");
}

// ---- 10. set_option never drops list entries written by other calls ----

#[test]
fn set_option_does_not_drop_entries_of_other_calls() {
    let found = problems(&with(|s| {
        s.main_process()
            .set_hook(Phase::ASAP, Action::printout("x"));
        s.set_option("hook-asap", "print:y");
    }));
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].kind(), ProblemKind::Conflict);
    assert_eq!(found[0].value(), Some("print:y"));
    assert!(found[0].message().contains("set_hook"), "{}", found[0]);
    assert!(found[0].fix().unwrap().contains("add_option(\"hook-asap\""));
    assert_eq!(
        kinds(&with(|s| {
            s.add_option("env", "A=1").set_option("env", "B=2");
        })),
        [ProblemKind::Conflict]
    );
    assert_eq!(
        kinds(&with(|s| {
            s.add_option("set", "env=A=1").set_option("env", "B=2");
        })),
        [ProblemKind::Conflict]
    );
    // Its own entries it replaces, as documented; adding keeps every entry.
    let section = with(|s| {
        s.set_option("env", "A=1").set_option("env", "B=2");
    });
    assert_eq!(section.to_ini().unwrap(), "[uwsgi]\nenv = B=2\n");
    let section = with(|s| {
        s.main_process()
            .set_hook(Phase::ASAP, Action::printout("x"));
        s.add_option("hook-asap", "print:y");
    });
    assert_eq!(
        section.to_ini().unwrap(),
        "[uwsgi]\nhook-asap = print:x\nhook-asap = print:y\n"
    );
    // Single values are replaced, whoever wrote them (that is what set_option is for).
    let section = with(|s| {
        s.main_process().set_owner_params(nobody());
        s.set_option("uid", "www-data");
    });
    assert_eq!(
        section.to_ini().unwrap(),
        "[uwsgi]\nuid = www-data\ngid = nogroup\n"
    );
}

// ---- set_option never moves a value across a block ----

#[test]
fn set_option_after_a_block_stays_after_it() {
    let mut section = Section::new();
    section
        .add_option("if-exists", "/etc/app.flag")
        .set_option("processes", 2)
        .add_option("endif", "")
        .set_option("processes", 4)
        .set_option("vacuum", true)
        .add_option("if-exists", "/etc/app.flag")
        .set_option("vacuum", false)
        .add_option("endif", "");
    assert_eq!(
        section.to_ini().unwrap(),
        "[uwsgi]\nif-exists = /etc/app.flag\nprocesses = 2\nendif =\nprocesses = 4\n\
         vacuum = true\nif-exists = /etc/app.flag\nendif =\n"
    );
}

// ---- set_option keeps entries of every repeatable option, not only lists ----

#[test]
fn set_option_keeps_prints_of_other_calls() {
    let mut section = Section::new();
    section
        .add_option("print", "first")
        .set_option("print", "second");
    let found = problems(&section);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].kind(), ProblemKind::Conflict);
    // Its own earlier value, set_option replaces.
    let mut section = Section::new();
    section
        .set_option("print", "first")
        .set_option("print", "second");
    assert_eq!(section.to_ini().unwrap(), "[uwsgi]\nprint = second\n");
}
