//! Strict-mode probes of the master-process and workers groups (`uwsgi_groups.rs`).

use std::path::Path;

use super::main_process::strict_section;
use uwsgiconf::master_process::{
    self as mp, AttachProcessClassicParams, AttachProcessParams, CronTaskParams,
    ExceptionHandlingParams, ExitEventsParams, IdleParams,
};
use uwsgiconf::workers::{
    self as wk, HarakiriParams, MuleFarm, MulesParams, ReloadOnExceptionParams, RunAsWorkerParams,
    ThreadParams, ZergClientParams, ZergServerParams,
};
use uwsgiconf::Section;

pub fn s(path: &Path) -> String {
    path.to_str().expect("UTF-8 temp dir").to_string()
}

/// Sections exercising every method and parameter variant of the two groups (uWSGI 2.0
/// options), with whether they render as INI only.
pub fn probes(base: &Path) -> Vec<(String, Section, bool)> {
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
pub const DIRECTIVES: &[&str] = &[
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
