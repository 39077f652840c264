//! Exact output of every `MasterProcess` and `Workers` method and parameter, in INI and as
//! arguments, and every problem they report.
//!
//! Expected values come from what uWSGI 2.0.21 reads (its option table and the C setters of
//! `cron2`, `attach-daemon2`, the daemon and farm parsers), not from running the code: a
//! literal `%` is `%%` in files only, switches are bare `--flag` arguments, options with an
//! optional argument (`mule`, `mule-msg-size`) need `--opt=value`, and `attach-daemon2`
//! values escape `,` and `\` with a backslash.

use std::path::PathBuf;

use uwsgiconf::master_process::{
    self as mp, AttachProcessClassicParams, AttachProcessParams, CronTaskParams,
    ExceptionHandlingParams, ExitEventsParams, IdleParams,
};
use uwsgiconf::workers::{
    self as wk, HarakiriParams, MuleFarm, MuleNumbers, Mules, MulesParams, ReloadOnExceptionParams,
    RunAsWorkerParams, ThreadParams, ZergClientParams, ZergServerParams,
};
use uwsgiconf::{MasterProcess, ProblemKind, Section, Target, Value, Workers};

mod rendered;
use rendered::*;

// ---- helpers ----

/// A section built by `f` on its master process.
fn ms(f: impl FnOnce(&mut MasterProcess<'_>)) -> Section {
    let mut section = Section::new();
    f(&mut section.master_process());
    section
}

/// A section built by `f` on its workers.
fn w(f: impl FnOnce(&mut Workers<'_>)) -> Section {
    let mut section = Section::new();
    f(&mut section.workers());
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

/// The problems of a refused render, the same in both formats; returns the message.
#[track_caller]
fn problems(section: &Section, expected: &[ProblemKind]) -> String {
    let error = ini_error(section);
    assert_eq!(kinds(&error), expected, "{error}");
    let args = args_error(section);
    assert_eq!(kinds(&args), expected, "{args}");
    assert_eq!(error.to_string(), args.to_string());
    for problem in error.problems() {
        assert!(
            problem.fix().is_some_and(|fix| fix.len() > 5),
            "no fix: {problem}"
        );
    }
    error.to_string()
}

/// The only problem of a refused render, in both formats.
#[track_caller]
fn only_problem(section: &Section, kind: ProblemKind) -> String {
    problems(section, &[kind])
}

/// The section again, for uWSGI 2.1.
fn for_2_1(section: &Section) -> Section {
    let mut section = section.clone();
    section.set_target(Target::V2_1);
    section
}

// ---- accessors ----

#[test]
fn asking_for_a_group_writes_nothing() {
    let mut section = Section::new();
    section.master_process();
    section.workers();
    assert_both(&section, &[], &[]);
    // The group hands its section back.
    let mut section = Section::new();
    section.workers().section().set_option("vacuum", true);
    section
        .master_process()
        .section()
        .set_option("master", true);
    assert_both(
        &section,
        &["vacuum = true", "master = true"],
        &["--vacuum", "--master"],
    );
}

// ---- master_process: set_basic_params ----

#[test]
fn master_basic_params_each() {
    let all = ms(|m| {
        m.set_basic_params(
            mp::BasicParams::new()
                .enable(true)
                .name("master of 100%")
                .no_orphans(true)
                .subproc_check_interval(2)
                .fifo_file("/run/a.fifo")
                .fifo_file([PathBuf::from("/run/b.fifo")]),
        );
    });
    assert_both(
        &all,
        &[
            "master = true",
            "procname-master = master of 100%%",
            "no-orphans = true",
            "check-interval = 2",
            "master-fifo = /run/a.fifo",
            "master-fifo = /run/b.fifo",
        ],
        &[
            "--master",
            "--procname-master",
            "master of 100%",
            "--no-orphans",
            "--check-interval",
            "2",
            "--master-fifo",
            "/run/a.fifo",
            "--master-fifo",
            "/run/b.fifo",
        ],
    );
    assert_both(
        &ms(|m| {
            m.set_basic_params(mp::BasicParams::new().subproc_check_interval(0));
        }),
        &["check-interval = 0"],
        &["--check-interval", "0"],
    );
    // An empty name is harmless: uWSGI keeps its own.
    assert_both(
        &ms(|m| {
            m.set_basic_params(mp::BasicParams::new().name(""));
        }),
        &["procname-master ="],
        &["--procname-master", ""],
    );
}

#[test]
fn master_basic_params_false_switches_remove() {
    let section = ms(|m| {
        m.set_basic_params(mp::BasicParams::new().enable(true).no_orphans(true))
            .set_basic_params(mp::BasicParams::new().enable(false).no_orphans(false));
    });
    assert_both(&section, &[], &[]);
    let off = ms(|m| {
        m.set_basic_params(
            mp::BasicParams::new()
                .enable(false)
                .no_orphans(false)
                .as_root(false),
        );
    });
    assert_both(&off, &[], &[]);
}

#[test]
fn master_as_root_needs_allow_root() {
    let refused = ms(|m| {
        m.set_basic_params(mp::BasicParams::new().as_root(true));
    });
    let message = only_problem(&refused, ProblemKind::RunsAsRoot);
    assert!(message.contains("`master-as-root` keeps the master running as root"));
    assert!(message.contains("allow_root"));

    let allowed = ms(|m| {
        m.set_basic_params(mp::BasicParams::new().as_root(true).allow_root(true));
    });
    assert_both(&allowed, &["master-as-root = true"], &["--master-as-root"]);

    // Any root opt-in of the section counts, given before or after.
    let mut after = Section::new();
    after
        .master_process()
        .set_basic_params(mp::BasicParams::new().as_root(true));
    after.main_process().set_owner_params(
        uwsgiconf::OwnerParams::new()
            .uid("www-data")
            .gid("www-data")
            .allow_root(true),
    );
    assert!(after.to_ini().is_ok());

    // Written by hand, the same rule holds.
    let mut by_hand = Section::new();
    by_hand.set_option("master-as-root", true);
    only_problem(&by_hand, ProblemKind::RunsAsRoot);
}

#[test]
fn master_basic_params_empty_fifo_is_refused() {
    let section = ms(|m| {
        m.set_basic_params(mp::BasicParams::new().fifo_file(["/run/a.fifo", ""]));
    });
    let message = only_problem(&section, ProblemKind::EmptyValue);
    assert!(message.contains("`fifo_file` is empty"));
}

// ---- master_process: exit, exceptions, idle, reload ----

#[test]
fn master_exit_events() {
    let section = ms(|m| {
        m.set_exit_events(
            ExitEventsParams::new()
                .idle(true)
                .reload(true)
                .sig_term(true),
        );
    });
    assert_both(
        &section,
        &[
            "exit-on-reload = true",
            "die-on-term = true",
            "die-on-idle = true",
        ],
        &["--exit-on-reload", "--die-on-term", "--die-on-idle"],
    );
    let off = ms(|m| {
        m.set_exit_events(ExitEventsParams::new().idle(true))
            .set_exit_events(ExitEventsParams::new().idle(false));
    });
    assert_both(&off, &[], &[]);
}

#[test]
fn master_exit_on_no_workers_needs_2_1() {
    let section = ms(|m| {
        m.set_exit_events(ExitEventsParams::new().no_workers(true));
    });
    let message = only_problem(&section, ProblemKind::UnavailableOption);
    assert!(message.contains("`die-on-no-workers` exists only in uWSGI 2.1"));
    assert_both(
        &for_2_1(&section),
        &["die-on-no-workers = true"],
        &["--die-on-no-workers"],
    );
}

#[test]
fn master_exception_handling() {
    let section = ms(|m| {
        m.set_exception_handling_params(
            ExceptionHandlingParams::new()
                .handler(["log", "log:100%"])
                .catch(true)
                .no_write_exception(true),
        );
    });
    assert_both(
        &section,
        &[
            "exception-handler = log",
            "exception-handler = log:100%%",
            "catch-exceptions = true",
            "disable-write-exception = true",
        ],
        &[
            "--exception-handler",
            "log",
            "--exception-handler",
            "log:100%",
            "--catch-exceptions",
            "--disable-write-exception",
        ],
    );
    let empty = ms(|m| {
        m.set_exception_handling_params(ExceptionHandlingParams::new().handler(""));
    });
    assert!(only_problem(&empty, ProblemKind::EmptyValue).contains("`handler` is empty"));
}

#[test]
fn master_idle_and_reload() {
    let section = ms(|m| {
        m.set_idle_params(IdleParams::new().timeout(30).exit(true))
            .set_reload_params(mp::ReloadParams::new().mercy(10).exit(true));
    });
    assert_both(
        &section,
        &[
            "idle = 30",
            "die-on-idle = true",
            "reload-mercy = 10",
            "exit-on-reload = true",
        ],
        &[
            "--idle",
            "30",
            "--die-on-idle",
            "--reload-mercy",
            "10",
            "--exit-on-reload",
        ],
    );
    // set_exit_events and set_idle_params write the same switch once.
    let same = ms(|m| {
        m.set_exit_events(ExitEventsParams::new().idle(true))
            .set_idle_params(IdleParams::new().exit(true));
    });
    assert_both(&same, &["die-on-idle = true"], &["--die-on-idle"]);
    let zero = ms(|m| {
        m.set_idle_params(IdleParams::new().timeout(0))
            .set_reload_params(mp::ReloadParams::new().mercy(0));
    });
    assert_both(
        &zero,
        &["idle = 0", "reload-mercy = 0"],
        &["--idle", "0", "--reload-mercy", "0"],
    );
}

// ---- master_process: add_cron_task ----

#[test]
fn cron_task_without_schedule() {
    let section = ms(|m| {
        m.add_cron_task("/bin/true", CronTaskParams::new());
    });
    assert_both(&section, &["cron2 = /bin/true"], &["--cron2", "/bin/true"]);
}

#[test]
fn cron_task_every_key_in_uwsgiconf_order() {
    let section = ms(|m| {
        m.add_cron_task(
            "/bin/true",
            CronTaskParams::new()
                .minute(5)
                .hour(4)
                .day(3)
                .month(2)
                .weekday(1)
                .legion("lg")
                .unique(true)
                .harakiri(6),
        );
    });
    let line = "week=1,month=2,day=3,hour=4,minute=5,harakiri=6,legion=lg,unique=1 /bin/true";
    assert_both(&section, &[&format!("cron2 = {line}")], &["--cron2", line]);
}

#[test]
fn cron_task_ranges() {
    // The edges of every field, "every N" values, and 7 for Sunday.
    let edges = ms(|m| {
        m.add_cron_task(
            "a",
            CronTaskParams::new()
                .weekday(0)
                .month(1)
                .day(1)
                .hour(0)
                .minute(0),
        )
        .add_cron_task(
            "b",
            CronTaskParams::new()
                .weekday(7)
                .month(12)
                .day(31)
                .hour(23)
                .minute(59),
        )
        .add_cron_task(
            "c",
            CronTaskParams::new()
                .weekday(-7)
                .month(-12)
                .day(-31)
                .hour(-23)
                .minute(-59),
        );
    });
    assert_eq!(
        ini(&edges),
        lines(&[
            "cron2 = week=0,month=1,day=1,hour=0,minute=0 a",
            "cron2 = week=7,month=12,day=31,hour=23,minute=59 b",
            "cron2 = week=-7,month=-12,day=-31,hour=-23,minute=-59 c",
        ])
    );
    // Values that never match.
    for (params, field) in [
        (CronTaskParams::new().weekday(8), "`weekday` = 8"),
        (CronTaskParams::new().month(0), "`month` = 0"),
        (CronTaskParams::new().month(13), "`month` = 13"),
        (CronTaskParams::new().day(0), "`day` = 0"),
        (CronTaskParams::new().day(32), "`day` = 32"),
        (CronTaskParams::new().hour(24), "`hour` = 24"),
        (CronTaskParams::new().minute(60), "`minute` = 60"),
        (CronTaskParams::new().minute(-60), "`minute` = -60"),
        (CronTaskParams::new().hour(i32::MIN), "`hour` = -2147483648"),
    ] {
        let section = ms(|m| {
            m.add_cron_task("/bin/true", params);
        });
        let message = only_problem(&section, ProblemKind::InvalidValue);
        assert!(message.contains(field), "{message}");
        assert!(message.contains("never matches"), "{message}");
    }
}

#[test]
fn cron_task_values_and_escapes() {
    // `%` is doubled in files only; the command after the keys is not split at commas.
    let section = ms(|m| {
        m.add_cron_task("echo 100% a,b", CronTaskParams::new().minute(1));
    });
    assert_both(
        &section,
        &["cron2 = minute=1 echo 100%% a,b"],
        &["--cron2", "minute=1 echo 100% a,b"],
    );
    // A legion name's commas and backslashes are escaped for the key=value parser.
    let legion = ms(|m| {
        m.add_cron_task("/bin/true", CronTaskParams::new().legion("a,b\\c"));
    });
    assert_both(
        &legion,
        &["cron2 = legion=a\\,b\\\\c /bin/true"],
        &["--cron2", "legion=a\\,b\\\\c /bin/true"],
    );
    // unique(false) writes nothing (uwsgiconf writes unique=1 for any value).
    let not_unique = ms(|m| {
        m.add_cron_task("/bin/true", CronTaskParams::new().unique(false));
    });
    assert_both(
        &not_unique,
        &["cron2 = /bin/true"],
        &["--cron2", "/bin/true"],
    );
    // harakiri 0 is meaningful (no harakiri for this task).
    let harakiri = ms(|m| {
        m.add_cron_task("/bin/true", CronTaskParams::new().harakiri(0));
    });
    assert_both(
        &harakiri,
        &["cron2 = harakiri=0 /bin/true"],
        &["--cron2", "harakiri=0 /bin/true"],
    );
}

#[test]
fn cron_task_command_starting_with_an_assignment() {
    // uWSGI takes a first word holding `=` for schedule keys: `minute=-1` (every minute, the
    // default) goes first so the whole command is the command.
    let section = ms(|m| {
        m.add_cron_task("LANG=C /bin/report", CronTaskParams::new())
            .add_cron_task("a=b", CronTaskParams::new());
    });
    assert_both(
        &section,
        &[
            "cron2 = minute=-1 LANG=C /bin/report",
            "cron2 = minute=-1 a=b",
        ],
        &[
            "--cron2",
            "minute=-1 LANG=C /bin/report",
            "--cron2",
            "minute=-1 a=b",
        ],
    );
    // With schedule keys the command already comes after them.
    let keyed = ms(|m| {
        m.add_cron_task("LANG=C /bin/report", CronTaskParams::new().hour(2));
    });
    assert_eq!(ini(&keyed), lines(&["cron2 = hour=2 LANG=C /bin/report"]));
}

#[test]
fn cron_task_problems() {
    let empty = ms(|m| {
        m.add_cron_task("", CronTaskParams::new().minute(1));
    });
    assert!(only_problem(&empty, ProblemKind::EmptyValue).contains("`command` is empty"));
    let spaced = ms(|m| {
        m.add_cron_task("/bin/true", CronTaskParams::new().legion("my legion"));
    });
    assert!(only_problem(&spaced, ProblemKind::SpaceInPath).contains("legion name"));
    let no_legion = ms(|m| {
        m.add_cron_task("/bin/true", CronTaskParams::new().legion(""));
    });
    only_problem(&no_legion, ProblemKind::EmptyValue);
}

// ---- master_process: attach_process_classic ----

#[test]
fn classic_daemon_forms() {
    let classic = AttachProcessClassicParams::new;
    let section = ms(|m| {
        m.attach_process_classic("memcached -p 11311", false, classic())
            .attach_process_classic("memcached -p 11312", false, classic().control(true))
            .attach_process_classic("memcached -p 11313", false, classic().for_legion("cluster"))
            .attach_process_classic("/run/a.pid memcached -d -P /run/a.pid", true, classic())
            .attach_process_classic("/run/b.pid memcached -P /run/b.pid", false, classic())
            .attach_process_classic(
                "/run/c.pid memcached -d -P /run/c.pid",
                true,
                classic().for_legion("cluster"),
            )
            .attach_process_classic(
                "/run/d.pid memcached -P /run/d.pid",
                false,
                classic().for_legion("cluster"),
            );
    });
    assert_both(
        &section,
        &[
            "attach-daemon = memcached -p 11311",
            "attach-control-daemon = memcached -p 11312",
            "legion-attach-daemon = cluster memcached -p 11313",
            "smart-attach-daemon = /run/a.pid memcached -d -P /run/a.pid",
            "smart-attach-daemon2 = /run/b.pid memcached -P /run/b.pid",
            "legion-smart-attach-daemon = cluster /run/c.pid memcached -d -P /run/c.pid",
            "legion-smart-attach-daemon2 = cluster /run/d.pid memcached -P /run/d.pid",
        ],
        &[
            "--attach-daemon",
            "memcached -p 11311",
            "--attach-control-daemon",
            "memcached -p 11312",
            "--legion-attach-daemon",
            "cluster memcached -p 11313",
            "--smart-attach-daemon",
            "/run/a.pid memcached -d -P /run/a.pid",
            "--smart-attach-daemon2",
            "/run/b.pid memcached -P /run/b.pid",
            "--legion-smart-attach-daemon",
            "cluster /run/c.pid memcached -d -P /run/c.pid",
            "--legion-smart-attach-daemon2",
            "cluster /run/d.pid memcached -P /run/d.pid",
        ],
    );
}

#[test]
fn classic_daemon_pidfile_is_the_first_word() {
    // `.pid` later in the command (an argument) does not make it pid-governed: uwsgiconf
    // would write `smart-attach-daemon2 = memcached -P /run/m.pid`, read by uWSGI as the
    // pidfile `memcached` and the command `-P /run/m.pid`.
    let section = ms(|m| {
        m.attach_process_classic(
            "memcached -P /run/m.pid",
            false,
            AttachProcessClassicParams::new(),
        );
    });
    assert_both(
        &section,
        &["attach-daemon = memcached -P /run/m.pid"],
        &["--attach-daemon", "memcached -P /run/m.pid"],
    );
}

#[test]
fn classic_daemon_problems() {
    let classic = AttachProcessClassicParams::new;
    let cases: Vec<(Section, Vec<ProblemKind>, &str)> = vec![
        (
            ms(|m| {
                m.attach_process_classic("/run/a.pid", true, classic());
            }),
            vec![ProblemKind::InvalidValue],
            "a pid-governed daemon is written `<pidfile> <command>`",
        ),
        (
            ms(|m| {
                m.attach_process_classic("/run/a.pid ", false, classic());
            }),
            vec![ProblemKind::InvalidValue],
            "a pid-governed daemon is written `<pidfile> <command>`",
        ),
        (
            ms(|m| {
                m.attach_process_classic("memcached", true, classic());
            }),
            vec![ProblemKind::InvalidValue],
            "`background` is only for pid-governed daemons",
        ),
        (
            ms(|m| {
                m.attach_process_classic("/run/a.pid memcached", true, classic().control(true));
            }),
            vec![ProblemKind::Conflict],
            "uWSGI has no control form of a pid-governed daemon",
        ),
        (
            ms(|m| {
                m.attach_process_classic(
                    "memcached",
                    false,
                    classic().control(true).for_legion("cluster"),
                );
            }),
            vec![ProblemKind::Conflict],
            "uWSGI has no legion form of a control daemon",
        ),
        (
            ms(|m| {
                m.attach_process_classic("", false, classic());
            }),
            vec![ProblemKind::EmptyValue],
            "`command_or_pid_path` is empty",
        ),
        (
            ms(|m| {
                m.attach_process_classic("memcached", false, classic().for_legion("my lg"));
            }),
            vec![ProblemKind::SpaceInPath],
            "a legion name cannot hold a space",
        ),
        (
            // uWSGI 2.0 reads the legion only from values of 7 characters or more.
            ms(|m| {
                m.attach_process_classic("ls", false, classic().for_legion("lg"));
            }),
            vec![ProblemKind::InvalidValue],
            "this daemon would run on every node",
        ),
    ];
    for (section, expected, says) in cases {
        let message = problems(&section, &expected);
        assert!(message.contains(says), "{message}");
    }
    // Exactly 7 characters is enough.
    let seven = ms(|m| {
        m.attach_process_classic("ls -l", false, classic().for_legion("l"));
    });
    assert_eq!(ini(&seven), lines(&["legion-attach-daemon = l ls -l"]));
}

// ---- master_process: attach_process ----

#[test]
fn daemon2_every_key_in_uwsgiconf_order() {
    let section = ms(|m| {
        m.attach_process(
            "memcached -p 1",
            AttachProcessParams::new()
                .broken_counter(3)
                .pidfile("/p.pid")
                .control(true)
                .daemonize(true)
                .touch_reload(["/t1", "/t2"])
                .signal_stop(15)
                .signal_reload(1)
                .honour_stdin(true)
                .uid(1001)
                .gid(1002)
                .new_pid_ns(true)
                .change_dir("/d"),
        );
    });
    let line = "cmd=memcached -p 1,freq=3,pidfile=/p.pid,control=1,daemonize=1,touch=/t1;/t2,\
                stopsignal=15,reloadsignal=1,stdin=1,uid=1001,gid=1002,ns_pid=True,chdir=/d";
    assert_both(
        &section,
        &[&format!("attach-daemon2 = {line}")],
        &["--attach-daemon2", line],
    );
}

#[test]
fn daemon2_minimal_and_switches_off() {
    let section = ms(|m| {
        m.attach_process(
            "memcached",
            AttachProcessParams::new()
                .control(false)
                .daemonize(false)
                .honour_stdin(false)
                .new_pid_ns(false)
                .broken_counter(0),
        );
    });
    assert_both(
        &section,
        &["attach-daemon2 = cmd=memcached,freq=0"],
        &["--attach-daemon2", "cmd=memcached,freq=0"],
    );
    let two = ms(|m| {
        m.attach_process("a", AttachProcessParams::new())
            .attach_process("b", AttachProcessParams::new());
    });
    assert_both(
        &two,
        &["attach-daemon2 = cmd=a", "attach-daemon2 = cmd=b"],
        &["--attach-daemon2", "cmd=a", "--attach-daemon2", "cmd=b"],
    );
}

#[test]
fn daemon2_escapes_separators() {
    // uWSGI's key=value parser takes a backslash before `,` (and before itself); the touch
    // list is split at `;` (with quotes and backslashes) once more.
    let section = ms(|m| {
        m.attach_process(
            "sh -c 'echo a,b\\c; echo 100%'",
            AttachProcessParams::new()
                .pidfile("/run/x,y.pid")
                .touch_reload(["/a;b", "/c'd\"e", "/f,g"])
                .change_dir("/srv/a,b"),
        );
    });
    let line = "cmd=sh -c 'echo a\\,b\\\\c; echo 100%',pidfile=/run/x\\,y.pid,\
                touch=/a\\\\;b;/c\\\\'d\\\\\"e;/f\\,g,chdir=/srv/a\\,b";
    assert_eq!(
        ini(&section),
        lines(&[&format!("attach-daemon2 = {}", line.replace('%', "%%"))])
    );
    assert_eq!(args(&section), ["--attach-daemon2", line]);
}

#[test]
fn daemon2_variables_are_kept() {
    let section = ms(|m| {
        m.attach_process(
            Value::from("run ") + Value::env("APP"),
            AttachProcessParams::new().change_dir(Value::env("HOME") + "/a,b"),
        );
    });
    assert_both(
        &section,
        &["attach-daemon2 = cmd=run $(APP),chdir=$(HOME)/a\\,b"],
        &["--attach-daemon2", "cmd=run $(APP),chdir=$(HOME)/a\\,b"],
    );
}

#[test]
fn daemon2_problems() {
    let cases: Vec<(AttachProcessParams, &str, Vec<ProblemKind>, &str)> = vec![
        (
            AttachProcessParams::new(),
            "",
            vec![ProblemKind::EmptyValue],
            "`command` is empty",
        ),
        (
            AttachProcessParams::new().for_legion("cluster"),
            "memcached",
            vec![ProblemKind::UnknownOption],
            "uWSGI has no `legion-attach-daemon2`",
        ),
        (
            AttachProcessParams::new().uid(1000),
            "memcached",
            vec![ProblemKind::UidWithoutGid],
            "uid without gid",
        ),
        (
            AttachProcessParams::new().uid(0).gid(0),
            "memcached",
            vec![ProblemKind::RunsAsRoot, ProblemKind::RunsAsRoot],
            "uWSGI skips a daemon uid of 0",
        ),
        (
            AttachProcessParams::new().signal_stop(0),
            "memcached",
            vec![ProblemKind::InvalidValue],
            "`signal_stop` is not a signal",
        ),
        (
            AttachProcessParams::new().signal_reload(65),
            "memcached",
            vec![ProblemKind::InvalidValue],
            "`signal_reload` is not a signal",
        ),
        (
            AttachProcessParams::new().pidfile(""),
            "memcached",
            vec![ProblemKind::EmptyValue],
            "`pidfile` is empty",
        ),
        (
            AttachProcessParams::new().change_dir(""),
            "memcached",
            vec![ProblemKind::EmptyValue],
            "`change_dir` is empty",
        ),
        (
            AttachProcessParams::new().touch_reload(["/a", ""]),
            "memcached",
            vec![ProblemKind::EmptyValue],
            "`touch_reload` is empty",
        ),
    ];
    for (params, command, expected, says) in cases {
        let section = ms(|m| {
            m.attach_process(command, params);
        });
        let message = problems(&section, &expected);
        assert!(message.contains(says), "{message}");
    }
    // A gid alone is a group change only: fine.
    let gid = ms(|m| {
        m.attach_process("memcached", AttachProcessParams::new().gid(1000));
    });
    assert_eq!(
        ini(&gid),
        lines(&["attach-daemon2 = cmd=memcached,gid=1000"])
    );
}

// ---- workers: set_basic_params and counts ----

#[test]
fn workers_basic_params_each() {
    let section = w(|w| {
        w.set_basic_params(
            wk::BasicParams::new()
                .count(3)
                .touch_reload(["/t1", "/t2"])
                .touch_chain_reload("/c")
                .zombie_reaper(true)
                .limit_addr_space(256)
                .limit_count(10)
                .cpu_affinity(1),
        );
    });
    assert_both(
        &section,
        &[
            "workers = 3",
            "touch-workers-reload = /t1",
            "touch-workers-reload = /t2",
            "touch-chain-reload = /c",
            "reaper = true",
            "limit-as = 256",
            "limit-nproc = 10",
            "cpu-affinity = 1",
        ],
        &[
            "--workers",
            "3",
            "--touch-workers-reload",
            "/t1",
            "--touch-workers-reload",
            "/t2",
            "--touch-chain-reload",
            "/c",
            "--reaper",
            "--limit-as",
            "256",
            "--limit-nproc",
            "10",
            "--cpu-affinity",
            "1",
        ],
    );
    let zeros = w(|w| {
        w.set_basic_params(
            wk::BasicParams::new()
                .count(1)
                .limit_addr_space(0)
                .limit_count(0)
                .cpu_affinity(0)
                .zombie_reaper(false),
        );
    });
    assert_both(
        &zeros,
        &[
            "workers = 1",
            "limit-as = 0",
            "limit-nproc = 0",
            "cpu-affinity = 0",
        ],
        &[
            "--workers",
            "1",
            "--limit-as",
            "0",
            "--limit-nproc",
            "0",
            "--cpu-affinity",
            "0",
        ],
    );
}

#[test]
fn workers_count_defaults_to_the_cpu_cores() {
    // No count, or 0, is `%k`, as in uwsgiconf: a magic variable of config files only.
    for section in [
        w(|w| {
            w.set_basic_params(wk::BasicParams::new());
        }),
        w(|w| {
            w.set_basic_params(wk::BasicParams::new().count(0));
        }),
        w(|w| {
            w.set_count_auto(None);
        }),
        w(|w| {
            w.set_count_auto(0);
        }),
    ] {
        assert_eq!(ini(&section), lines(&["workers = %k"]));
        let error = args_error(&section);
        assert_eq!(kinds(&error), [ProblemKind::MisplacedVariable]);
        assert!(error.to_string().contains("%k exist only in config files"));
    }
    assert_both(
        &w(|w| {
            w.set_count_auto(8);
        }),
        &["workers = 8"],
        &["--workers", "8"],
    );
    assert_both(
        &w(|w| {
            w.set_count_auto(Some(2));
        }),
        &["workers = 2"],
        &["--workers", "2"],
    );
    // A count then the default: two different counts.
    let twice = w(|w| {
        w.set_count_auto(8)
            .set_basic_params(wk::BasicParams::new().zombie_reaper(true));
    });
    assert!(only_problem(&twice, ProblemKind::Conflict).contains("\"8\" and \"%k\""));
}

#[test]
fn workers_touch_paths_must_not_be_empty() {
    for params in [
        wk::BasicParams::new().count(1).touch_reload(""),
        wk::BasicParams::new().count(1).touch_chain_reload(""),
    ] {
        let section = w(|w| {
            w.set_basic_params(params);
        });
        only_problem(&section, ProblemKind::EmptyValue);
    }
}

// ---- workers: run_command_as_worker ----

#[test]
fn run_command_as_worker_forms() {
    let section = w(|w| {
        w.run_command_as_worker("/srv/worker-100%", RunAsWorkerParams::new());
    });
    assert_both(
        &section,
        &["worker-exec = /srv/worker-100%%"],
        &["--worker-exec", "/srv/worker-100%"],
    );
    let after = w(|w| {
        w.run_command_as_worker(
            PathBuf::from("/srv/worker"),
            RunAsWorkerParams::new().after_post_fork_hook(true),
        );
    });
    assert_both(
        &after,
        &["worker-exec2 = /srv/worker"],
        &["--worker-exec2", "/srv/worker"],
    );
}

#[test]
fn run_command_as_worker_problems() {
    let spaced = w(|w| {
        w.run_command_as_worker("echo hello", RunAsWorkerParams::new());
    });
    assert!(only_problem(&spaced, ProblemKind::InvalidValue).contains("execvp"));
    let empty = w(|w| {
        w.run_command_as_worker("", RunAsWorkerParams::new());
    });
    only_problem(&empty, ProblemKind::EmptyValue);
    let two = w(|w| {
        w.run_command_as_worker("/a", RunAsWorkerParams::new())
            .run_command_as_worker("/b", RunAsWorkerParams::new());
    });
    only_problem(&two, ProblemKind::Conflict);
    // worker-exec replaces the worker before worker-exec2 could run.
    let both = w(|w| {
        w.run_command_as_worker("/a", RunAsWorkerParams::new())
            .run_command_as_worker("/b", RunAsWorkerParams::new().after_post_fork_hook(true));
    });
    assert!(only_problem(&both, ProblemKind::Conflict).contains("`worker-exec2` would never run"));
    // Set by name, both are written as asked.
    let mut by_name = Section::new();
    by_name
        .set_option("worker-exec", "/a")
        .set_option("worker-exec2", "/b");
    assert_both(
        &by_name,
        &["worker-exec = /a", "worker-exec2 = /b"],
        &["--worker-exec", "/a", "--worker-exec2", "/b"],
    );
}

// ---- workers: threads ----

#[test]
fn thread_params_each_and_the_banner() {
    let section = w(|w| {
        w.set_thread_params(
            ThreadParams::new()
                .enable(true)
                .count(4)
                .count_offload(2)
                .stack_size(512)
                .no_wait(true),
        );
    });
    assert_both(
        &section,
        &[
            "enable-threads = true",
            "no-threads-wait = true",
            "threads = 4",
            "offload-threads = 2",
            "print = >   Threads per worker: 4",
            "threads-stacksize = 512",
        ],
        &[
            "--enable-threads",
            "--no-threads-wait",
            "--threads",
            "4",
            "--offload-threads",
            "2",
            "--print",
            ">   Threads per worker: 4",
            "--threads-stacksize",
            "512",
        ],
    );
    // No banner for 0 threads.
    let zero = w(|w| {
        w.set_thread_params(ThreadParams::new().count(0).count_offload(0).stack_size(0));
    });
    assert_both(
        &zero,
        &[
            "threads = 0",
            "offload-threads = 0",
            "threads-stacksize = 0",
        ],
        &[
            "--threads",
            "0",
            "--offload-threads",
            "0",
            "--threads-stacksize",
            "0",
        ],
    );
    // The same count twice: each call prints its banner, and a `print` keeps its place, so
    // the equal `threads` lines on either side of it stay apart (uWSGI reads the same value).
    let same = w(|w| {
        w.set_thread_params(ThreadParams::new().count(2))
            .set_thread_params(ThreadParams::new().count(2));
    });
    assert_eq!(
        ini(&same),
        lines(&[
            "threads = 2",
            "print = >   Threads per worker: 2",
            "threads = 2",
            "print = >   Threads per worker: 2"
        ])
    );
    let off = w(|w| {
        w.set_thread_params(ThreadParams::new().enable(true).no_wait(true))
            .set_thread_params(ThreadParams::new().enable(false).no_wait(false));
    });
    assert_both(&off, &[], &[]);
}

// ---- workers: mules ----

#[test]
fn mules_count_and_scripts() {
    let count = w(|w| {
        w.set_mules_params(MulesParams::new().mules(2));
    });
    assert_both(&count, &["mules = 2"], &["--mules", "2"]);
    let zero = w(|w| {
        w.set_mules_params(MulesParams::new().mules(0));
    });
    assert_both(&zero, &["mules = 0"], &["--mules", "0"]);
    // `mule` takes an optional argument: `--mule=<script>` on the command line.
    let scripts = w(|w| {
        w.set_mules_params(MulesParams::new().mules(["/srv/m1.py", "/srv/m2.py"]))
            .set_mules_params(MulesParams::new().mules("/srv/m3.py"))
            .set_mules_params(MulesParams::new().mules(vec![PathBuf::from("/srv/m4.py")]));
    });
    assert_both(
        &scripts,
        &[
            "mule = /srv/m1.py",
            "mule = /srv/m2.py",
            "mule = /srv/m3.py",
            "mule = /srv/m4.py",
        ],
        &[
            "--mule=/srv/m1.py",
            "--mule=/srv/m2.py",
            "--mule=/srv/m3.py",
            "--mule=/srv/m4.py",
        ],
    );
    let none = w(|w| {
        w.set_mules_params(MulesParams::new().mules(Vec::<&str>::new()));
    });
    assert_both(&none, &[], &[]);
    assert_eq!(Mules::from(3), Mules::Count(3));
    assert_eq!(
        Mules::from(String::from("a.py")),
        Mules::Scripts(vec![Value::from("a.py")])
    );
}

#[test]
fn mules_other_params() {
    let section = w(|w| {
        w.set_mules_params(
            MulesParams::new()
                .touch_reload(["/t1", "/t2"])
                .harakiri_timeout(30)
                .reload_mercy(10)
                .msg_buffer(65536),
        );
    });
    // `mule-msg-size` takes an optional argument too.
    assert_both(
        &section,
        &[
            "touch-mules-reload = /t1",
            "touch-mules-reload = /t2",
            "mule-harakiri = 30",
            "mule-reload-mercy = 10",
            "mule-msg-size = 65536",
        ],
        &[
            "--touch-mules-reload",
            "/t1",
            "--touch-mules-reload",
            "/t2",
            "--mule-harakiri",
            "30",
            "--mule-reload-mercy",
            "10",
            "--mule-msg-size=65536",
        ],
    );
    let recv = w(|w| {
        w.set_mules_params(MulesParams::new().msg_buffer_recv(8));
    });
    assert!(only_problem(&recv, ProblemKind::UnavailableOption)
        .contains("`mule-msg-recv-size` exists only in uWSGI 2.1"));
    assert_both(
        &for_2_1(&recv),
        &["mule-msg-recv-size = 8"],
        &["--mule-msg-recv-size", "8"],
    );
}

#[test]
fn mule_farms_are_numbered_as_uwsgiconf_does() {
    let counted = w(|w| {
        w.set_mules_params(
            MulesParams::new().farms([MuleFarm::new("first", 2), MuleFarm::new("second", 3)]),
        );
    });
    assert_both(
        &counted,
        &["farm = first:1,2", "farm = second:3,4,5", "mules = 5"],
        &[
            "--farm",
            "first:1,2",
            "--farm",
            "second:3,4,5",
            "--mules",
            "5",
        ],
    );
    // Listed numbers are kept; a count continues after the earlier counts only.
    let mixed = w(|w| {
        w.set_mules_params(
            MulesParams::new().farms([Workers::mule_farm("a", [1, 3]), Workers::mule_farm("b", 2)]),
        );
    });
    assert_eq!(
        ini(&mixed),
        lines(&["farm = a:1,3", "farm = b:1,2", "mules = 4"])
    );
    // Explicit mules win over the farms' total.
    let explicit = w(|w| {
        w.set_mules_params(
            MulesParams::new()
                .mules(5)
                .farms(vec![MuleFarm::new("a", vec![1, 2])]),
        );
    });
    assert_eq!(ini(&explicit), lines(&["farm = a:1,2", "mules = 5"]));
    let scripts = w(|w| {
        w.set_mules_params(
            MulesParams::new()
                .mules(["x.py"])
                .farms([MuleFarm::new("a", &[1][..])]),
        );
    });
    assert_eq!(ini(&scripts), lines(&["farm = a:1", "mule = x.py"]));
    // Mules of several calls add up, as uWSGI adds them.
    let calls = w(|w| {
        w.set_mules_params(MulesParams::new().mules(2))
            .set_mules_params(
                MulesParams::new()
                    .mules(["x.py"])
                    .farms([MuleFarm::new("a", [3])]),
            );
    });
    assert_eq!(
        ini(&calls),
        lines(&["mules = 2", "farm = a:3", "mule = x.py"])
    );
}

#[test]
fn mule_farm_values() {
    assert_eq!(MuleFarm::new("n", [1, 2, 3]).to_string(), "n:1,2,3");
    assert_eq!(MuleFarm::new("n", 2).to_string(), "n:1,2");
    assert_eq!(MuleNumbers::from(vec![4, 5]), MuleNumbers::List(vec![4, 5]));
    assert_eq!(MuleNumbers::from(4), MuleNumbers::Count(4));
}

#[test]
fn mule_farm_problems() {
    let cases = [
        (
            MuleFarm::new("a:b", 1),
            "a farm name must be non-empty and without `:`",
        ),
        (
            MuleFarm::new("", 1),
            "a farm name must be non-empty and without `:`",
        ),
        (MuleFarm::new("x".repeat(256), 1), "255 bytes"),
        (MuleFarm::new("a", 0), "a farm needs at least one mule"),
        (
            MuleFarm::new("a", Vec::new()),
            "a farm needs at least one mule",
        ),
        (MuleFarm::new("a", [0, 1]), "mules are numbered from 1"),
    ];
    for (farm, says) in cases {
        let section = w(|w| {
            w.set_mules_params(MulesParams::new().mules(2).farms([farm]));
        });
        let message = only_problem(&section, ProblemKind::InvalidValue);
        assert!(message.contains(says), "{message}");
    }
    // A farm using a mule the section does not have: uWSGI exits at start.
    let missing = w(|w| {
        w.set_mules_params(
            MulesParams::new()
                .mules(2)
                .farms([MuleFarm::new("a", [1, 3])]),
        );
    });
    let message = only_problem(&missing, ProblemKind::InvalidValue);
    assert!(message.contains("the farm uses mule 3, but the section has 2 mules"));
    // Written by hand too.
    let mut by_hand = Section::new();
    by_hand.add_option("farm", "a:1").add_option("mule", "x.py");
    assert!(by_hand.to_ini().is_ok());
    by_hand.add_option("farm", "b:2");
    assert!(only_problem(&by_hand, ProblemKind::InvalidValue).contains("has 1 mule:"));
    // A mule count that is a variable cannot be checked: no problem.
    let mut variable = Section::new();
    variable
        .add_option("mules", Value::env("MULES"))
        .add_option("farm", "a:9");
    assert!(variable.to_ini().is_ok());
}

// ---- workers: reloads, exceptions, harakiri ----

#[test]
fn reload_params_each() {
    let section = w(|w| {
        w.set_reload_params(
            wk::ReloadParams::new()
                .min_lifetime(1)
                .max_lifetime(2)
                .max_requests(3)
                .max_addr_space(5)
                .max_rss(6)
                .max_addr_space_forced(9)
                .max_rss_forced(10)
                .watch_interval_forced(11)
                .mercy(12),
        );
    });
    assert_both(
        &section,
        &[
            "max-requests = 3",
            "min-worker-lifetime = 1",
            "max-worker-lifetime = 2",
            "reload-on-as = 5",
            "reload-on-rss = 6",
            "evil-reload-on-as = 9",
            "evil-reload-on-rss = 10",
            "mem-collector-freq = 11",
            "worker-reload-mercy = 12",
        ],
        &[
            "--max-requests",
            "3",
            "--min-worker-lifetime",
            "1",
            "--max-worker-lifetime",
            "2",
            "--reload-on-as",
            "5",
            "--reload-on-rss",
            "6",
            "--evil-reload-on-as",
            "9",
            "--evil-reload-on-rss",
            "10",
            "--mem-collector-freq",
            "11",
            "--worker-reload-mercy",
            "12",
        ],
    );
    let big = w(|w| {
        w.set_reload_params(wk::ReloadParams::new().max_requests(u64::MAX));
    });
    assert_eq!(ini(&big), lines(&["max-requests = 18446744073709551615"]));
}

#[test]
fn reload_params_of_later_uwsgi() {
    let section = w(|w| {
        w.set_reload_params(
            wk::ReloadParams::new()
                .max_requests_delta(4)
                .max_uss(7)
                .max_pss(8),
        );
    });
    let message = problems(
        &section,
        &[
            ProblemKind::UnavailableOption,
            ProblemKind::UnavailableOption,
            ProblemKind::UnavailableOption,
        ],
    );
    assert!(message.contains("`max-requests-delta` is missing from uWSGI 2.0.21"));
    assert!(message.contains("`reload-on-uss` exists only in uWSGI 2.1"));
    assert!(message.contains("`reload-on-pss` exists only in uWSGI 2.1"));
    assert_both(
        &for_2_1(&section),
        &[
            "max-requests-delta = 4",
            "reload-on-uss = 7",
            "reload-on-pss = 8",
        ],
        &[
            "--max-requests-delta",
            "4",
            "--reload-on-uss",
            "7",
            "--reload-on-pss",
            "8",
        ],
    );
}

#[test]
fn reload_on_exception_params() {
    let section = w(|w| {
        w.set_reload_on_exception_params(
            ReloadOnExceptionParams::new()
                .do_reload(true)
                .etype(["RuntimeError", "OSError"])
                .evalue("with spaces")
                .erepr("RuntimeError: 100%"),
        );
    });
    assert_both(
        &section,
        &[
            "reload-on-exception = true",
            "reload-on-exception-type = RuntimeError",
            "reload-on-exception-type = OSError",
            "reload-on-exception-value = with spaces",
            "reload-on-exception-repr = RuntimeError: 100%%",
        ],
        &[
            "--reload-on-exception",
            "--reload-on-exception-type",
            "RuntimeError",
            "--reload-on-exception-type",
            "OSError",
            "--reload-on-exception-value",
            "with spaces",
            "--reload-on-exception-repr",
            "RuntimeError: 100%",
        ],
    );
    for params in [
        ReloadOnExceptionParams::new().etype(""),
        ReloadOnExceptionParams::new().evalue(""),
        ReloadOnExceptionParams::new().erepr(""),
    ] {
        let section = w(|w| {
            w.set_reload_on_exception_params(params);
        });
        only_problem(&section, ProblemKind::EmptyValue);
    }
}

#[test]
fn harakiri_params() {
    let section = w(|w| {
        w.set_harakiri_params(
            HarakiriParams::new()
                .timeout(30)
                .verbose(true)
                .disable_for_arh(true),
        );
    });
    assert_both(
        &section,
        &[
            "harakiri = 30",
            "harakiri-verbose = true",
            "harakiri-no-arh = true",
        ],
        &[
            "--harakiri",
            "30",
            "--harakiri-verbose",
            "--harakiri-no-arh",
        ],
    );
    let zero = w(|w| {
        w.set_harakiri_params(HarakiriParams::new().timeout(0).verbose(false));
    });
    assert_both(&zero, &["harakiri = 0"], &["--harakiri", "0"]);
}

// ---- workers: zerg mode ----

#[test]
fn zerg_server_and_pool() {
    let server = w(|w| {
        w.set_zerg_server_params("/run/zerg.sock", ZergServerParams::new());
    });
    assert_both(
        &server,
        &["zerg-server = /run/zerg.sock"],
        &["--zerg-server", "/run/zerg.sock"],
    );
    let abstract_socket = w(|w| {
        w.set_zerg_server_params("@nydus", ZergServerParams::new());
    });
    assert_eq!(ini(&abstract_socket), lines(&["zerg-server = @nydus"]));

    // A pool comes from the zergpool plugin, loaded once.
    let pools = w(|w| {
        w.set_zerg_server_params(
            "/run/z1.sock",
            ZergServerParams::new().clients_socket_pool(["127.0.0.1:3031", "127.0.0.1:3032"]),
        )
        .set_zerg_server_params(
            "/run/z2.sock",
            ZergServerParams::new().clients_socket_pool("/run/app.sock"),
        );
    });
    assert_both(
        &pools,
        &[
            "plugin = zergpool",
            "zergpool = /run/z1.sock:127.0.0.1:3031,127.0.0.1:3032",
            "zergpool = /run/z2.sock:/run/app.sock",
        ],
        &[
            "--plugin",
            "zergpool",
            "--zergpool",
            "/run/z1.sock:127.0.0.1:3031,127.0.0.1:3032",
            "--zergpool",
            "/run/z2.sock:/run/app.sock",
        ],
    );
    // A plugin line of the user's own is enough.
    let mut loaded = Section::new();
    loaded.add_option("plugins", "zergpool");
    loaded.workers().set_zerg_server_params(
        "/run/z.sock",
        ZergServerParams::new().clients_socket_pool("127.0.0.1:3031"),
    );
    assert_eq!(
        ini(&loaded),
        lines(&[
            "plugins = zergpool",
            "zergpool = /run/z.sock:127.0.0.1:3031"
        ])
    );
    // An empty pool is a plain zerg server.
    let empty_pool = w(|w| {
        w.set_zerg_server_params(
            "/run/z.sock",
            ZergServerParams::new().clients_socket_pool(Vec::<&str>::new()),
        );
    });
    assert_eq!(ini(&empty_pool), lines(&["zerg-server = /run/z.sock"]));
}

#[test]
fn zerg_server_problems() {
    let cases: Vec<(&str, ZergServerParams, Vec<ProblemKind>, &str)> = vec![
        (
            "",
            ZergServerParams::new(),
            vec![ProblemKind::EmptyValue],
            "`socket` is empty",
        ),
        (
            "/run/a:b.sock",
            ZergServerParams::new().clients_socket_pool("127.0.0.1:3031"),
            vec![ProblemKind::InvalidValue],
            "a zerg pool's socket cannot hold `:`",
        ),
        (
            "/run/z.sock",
            ZergServerParams::new().clients_socket_pool(["127.0.0.1:3031,127.0.0.1:3032", ""]),
            vec![ProblemKind::InvalidValue, ProblemKind::InvalidValue],
            "a pool address must be non-empty and without `,`",
        ),
    ];
    for (socket, params, expected, says) in cases {
        let section = w(|w| {
            w.set_zerg_server_params(socket, params);
        });
        let message = problems(&section, &expected);
        assert!(message.contains(says), "{message}");
    }
    let two = w(|w| {
        w.set_zerg_server_params("/z1", ZergServerParams::new())
            .set_zerg_server_params("/z2", ZergServerParams::new());
    });
    only_problem(&two, ProblemKind::Conflict);
}

#[test]
fn zerg_client() {
    let section = w(|w| {
        w.set_zerg_client_params(
            ["/run/z1.sock", "/run/z2.sock"],
            ZergClientParams::new().use_fallback_socket(true),
        );
    });
    // No `socket` lines: the fallback is the instance's own sockets.
    assert_both(
        &section,
        &[
            "zerg = /run/z1.sock",
            "zerg = /run/z2.sock",
            "zerg-fallback = true",
        ],
        &[
            "--zerg",
            "/run/z1.sock",
            "--zerg",
            "/run/z2.sock",
            "--zerg-fallback",
        ],
    );
    let off = w(|w| {
        w.set_zerg_client_params(
            "/run/z.sock",
            ZergClientParams::new().use_fallback_socket(true),
        )
        .set_zerg_client_params(
            Vec::<&str>::new(),
            ZergClientParams::new().use_fallback_socket(false),
        );
    });
    assert_both(&off, &["zerg = /run/z.sock"], &["--zerg", "/run/z.sock"]);
    let empty = w(|w| {
        w.set_zerg_client_params("", ZergClientParams::new());
    });
    only_problem(&empty, ProblemKind::EmptyValue);
}

// ---- problems point at their call ----

#[test]
fn problems_name_their_call() {
    let mut section = Section::new();
    section
        .master_process()
        .set_basic_params(mp::BasicParams::new().enable(true));
    section
        .workers()
        .run_command_as_worker("echo hi", RunAsWorkerParams::new());
    section
        .master_process()
        .add_cron_task("/bin/true", CronTaskParams::new().hour(30));
    let error = ini_error(&section);
    let calls: Vec<Option<usize>> = error.problems().iter().map(|p| p.call()).collect();
    assert_eq!(calls, [Some(1), Some(2)]);
    let origins: Vec<&str> = error.problems().iter().map(|p| p.origin()).collect();
    assert_eq!(origins, ["run_command_as_worker", "add_cron_task"]);
}
