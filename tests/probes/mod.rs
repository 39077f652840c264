//! The probes the tests against the real uWSGI share, whatever the format they render to:
//! strict-mode sections exercising every directive the crate can emit (every action, every
//! main-process, master-process and workers method with its parameter variants), and the
//! corpus of tricky values the round trips read back through `--show-config`.
//!
//! Each strict probe starts with `strict = true` and the asap hook `support::STOP`
//! (`callint:_exit 42`), so uWSGI reads and checks the whole configuration and stops before
//! anything of it runs.
#![allow(dead_code)] // each test file uses a part of this module

use std::collections::BTreeSet;
use std::path::Path;

use crate::support::ACCEPTED;
use uwsgiconf::options::{self, ArgKind, OptionSpec};

use uwsgiconf::master_process::{
    self as mp, AttachProcessClassicParams, AttachProcessParams, CronTaskParams,
    ExceptionHandlingParams, ExitEventsParams, IdleParams,
};
use uwsgiconf::workers::{
    self as wk, HarakiriParams, MuleFarm, MulesParams, ReloadOnExceptionParams, RunAsWorkerParams,
    ThreadParams, ZergClientParams, ZergServerParams,
};
use uwsgiconf::{
    Action, BasicParams, ChangeDirParams, DaemonizeParams, DropAfter, MemoryParams, NamingParams,
    OnExitParams, OwnerParams, Phase, PidFileParams, RunOnEventParams, Section, Target,
};

/// The first asap hook of every probe: it renders as `support::STOP`.
pub fn stop() -> Action {
    Action::call("_exit 42").arg_int(true).into()
}

/// A strict section whose first asap hook stops uWSGI.
pub fn strict_section() -> Section {
    let mut section = Section::new();
    section.set_strict(true);
    section.main_process().set_hook(Phase::Asap, stop());
    section
}

/// A temp path as text.
pub fn s(path: &Path) -> String {
    path.to_str().expect("UTF-8 temp dir").to_string()
}

/// Every action constructor and flag variant, with arguments that are harmless should one
/// ever run (paths under `base`, the host's own name...). They never run: the stop comes
/// first.
pub fn every_action(base: &Path) -> Vec<Action> {
    let path = |name: &str| {
        base.join(name)
            .to_str()
            .expect("UTF-8 temp dir")
            .to_string()
    };
    let host = std::fs::read_to_string("/proc/sys/kernel/hostname")
        .map(|h| h.trim().to_string())
        .ok()
        .filter(|h| !h.is_empty() && !h.contains(' '))
        .unwrap_or_else(|| "localhost".into());
    vec![
        Action::alarm("uwsgiconf-alarm", "alarm text"),
        Action::call("uwsgi_log").into(),
        Action::call("getpid").honour_exit_status(true).into(),
        Action::call("srand 3").arg_int(true).into(),
        Action::call("abs 0")
            .arg_int(true)
            .honour_exit_status(true)
            .into(),
        Action::call("uwsgi_log text").private(),
        Action::dir_change(path("cd")),
        Action::dir_create(path("mkdir")),
        Action::execute("true"),
        Action::execute("echo private").private(),
        Action::safe_execute("false"),
        Action::exit(None),
        Action::exit(0),
        Action::exit(5),
        Action::exit(42),
        Action::fifo_write(path("fifo"), "fifo text").into(),
        Action::fifo_write(path("fifo"), "fifo text")
            .wait(true)
            .into(),
        Action::fifo_write(path("fifo"), "fifo text").private(),
        Action::file_create(path("create")),
        Action::file_write(path("write"), "text").into(),
        Action::file_write(path("write"), "text")
            .newline(true)
            .into(),
        Action::file_write(path("write"), "text")
            .append(true)
            .into(),
        Action::file_write(path("write"), "text")
            .append(true)
            .newline(true)
            .into(),
        Action::file_write(path("write"), "secret").private(),
        Action::mount(path("no-such-mountpoint"))
            .fs("tmpfs")
            .src("none")
            .into(),
        Action::mount(path("no-such-mountpoint"))
            .fs("tmpfs")
            .src("none")
            .flags(["nodev", "nosuid", "ro"])
            .into(),
        Action::mount(path("no-such-mountpoint")).into(),
        Action::mount(path("no-such-mountpoint"))
            .flags(["detach", "force"])
            .into(),
        Action::mount(path("no-such-mountpoint")).private(),
        Action::printout("print text"),
        Action::set_host_name(host),
        Action::unlink(path("unlink")),
        Action::putenv("UWSGICONF_PROBE", "1"),
        Action::chmod(path("chmod"), "750"),
        Action::chmod(path("chmod"), 0o640),
        Action::sticky(path("sticky")),
        Action::chown(path("chown"), "nobody", "nogroup"),
        Action::chown2(path("chown2"), 65534, 65534),
        Action::rpc("uwsgiconf_rpc a b"),
        Action::retry_rpc("uwsgiconf_rpc"),
        Action::wait_for_fs(path("fs")),
        Action::wait_for_file(path("file")),
        Action::wait_for_dir(path("dir")),
        Action::wait_for_socket("127.0.0.1:9"),
        Action::unix_signal(10, "srand"),
        // Raw strings: aliases uWSGI has for some actions.
        Action::parse(&format!("chdir:{}", path("cd"))),
        Action::parse(&format!("creat:{}", path("creat"))),
        Action::parse("log:log text"),
        Action::parse("!exit:5"),
    ]
}

