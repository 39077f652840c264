//! Parity for the master_process and workers items: each builds the very section the same
//! calls on the core build (same directives, same call indices), so it renders the same INI
//! and arguments; and `uwsgi_ini!` (rendered at compile time through the rows' `apply`)
//! equals `to_ini()` of the section built at run time.

use uwsgiconf::master_process::{
    self as mp, AttachProcessClassicParams, AttachProcessParams, CronTaskParams,
    ExceptionHandlingParams, ExitEventsParams, IdleParams,
};
use uwsgiconf::workers::{
    self as wk, HarakiriParams, MulesParams, ReloadOnExceptionParams, RunAsWorkerParams,
    ThreadParams, ZergClientParams, ZergServerParams,
};
use uwsgiconf::{
    uwsgi_config, uwsgi_ini, OwnerParams, PidFileParams, ProblemKind, Section, Target,
};

/// `same!([items..], |section| { calls on section })` checks that the macros and the calls
/// agree; returns the INI.
macro_rules! same {
    ([$($items:tt)*], |$section:ident| $by_hand:block) => {{
        const INI: &str = uwsgi_ini!($($items)*);
        let from_macro: Section = uwsgi_config!($($items)*);
        let mut $section = Section::new();
        $by_hand
        assert_eq!(from_macro, $section);
        assert_eq!(from_macro.to_ini().unwrap(), $section.to_ini().unwrap());
        // `workers = %k` has no command-line form: both refuse it the same way.
        assert_eq!(
            from_macro.to_args().map_err(|e| kinds(&e)),
            $section.to_args().map_err(|e| kinds(&e))
        );
        assert_eq!(INI, $section.to_ini().unwrap());
        INI
    }};
}

fn kinds(error: &uwsgiconf::Error) -> Vec<ProblemKind> {
    error.problems().iter().map(|p| p.kind()).collect()
}

#[test]
fn master_process_every_item_and_parameter() {
    let ini = same!(
        [
            master_process.basic(
                enable = true,
                name = "app master 100%",
                no_orphans = true,
                as_root = true,
                subproc_check_interval = 2,
                fifo_file = ["/run/app/a.fifo", "/run/app/b.fifo"],
                allow_root = true,
            ),
            master_process.exit_events(idle = true, reload = true, sig_term = true),
            master_process.exception_handling(
                handler = ["log", "log:arg"],
                catch = true,
                no_write_exception = true,
            ),
            master_process.idle(timeout = 30, exit = true),
            master_process.reload(mercy = 10, exit = true),
            master_process.add_cron_task(
                "echo 100% a,b",
                weekday = 7,
                month = 12,
                day = 31,
                hour = -3,
                minute = 0,
                legion = "lg,1",
                unique = true,
                harakiri = 60,
            ),
            master_process.attach_process_classic("memcached -p 11311", false, control = true),
            master_process.attach_process_classic(
                "/run/m.pid memcached -d -P /run/m.pid",
                true,
                for_legion = "cluster",
            ),
            master_process.attach_process(
                "sh -c 'echo a,b\\c'",
                broken_counter = 3,
                pidfile = "/run/x,y.pid",
                control = true,
                daemonize = true,
                touch_reload = ["/srv/t;1", "/srv/t,2"],
                signal_stop = 15,
                signal_reload = 1,
                honour_stdin = true,
                uid = 65534,
                gid = 65534,
                new_pid_ns = true,
                change_dir = "/srv",
            ),
        ],
        |s| {
            s.master_process()
                .set_basic_params(
                    mp::BasicParams::new()
                        .enable(true)
                        .name("app master 100%")
                        .no_orphans(true)
                        .as_root(true)
                        .subproc_check_interval(2)
                        .fifo_file(["/run/app/a.fifo", "/run/app/b.fifo"])
                        .allow_root(true),
                )
                .set_exit_events(
                    ExitEventsParams::new()
                        .idle(true)
                        .reload(true)
                        .sig_term(true),
                )
                .set_exception_handling_params(
                    ExceptionHandlingParams::new()
                        .handler(["log", "log:arg"])
                        .catch(true)
                        .no_write_exception(true),
                )
                .set_idle_params(IdleParams::new().timeout(30).exit(true))
                .set_reload_params(mp::ReloadParams::new().mercy(10).exit(true))
                .add_cron_task(
                    "echo 100% a,b",
                    CronTaskParams::new()
                        .weekday(7)
                        .month(12)
                        .day(31)
                        .hour(-3)
                        .minute(0)
                        .legion("lg,1")
                        .unique(true)
                        .harakiri(60),
                )
                .attach_process_classic(
                    "memcached -p 11311",
                    false,
                    AttachProcessClassicParams::new().control(true),
                )
                .attach_process_classic(
                    "/run/m.pid memcached -d -P /run/m.pid",
                    true,
                    AttachProcessClassicParams::new().for_legion("cluster"),
                )
                .attach_process(
                    "sh -c 'echo a,b\\c'",
                    AttachProcessParams::new()
                        .broken_counter(3)
                        .pidfile("/run/x,y.pid")
                        .control(true)
                        .daemonize(true)
                        .touch_reload(["/srv/t;1", "/srv/t,2"])
                        .signal_stop(15)
                        .signal_reload(1)
                        .honour_stdin(true)
                        .uid(65534)
                        .gid(65534)
                        .new_pid_ns(true)
                        .change_dir("/srv"),
                );
        }
    );
    // The core's escaping reaches the macro's output.
    assert!(
        ini.contains("procname-master = app master 100%%\n"),
        "{ini}"
    );
    assert!(
        ini.contains("legion=lg\\,1,unique=1 echo 100%% a,b\n"),
        "{ini}"
    );
    assert!(
        ini.contains("attach-daemon2 = cmd=sh -c 'echo a\\,b\\\\c',"),
        "{ini}"
    );
}

