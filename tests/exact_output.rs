//! Exact output of every `MainProcess` method and parameter, every phase, every action, values
//! and their escaping, the option rules, sections and errors, in INI and as arguments.
//!
//! Expected values come from uwsgi-semantics.md (what uWSGI reads) and the option table, not
//! from running the code: a literal `%` is `%%` in files only, `print` text is also a printf
//! format, `$(`/`@(` cannot be escaped but `set-placeholder` values are never expanded, INI
//! trims blanks and ends a value at a newline, optional-argument options need `--opt=value`.

use std::path::PathBuf;

use uwsgiconf::{
    Action, BasicParams, ChangeDirParams, Config, DaemonizeParams, DropAfter, MagicVar,
    MainProcess, MemoryParams, NamingParams, OnExitParams, OwnerParams, Phase, PidFileParams,
    ProblemKind, RunOnEventParams, Section, Target, TopLevelVar, Value, MAGIC_VARS,
};

mod rendered;
use rendered::*;

// ---- helpers ----

/// A section built by `f` on its main process.
fn mp(f: impl FnOnce(&mut MainProcess<'_>)) -> Section {
    let mut section = Section::new();
    f(&mut section.main_process());
    section
}

/// A section built by `f`.
fn with(f: impl FnOnce(&mut Section)) -> Section {
    let mut section = Section::new();
    f(&mut section);
    section
}

/// The section's INI, for one-directive checks.
fn lines(text: &[&str]) -> String {
    let mut out = String::from("[uwsgi]\n");
    for line in text {
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// Renders in both formats and checks both.
#[track_caller]
fn assert_both(section: &Section, expected_ini: &[&str], expected_args: &[&str]) {
    assert_eq!(ini(section), lines(expected_ini));
    assert_eq!(args(section), expected_args);
}

/// The only problem of a refused render, in both formats.
#[track_caller]
fn only_problem(section: &Section, kind: ProblemKind) -> String {
    let error = ini_error(section);
    assert_eq!(kinds(&error), [kind], "{error}");
    let args = args_error(section);
    assert_eq!(kinds(&args), [kind], "{args}");
    assert_eq!(error.to_string(), args.to_string());
    error.to_string()
}

// ---- set_basic_params ----

#[test]
fn basic_params_touch_reload() {
    let one = mp(|mp| {
        mp.set_basic_params(BasicParams::new().touch_reload("/srv/app/reload"));
    });
    assert_both(
        &one,
        &["touch-reload = /srv/app/reload"],
        &["--touch-reload", "/srv/app/reload"],
    );

    let many = mp(|mp| {
        mp.set_basic_params(
            BasicParams::new()
                .touch_reload(["/a", "/b"])
                .touch_reload(vec![String::from("/c")])
                .touch_reload(PathBuf::from("/d")),
        );
    });
    assert_both(
        &many,
        &[
            "touch-reload = /a",
            "touch-reload = /b",
            "touch-reload = /c",
            "touch-reload = /d",
        ],
        &[
            "--touch-reload",
            "/a",
            "--touch-reload",
            "/b",
            "--touch-reload",
            "/c",
            "--touch-reload",
            "/d",
        ],
    );

    let none = mp(|mp| {
        mp.set_basic_params(BasicParams::new().touch_reload(Vec::<String>::new()));
    });
    assert_both(&none, &[], &[]);

    let empty = mp(|mp| {
        mp.set_basic_params(BasicParams::new().touch_reload(""));
    });
    assert_eq!(
        only_problem(&empty, ProblemKind::EmptyValue),
        "invalid uWSGI configuration: set_basic_params: `touch_reload` is empty, and uWSGI \
         fails on an empty value; give `touch_reload` a value"
    );
}

#[test]
fn basic_params_priority_vacuum_binary_path_stdin() {
    let section = mp(|mp| {
        mp.set_basic_params(
            BasicParams::new()
                .priority(-10)
                .vacuum(true)
                .binary_path("/usr/bin/uwsgi")
                .honour_stdin(true),
        );
    });
    assert_both(
        &section,
        &[
            "prio = -10",
            "vacuum = true",
            "binary-path = /usr/bin/uwsgi",
            "honour-stdin = true",
        ],
        &[
            "--prio",
            "-10",
            "--vacuum",
            "--binary-path",
            "/usr/bin/uwsgi",
            "--honour-stdin",
        ],
    );

    let off = mp(|mp| {
        mp.set_basic_params(BasicParams::new().vacuum(false).honour_stdin(false));
    });
    assert_both(&off, &[], &[]);

    let empty = mp(|mp| {
        mp.set_basic_params(BasicParams::new().binary_path(""));
    });
    assert!(only_problem(&empty, ProblemKind::EmptyValue).contains("`binary_path` is empty"));
}

#[test]
fn basic_params_false_removes_an_earlier_true() {
    let section = mp(|mp| {
        mp.set_basic_params(BasicParams::new().vacuum(true).priority(1))
            .set_basic_params(BasicParams::new().vacuum(false));
    });
    assert_both(&section, &["prio = 1"], &["--prio", "1"]);
}

// ---- set_memory_params ----

#[test]
fn memory_params() {
    let section = mp(|mp| {
        mp.set_memory_params(MemoryParams::new().ksm_interval(10).no_swap(true));
    });
    // ksm takes an optional argument: on the command line it must be `--ksm=10`.
    assert_both(
        &section,
        &["ksm = 10", "never-swap = true"],
        &["--ksm=10", "--never-swap"],
    );

    let zero = mp(|mp| {
        mp.set_memory_params(MemoryParams::new().ksm_interval(0).no_swap(false));
    });
    assert_both(&zero, &["ksm = 0"], &["--ksm=0"]);
}

// ---- daemonize and change_dir ----

#[test]
fn daemonize_both_keys() {
    let section = mp(|mp| {
        mp.daemonize("/var/log/app.log", DaemonizeParams::new());
    });
    assert_both(
        &section,
        &["daemonize = /var/log/app.log"],
        &["--daemonize", "/var/log/app.log"],
    );
    let late = mp(|mp| {
        mp.daemonize(
            "192.168.1.2:1717",
            DaemonizeParams::new().after_app_loading(true),
        );
    });
    assert_both(
        &late,
        &["daemonize2 = 192.168.1.2:1717"],
        &["--daemonize2", "192.168.1.2:1717"],
    );
    let empty = mp(|mp| {
        mp.daemonize("", DaemonizeParams::new());
    });
    assert_eq!(
        only_problem(&empty, ProblemKind::EmptyValue),
        "invalid uWSGI configuration: daemonize: `log_into` is empty, and uWSGI fails on an \
         empty value; give `log_into` a value"
    );
}

#[test]
fn change_dir_both_keys() {
    let section = mp(|mp| {
        mp.change_dir("/srv/app", ChangeDirParams::new())
            .change_dir(
                PathBuf::from("/srv/app/current"),
                ChangeDirParams::new().after_app_loading(true),
            );
    });
    assert_both(
        &section,
        &["chdir = /srv/app", "chdir2 = /srv/app/current"],
        &["--chdir", "/srv/app", "--chdir2", "/srv/app/current"],
    );
    let empty = mp(|mp| {
        mp.change_dir("", ChangeDirParams::new());
    });
    assert!(only_problem(&empty, ProblemKind::EmptyValue).contains("change_dir: `to` is empty"));
}

// ---- set_owner_params and get_owner ----

#[test]
fn owner_names_numbers_and_groups() {
    let section = mp(|mp| {
        mp.set_owner_params(
            OwnerParams::new()
                .uid("www-data")
                .gid(33)
                .add_gids(["docker", "1001"])
                .drop_after(DropAfter::Init),
        );
    });
    assert_both(
        &section,
        &[
            "uid = www-data",
            "gid = 33",
            "add-gid = docker",
            "add-gid = 1001",
            "drop-after-init = true",
        ],
        &[
            "--uid",
            "www-data",
            "--gid",
            "33",
            "--add-gid",
            "docker",
            "--add-gid",
            "1001",
            "--drop-after-init",
        ],
    );
    let apps = mp(|mp| {
        mp.set_owner_params(
            OwnerParams::new()
                .uid(1001)
                .gid(1001)
                .drop_after(DropAfter::Apps),
        );
    });
    assert_both(
        &apps,
        &["uid = 1001", "gid = 1001", "drop-after-apps = true"],
        &["--uid", "1001", "--gid", "1001", "--drop-after-apps"],
    );
    // A gid alone is fine: uWSGI changes the group and stays the user it is.
    let gid_only = mp(|mp| {
        mp.set_owner_params(OwnerParams::new().gid("www-data"));
    });
    assert_both(&gid_only, &["gid = www-data"], &["--gid", "www-data"]);
}

#[test]
fn owner_immediate_gid_comes_first() {
    let section = mp(|mp| {
        mp.set_owner_params(OwnerParams::new().uid(1001).gid(1002).set_asap(true));
    });
    assert_both(
        &section,
        &["immediate-gid = 1002", "immediate-uid = 1001"],
        &["--immediate-gid", "1002", "--immediate-uid", "1001"],
    );

    // Set in the other order, across calls.
    let across = mp(|mp| {
        mp.set_owner_params(OwnerParams::new().uid("app").set_asap(true))
            .set_owner_params(OwnerParams::new().gid("app").set_asap(true));
    });
    assert_both(
        &across,
        &["immediate-gid = app", "immediate-uid = app"],
        &["--immediate-gid", "app", "--immediate-uid", "app"],
    );

    // Through set_option, with another option in between: the gid moves before the uid,
    // since everything after immediate-uid runs unprivileged.
    let raw = with(|s| {
        s.set_option("immediate-uid", "1001")
            .set_option("processes", 2)
            .set_option("immediate-gid", "1002");
    });
    assert_both(
        &raw,
        &[
            "immediate-gid = 1002",
            "immediate-uid = 1001",
            "processes = 2",
        ],
        &[
            "--immediate-gid",
            "1002",
            "--immediate-uid",
            "1001",
            "--processes",
            "2",
        ],
    );
}

#[test]
fn owner_uid_without_gid_is_refused() {
    let section = mp(|mp| {
        mp.set_owner_params(OwnerParams::new().uid("www"));
    });
    assert_eq!(
        only_problem(&section, ProblemKind::UidWithoutGid),
        "invalid uWSGI configuration: set_owner_params: \"www\": uid without gid: uWSGI would \
         keep the root group; set gid too"
    );
    let immediate = mp(|mp| {
        mp.set_owner_params(OwnerParams::new().uid("www").set_asap(true));
    });
    assert_eq!(
        only_problem(&immediate, ProblemKind::UidWithoutGid),
        "invalid uWSGI configuration: set_owner_params: \"www\": immediate uid without \
         immediate gid: uWSGI would keep the root group; set gid too (with set_asap, both are \
         immediate)"
    );
}

#[test]
fn owner_add_gid_without_gid_is_refused() {
    let section = mp(|mp| {
        mp.set_owner_params(OwnerParams::new().add_gids("docker"));
    });
    assert_eq!(
        only_problem(&section, ProblemKind::AddGidWithoutGid),
        "invalid uWSGI configuration: set_owner_params: \"docker\": add-gid without gid: uWSGI \
         ignores it (an immediate gid does not count); set gid too, without set_asap"
    );
    // An immediate gid does not count (uWSGI adds groups only with `gid`).
    let immediate = mp(|mp| {
        mp.set_owner_params(
            OwnerParams::new()
                .uid(1)
                .gid(2)
                .add_gids([3])
                .set_asap(true),
        );
    });
    assert_eq!(
        kinds(&ini_error(&immediate)),
        [ProblemKind::AddGidWithoutGid]
    );
    // uid and add-gid without gid: both problems, in the order of the checks.
    let both = mp(|mp| {
        mp.set_owner_params(OwnerParams::new().uid("www").add_gids("docker"));
    });
    assert_eq!(
        kinds(&ini_error(&both)),
        [ProblemKind::UidWithoutGid, ProblemKind::AddGidWithoutGid]
    );
}

#[test]
fn owner_root_rules() {
    // `root` by name: refused unless asked for.
    let root = mp(|mp| {
        mp.set_owner_params(OwnerParams::new().uid("root").gid("root"));
    });
    let error = ini_error(&root);
    assert_eq!(
        kinds(&error),
        [ProblemKind::RunsAsRoot, ProblemKind::RunsAsRoot]
    );
    assert_eq!(
        error.to_string(),
        "invalid uWSGI configuration (2 problems):\n  \
         - set_owner_params: \"root\": running uWSGI with root as its user is unsafe; use an \
         unprivileged id, or say allow_root = true\n  \
         - set_owner_params: \"root\": running uWSGI with root as its group is unsafe; use an \
         unprivileged id, or say allow_root = true"
    );
    let allowed = mp(|mp| {
        mp.set_owner_params(OwnerParams::new().uid("root").gid("root").allow_root(true));
    });
    assert_both(
        &allowed,
        &["uid = root", "gid = root"],
        &["--uid", "root", "--gid", "root"],
    );

    // A numeric 0 is read as a *name* and fails, even with allow_root.
    for zero in ["0", "00"] {
        let section = mp(|mp| {
            mp.set_owner_params(OwnerParams::new().uid(zero).gid("www").allow_root(true));
        });
        assert_eq!(
            only_problem(&section, ProblemKind::RunsAsRoot),
            format!(
                "invalid uWSGI configuration: set_owner_params: \"{zero}\": uWSGI reads a \
                 user id of 0 as a name and fails (\"user 0 not found\"); use an unprivileged \
                 id; to stay root write the name `root` with allow_root"
            )
        );
    }

    // Immediate root: uWSGI refuses it ("invalid uid 0"), allow_root or not.
    let immediate = mp(|mp| {
        mp.set_owner_params(
            OwnerParams::new()
                .uid("root")
                .gid("root")
                .set_asap(true)
                .allow_root(true),
        );
    });
    let error = ini_error(&immediate);
    assert_eq!(
        kinds(&error),
        [ProblemKind::RunsAsRoot, ProblemKind::RunsAsRoot]
    );
    assert!(error
        .to_string()
        .contains("uWSGI refuses root as an immediate user (\"invalid uid 0\")"));
    assert!(error
        .to_string()
        .contains("uWSGI refuses root as an immediate group (\"invalid gid 0\")"));
}

#[test]
fn owner_uid_and_immediate_uid_conflict() {
    let section = mp(|mp| {
        mp.set_owner_params(OwnerParams::new().uid("a").gid("a"))
            .set_owner_params(OwnerParams::new().uid("b").gid("b").set_asap(true));
    });
    let error = ini_error(&section);
    assert_eq!(
        kinds(&error),
        [ProblemKind::Conflict, ProblemKind::Conflict]
    );
    assert_eq!(
        error.problems()[0].to_string(),
        "set_owner_params: \"a\": uid is set both immediately and at privilege drop; set the \
         owner once, with or without set_asap"
    );
    assert_eq!(
        error.problems()[1].to_string(),
        "set_owner_params: \"a\": gid is set both immediately and at privilege drop; set the \
         owner once, with or without set_asap"
    );
}

#[test]
fn owner_uid_with_an_immediate_gid_keeps_no_root_group() {
    // immediate-gid runs setgid() and setgroups(0) while parsing, so a later uid does not
    // keep the root group: accepted.
    let mut section = Section::new();
    section
        .set_option("immediate-gid", "nogroup")
        .set_option("uid", "nobody");
    assert_eq!(
        section.to_ini().unwrap(),
        "[uwsgi]\nimmediate-gid = nogroup\nuid = nobody\n"
    );
}

#[test]
fn owner_empty_ids_are_refused() {
    let section = mp(|mp| {
        mp.set_owner_params(OwnerParams::new().uid("").gid("www"));
    });
    assert_eq!(
        only_problem(&section, ProblemKind::EmptyValue),
        "invalid uWSGI configuration: set_owner_params: `uid` is empty, and uWSGI fails on an \
         empty value; give `uid` a value"
    );
}

#[test]
fn get_owner_reads_the_config() {
    let mut section = Section::new();
    assert_eq!(section.main_process().get_owner(false), (None, None));
    section
        .main_process()
        .set_owner_params(OwnerParams::new().uid("u").gid(7).set_asap(true));
    assert_eq!(
        section.main_process().get_owner(false),
        (Some("u".to_string()), Some("7".to_string()))
    );
    assert_eq!(
        section.main_process().get_owner(true),
        (Some("u".to_string()), Some("7".to_string()))
    );
}

// ---- phases: set_hook and run_command_on_event ----

/// Every phase: its hook option, its exec option (uwsgi-semantics.md §2.1) and whether only
/// uWSGI 2.1 has it.
const PHASES: [(Phase, &str, Option<&str>, bool); 28] = [
    (Phase::ASAP, "hook-asap", Some("exec-asap"), false),
    (
        Phase::JAIL_PRE,
        "hook-pre-jail",
        Some("exec-pre-jail"),
        false,
    ),
    (Phase::JAIL_IN, "hook-in-jail", Some("exec-in-jail"), false),
    (
        Phase::JAIL_POST,
        "hook-post-jail",
        Some("exec-post-jail"),
        false,
    ),
    (
        Phase::PRIV_DROP_PRE,
        "hook-as-root",
        Some("exec-as-root"),
        false,
    ),
    (
        Phase::PRIV_DROP_POST,
        "hook-as-user",
        Some("exec-as-user"),
        false,
    ),
    (Phase::MASTER_START, "hook-master-start", None, false),
    (Phase::EMPEROR_START, "hook-emperor-start", None, false),
    (Phase::EMPEROR_STOP, "hook-emperor-stop", None, false),
    (Phase::EMPEROR_RELOAD, "hook-emperor-reload", None, false),
    (Phase::EMPEROR_LOST, "hook-emperor-lost", None, false),
    (
        Phase::EXIT,
        "hook-as-user-atexit",
        Some("exec-as-user-atexit"),
        false,
    ),
    (
        Phase::APP_LOAD_PRE,
        "hook-pre-app",
        Some("exec-pre-app"),
        false,
    ),
    (
        Phase::APP_LOAD_POST,
        "hook-post-app",
        Some("exec-post-app"),
        false,
    ),
    (
        Phase::VASSAL_ON_DEMAND_IN,
        "hook-as-on-demand-vassal",
        None,
        true,
    ),
    (
        Phase::VASSAL_CONFIG_CHANGE_POST,
        "hook-as-on-config-vassal",
        None,
        true,
    ),
    (
        Phase::VASSAL_START_PRE,
        "hook-as-emperor-before-vassal",
        None,
        true,
    ),
    (
        Phase::VASSAL_PRIV_DRP_PRE,
        "hook-as-vassal-before-drop",
        None,
        true,
    ),
    (
        Phase::VASSAL_SET_NAMESPACE,
        "hook-as-emperor-setns",
        None,
        true,
    ),
    (
        Phase::VASSAL_START_IN,
        "hook-as-vassal",
        Some("exec-as-vassal"),
        false,
    ),
    (
        Phase::VASSAL_START_POST,
        "hook-as-emperor",
        Some("exec-as-emperor"),
        false,
    ),
    (Phase::GATEWAY_START_IN_EACH, "hook-as-gateway", None, false),
    (Phase::MULE_START_IN_EACH, "hook-as-mule", None, false),
    (
        Phase::WORKER_ACCEPTING_PRE_EACH,
        "hook-accepting",
        None,
        false,
    ),
    (
        Phase::WORKER_ACCEPTING_PRE_FIRST,
        "hook-accepting1",
        None,
        false,
    ),
    (
        Phase::WORKER_ACCEPTING_PRE_EACH_ONCE,
        "hook-accepting-once",
        None,
        false,
    ),
    (
        Phase::WORKER_ACCEPTING_PRE_FIRST_ONCE,
        "hook-accepting1-once",
        None,
        false,
    ),
    (Phase::POST_FORK, "hook-post-fork", None, false),
];

#[test]
fn phase_table_covers_every_phase() {
    let mut listed: Vec<Phase> = PHASES.iter().map(|p| p.0).collect();
    listed.sort();
    listed.dedup();
    let mut all = Phase::ALL.to_vec();
    all.sort();
    assert_eq!(listed, all);
    for (phase, hook, exec, only_2_1) in PHASES {
        assert_eq!(phase.hook_option(), hook);
        assert_eq!(phase.exec_option(), exec, "{phase}");
        assert_eq!(phase.available_in(Target::V2_0), !only_2_1, "{phase}");
        assert!(phase.available_in(Target::V2_1), "{phase}");
    }
    assert_eq!(PHASES.iter().filter(|p| p.2.is_some()).count(), 11);
}

#[test]
fn every_phase_has_its_hook_key() {
    for (phase, hook, _, only_2_1) in PHASES {
        let build = |target: Target| {
            with(|s| {
                s.set_target(target)
                    .main_process()
                    .set_hook(phase, Action::printout("x"));
            })
        };
        let expected_ini = format!("[uwsgi]\n{hook} = print:x\n");
        let expected_args = [format!("--{hook}"), "print:x".to_string()];

        let v2_1 = build(Target::V2_1);
        if phase == Phase::VASSAL_SET_NAMESPACE {
            // See setns_hooks_need_namespaces.
            assert_eq!(kinds(&ini_error(&v2_1)), [ProblemKind::InvalidValue]);
        } else {
            assert_eq!(ini(&v2_1), expected_ini, "{phase}");
            assert_eq!(args(&v2_1), expected_args, "{phase}");
        }

        let v2_0 = build(Target::V2_0);
        if only_2_1 {
            let error = ini_error(&v2_0);
            assert_eq!(kinds(&error), [ProblemKind::UnavailablePhase], "{phase}");
            assert_eq!(
                error.to_string(),
                format!(
                    "invalid uWSGI configuration: set_hook: \"{}\": hook phase `{phase}` \
                     exists only in uWSGI 2.1; target uWSGI 2.1 (Section::set_target, or target(\"2.1\") in uwsgi_config!)",
                    phase.const_name()
                )
            );
            assert_eq!(
                kinds(&args_error(&v2_0)),
                [ProblemKind::UnavailablePhase],
                "{phase}"
            );
        } else {
            assert_eq!(ini(&v2_0), expected_ini, "{phase}");
            assert_eq!(args(&v2_0), expected_args, "{phase}");
        }
    }
}

#[test]
fn setns_hooks_need_namespaces() {
    // uWSGI 2.1 reads `hook-as-emperor-setns = <namespaces> <action>`; a bare action is taken
    // for the namespace list and the hook fails ("invalid setns hook syntax"), and the action
    // cannot be private there.
    let section = with(|s| {
        s.set_target(Target::V2_1)
            .main_process()
            .set_hook(Phase::VASSAL_SET_NAMESPACE, Action::execute("ip link"));
    });
    assert_eq!(
        only_problem(&section, ProblemKind::InvalidValue),
        "invalid uWSGI configuration: set_hook: \"exec:ip link\": `hook-as-emperor-setns` \
         takes the namespaces to enter, a space, then a (non-private) action: uWSGI would fail \
         on this line; write the line whole: add_option(\"hook-as-emperor-setns\", \
         \"net,mnt exec:ip link\")"
    );
    for bad in ["print:x", "net,mnt !exec:id", "net print", "net: exec:id"] {
        let section = with(|s| {
            s.set_target(Target::V2_1)
                .add_option("hook-as-emperor-setns", bad);
        });
        let error = ini_error(&section);
        assert_eq!(kinds(&error), [ProblemKind::InvalidValue], "{bad}");
        assert_eq!(error.problems()[0].origin(), "add_option");
    }
    let whole = with(|s| {
        s.set_target(Target::V2_1)
            .add_option("hook-as-emperor-setns", "net,mnt exec:ip link")
            .add_option("hook-as-emperor-setns", "uts hostname:box");
    });
    assert_both(
        &whole,
        &[
            "hook-as-emperor-setns = net,mnt exec:ip link",
            "hook-as-emperor-setns = uts hostname:box",
        ],
        &[
            "--hook-as-emperor-setns",
            "net,mnt exec:ip link",
            "--hook-as-emperor-setns",
            "uts hostname:box",
        ],
    );
    // On 2.0 the phase does not exist at all: that is the one problem reported.
    let on_2_0 = with(|s| {
        s.add_option("hook-as-emperor-setns", "net exec:ip link");
        s.main_process()
            .set_hook(Phase::VASSAL_SET_NAMESPACE, Action::printout("x"));
    });
    assert_eq!(kinds(&ini_error(&on_2_0)), [ProblemKind::UnavailablePhase]);
}

#[test]
fn hooks_repeat_and_group_by_phase() {
    let section = mp(|mp| {
        mp.set_hook(Phase::ASAP, [Action::printout("a"), Action::printout("b")])
            .set_hook(Phase::POST_FORK, "exec:date")
            .set_hook(Phase::ASAP, Action::dir_create("/run/app"));
    });
    assert_both(
        &section,
        &[
            "hook-asap = print:a",
            "hook-asap = print:b",
            "hook-asap = mkdir:/run/app",
            "hook-post-fork = exec:date",
        ],
        &[
            "--hook-asap",
            "print:a",
            "--hook-asap",
            "print:b",
            "--hook-asap",
            "mkdir:/run/app",
            "--hook-post-fork",
            "exec:date",
        ],
    );
}

#[test]
fn every_phase_exec_key_or_refusal() {
    for (phase, _, exec, _) in PHASES {
        let section = with(|s| {
            s.set_target(Target::V2_1)
                .main_process()
                .run_command_on_event(["date", "id -u"], RunOnEventParams::new().phase(phase));
        });
        match exec {
            Some(exec) => {
                assert_eq!(
                    ini(&section),
                    format!("[uwsgi]\n{exec} = date\n{exec} = id -u\n"),
                    "{phase}"
                );
                assert_eq!(
                    args(&section),
                    [
                        format!("--{exec}"),
                        "date".to_string(),
                        format!("--{exec}"),
                        "id -u".to_string()
                    ],
                    "{phase}"
                );
            }
            None => {
                assert_eq!(
                    only_problem(&section, ProblemKind::NoExecForm),
                    format!(
                        "invalid uWSGI configuration: run_command_on_event: \"{phase}\": uWSGI \
                         has no `exec-{phase}`: only eleven phases run commands this way; use \
                         set_hook(Phase::{}, Action::execute(..)) instead",
                        phase.const_name()
                    )
                );
            }
        }
    }
}

#[test]
fn run_command_on_event_defaults_to_asap_and_refuses_empty_commands() {
    let section = mp(|mp| {
        mp.run_command_on_event("date", RunOnEventParams::default());
    });
    assert_both(&section, &["exec-asap = date"], &["--exec-asap", "date"]);
    let empty = mp(|mp| {
        mp.run_command_on_event("", RunOnEventParams::new());
    });
    assert!(only_problem(&empty, ProblemKind::EmptyValue).contains("`command` is empty"));
}

// ---- set_hook_touch, run_command_on_touch, after-request hooks, on-exit ----

#[test]
fn hook_touch_adds_master_once() {
    let section = mp(|mp| {
        mp.set_hook_touch("/srv/stop", Action::exit(0))
            .set_hook_touch("/srv/log", [Action::printout("a"), Action::printout("b")]);
    });
    assert_both(
        &section,
        &[
            "hook-touch = /srv/stop exit:0",
            "hook-touch = /srv/log print:a",
            "hook-touch = /srv/log print:b",
            "master = true",
        ],
        &[
            "--hook-touch",
            "/srv/stop exit:0",
            "--hook-touch",
            "/srv/log print:a",
            "--hook-touch",
            "/srv/log print:b",
            "--master",
        ],
    );

    // The user's own master line is kept where it is, and not repeated.
    let own = with(|s| {
        s.set_option("master", true)
            .main_process()
            .set_hook_touch("/f", Action::printout("x"));
    });
    assert_both(
        &own,
        &["master = true", "hook-touch = /f print:x"],
        &["--master", "--hook-touch", "/f print:x"],
    );

    // No hook-touch line, no master.
    let none = mp(|mp| {
        mp.set_hook_touch("/f", None::<Action>);
    });
    assert_both(&none, &[], &[]);

    // strict first, master last.
    let strict = with(|s| {
        s.set_strict(true)
            .main_process()
            .set_hook_touch("/f", Action::printout("x"));
    });
    assert_both(
        &strict,
        &["strict = true", "hook-touch = /f print:x", "master = true"],
        &["--strict", "--hook-touch", "/f print:x", "--master"],
    );
}

#[test]
fn hook_touch_path_rules() {
    let spaced = mp(|mp| {
        mp.set_hook_touch("/a b", [Action::printout("1"), Action::printout("2")]);
    });
    assert_eq!(
        only_problem(&spaced, ProblemKind::SpaceInPath),
        "invalid uWSGI configuration: set_hook_touch: \"/a b\": `fpath` contains a space, but \
         uWSGI splits this directive at the first space; use a path without spaces (a symlink \
         can help)"
    );
    let empty = mp(|mp| {
        mp.set_hook_touch("", Action::printout("1"));
    });
    assert!(only_problem(&empty, ProblemKind::EmptyValue).contains("`fpath` is empty"));
    // The action's print text is a printf format in a file: `%` is written `%%%%`.
    let percent = mp(|mp| {
        mp.set_hook_touch("/f", Action::printout("100%"));
    });
    assert_both(
        &percent,
        &["hook-touch = /f print:100%%%%", "master = true"],
        &["--hook-touch", "/f print:100%%", "--master"],
    );
}

#[test]
fn run_command_on_touch_one_line_per_command() {
    let section = mp(|mp| {
        mp.run_command_on_touch(["date", "touch /tmp/x && id"], "/srv/trigger");
    });
    assert_both(
        &section,
        &[
            "touch-exec = /srv/trigger date",
            "touch-exec = /srv/trigger touch /tmp/x && id",
        ],
        &[
            "--touch-exec",
            "/srv/trigger date",
            "--touch-exec",
            "/srv/trigger touch /tmp/x && id",
        ],
    );
    let spaced = mp(|mp| {
        mp.run_command_on_touch("date", "/a b");
    });
    assert!(only_problem(&spaced, ProblemKind::SpaceInPath).contains("`target` contains a space"));
    let empty = mp(|mp| {
        mp.run_command_on_touch("", "/t");
    });
    assert!(only_problem(&empty, ProblemKind::EmptyValue).contains("`command` is empty"));
}

#[test]
fn after_request_hooks_are_symbols() {
    let section = mp(|mp| {
        mp.set_hook_after_request(["my_after_request", "_x1"])
            .set_hook_after_request(Value::env("HOOK"));
    });
    assert_both(
        &section,
        &[
            "after-request-hook = my_after_request",
            "after-request-hook = _x1",
            "after-request-hook = $(HOOK)",
        ],
        &[
            "--after-request-hook",
            "my_after_request",
            "--after-request-hook",
            "_x1",
            "--after-request-hook",
            "$(HOOK)",
        ],
    );
    let action = mp(|mp| {
        mp.set_hook_after_request("print:x");
    });
    assert_eq!(
        only_problem(&action, ProblemKind::NotASymbol),
        "invalid uWSGI configuration: set_hook_after_request: \"print:x\": uWSGI looks \
         after-request hooks up with dlsym(): a C symbol, not an action; give the name of a C \
         function, such as `my_after_request`"
    );
}

#[test]
fn on_exit_params() {
    let section = mp(|mp| {
        mp.set_on_exit_params(OnExitParams::new().skip_hooks(true).skip_teardown(true));
    });
    assert_both(
        &section,
        &["skip-atexit = true", "skip-atexit-teardown = true"],
        &["--skip-atexit", "--skip-atexit-teardown"],
    );
    let off = mp(|mp| {
        mp.set_on_exit_params(OnExitParams::new().skip_hooks(false).skip_teardown(false));
    });
    assert_both(&off, &[], &[]);
}

// ---- set_pid_file ----

#[test]
fn pid_file_four_keys() {
    for (before, safe, key) in [
        (true, false, "pidfile"),
        (false, false, "pidfile2"),
        (true, true, "safe-pidfile"),
        (false, true, "safe-pidfile2"),
    ] {
        let section = mp(|mp| {
            mp.set_pid_file(
                "/run/app.pid",
                PidFileParams::new().before_priv_drop(before).safe(safe),
            );
        });
        assert_eq!(ini(&section), format!("[uwsgi]\n{key} = /run/app.pid\n"));
        assert_eq!(args(&section), [format!("--{key}"), "/run/app.pid".into()]);
    }
    let default = mp(|mp| {
        mp.set_pid_file(PathBuf::from("/run/p.pid"), PidFileParams::default());
    });
    assert_both(
        &default,
        &["pidfile = /run/p.pid"],
        &["--pidfile", "/run/p.pid"],
    );
    let empty = mp(|mp| {
        mp.set_pid_file("", PidFileParams::new());
    });
    assert!(
        only_problem(&empty, ProblemKind::EmptyValue).contains("set_pid_file: `fpath` is empty")
    );
}

// ---- set_naming_params ----

#[test]
fn naming_params() {
    let section = mp(|mp| {
        mp.set_naming_params(
            NamingParams::new()
                .autonaming(true)
                .prefix("app-")
                .suffix("[web]")
                .name(Value::env("APP")),
        );
    });
    assert_both(
        &section,
        &[
            "auto-procname = true",
            "procname-prefix = app-",
            "procname-append = [web]",
            "procname = $(APP)",
        ],
        &[
            "--auto-procname",
            "--procname-prefix",
            "app-",
            "--procname-append",
            "[web]",
            "--procname",
            "$(APP)",
        ],
    );
}

#[test]
fn naming_suffix_with_a_leading_blank_goes_through_a_placeholder_in_ini() {
    let section = mp(|mp| {
        mp.set_naming_params(NamingParams::new().suffix(" [web]"));
    });
    assert_both(
        &section,
        &[
            "set-placeholder = uwsgiconf-literal-43b6d304a4f45f83834e2eeb9de5921a= [web]",
            "procname-append = %(uwsgiconf-literal-43b6d304a4f45f83834e2eeb9de5921a)",
        ],
        &["--procname-append", " [web]"],
    );
}

#[test]
fn naming_prefix_ending_with_a_space_is_spaced() {
    let one = mp(|mp| {
        mp.set_naming_params(NamingParams::new().prefix("app "));
    });
    assert_both(
        &one,
        &["procname-prefix-spaced = app"],
        &["--procname-prefix-spaced", "app"],
    );
    // Only one space is given back by uWSGI: a second one must stay in the value, which INI
    // cannot end with.
    let two = mp(|mp| {
        mp.set_naming_params(NamingParams::new().prefix("app  "));
    });
    assert_eq!(kinds(&ini_error(&two)), [ProblemKind::Unrepresentable]);
    assert_eq!(args(&two), ["--procname-prefix-spaced", "app "]);
    // A lone space: an empty spaced prefix, which uWSGI turns back into " ".
    let space = mp(|mp| {
        mp.set_naming_params(NamingParams::new().prefix(" "));
    });
    assert_both(
        &space,
        &["procname-prefix-spaced ="],
        &["--procname-prefix-spaced", ""],
    );
    let empty = mp(|mp| {
        mp.set_naming_params(NamingParams::new().prefix(""));
    });
    assert_both(&empty, &["procname-prefix ="], &["--procname-prefix", ""]);
}

// ---- actions ----

/// `action` in `hook-asap`, whose value has no `%` (so INI and args carry the same text).
#[track_caller]
fn assert_action(action: impl Into<Action>, expected: &str) {
    let action = action.into();
    assert_eq!(action.to_string(), expected);
    let section = mp(|mp| {
        mp.set_hook(Phase::ASAP, action);
    });
    assert_both(
        &section,
        &[&format!("hook-asap = {expected}")],
        &["--hook-asap", expected],
    );
}

#[test]
fn every_action_constructor_and_flag() {
    assert_action(Action::alarm("myal", "disk full"), "alarm:myal disk full");
    assert_action(Action::call("my_init"), "call:my_init");
    assert_action(Action::call("my_init arg"), "call:my_init arg");
    assert_action(
        Action::call("my_init").honour_exit_status(true),
        "callret:my_init",
    );
    assert_action(Action::call("my_init 3").arg_int(true), "callint:my_init 3");
    assert_action(
        Action::call("my_init 3")
            .arg_int(true)
            .honour_exit_status(true),
        "callintret:my_init 3",
    );
    assert_action(Action::dir_change("/srv"), "cd:/srv");
    assert_action(Action::dir_create("/run/app"), "mkdir:/run/app");
    assert_action(Action::execute("date -u"), "exec:date -u");
    assert_action(Action::safe_execute("true"), "safeexec:true");
    assert_action(Action::exit(None), "exit:");
    assert_action(Action::exit(0), "exit:0");
    assert_action(Action::exit(1), "exit:01");
    assert_action(Action::exit(9), "exit:09");
    assert_action(Action::exit(10), "exit:10");
    assert_action(Action::exit(255), "exit:255");
    assert_action(Action::fifo_write("/run/f", "r"), "writefifo:/run/f r");
    assert_action(
        Action::fifo_write("/run/f", "r").wait(true),
        "spinningfifo:/run/f r",
    );
    assert_action(Action::file_create("/run/a"), "create:/run/a");
    assert_action(Action::file_write("/a", "some text"), "write:/a some text");
    assert_action(Action::file_write("/a", "t").newline(true), "writen:/a t");
    assert_action(Action::file_write("/a", "t").append(true), "append:/a t");
    assert_action(
        Action::file_write("/a", "t").append(true).newline(true),
        "appendn:/a t",
    );
    // Without text, appendn appends just a newline: no trailing space for INI to drop.
    assert_action(
        Action::file_write("/a", "").append(true).newline(true),
        "appendn:/a",
    );
    assert_action(
        Action::mount("/proc").fs("proc").src("none"),
        "mount:proc none /proc",
    );
    assert_action(
        Action::mount("/t")
            .fs("tmpfs")
            .src("none")
            .flags(["nodev", "nosuid"]),
        "mount:tmpfs none /t nodev,nosuid",
    );
    assert_action(Action::mount("/proc"), "umount:/proc");
    assert_action(
        Action::mount("/proc").flags(["rec", "detach"]),
        "umount:/proc rec,detach",
    );
    assert_action(Action::printout("hello world"), "print:hello world");
    assert_action(Action::set_host_name("box"), "hostname:box");
    assert_action(Action::unlink("/run/a"), "unlink:/run/a");
    assert_action(Action::putenv("LANG", "C.UTF-8"), "putenv:LANG=C.UTF-8");
    assert_action(Action::chmod("/x", "755"), "chmod:/x 755");
    assert_action(Action::chmod("/x", "0750"), "chmod:/x 750");
    assert_action(Action::chmod("/x", 0o640), "chmod:/x 640");
    assert_action(Action::chmod("/x", 0o7), "chmod:/x 007");
    assert_action(Action::sticky("/tmp/x"), "sticky:/tmp/x");
    assert_action(Action::chown("/x", "www", "grp"), "chown:/x www grp");
    assert_action(Action::chown2("/x", 33, 34), "chown2:/x 33 34");
    assert_action(
        Action::rpc("hello@127.0.0.1:3031 a b"),
        "rpc:hello@127.0.0.1:3031 a b",
    );
    assert_action(Action::retry_rpc("hello"), "retryrpc:hello");
    assert_action(Action::wait_for_fs("/mnt/x"), "wait_for_fs:/mnt/x");
    assert_action(Action::wait_for_file("/x"), "wait_for_file:/x");
    assert_action(Action::wait_for_dir("/x"), "wait_for_dir:/x");
    assert_action(
        Action::wait_for_socket("127.0.0.1:80"),
        "wait_for_socket:127.0.0.1:80",
    );
    assert_action(Action::unix_signal(10, "on_usr1"), "unix_signal:10 on_usr1");
}

#[test]
fn private_actions() {
    assert_action(
        Action::execute("curl -H token").private(),
        "!exec:curl -H token",
    );
    assert_action(Action::call("f x").private(), "!call:f x");
    assert_action(
        Action::file_write("/f", "secret").private(),
        "!write:/f secret",
    );
    assert_action(
        Action::fifo_write("/f", "secret").private(),
        "!writefifo:/f secret",
    );
    assert_action(Action::mount("/m").private(), "!umount:/m");
    let action = Action::putenv("TOKEN", "s3cret").private();
    assert!(action.is_private());
    assert_eq!(action.name(), "putenv");
    assert_action(action, "!putenv:TOKEN=s3cret");
}

#[test]
fn print_text_is_a_printf_format() {
    // `%` is doubled for printf, then again for the file's magic pass.
    let section = mp(|mp| {
        mp.set_hook(Phase::ASAP, Action::printout("100% of %d"));
    });
    assert_both(
        &section,
        &["hook-asap = print:100%%%% of %%%%d"],
        &["--hook-asap", "print:100%% of %%d"],
    );
    // Other actions are not printf formats: `%` is doubled in files only.
    let exec = mp(|mp| {
        mp.set_hook(Phase::ASAP, Action::execute("date +%s"));
    });
    assert_both(
        &exec,
        &["hook-asap = exec:date +%%s"],
        &["--hook-asap", "exec:date +%s"],
    );
}

#[test]
fn action_argument_problems() {
    let problem = |action: Action| {
        let section = mp(|mp| {
            mp.set_hook(Phase::ASAP, action);
        });
        let error = ini_error(&section);
        assert_eq!(error.problems().len(), 1, "{error}");
        assert_eq!(kinds(&args_error(&section)), kinds(&error));
        let problem = &error.problems()[0];
        (problem.kind(), problem.to_string())
    };
    assert_eq!(
        problem(Action::chmod("/x", "0o755")),
        (
            ProblemKind::BadMode,
            "set_hook: action `chmod`: \"0o755\": uWSGI reads a mode as exactly three octal \
             digits; write the mode as three octal digits, such as \"755\" or 0o755"
                .to_string()
        )
    );
    assert_eq!(problem(Action::chmod("/x", "75")).0, ProblemKind::BadMode);
    assert_eq!(problem(Action::chmod("/x", "800")).0, ProblemKind::BadMode);
    assert_eq!(
        problem(Action::chmod("/x", 0o4755)),
        (
            ProblemKind::BadMode,
            "set_hook: action `chmod`: \"0o4755\": uWSGI can only set the permission bits (at \
             most 0o777); write the mode as three octal digits, such as \"755\" or 0o755"
                .to_string()
        )
    );
    assert_eq!(
        problem(Action::chmod("/a b", "755")),
        (
            ProblemKind::SpaceInPath,
            "set_hook: action `chmod`: \"/a b\": `path` contains a space, but uWSGI splits the \
             arguments of `chmod` at spaces; use a path without spaces (a symlink can help)"
                .to_string()
        )
    );
    assert_eq!(
        problem(Action::chown2("", 1, 2)),
        (
            ProblemKind::EmptyValue,
            "set_hook: action `chown2`: `path` is empty; give `path` a value".to_string()
        )
    );
    assert_eq!(
        problem(Action::chown("/x", "a user", "g")).0,
        ProblemKind::SpaceInPath
    );
    assert_eq!(
        problem(Action::file_write("/a b", "t").into()).0,
        ProblemKind::SpaceInPath
    );
    assert_eq!(
        problem(Action::fifo_write("/a b", "t").into()).0,
        ProblemKind::SpaceInPath
    );
    assert_eq!(
        problem(Action::alarm("my alarm", "t")).0,
        ProblemKind::SpaceInPath
    );
    assert_eq!(
        problem(Action::mount("/p").fs("proc").into()),
        (
            ProblemKind::MountWithoutSource,
            "set_hook: action `mount`: \"proc\": mount needs a source: uWSGI reads `fs src \
             mountpoint`; add src (use \"none\" for virtual file systems such as proc or tmpfs)"
                .to_string()
        )
    );
    assert_eq!(
        problem(Action::mount("/p").src("none").into()).0,
        ProblemKind::MountWithoutSource
    );
    assert_eq!(
        problem(Action::mount("/p").flags("noatme").into()),
        (
            ProblemKind::UnknownMountFlag,
            "set_hook: action `umount`: \"noatme\": uWSGI exits on an unknown mount flag; did \
             you mean `noatime`?"
                .to_string()
        )
    );
    assert_eq!(
        problem(Action::call("not-a-symbol x").into()).0,
        ProblemKind::NotASymbol
    );
    assert_eq!(
        problem(Action::call("f x").arg_int(true).into()),
        (
            ProblemKind::InvalidValue,
            "set_hook: action `callint`: \"f x\": `x` is not an integer, but arg_int passes it \
             through atoi(); give a number, or drop arg_int"
                .to_string()
        )
    );
    assert_eq!(
        problem(Action::putenv("A=B", "c")).0,
        ProblemKind::InvalidValue
    );
    assert_eq!(
        problem(Action::putenv("", "c")).0,
        ProblemKind::InvalidValue
    );
    assert_eq!(
        problem(Action::unix_signal(1, "a-b")).0,
        ProblemKind::NotASymbol
    );
}

// ---- raw string actions ----

#[test]
fn raw_actions_are_read_as_typed_ones() {
    for raw in [
        "cd:/x",
        "chdir:/x",
        "mkdir:/x",
        "putenv:A=b=c",
        "chmod:/x 755",
        "chown:/x a b",
        "chown2:/x 1 2",
        "sticky:/x",
        "exec:echo hi there",
        "safeexec:true",
        "create:/x",
        "creat:/x",
        "write:/x a b",
        "writen:/x a",
        "append:/x a",
        "appendn:/x a",
        "appendn:/x",
        "writefifo:/x a",
        "spinningfifo:/x a",
        "unlink:/x",
        "mount:proc none /proc",
        "mount:tmpfs none /t nodev,nosuid",
        "umount:/x",
        "umount:/x detach",
        "call:f",
        "callret:f a",
        "callint:f 1",
        "callintret:f 1",
        "hostname:h",
        "alarm:a msg here",
        "rpc:f@node a b",
        "retryrpc:f",
        "wait_for_fs:/x",
        "wait_for_file:/x",
        "wait_for_dir:/x",
        "wait_for_socket:/s",
        "unix_signal:10 h",
        "exit:",
        "exit:0",
        "exit:42",
        "print:hello",
        "log:hello",
        "!exec:secret",
    ] {
        assert_action(Action::parse(raw), raw);
        assert_action(raw, raw);
    }
    assert_eq!(Action::parse("mkdir:/x"), Action::dir_create("/x"));
    assert_eq!(
        Action::parse("appendn:/f hello world"),
        Action::file_write("/f", "hello world")
            .append(true)
            .newline(true)
            .into()
    );
}

#[test]
fn raw_actions_are_fixed_and_escaped() {
    assert_action(Action::parse("exit:5"), "exit:05");
    assert_action(Action::parse("!exit:5"), "!exit:05");
    // Raw print text is the text to print: it is escaped like any other.
    let section = mp(|mp| {
        mp.set_hook(Phase::ASAP, ["print:50%", "log:50%"]);
    });
    assert_both(
        &section,
        &["hook-asap = print:50%%%%", "hook-asap = log:50%%%%"],
        &["--hook-asap", "print:50%%", "--hook-asap", "log:50%%"],
    );
}

#[test]
fn raw_action_problems() {
    let problem = |raw: &str| {
        let section = mp(|mp| {
            mp.set_hook(Phase::ASAP, raw);
        });
        let error = ini_error(&section);
        assert_eq!(error.problems().len(), 1, "{error}");
        let problem = &error.problems()[0];
        (problem.kind(), problem.to_string())
    };
    assert_eq!(
        problem("mkdri:/x"),
        (
            ProblemKind::UnknownName,
            "set_hook: raw action: \"mkdri:/x\": unknown hook action `mkdri`; uWSGI would exit \
             when the phase runs; did you mean `mkdir`?"
                .to_string()
        )
    );
    assert_eq!(
        problem("Print:x").1,
        "set_hook: raw action: \"Print:x\": unknown hook action `Print`; uWSGI would exit when \
         the phase runs; did you mean `print`?"
    );
    assert_eq!(
        problem("no colon"),
        (
            ProblemKind::UnknownName,
            "set_hook: raw action: \"no colon\": a hook action is written `name:args`, and this \
             has no `:`; write it as `name:args`, e.g. `print:hello`"
                .to_string()
        )
    );
    assert_eq!(problem("").0, ProblemKind::UnknownName);
    assert_eq!(
        problem("ffi:x").1,
        "set_hook: raw action: \"ffi:x\": action `ffi` comes from a plugin that uWSGI's core \
         build lacks; use a core action such as exec or call"
    );
    assert_eq!(problem("exit:abc").0, ProblemKind::InvalidValue);
    assert_eq!(problem("exit:256").0, ProblemKind::InvalidValue);
    assert_eq!(problem("chown2:/x a b").0, ProblemKind::InvalidValue);
    assert_eq!(problem("unix_signal:x h").0, ProblemKind::InvalidValue);
    assert_eq!(problem("putenv:NOEQUALS").0, ProblemKind::InvalidValue);
    assert_eq!(
        problem("mount:proc /proc").0,
        ProblemKind::MountWithoutSource
    );
    assert_eq!(problem("chmod:/x 0o755").0, ProblemKind::BadMode);
}

// ---- values: variables ----

fn procname(value: impl Into<Value>) -> Section {
    mp(|mp| {
        mp.set_naming_params(NamingParams::new().name(value));
    })
}

#[test]
fn variables_in_ini_and_args() {
    assert_both(
        &procname(Value::env("HOME") + "/app"),
        &["procname = $(HOME)/app"],
        &["--procname", "$(HOME)/app"],
    );
    assert_both(
        &procname(Value::placeholder("name") + "-web"),
        &["procname = %(name)-web"],
        &["--procname", "%(name)-web"],
    );
    assert_both(
        &procname(Value::file("/etc/hostname")),
        &["procname = @(/etc/hostname)"],
        &["--procname", "@(/etc/hostname)"],
    );
    // A literal `%` right before a variable is refused: `%` then the variable's value could
    // form a new `%(..)`, which uWSGI expands again. Something between them is fine.
    let joined = procname(Value::from("50%") + Value::placeholder("x"));
    assert_eq!(kinds(&ini_error(&joined)), [ProblemKind::MisplacedVariable]);
    assert_eq!(
        kinds(&args_error(&joined)),
        [ProblemKind::MisplacedVariable]
    );
    assert_both(
        &procname(Value::from("50% ") + Value::placeholder("x")),
        &["procname = 50%% %(x)"],
        &["--procname", "50% %(x)"],
    );
}

#[test]
fn magic_variables_only_in_files() {
    // Codes from uwsgi-semantics.md §3.2.
    let codes: [(MagicVar, &str); 42] = [
        (MagicVar::ConfigPathAsGiven, "%o"),
        (MagicVar::ConfigPath, "%p"),
        (MagicVar::ConfigFileName, "%s"),
        (MagicVar::ConfigDir, "%d"),
        (MagicVar::ConfigExtension, "%e"),
        (MagicVar::ConfigName, "%n"),
        (MagicVar::ConfigDirName, "%c"),
        (MagicVar::ConfigDirComponent(0), "%0"),
        (MagicVar::ConfigDirComponent(1), "%1"),
        (MagicVar::ConfigDirComponent(2), "%2"),
        (MagicVar::ConfigDirComponent(3), "%3"),
        (MagicVar::ConfigDirComponent(4), "%4"),
        (MagicVar::ConfigDirComponent(5), "%5"),
        (MagicVar::ConfigDirComponent(6), "%6"),
        (MagicVar::ConfigDirComponent(7), "%7"),
        (MagicVar::ConfigDirComponent(8), "%8"),
        (MagicVar::ConfigDirComponent(9), "%9"),
        (MagicVar::Section, "%x"),
        (MagicVar::ConfigPathHash, "%j"),
        (MagicVar::ConfigInode, "%i"),
        (MagicVar::StartDir, "%v"),
        (MagicVar::HostName, "%h"),
        (MagicVar::CpuCores, "%k"),
        (MagicVar::Version, "%V"),
        (MagicVar::UserId, "%u"),
        (MagicVar::UserName, "%U"),
        (MagicVar::GroupId, "%g"),
        (MagicVar::GroupName, "%G"),
        (MagicVar::BinaryPath, "%b"),
        (MagicVar::StartTime, "%t"),
        (MagicVar::StartTimeMicros, "%T"),
        (MagicVar::Escape, "%["),
        (MagicVar::TopLevel(TopLevelVar::ConfigPathAsGiven), "%O"),
        (MagicVar::TopLevel(TopLevelVar::ConfigDir), "%D"),
        (MagicVar::TopLevel(TopLevelVar::ConfigFileName), "%S"),
        (MagicVar::TopLevel(TopLevelVar::ConfigPath), "%P"),
        (MagicVar::TopLevel(TopLevelVar::ConfigDirName), "%C"),
        (MagicVar::TopLevel(TopLevelVar::ConfigExtension), "%E"),
        (MagicVar::TopLevel(TopLevelVar::ConfigName), "%N"),
        (MagicVar::TopLevel(TopLevelVar::Section), "%X"),
        (MagicVar::TopLevel(TopLevelVar::ConfigInode), "%I"),
        (MagicVar::TopLevel(TopLevelVar::ConfigPathHash), "%J"),
    ];
    assert_eq!(
        codes.iter().map(|c| c.0).collect::<Vec<_>>(),
        MAGIC_VARS.to_vec()
    );
    for (var, code) in codes {
        let section = procname(var);
        assert_eq!(ini(&section), format!("[uwsgi]\nprocname = {code}\n"));
        let error = args_error(&section);
        assert_eq!(kinds(&error), [ProblemKind::MisplacedVariable]);
        assert_eq!(
            error.to_string(),
            format!(
                "invalid uWSGI configuration: set_naming_params: \"{code}\": `procname`: magic \
                 variables such as {code} exist only in config files; render to INI, or write \
                 the value out"
            )
        );
    }
    assert_eq!(
        ini(&procname(MagicVar::ConfigDir + "app.log")),
        "[uwsgi]\nprocname = %dapp.log\n"
    );
    // There are ten directory components: %0 to %9. A larger one has no variable (and must
    // not be written as %9, another component).
    let error = ini_error(&procname(MagicVar::ConfigDirComponent(12)));
    assert_eq!(kinds(&error), [ProblemKind::InvalidValue]);
    assert!(error
        .to_string()
        .contains("there is no magic variable for directory component 12, only %0 to %9"));
}

#[test]
fn variables_are_refused_in_immediate_options() {
    // `umask` is applied while the file is read, before `$(..)` and friends are expanded.
    let env = with(|s| {
        s.set_option("umask", Value::env("UMASK"));
    });
    assert_eq!(
        only_problem(&env, ProblemKind::MisplacedVariable),
        "invalid uWSGI configuration: set_option: \"$(UMASK)\": `umask` is applied while the \
         config is read, before uWSGI expands $(..); write the value out"
    );
    // There, `$(` is never expanded: written as is, no placeholder.
    let literal = with(|s| {
        s.set_option("ini", "/etc/$(x).ini");
    });
    assert_both(
        &literal,
        &["ini = /etc/$(x).ini"],
        &["--ini", "/etc/$(x).ini"],
    );
    // Nor is `%(..)`: the text is literal, only `%` is doubled in the file.
    let percent = with(|s| {
        s.set_option("ini", "/etc/%(x).ini");
    });
    assert_both(
        &percent,
        &["ini = /etc/%%(x).ini"],
        &["--ini", "/etc/%(x).ini"],
    );
}

#[test]
fn bad_variable_names_are_refused() {
    for value in [
        Value::env(""),
        Value::env("A)B"),
        Value::placeholder("two words"),
        Value::file("a(b"),
    ] {
        let shown = value.to_string();
        let section = procname(value);
        assert_eq!(
            kinds(&ini_error(&section)),
            [ProblemKind::InvalidValue],
            "{shown}"
        );
    }
}

// ---- escaping ----

#[test]
fn percent_is_doubled_in_files_only() {
    assert_both(
        &procname("100% sure"),
        &["procname = 100%% sure"],
        &["--procname", "100% sure"],
    );
    assert_both(&procname("%%"), &["procname = %%%%"], &["--procname", "%%"]);
    // `%(` without a closing parenthesis is not a placeholder.
    assert_both(
        &procname("50%("),
        &["procname = 50%%("],
        &["--procname", "50%("],
    );
}

#[test]
fn literal_dollar_and_at_go_through_placeholders() {
    assert_both(
        &procname("a $(HOME) b"),
        &[
            "set-placeholder = uwsgiconf-literal-61c1b7a18f843e2452948312b1c39316=a $(HOME) b",
            "procname = %(uwsgiconf-literal-61c1b7a18f843e2452948312b1c39316)",
        ],
        &[
            "--set-placeholder",
            "uwsgiconf-literal-61c1b7a18f843e2452948312b1c39316=a $(HOME) b",
            "--procname",
            "%(uwsgiconf-literal-61c1b7a18f843e2452948312b1c39316)",
        ],
    );
    // `%` inside the placeholder's value is still doubled in the file (magic pass).
    assert_both(
        &procname("50% @(x)"),
        &[
            "set-placeholder = uwsgiconf-literal-8f3dcf84fb2c62fee5a62c0b91c3a758=50%% @(x)",
            "procname = %(uwsgiconf-literal-8f3dcf84fb2c62fee5a62c0b91c3a758)",
        ],
        &[
            "--set-placeholder",
            "uwsgiconf-literal-8f3dcf84fb2c62fee5a62c0b91c3a758=50% @(x)",
            "--procname",
            "%(uwsgiconf-literal-8f3dcf84fb2c62fee5a62c0b91c3a758)",
        ],
    );
    // A shell `$(..)` in a hook command; each text has its own placeholder, named after it.
    let section = mp(|mp| {
        mp.set_hook(
            Phase::ASAP,
            [
                Action::execute("echo $(id -un)"),
                Action::execute("mail user@(host)"),
            ],
        );
    });
    assert_both(
        &section,
        &[
            "set-placeholder = uwsgiconf-literal-7976581fd430e59317f62366ee0cf043=exec:echo $(id -un)",
            "hook-asap = %(uwsgiconf-literal-7976581fd430e59317f62366ee0cf043)",
            "set-placeholder = uwsgiconf-literal-e10c7fd7e84388c2b54e3df1eec3c032=exec:mail user@(host)",
            "hook-asap = %(uwsgiconf-literal-e10c7fd7e84388c2b54e3df1eec3c032)",
        ],
        &[
            "--set-placeholder",
            "uwsgiconf-literal-7976581fd430e59317f62366ee0cf043=exec:echo $(id -un)",
            "--hook-asap",
            "%(uwsgiconf-literal-7976581fd430e59317f62366ee0cf043)",
            "--set-placeholder",
            "uwsgiconf-literal-e10c7fd7e84388c2b54e3df1eec3c032=exec:mail user@(host)",
            "--hook-asap",
            "%(uwsgiconf-literal-e10c7fd7e84388c2b54e3df1eec3c032)",
        ],
    );
    // Literal text next to a real variable: only the literal goes through the placeholder.
    assert_both(
        &procname(Value::from("$(x)-") + Value::env("USER")),
        &[
            "set-placeholder = uwsgiconf-literal-3191298565e85b6fe97c7582a168189d=$(x)-",
            "procname = %(uwsgiconf-literal-3191298565e85b6fe97c7582a168189d)$(USER)",
        ],
        &[
            "--set-placeholder",
            "uwsgiconf-literal-3191298565e85b6fe97c7582a168189d=$(x)-",
            "--procname",
            "%(uwsgiconf-literal-3191298565e85b6fe97c7582a168189d)$(USER)",
        ],
    );
}

#[test]
fn leading_blanks_via_placeholder_in_ini() {
    assert_both(
        &procname("  x y"),
        &[
            "set-placeholder = uwsgiconf-literal-3eb2f0fde7ec73510dbecc7778a12cb6=  x y",
            "procname = %(uwsgiconf-literal-3eb2f0fde7ec73510dbecc7778a12cb6)",
        ],
        &["--procname", "  x y"],
    );
    // Blanks alone before a variable cannot be carried by INI.
    let blanks = procname(Value::from("  ") + Value::env("X"));
    assert_eq!(kinds(&ini_error(&blanks)), [ProblemKind::Unrepresentable]);
    assert_eq!(args(&blanks), ["--procname", "  $(X)"]);
    // Leading blanks in an immediate option: no placeholder can help.
    let immediate = with(|s| {
        s.set_option("umask", " 022");
    });
    assert_eq!(
        kinds(&ini_error(&immediate)),
        [ProblemKind::Unrepresentable]
    );
    assert_eq!(args(&immediate), ["--umask", " 022"]);
}

#[test]
fn what_ini_cannot_hold_is_refused() {
    for (text, message) in [
        (
            "a\nvacuum = true",
            "`procname` contains a line break, which would start a new INI directive; remove \
             it, or render to command-line arguments",
        ),
        (
            "a\rb",
            "`procname` contains a line break, which would start a new INI directive; remove \
             it, or render to command-line arguments",
        ),
        (
            "trailing ",
            "`procname` ends with a blank, which INI drops; remove the trailing blank, or \
             render to command-line arguments",
        ),
        (
            "tab\t",
            "`procname` ends with a blank, which INI drops; remove the trailing blank, or \
             render to command-line arguments",
        ),
    ] {
        let section = procname(text);
        let error = ini_error(&section);
        assert_eq!(kinds(&error), [ProblemKind::Unrepresentable], "{text:?}");
        assert_eq!(
            error.to_string(),
            format!("invalid uWSGI configuration: set_naming_params: {text:?}: {message}")
        );
        // The command line carries them.
        assert_eq!(args(&section), ["--procname", text]);
    }
    // NUL cannot reach uWSGI at all.
    let nul = procname("a\0b");
    assert!(only_problem(&nul, ProblemKind::Unrepresentable).contains("contains a NUL byte"));
}

#[test]
fn literal_placeholder_syntax_is_refused() {
    // `%(x)` is expanded everywhere a value is expanded, and nothing escapes it.
    for text in ["%(x)", "a %(b) c"] {
        let section = procname(text);
        assert_eq!(
            only_problem(&section, ProblemKind::Unrepresentable),
            format!(
                "invalid uWSGI configuration: set_naming_params: {text:?}: `procname` contains \
                 `%(`, which uWSGI expands and offers no escape for; avoid `%(` in the text, or \
                 use Value::placeholder on purpose"
            )
        );
    }
    // `%(` just before a variable would open a placeholder with it.
    let joined = procname(Value::from("a%(") + Value::env("X"));
    assert_eq!(kinds(&ini_error(&joined)), [ProblemKind::Unrepresentable]);
}

#[cfg(unix)]
#[test]
fn non_utf8_paths_are_refused() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let path = PathBuf::from(OsStr::from_bytes(b"/srv/\xff"));
    let section = mp(|mp| {
        mp.change_dir(path, ChangeDirParams::new());
    });
    assert!(only_problem(&section, ProblemKind::Unrepresentable).contains("not valid UTF-8"));
}

// ---- options: optional arguments, booleans, conflicts, set vs add, unknown names ----

#[test]
fn optional_argument_options_use_equals_in_args() {
    let section = with(|s| {
        s.set_option("chmod-socket", "660")
            .set_option("log-date", "%Y")
            .add_option("mule", "a.py")
            .add_option("mule", "b.py");
    });
    assert_both(
        &section,
        &[
            "chmod-socket = 660",
            "log-date = %%Y",
            "mule = a.py",
            "mule = b.py",
        ],
        &[
            "--chmod-socket=660",
            "--log-date=%Y",
            "--mule=a.py",
            "--mule=b.py",
        ],
    );
}

#[test]
fn booleans() {
    let section = with(|s| {
        s.set_option("master", true)
            .set_option("need-app", true)
            .set_option("alarm-cheap", true);
    });
    // need-app takes an optional argument: bare is fine. alarm-cheap is a switch declared
    // with a required argument: getopt needs one, and `true` sets it.
    assert_both(
        &section,
        &["master = true", "need-app = true", "alarm-cheap = true"],
        &["--master", "--need-app", "--alarm-cheap", "true"],
    );
    let off = with(|s| {
        s.set_option("master", false);
    });
    assert_both(&off, &[], &[]);
    let removed = with(|s| {
        s.set_option("master", true)
            .set_option("processes", 2)
            .add_option("master", false);
    });
    assert_both(&removed, &["processes = 2"], &["--processes", "2"]);
}

#[test]
fn conflicts() {
    let section = with(|s| {
        s.add_option("procname", "a").add_option("procname", "b");
    });
    let error = ini_error(&section);
    assert_eq!(kinds(&error), [ProblemKind::Conflict]);
    assert_eq!(
        error.to_string(),
        "invalid uWSGI configuration: add_option: \"b\": `procname` takes one value but was set \
         to \"a\" and \"b\"; set it once (set_option replaces an earlier value)"
    );
    assert_eq!(error.problems()[0].call(), Some(1));
    assert_eq!(error.problems()[0].value(), Some("b"));

    // The same value twice is one line.
    let same = with(|s| {
        s.add_option("procname", "a")
            .add_option("procname", "a")
            .add_option("master", true)
            .add_option("master", true);
    });
    assert_both(
        &same,
        &["procname = a", "master = true"],
        &["--procname", "a", "--master"],
    );
    let typed = mp(|mp| {
        mp.daemonize("/l", DaemonizeParams::new())
            .daemonize("/l", DaemonizeParams::new());
    });
    assert_both(&typed, &["daemonize = /l"], &["--daemonize", "/l"]);

    // Through typed methods.
    let pid = mp(|mp| {
        mp.set_pid_file("/a", PidFileParams::new())
            .set_pid_file("/b", PidFileParams::new());
    });
    assert_eq!(
        only_problem(&pid, ProblemKind::Conflict),
        "invalid uWSGI configuration: set_pid_file: \"/b\": `pidfile` takes one value but was \
         set to \"/a\" and \"/b\"; set it once (set_option replaces an earlier value)"
    );

    // Lists never conflict.
    let list = with(|s| {
        s.add_option("env", "A=1").add_option("env", "A=2");
    });
    assert_both(
        &list,
        &["env = A=1", "env = A=2"],
        &["--env", "A=1", "--env", "A=2"],
    );
}

#[test]
fn set_option_replaces_in_place_add_option_appends() {
    let set = with(|s| {
        s.set_option("env", "A=1")
            .set_option("processes", 4)
            .set_option("env", "B=2");
    });
    assert_both(
        &set,
        &["env = B=2", "processes = 4"],
        &["--env", "B=2", "--processes", "4"],
    );
    let add = with(|s| {
        s.add_option("env", "A=1")
            .add_option("processes", 4)
            .add_option("env", "B=2");
    });
    // Lines are grouped by option, in order of first appearance.
    assert_both(
        &add,
        &["env = A=1", "env = B=2", "processes = 4"],
        &["--env", "A=1", "--env", "B=2", "--processes", "4"],
    );
    // set_option replaces every earlier value, typed ones included; a list only when
    // set_option wrote all of its entries.
    let replaced = with(|s| {
        s.main_process()
            .set_basic_params(BasicParams::new().priority(1).vacuum(true));
        s.set_option("env", "A=1").set_option("env", "B=2");
        s.set_option("prio", 5).set_option("env", "C=3");
    });
    assert_both(
        &replaced,
        &["prio = 5", "vacuum = true", "env = C=3"],
        &["--prio", "5", "--vacuum", "--env", "C=3"],
    );
    // Entries another call wrote are never dropped: that is a conflict.
    let kept = with(|s| {
        s.add_option("env", "A=1").add_option("env", "B=2");
        s.set_option("env", "C=3");
    });
    let error = ini_error(&kept);
    assert_eq!(kinds(&error), [ProblemKind::Conflict]);
    assert_eq!(
        error.to_string(),
        "invalid uWSGI configuration: set_option: \"C=3\": `env` repeats (each line counts), \
         and set_option would drop the 2 entries written by add_option; add to the list with \
         add_option(\"env\", ..), or write all its entries with one method"
    );
}

#[test]
fn unknown_options_get_suggestions() {
    let swap = with(|s| {
        s.set_option("never_swap", true);
    });
    let error = ini_error(&swap);
    assert_eq!(kinds(&error), [ProblemKind::UnknownOption]);
    assert_eq!(
        error.to_string(),
        "invalid uWSGI configuration: set_option: \"never_swap\": `never_swap` is not a uWSGI \
         option; did you mean `never-swap`?"
    );
    let pidfil = with(|s| {
        s.add_option("pidfil", "/run/p");
    });
    assert_eq!(
        ini_error(&pidfil).to_string(),
        "invalid uWSGI configuration: add_option: \"pidfil\": `pidfil` is not a uWSGI option; \
         did you mean `pidfile`?"
    );
    let nothing_close = with(|s| {
        s.set_option("zzzzzzzzzz", "1");
    });
    let error = ini_error(&nothing_close);
    assert_eq!(error.problems()[0].fix(), None);
    assert_eq!(
        error.to_string(),
        "invalid uWSGI configuration: set_option: \"zzzzzzzzzz\": `zzzzzzzzzz` is not a uWSGI \
         option"
    );
    // Refused in args too, and nothing is written for it.
    assert_eq!(kinds(&args_error(&swap)), [ProblemKind::UnknownOption]);
}

#[test]
fn switches_and_values_are_not_mixed() {
    let value_for_switch = with(|s| {
        s.set_option("vacuum", "yes");
    });
    assert_eq!(
        only_problem(&value_for_switch, ProblemKind::WrongValueType),
        "invalid uWSGI configuration: set_option: \"yes\": `vacuum` is a switch: it takes true \
         or false, not a value; pass true to turn it on, or false to leave it off"
    );
    let bool_for_value = with(|s| {
        s.set_option("procname", true);
    });
    assert_eq!(
        only_problem(&bool_for_value, ProblemKind::WrongValueType),
        "invalid uWSGI configuration: set_option: \"true\": `procname` takes a value, not a \
         boolean; give it a value"
    );
    let false_for_value = with(|s| {
        s.add_option("procname", false);
    });
    assert_eq!(
        kinds(&ini_error(&false_for_value)),
        [ProblemKind::WrongValueType]
    );
}

#[test]
fn options_of_other_versions() {
    let ienv = with(|s| {
        s.set_option("ienv", "A=1");
    });
    assert_eq!(
        only_problem(&ienv, ProblemKind::UnavailableOption),
        "invalid uWSGI configuration: set_option: \"ienv\": `ienv` exists only in uWSGI 2.1; \
         drop it, or target uWSGI 2.1 (Section::set_target, or target(\"2.1\") in uwsgi_config!)"
    );
    let on_2_1 = with(|s| {
        s.set_target(Target::V2_1).set_option("ienv", "A=1");
    });
    assert_both(&on_2_1, &["ienv = A=1"], &["--ienv", "A=1"]);

    // In 2.0.31 but not 2.0.21: target 2.0 covers both.
    let delta = with(|s| {
        s.set_option("max-requests-delta", 10);
    });
    assert_eq!(
        only_problem(&delta, ProblemKind::UnavailableOption),
        "invalid uWSGI configuration: set_option: \"max-requests-delta\": \
         `max-requests-delta` is missing from uWSGI 2.0.21 (it came in 2.0.31), and target 2.0 \
         covers 2.0.21 to 2.0.31; drop it, or target uWSGI 2.1 (Section::set_target, or target(\"2.1\") in uwsgi_config!)"
    );

    // Gone from 2.1.
    let gone = with(|s| {
        s.set_target(Target::V2_1)
            .set_option("shutdown-sockets", true);
    });
    assert_eq!(
        only_problem(&gone, ProblemKind::UnavailableOption),
        "invalid uWSGI configuration: set_option: \"shutdown-sockets\": `shutdown-sockets` does \
         not exist in uWSGI 2.1; drop it"
    );
}

#[test]
fn strict_comes_first_and_once() {
    let section = with(|s| {
        s.set_option("vacuum", true).set_strict(true);
    });
    assert!(section.is_strict());
    assert_both(
        &section,
        &["strict = true", "vacuum = true"],
        &["--strict", "--vacuum"],
    );
    let twice = with(|s| {
        s.set_option("vacuum", true)
            .set_option("strict", true)
            .set_strict(true);
    });
    assert_both(
        &twice,
        &["strict = true", "vacuum = true"],
        &["--strict", "--vacuum"],
    );
}

// ---- configurations ----

fn vacuum_section(name: &str) -> Section {
    let mut section = Section::named(name);
    section
        .main_process()
        .set_basic_params(BasicParams::new().vacuum(true));
    section
}

#[test]
fn config_sections_and_autoinclude() {
    let mut config = Config::new();
    config
        .add_section(vacuum_section("uwsgi"))
        .add_section(vacuum_section("second"))
        .add_section(vacuum_section("third.v2"));
    assert_eq!(
        config.to_ini().unwrap(),
        "[uwsgi]\nvacuum = true\n\n[second]\nvacuum = true\n\n[third.v2]\nvacuum = true\n"
    );
    let error = config.to_args().unwrap_err();
    assert_eq!(
        error.to_string(),
        "invalid uWSGI configuration: Config::to_args: the command line has no sections, and \
         without autoinclude uWSGI would read only the first; render one section, or turn \
         autoinclude on to apply them all"
    );
    assert_eq!(kinds(&error), [ProblemKind::Unrepresentable]);

    config.autoinclude(true);
    assert!(config.is_autoinclude());
    assert_eq!(
        config.to_ini().unwrap(),
        "[uwsgi]\nvacuum = true\nini = :second\nini = :third.v2\n\n[second]\nvacuum = \
         true\n\n[third.v2]\nvacuum = true\n"
    );
    assert_eq!(
        config.to_args().unwrap(),
        ["--vacuum", "--vacuum", "--vacuum"]
    );

    let single = Config::from(vacuum_section("uwsgi"));
    assert_eq!(single.to_args().unwrap(), ["--vacuum"]);
    assert_eq!(single.to_ini().unwrap(), "[uwsgi]\nvacuum = true\n");
}

#[test]
fn config_placeholders_are_named_after_their_text() {
    let mut first = Section::new();
    first
        .main_process()
        .set_naming_params(NamingParams::new().name("$(a)"));
    let mut second = Section::named("second");
    second
        .main_process()
        .set_naming_params(NamingParams::new().name("$(b)"));
    let mut config = Config::new();
    config
        .add_section(first)
        .add_section(second)
        .autoinclude(true);
    assert_eq!(
        config.to_ini().unwrap(),
        "[uwsgi]\nset-placeholder = uwsgiconf-literal-e99bd852596ddac376fe992551f37742=$(a)\nprocname = \
         %(uwsgiconf-literal-e99bd852596ddac376fe992551f37742)\nini = :second\n\n[second]\nset-placeholder = \
         uwsgiconf-literal-1d115bb45eac1f28b8ac469808d99da1=$(b)\nprocname = %(uwsgiconf-literal-1d115bb45eac1f28b8ac469808d99da1)\n"
    );
}

#[test]
fn config_duplicate_and_bad_section_names() {
    let mut config = Config::new();
    config
        .add_section(vacuum_section("uwsgi"))
        .add_section(vacuum_section("uwsgi"));
    let error = config.to_ini().unwrap_err();
    assert_eq!(kinds(&error), [ProblemKind::Conflict]);
    assert_eq!(
        error.to_string(),
        "invalid uWSGI configuration: Config::add_section: \"uwsgi\": two sections have the \
         same name, and uWSGI would merge them; give each section its own name"
    );

    for name in ["", "a b", "x%y", "a:b", "[x]", "é"] {
        let section = vacuum_section(name);
        let error = section.to_ini().unwrap_err();
        assert_eq!(kinds(&error), [ProblemKind::InvalidValue], "{name:?}");
        assert_eq!(
            error.to_string(),
            format!(
                "invalid uWSGI configuration: Section::named: {name:?}: a section name must be \
                 non-empty letters, digits, `_`, `-` or `.`; rename the section, e.g. `uwsgi` \
                 or `app-2`"
            )
        );
        assert_eq!(error.problems()[0].call(), None);
        let config = Config::from(section);
        assert_eq!(
            kinds(&config.to_ini().unwrap_err()),
            [ProblemKind::InvalidValue]
        );
    }
    for name in ["app-2", "a.b", "a_b", "X9"] {
        assert_eq!(
            vacuum_section(name).to_ini().unwrap(),
            format!("[{name}]\nvacuum = true\n")
        );
    }
}

// ---- errors ----

#[test]
fn errors_list_every_problem_in_call_order() {
    let mut section = Section::named("bad name");
    section.set_target(Target::V2_0); // call 0
    section.set_option("processes", 2); // call 1
    section
        .main_process()
        .set_owner_params(OwnerParams::new().uid("www")); // call 2
    section.set_option("never_swap", true); // call 3
    section.main_process().daemonize("", DaemonizeParams::new()); // call 4
    section
        .main_process()
        .set_hook(Phase::ASAP, Action::chmod("/x", "9")); // call 5

    let error = section.to_ini().unwrap_err();
    let calls: Vec<Option<usize>> = error.problems().iter().map(|p| p.call()).collect();
    assert_eq!(calls, [Some(2), Some(3), Some(4), Some(5), None]);
    assert_eq!(
        kinds(&error),
        [
            ProblemKind::UidWithoutGid,
            ProblemKind::UnknownOption,
            ProblemKind::EmptyValue,
            ProblemKind::BadMode,
            ProblemKind::InvalidValue,
        ]
    );
    let origins: Vec<&str> = error.problems().iter().map(|p| p.origin()).collect();
    assert_eq!(
        origins,
        [
            "set_owner_params",
            "set_option",
            "daemonize",
            "set_hook: action `chmod`",
            "Section::named"
        ]
    );
    assert_eq!(
        error.to_string(),
        "invalid uWSGI configuration (5 problems):\n  \
         - set_owner_params: \"www\": uid without gid: uWSGI would keep the root group; set gid \
         too\n  \
         - set_option: \"never_swap\": `never_swap` is not a uWSGI option; did you mean \
         `never-swap`?\n  \
         - daemonize: `log_into` is empty, and uWSGI fails on an empty value; give `log_into` a \
         value\n  \
         - set_hook: action `chmod`: \"9\": uWSGI reads a mode as exactly three octal digits; \
         write the mode as three octal digits, such as \"755\" or 0o755\n  \
         - Section::named: \"bad name\": a section name must be non-empty letters, digits, `_`, \
         `-` or `.`; rename the section, e.g. `uwsgi` or `app-2`"
    );
    // The same problems from the other renderer.
    assert_eq!(section.to_args().unwrap_err(), error);
    let problems = error.clone().into_problems();
    assert_eq!(problems.as_slice(), error.problems());
    let as_std: &dyn std::error::Error = &error;
    assert_eq!(as_std.to_string(), error.to_string());
}

#[test]
fn conflict_and_implied_lines_have_calls() {
    let mut section = Section::new();
    section.set_option("procname", "a"); // call 0
    section
        .main_process()
        .set_hook_touch("/f", Action::printout("x")); // call 1
    section.add_option("procname", "b"); // call 2
    let error = section.to_ini().unwrap_err();
    assert_eq!(error.problems()[0].call(), Some(2));
    assert_eq!(error.problems()[0].origin(), "add_option");
}

// ---- determinism ----

#[test]
fn rendering_is_deterministic_and_read_only() {
    let build = || {
        mp(|mp| {
            mp.set_owner_params(OwnerParams::new().uid("app").gid("app").set_asap(true))
                .set_hook(
                    Phase::ASAP,
                    [Action::execute("echo $(x)"), Action::printout("100%")],
                )
                .set_hook_touch("/f", Action::exit(3))
                .set_naming_params(NamingParams::new().suffix(" web"));
        })
    };
    let section = build();
    let before = section.clone();
    let first_ini = ini(&section);
    let first_args = args(&section);
    assert_eq!(ini(&section), first_ini);
    assert_eq!(args(&section), first_args);
    assert_eq!(ini(&build()), first_ini);
    assert_eq!(section, before);
    assert_eq!(
        first_ini,
        lines(&[
            "immediate-gid = app",
            "immediate-uid = app",
            "set-placeholder = uwsgiconf-literal-6a946cd761e38c45aa4b7a51ab9ec419=exec:echo $(x)",
            "hook-asap = %(uwsgiconf-literal-6a946cd761e38c45aa4b7a51ab9ec419)",
            "hook-asap = print:100%%%%",
            "hook-touch = /f exit:03",
            "set-placeholder = uwsgiconf-literal-61cce31703c3344fc8f7d9ce2a64e2bd= web",
            "procname-append = %(uwsgiconf-literal-61cce31703c3344fc8f7d9ce2a64e2bd)",
            "master = true",
        ])
    );
    assert_eq!(
        first_args,
        [
            "--immediate-gid",
            "app",
            "--immediate-uid",
            "app",
            "--set-placeholder",
            "uwsgiconf-literal-6a946cd761e38c45aa4b7a51ab9ec419=exec:echo $(x)",
            "--hook-asap",
            "%(uwsgiconf-literal-6a946cd761e38c45aa4b7a51ab9ec419)",
            "--hook-asap",
            "print:100%%",
            "--hook-touch",
            "/f exit:03",
            "--procname-append",
            " web",
            "--master",
        ]
    );
}