/// Sections exercising every main-process method and parameter variant.
pub fn main_process_probes(base: &Path) -> Vec<(String, Section)> {
    let path = |name: &str| {
        base.join(name)
            .to_str()
            .expect("UTF-8 temp dir")
            .to_string()
    };
    let mut probes = Vec::new();
    let mut add = |name: &str, build: &dyn Fn(&mut Section)| {
        let mut section = strict_section();
        build(&mut section);
        probes.push((name.to_string(), section));
    };

    add("set_basic_params", &|s| {
        s.main_process().set_basic_params(
            BasicParams::new()
                .touch_reload([path("reload-a"), path("reload-b")])
                .priority(5)
                .vacuum(true)
                .binary_path(path("uwsgi"))
                .honour_stdin(true),
        );
    });
    add("set_basic_params (negative priority, switches off)", &|s| {
        s.main_process().set_basic_params(
            BasicParams::new()
                .priority(-5)
                .vacuum(false)
                .honour_stdin(false),
        );
    });
    add("set_memory_params", &|s| {
        s.main_process()
            .set_memory_params(MemoryParams::new().ksm_interval(10).no_swap(true));
    });
    add("daemonize (both forms)", &|s| {
        s.main_process()
            .daemonize(path("daemon.log"), DaemonizeParams::new())
            .daemonize(
                path("daemon2.log"),
                DaemonizeParams::new().after_app_loading(true),
            );
    });
    add("daemonize (UDP address)", &|s| {
        s.main_process()
            .daemonize("127.0.0.1:9", DaemonizeParams::new());
    });
    add("change_dir (both forms)", &|s| {
        s.main_process()
            .change_dir(path("dir1"), ChangeDirParams::new())
            .change_dir(path("dir2"), ChangeDirParams::new().after_app_loading(true));
    });
    add(
        "set_owner_params (names, add_gids, drop after init)",
        &|s| {
            s.main_process().set_owner_params(
                OwnerParams::new()
                    .uid("nobody")
                    .gid("nogroup")
                    .add_gids(["users", "4"])
                    .drop_after(DropAfter::Init),
            );
        },
    );
    add("set_owner_params (numbers, drop after apps)", &|s| {
        s.main_process().set_owner_params(
            OwnerParams::new()
                .uid(65534)
                .gid(65534)
                .drop_after(DropAfter::Apps),
        );
    });
    add("set_owner_params (allow_root)", &|s| {
        s.main_process()
            .set_owner_params(OwnerParams::new().uid("root").gid("root").allow_root(true));
    });
    add("set_hook (one action in every phase of uWSGI 2.0)", &|s| {
        for phase in Phase::ALL {
            if phase.available_in(Target::V2_0) {
                s.main_process()
                    .set_hook(phase, Action::printout(format!("in {phase}")));
            }
        }
    });
    add("set_hook_touch", &|s| {
        s.main_process().set_hook_touch(
            path("touched"),
            [Action::printout("touched"), Action::exit(3)],
        );
    });
    add("set_hook_after_request", &|s| {
        s.main_process()
            .set_hook_after_request(["uwsgi_log", "my_after_request"]);
    });
    add("set_on_exit_params", &|s| {
        s.main_process()
            .set_on_exit_params(OnExitParams::new().skip_hooks(true).skip_teardown(true));
    });
    add(
        "run_command_on_event (every phase with an exec- form)",
        &|s| {
            for phase in Phase::ALL {
                if phase.exec_option().is_some() {
                    s.main_process().run_command_on_event(
                        [format!("echo {phase}"), "true".into()],
                        RunOnEventParams::new().phase(phase),
                    );
                }
            }
        },
    );
    add("run_command_on_event (default phase)", &|s| {
        s.main_process()
            .run_command_on_event("echo asap", RunOnEventParams::new());
    });
    add("run_command_on_touch", &|s| {
        s.main_process()
            .run_command_on_touch(["echo one", "echo two"], path("touch-exec"));
    });
    add("set_pid_file (four forms)", &|s| {
        s.main_process()
            .set_pid_file(path("a.pid"), PidFileParams::new())
            .set_pid_file(path("b.pid"), PidFileParams::new().before_priv_drop(false))
            .set_pid_file(path("c.pid"), PidFileParams::new().safe(true))
            .set_pid_file(
                path("d.pid"),
                PidFileParams::new().safe(true).before_priv_drop(false),
            );
    });
    add("set_naming_params (prefix with a trailing space)", &|s| {
        s.main_process().set_naming_params(
            NamingParams::new()
                .autonaming(true)
                .prefix("app ")
                .suffix("-suffix")
                .name("uwsgiconf-name"),
        );
    });
    add("set_naming_params (plain prefix)", &|s| {
        s.main_process()
            .set_naming_params(NamingParams::new().prefix("app-").autonaming(false));
    });
    probes
}

