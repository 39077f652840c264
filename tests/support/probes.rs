//! The sections the strict-acceptance tests probe, shared by the tests of every format:
//! every main-process method and parameter variant, every hook action, every method of the
//! master_process and workers groups, and the directives each list is documented to write.
//! Each probe is strict and stops uWSGI with its first asap hook ([`STOP`](super::STOP)).

use std::collections::BTreeSet;
use std::path::Path;

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

/// The first asap hook of every probe: it renders as [`STOP`].
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

/// The directives the main-process probes are documented to write; each must be rendered
/// (so accepted) at least once.
pub fn main_process_directives() -> BTreeSet<String> {
    let mut expected: BTreeSet<String> = [
        "strict",
        "touch-reload",
        "prio",
        "vacuum",
        "binary-path",
        "honour-stdin",
        "ksm",
        "never-swap",
        "daemonize",
        "daemonize2",
        "chdir",
        "chdir2",
        "uid",
        "gid",
        "add-gid",
        "drop-after-init",
        "drop-after-apps",
        "hook-touch",
        "master",
        "after-request-hook",
        "skip-atexit",
        "skip-atexit-teardown",
        "touch-exec",
        "pidfile",
        "pidfile2",
        "safe-pidfile",
        "safe-pidfile2",
        "auto-procname",
        "procname-prefix",
        "procname-prefix-spaced",
        "procname-append",
        "procname",
    ]
    .into_iter()
    .map(String::from)
    .collect();
    for phase in Phase::ALL {
        if phase.available_in(Target::V2_0) {
            expected.insert(phase.hook_option().to_string());
        }
        expected.extend(phase.exec_option().map(String::from));
    }
    expected
}

fn s(path: &Path) -> String {
    path.to_str().expect("UTF-8 temp dir").to_string()
}

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

/// The uWSGI 2.0 directives the two groups write, each to be rendered (so accepted) at
/// least once.
pub const GROUP_DIRECTIVES: &[&str] = &[
    // master_process
    "master",
    "procname-master",
    "no-orphans",
    "master-as-root",
    "check-interval",
    "master-fifo",
    "exit-on-reload",
    "die-on-term",
    "die-on-idle",
    "exception-handler",
    "catch-exceptions",
    "disable-write-exception",
    "idle",
    "reload-mercy",
    "cron2",
    "attach-daemon",
    "attach-control-daemon",
    "legion-attach-daemon",
    "smart-attach-daemon",
    "smart-attach-daemon2",
    "legion-smart-attach-daemon",
    "legion-smart-attach-daemon2",
    "attach-daemon2",
    // workers
    "workers",
    "touch-workers-reload",
    "touch-chain-reload",
    "reaper",
    "limit-as",
    "limit-nproc",
    "cpu-affinity",
    "worker-exec",
    "worker-exec2",
    "enable-threads",
    "threads",
    "offload-threads",
    "print",
    "threads-stacksize",
    "no-threads-wait",
    "mules",
    "mule",
    "farm",
    "touch-mules-reload",
    "mule-harakiri",
    "mule-reload-mercy",
    "mule-msg-size",
    "max-requests",
    "min-worker-lifetime",
    "max-worker-lifetime",
    "reload-on-as",
    "reload-on-rss",
    "evil-reload-on-as",
    "evil-reload-on-rss",
    "mem-collector-freq",
    "worker-reload-mercy",
    "reload-on-exception",
    "reload-on-exception-type",
    "reload-on-exception-value",
    "reload-on-exception-repr",
    "harakiri",
    "harakiri-verbose",
    "harakiri-no-arh",
    "zerg-server",
    "plugin",
    "zergpool",
    "zerg",
    "zerg-fallback",
];