#[test]
fn master_process_other_forms() {
    same!(
        [
            master_process.basic(allow_root = true),
            master_process.basic(enable = false, no_orphans = false),
            master_process.add_cron_task("/bin/true"),
            master_process.add_cron_task("LANG=C /bin/true"),
            master_process.attach_process_classic("sleep 1000", false),
            master_process.attach_process_classic("sleep 1001", false, for_legion = "cluster"),
            master_process.attach_process_classic("/run/m.pid sleep 1002", false),
            master_process.attach_process_classic(
                "/run/m.pid sleep 1003",
                false,
                for_legion = "cluster",
            ),
            master_process.attach_process("sleep 1004"),
            master_process.attach_process("sleep 1005", control = false, touch_reload = "/srv/t"),
        ],
        |s| {
            let classic = AttachProcessClassicParams::new;
            s.master_process()
                .set_basic_params(mp::BasicParams::new().allow_root(true))
                .set_basic_params(mp::BasicParams::new().enable(false).no_orphans(false))
                .add_cron_task("/bin/true", CronTaskParams::new())
                .add_cron_task("LANG=C /bin/true", CronTaskParams::new())
                .attach_process_classic("sleep 1000", false, classic())
                .attach_process_classic("sleep 1001", false, classic().for_legion("cluster"))
                .attach_process_classic("/run/m.pid sleep 1002", false, classic())
                .attach_process_classic(
                    "/run/m.pid sleep 1003",
                    false,
                    classic().for_legion("cluster"),
                )
                .attach_process("sleep 1004", AttachProcessParams::new())
                .attach_process(
                    "sleep 1005",
                    AttachProcessParams::new()
                        .control(false)
                        .touch_reload("/srv/t"),
                );
        }
    );
    let ini = same!(
        [target("2.1"), master_process.exit_events(no_workers = true)],
        |s| {
            s.set_target(Target::V2_1)
                .master_process()
                .set_exit_events(ExitEventsParams::new().no_workers(true));
        }
    );
    assert_eq!(ini, "[uwsgi]\ndie-on-no-workers = true\n");
}