/// Core options of uWSGI 2.0's source that a build may lack: FreeBSD jails (compiled on
/// FreeBSD only) and the SSL session cache (compiled only against OpenSSL before 1.1). The
/// crate offers them for the 2.0 target; Debian's Linux build with OpenSSL 3 does not know
/// them. The test checks that each is really missing, so the list cannot go stale.
pub const BUILD_CONDITIONAL: [&str; 12] = [
    "jail",
    "jail-attach",
    "jail-ip4",
    "jail-ip6",
    "jail2",
    "jid-file",
    "jidfile",
    "libjail",
    "ssl-session-timeout",
    "ssl-session-use-cache",
    "ssl-sessions-timeout",
    "ssl-sessions-use-cache",
];

/// Sets every option of `specs` but `skip` (switches on, others to `1`), then `exit = 42`:
/// `exit` is applied while the config is read, after strict mode has checked every key
/// before it, and before any other option is applied.
pub fn catalogue_section(specs: &[&OptionSpec], skip: &BTreeSet<String>) -> Section {
    let mut section = Section::new();
    section.set_strict(true);
    // `master-as-root` is among them, which needs the root opt-in.
    section
        .main_process()
        .set_owner_params(OwnerParams::new().allow_root(true));
    for spec in specs {
        if skip.contains(spec.name) {
            continue;
        }
        if spec.takes_bool() {
            section.set_option(spec.name, true);
        } else {
            section.set_option(spec.name, "1");
        }
    }
    section.set_option("exit", ACCEPTED);
    section
}

// ---- the master-process and workers groups ----