#[test]
fn workers_every_item_and_parameter() {
    same!(
        [
            workers.basic(
                count = 4,
                touch_reload = ["/srv/w1", "/srv/w2"],
                touch_chain_reload = "/srv/chain",
                zombie_reaper = true,
                limit_addr_space = 4096,
                limit_count = 100,
                cpu_affinity = 1,
            ),
            workers.run_command_as_worker("/srv/app/worker"),
            workers.thread(
                enable = true,
                count = 4,
                count_offload = 2,
                stack_size = 512,
                no_wait = true,
            ),
            workers.mules(
                mules = 2,
                touch_reload = "/srv/m",
                harakiri_timeout = 30,
                reload_mercy = 10,
                msg_buffer = 65536,
            ),
            workers.reload(
                min_lifetime = 60,
                max_lifetime = 3600,
                max_requests = 1000,
                max_addr_space = 1024,
                max_rss = 256,
                max_addr_space_forced = 2048,
                max_rss_forced = 512,
                watch_interval_forced = 5,
                mercy = 30,
            ),
            workers.reload_on_exception(
                do_reload = true,
                etype = ["MemoryError", "OSError"],
                evalue = "boom",
                erepr = "OSError: 100%",
            ),
            workers.harakiri(timeout = 30, verbose = true, disable_for_arh = true),
            workers.zerg_server("/run/zerg.sock"),
            workers.zerg_client(["/run/z1.sock", "/run/z2.sock"], use_fallback_socket = true),
        ],
        |s| {
            s.workers()
                .set_basic_params(
                    wk::BasicParams::new()
                        .count(4)
                        .touch_reload(["/srv/w1", "/srv/w2"])
                        .touch_chain_reload("/srv/chain")
                        .zombie_reaper(true)
                        .limit_addr_space(4096)
                        .limit_count(100)
                        .cpu_affinity(1),
                )
                .run_command_as_worker("/srv/app/worker", RunAsWorkerParams::new())
                .set_thread_params(
                    ThreadParams::new()
                        .enable(true)
                        .count(4)
                        .count_offload(2)
                        .stack_size(512)
                        .no_wait(true),
                )
                .set_mules_params(
                    MulesParams::new()
                        .mules(2)
                        .touch_reload("/srv/m")
                        .harakiri_timeout(30)
                        .reload_mercy(10)
                        .msg_buffer(65536),
                )
                .set_reload_params(
                    wk::ReloadParams::new()
                        .min_lifetime(60)
                        .max_lifetime(3600)
                        .max_requests(1000)
                        .max_addr_space(1024)
                        .max_rss(256)
                        .max_addr_space_forced(2048)
                        .max_rss_forced(512)
                        .watch_interval_forced(5)
                        .mercy(30),
                )
                .set_reload_on_exception_params(
                    ReloadOnExceptionParams::new()
                        .do_reload(true)
                        .etype(["MemoryError", "OSError"])
                        .evalue("boom")
                        .erepr("OSError: 100%"),
                )
                .set_harakiri_params(
                    HarakiriParams::new()
                        .timeout(30)
                        .verbose(true)
                        .disable_for_arh(true),
                )
                .set_zerg_server_params("/run/zerg.sock", ZergServerParams::new())
                .set_zerg_client_params(
                    ["/run/z1.sock", "/run/z2.sock"],
                    ZergClientParams::new().use_fallback_socket(true),
                );
        }
    );
}

#[test]
fn workers_other_forms() {
    // No count: one worker per CPU core, in files only.
    let ini = same!([workers.count_auto(0)], |s| {
        s.workers().set_count_auto(None);
    });
    assert_eq!(ini, "[uwsgi]\nworkers = %k\n");
    same!([workers.basic()], |s| {
        s.workers().set_basic_params(wk::BasicParams::new());
    });
    same!(
        [
            workers.count_auto(8),
            workers.run_command_as_worker("/srv/app/worker", after_post_fork_hook = true),
            workers.mules(mules = ["/srv/a.py", "/srv/b.py"]),
            workers.mules(mules = "/srv/c.py"),
            workers.mules(mules = []),
            workers.reload_on_exception(etype = "MemoryError"),
            workers.zerg_server(
                "/run/pool.sock",
                clients_socket_pool = ["127.0.0.1:3031", "127.0.0.1:3032"],
            ),
            workers.zerg_server("/run/pool2.sock", clients_socket_pool = "/run/app.sock"),
            workers.zerg_client("/run/z.sock"),
        ],
        |s| {
            let no_scripts: [&str; 0] = [];
            s.workers()
                .set_count_auto(8)
                .run_command_as_worker(
                    "/srv/app/worker",
                    RunAsWorkerParams::new().after_post_fork_hook(true),
                )
                .set_mules_params(MulesParams::new().mules(["/srv/a.py", "/srv/b.py"]))
                .set_mules_params(MulesParams::new().mules("/srv/c.py"))
                .set_mules_params(MulesParams::new().mules(no_scripts))
                .set_reload_on_exception_params(ReloadOnExceptionParams::new().etype("MemoryError"))
                .set_zerg_server_params(
                    "/run/pool.sock",
                    ZergServerParams::new()
                        .clients_socket_pool(["127.0.0.1:3031", "127.0.0.1:3032"]),
                )
                .set_zerg_server_params(
                    "/run/pool2.sock",
                    ZergServerParams::new().clients_socket_pool("/run/app.sock"),
                )
                .set_zerg_client_params("/run/z.sock", ZergClientParams::new());
        }
    );
    let ini = same!(
        [
            target("2.1"),
            workers.mules(mules = 1, msg_buffer_recv = 65536),
            workers.reload(max_requests_delta = 10, max_uss = 128, max_pss = 64),
        ],
        |s| {
            s.set_target(Target::V2_1)
                .workers()
                .set_mules_params(MulesParams::new().mules(1).msg_buffer_recv(65536))
                .set_reload_params(
                    wk::ReloadParams::new()
                        .max_requests_delta(10)
                        .max_uss(128)
                        .max_pss(64),
                );
        }
    );
    assert!(ini.contains("reload-on-pss = 64\n"), "{ini}");
}

/// A literal configuration using both groups next to main_process items: the INI written
/// while compiling is the one the section renders at run time.
#[test]
fn both_groups_in_one_ini() {
    let ini = same!(
        [
            owner(uid = "www-data", gid = "www-data"),
            master_process.basic(enable = true, no_orphans = true),
            workers.basic(count = 4),
            workers.thread(enable = true),
            workers.harakiri(timeout = 30),
            master_process.add_cron_task("/srv/app/cleanup", hour = -3, minute = 0),
            pid_file("/run/app.pid"),
            option("socket", "127.0.0.1:3031"),
        ],
        |s| {
            s.main_process()
                .set_owner_params(OwnerParams::new().uid("www-data").gid("www-data"));
            s.master_process()
                .set_basic_params(mp::BasicParams::new().enable(true).no_orphans(true));
            s.workers()
                .set_basic_params(wk::BasicParams::new().count(4))
                .set_thread_params(ThreadParams::new().enable(true))
                .set_harakiri_params(HarakiriParams::new().timeout(30));
            s.master_process()
                .add_cron_task("/srv/app/cleanup", CronTaskParams::new().hour(-3).minute(0));
            s.main_process()
                .set_pid_file("/run/app.pid", PidFileParams::new());
            s.add_option("socket", "127.0.0.1:3031");
        }
    );
    assert_eq!(
        ini,
        "[uwsgi]\nuid = www-data\ngid = www-data\nmaster = true\nno-orphans = true\n\
         workers = 4\nenable-threads = true\nharakiri = 30\n\
         cron2 = hour=-3,minute=0 /srv/app/cleanup\npidfile = /run/app.pid\n\
         socket = 127.0.0.1:3031\n"
    );
}

/// Run-time values take the types the methods take, and build the same section.
#[test]
fn runtime_values() {
    let count: u32 = 6;
    let minute: i32 = 15;
    let scripts = vec!["/srv/a.py".to_string(), "/srv/b.py".to_string()];
    let fallback = true;
    let from_macro = uwsgi_config!(
        workers.count_auto(count),
        workers.mules(mules = scripts.clone(), harakiri_timeout = count * 10),
        workers.zerg_client(scripts.clone(), use_fallback_socket = fallback),
        master_process.add_cron_task(format!("/bin/echo {count}"), minute = minute),
        master_process.attach_process_classic("sleep 1000", !fallback),
    );
    let mut section = Section::new();
    section
        .workers()
        .set_count_auto(count)
        .set_mules_params(
            MulesParams::new()
                .mules(scripts.clone())
                .harakiri_timeout(count * 10),
        )
        .set_zerg_client_params(
            scripts.clone(),
            ZergClientParams::new().use_fallback_socket(fallback),
        );
    section
        .master_process()
        .add_cron_task(
            format!("/bin/echo {count}"),
            CronTaskParams::new().minute(minute),
        )
        .attach_process_classic("sleep 1000", !fallback, AttachProcessClassicParams::new());
    assert_eq!(from_macro, section);
    assert_eq!(from_macro.to_ini().unwrap(), section.to_ini().unwrap());
}

/// Problems found at run time name the item as written, group included, and its call.
#[test]
fn runtime_problems_name_the_qualified_item() {
    let minute = 60;
    let command = "echo 100%";
    let section = uwsgi_config!(
        workers.basic(count = 2),
        master_process.add_cron_task("/bin/true", minute = minute),
        workers.run_command_as_worker(command),
    );
    let error = section.to_ini().unwrap_err();
    let found: Vec<(&str, Option<usize>, ProblemKind)> = error
        .problems()
        .iter()
        .map(|p| (p.origin(), p.call(), p.kind()))
        .collect();
    assert_eq!(
        found,
        [
            (
                "master_process.add_cron_task",
                Some(1),
                ProblemKind::InvalidValue
            ),
            (
                "workers.run_command_as_worker",
                Some(2),
                ProblemKind::InvalidValue
            ),
        ]
    );
}