/// Sections exercising every method and parameter variant of the two groups (uWSGI 2.0
/// options), with whether they render as INI only.
pub fn group_probes(base: &Path) -> Vec<(String, Section, bool)> {
    let path = |name: &str| s(&base.join(name));
    let mut probes = Vec::new();
    let mut add = |name: &str, ini_only: bool, build: &dyn Fn(&mut Section)| {
        let mut section = strict_section();
        build(&mut section);
        probes.push((name.to_string(), section, ini_only));
    };

    // ---- master_process ----
    add("master set_basic_params", false, &|s| {
        s.master_process().set_basic_params(
            mp::BasicParams::new()
                .enable(true)
                .name("uwsgiconf master 100%")
                .no_orphans(true)
                .subproc_check_interval(2)
                .fifo_file([path("a.fifo"), path("b.fifo")]),
        );
    });
    add("master set_basic_params (as_root, allowed)", false, &|s| {
        s.master_process()
            .set_basic_params(mp::BasicParams::new().as_root(true).allow_root(true));
    });
    add("master set_exit_events", false, &|s| {
        s.master_process().set_exit_events(
            ExitEventsParams::new()
                .idle(true)
                .reload(true)
                .sig_term(true),
        );
    });
    add("master set_exception_handling_params", false, &|s| {
        s.master_process().set_exception_handling_params(
            ExceptionHandlingParams::new()
                .handler(["log", "log:arg"])
                .catch(true)
                .no_write_exception(true),
        );
    });
    add(
        "master set_idle_params and set_reload_params",
        false,
        &|s| {
            s.master_process()
                .set_idle_params(IdleParams::new().timeout(30).exit(true))
                .set_reload_params(mp::ReloadParams::new().mercy(10).exit(true));
        },
    );
    add("master add_cron_task (every form)", false, &|s| {
        s.master_process()
            .add_cron_task("/bin/true", CronTaskParams::new())
            .add_cron_task(
                "echo 100% a,b",
                CronTaskParams::new()
                    .weekday(1)
                    .month(2)
                    .day(3)
                    .hour(4)
                    .minute(5)
                    .harakiri(6)
                    .legion("lg,1")
                    .unique(true),
            )
            .add_cron_task(
                "/bin/true",
                CronTaskParams::new().weekday(7).hour(-3).minute(0),
            )
            .add_cron_task("LANG=C /bin/true", CronTaskParams::new());
    });
    add("master attach_process_classic (every form)", false, &|s| {
        let classic = AttachProcessClassicParams::new;
        let pid = path("m.pid");
        s.master_process()
            .attach_process_classic("sleep 1000", false, classic())
            .attach_process_classic("sleep 1001", false, classic().control(true))
            .attach_process_classic("sleep 1002", false, classic().for_legion("cluster"))
            .attach_process_classic(format!("{pid} sleep 1003"), true, classic())
            .attach_process_classic(format!("{pid} sleep 1004"), false, classic())
            .attach_process_classic(
                format!("{pid} sleep 1005"),
                true,
                classic().for_legion("cluster"),
            )
            .attach_process_classic(
                format!("{pid} sleep 1006"),
                false,
                classic().for_legion("cluster"),
            );
    });
    add("master attach_process (every key, escapes)", false, &|s| {
        s.master_process()
            .attach_process(
                "sh -c 'echo a,b\\c 100%'",
                AttachProcessParams::new()
                    .broken_counter(3)
                    .pidfile(path("x,y.pid"))
                    .control(true)
                    .daemonize(true)
                    .touch_reload([path("t;1"), path("t,2")])
                    .signal_stop(15)
                    .signal_reload(1)
                    .honour_stdin(true)
                    .uid(65534)
                    .gid(65534)
                    .new_pid_ns(true)
                    .change_dir(base.to_str().expect("UTF-8 temp dir")),
            )
            .attach_process("sleep 1000", AttachProcessParams::new());
    });

    // ---- workers ----
    add("workers set_basic_params", false, &|s| {
        s.workers().set_basic_params(
            wk::BasicParams::new()
                .count(3)
                .touch_reload([path("w1"), path("w2")])
                .touch_chain_reload(path("c"))
                .zombie_reaper(true)
                .limit_addr_space(4096)
                .limit_count(1000)
                .cpu_affinity(1),
        );
    });
    // `%k` exists only in config files.
    add("workers set_count_auto (CPU cores)", true, &|s| {
        s.workers().set_count_auto(None);
    });
    add("workers run_command_as_worker", false, &|s| {
        s.workers()
            .run_command_as_worker("/bin/true", RunAsWorkerParams::new());
    });
    add(
        "workers run_command_as_worker (after post_fork)",
        false,
        &|s| {
            s.workers().run_command_as_worker(
                "/bin/true",
                RunAsWorkerParams::new().after_post_fork_hook(true),
            );
        },
    );
    add("workers set_thread_params", false, &|s| {
        s.workers().set_thread_params(
            ThreadParams::new()
                .enable(true)
                .count(4)
                .count_offload(2)
                .stack_size(512)
                .no_wait(true),
        );
    });
    add("workers set_mules_params (farms)", false, &|s| {
        s.workers().set_mules_params(
            MulesParams::new()
                .farms([MuleFarm::new("first", 2), MuleFarm::new("second", [1, 2])])
                .touch_reload(path("m"))
                .harakiri_timeout(30)
                .reload_mercy(10)
                .msg_buffer(65536),
        );
    });
    add("workers set_mules_params (scripts)", false, &|s| {
        s.workers()
            .set_mules_params(MulesParams::new().mules([path("m1.py"), path("m2.py")]));
    });
    add("workers set_reload_params", false, &|s| {
        s.workers().set_reload_params(
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
    add("workers set_reload_on_exception_params", false, &|s| {
        s.workers().set_reload_on_exception_params(
            ReloadOnExceptionParams::new()
                .do_reload(true)
                .etype(["RuntimeError", "OSError"])
                .evalue("with spaces")
                .erepr("RuntimeError: 100%"),
        );
    });
    add("workers set_harakiri_params", false, &|s| {
        s.workers().set_harakiri_params(
            HarakiriParams::new()
                .timeout(30)
                .verbose(true)
                .disable_for_arh(true),
        );
    });
    add("workers set_zerg_server_params (server)", false, &|s| {
        s.workers()
            .set_zerg_server_params(path("zerg.sock"), ZergServerParams::new());
    });
    add("workers set_zerg_server_params (pools)", false, &|s| {
        s.workers()
            .set_zerg_server_params(
                path("pool1.sock"),
                ZergServerParams::new().clients_socket_pool(["127.0.0.1:0", "127.0.0.1:0"]),
            )
            .set_zerg_server_params(
                path("pool2.sock"),
                ZergServerParams::new().clients_socket_pool(path("pool-app.sock")),
            );
    });
    add("workers set_zerg_client_params", false, &|s| {
        s.workers().set_zerg_client_params(
            [path("z1.sock"), path("z2.sock")],
            ZergClientParams::new().use_fallback_socket(true),
        );
    });
    probes
}

// ---- the round-trip corpus ----

/// Placeholder names the renderer uses for literal text that holds `$(`, `@(` or a leading
/// blank.
pub const PLACEHOLDER_PREFIX: &str = "uwsgiconf-literal-";

/// One value written into every verbatim option, with what uWSGI must show for each.
pub fn probe(value: &str) -> (Section, Vec<(String, String)>) {
    let mut section = Section::new();
    let mut expected: Vec<(String, String)> = Vec::new();
    let mut expect = |key: &str, shown: String| expected.push((key.to_string(), shown));
    // Strict mode too: the placeholders the renderer adds must not upset it.
    section.set_strict(true);
    expect("strict", "true".into());
    let mut main = section.main_process();
    main.set_naming_params(NamingParams::new().name(value).suffix(value).prefix(value));
    expect("procname", value.into());
    expect("procname-append", value.into());
    // A prefix ending with a space is written without it to `procname-prefix-spaced`,
    // which adds it back.
    match value.strip_suffix(' ') {
        Some(stripped) => expect("procname-prefix-spaced", stripped.into()),
        None => expect("procname-prefix", value.into()),
    }
    // print text is a printf format for uWSGI: `%` must arrive doubled (the log shows it
    // single, checked separately).
    main.set_hook(Phase::Asap, Action::printout(value));
    expect("hook-asap", format!("print:{}", value.replace('%', "%%")));
    // Empty paths and commands are refused (uWSGI would fail on them).
    if !value.is_empty() {
        main.set_hook(Phase::PostApp, Action::execute(value));
        expect("hook-post-app", format!("exec:{value}"));
        main.set_basic_params(BasicParams::new().touch_reload(value));
        expect("touch-reload", value.into());
        main.run_command_on_event(value, RunOnEventParams::new().phase(Phase::PostApp));
        expect("exec-post-app", value.into());
    }
    section.add_option("env", format!("UWSGICONF_RT={value}"));
    expect("env", format!("UWSGICONF_RT={value}"));
    (section, expected)
}

/// `%(` then `)`: uWSGI expands it even from a placeholder, with no escape.
pub fn closes_placeholder(value: &str) -> bool {
    value.find("%(").is_some_and(|at| value[at..].contains(')'))
}

/// Values named in the issue, and their neighbours.
pub const CURATED: &[&str] = &[
    "",
    "plain",
    "%",
    "100%",
    "trailing %",
    "%%",
    "50%% off",
    "%%%",
    "%d %n %x %[ %V",
    "%0a",
    "$(HOME)",
    "$(HOME",
    "$( HOME)",
    "$()",
    "$$(HOME)",
    "x$(PATH)y$(HOME)z",
    "@(uwsgiconf-no-such-file)",
    "@@(uwsgiconf-no-such-file)",
    "user@(example) ok",
    "@(",
    "%(",
    "50%(",
    "%%(",
    "%(HOME)",
    "%(uwsgiconf-literal-1)",
    "a %(b) c",
    "$(HOME) %(x)",
    ";not a comment",
    "#not a comment",
    "a ; b # c",
    "key=value=more",
    "= leading equals",
    " = spaced equals = ",
    "\"double quoted\"",
    "'single quoted'",
    "back\\slash\\",
    "C:\\temp\\%TEMP%",
    "héllo wörld",
    "日本語のテキスト",
    "🦀 crab",
    "  two leading spaces",
    " one leading, one trailing ",
    "\tleading tab",
    "inner\ttab",
    "trailing tab\t",
    "trailing space ",
    "two trailing  ",
    " ",
    "\t",
    "line\nbreak",
    "trailing newline\n",
    "\nleading newline",
    "cr\rreturn",
    "crlf\r\n",
    "nul\0byte",
    "-dash",
    "--procname",
    "[uwsgi]",
    "[other] section",
    "vertical\x0btab\x0b",
    "form\x0cfeed\x0c",
    "bell\x07 and escape \x1b[31m",
    "exec:id",
    "!private",
    "%(unclosed $(HOME)",
    // Unicode blanks are not blanks to uWSGI's byte-wise trimming.
    "no-break space\u{a0}",
    "\u{3000}ideographic space\u{3000}",
    "\u{feff}byte order mark",
];

/// Pieces the generated values are made of.
pub const PIECES: &[&str] = &[
    "%",
    "%%",
    "$(",
    "@(",
    "%(",
    ")",
    "(",
    "$(HOME)",
    "$(PATH)",
    "@(uwsgiconf-no-such-file)",
    "$$(",
    "@@(",
    "%%(",
    "%d",
    "%n",
    "%x",
    ";",
    "#",
    "=",
    " = ",
    "\"",
    "'",
    "\\",
    "é",
    "ü",
    "日本",
    "🦀",
    " ",
    "  ",
    "\t",
    "x",
    "abc",
    "value",
    "[",
    "]",
    ":",
    "!",
    "-",
    "--",
    "exec:",
    "\x01",
    "\x7f",
    "\x0b",
    "\x0c",
    "\u{a0}",
    "\u{2028}",
    "\n",
    "\r",
    "\0",
    "{",
    "}",
    "*",
    "?",
    "~",
    "`",
    "|",
    "&",
    "<",
    ">",
];

/// How many values the sweep generates; each costs two short uWSGI runs.
pub const GENERATED: usize = 320;

/// A deterministic list of `count` tricky values (xorshift, fixed seed).
pub fn generated(count: usize) -> Vec<String> {
    let mut state: u64 = 0x5eed_cafe_f00d_1234;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    (0..count)
        .map(|_| {
            let pieces = 1 + (next() % 6) as usize;
            (0..pieces)
                .map(|_| PIECES[(next() % PIECES.len() as u64) as usize])
                .collect()
        })
        .collect()
}

/// The `--show-config` block uWSGI must print for `args` (followed by `--show-config`):
/// each option in order, a placeholder's own line after its `set-placeholder`, and the
/// expected value for every probed option.
pub fn expected_block(value: &str, args: &[String], expected: &[(String, String)]) -> String {
    let mut block = String::from("[uwsgi]");
    let mut probed = 0;
    let mut words = args.iter();
    while let Some(word) = words.next() {
        let flag = word
            .strip_prefix("--")
            .unwrap_or_else(|| panic!("{value:?}: {word:?} is not an option in {args:?}"));
        let switch = options::lookup(flag).is_some_and(|spec| spec.arg == ArgKind::None);
        let (key, given) = match flag.split_once('=') {
            Some((key, given)) => (key, given.to_string()),
            // uWSGI shows a switch given on the command line as `true`.
            None if switch => (flag, "true".to_string()),
            None => (flag, words.next().expect("a value").clone()),
        };
        if key == "set-placeholder" {
            let (name, stored) = given.split_once('=').expect("name=value");
            assert!(name.starts_with(PLACEHOLDER_PREFIX), "{given:?}");
            block.push_str(&format!("\nset-placeholder = {given}\n{name} = {stored}"));
        } else {
            let (_, shown) = expected
                .iter()
                .find(|(k, _)| k == key)
                .unwrap_or_else(|| panic!("{value:?}: unexpected option --{key} in {args:?}"));
            probed += 1;
            block.push_str(&format!("\n{key} = {shown}"));
        }
    }
    assert_eq!(probed, expected.len(), "{value:?}: {args:?}");
    block.push_str("\nshow-config = true");
    block
}
