//! Parity: for a broad set of configurations, `uwsgi_config!` builds the very section that
//! the same calls on the core build (same directives, same call indices), so it renders the
//! same INI and arguments; and `uwsgi_ini!` (rendered at compile time through the core's
//! `dsl::apply`) equals `uwsgi_config!(..).to_ini().unwrap()` (built at run time by the
//! generated calls).

use uwsgiconf::{
    uwsgi_config, uwsgi_ini, Action, BasicParams, ChangeDirParams, DaemonizeParams, DropAfter,
    MemoryParams, NamingParams, OnExitParams, OwnerParams, Phase, PidFileParams, RunOnEventParams,
    Section, Target,
};

/// `same!([items..], |section| { calls on section })` checks the four ways agree.
macro_rules! same {
    ([$($items:tt)*], |$section:ident| $by_hand:block) => {{
        const INI: &str = uwsgi_ini!($($items)*);
        let from_macro: Section = uwsgi_config!($($items)*);
        let mut $section = Section::new();
        $by_hand
        assert_eq!(from_macro, $section);
        assert_eq!(from_macro.to_ini().unwrap(), $section.to_ini().unwrap());
        assert_eq!(from_macro.to_args().unwrap(), $section.to_args().unwrap());
        assert_eq!(INI, from_macro.to_ini().unwrap());
        INI
    }};
}

#[test]
fn basic_memory_daemonize_change_dir() {
    let ini = same!(
        [
            basic(
                touch_reload = ["/srv/a", "/srv/b"],
                priority = -5,
                vacuum = true,
                binary_path = "/usr/bin/uwsgi",
                honour_stdin = false,
            ),
            memory(ksm_interval = 10, no_swap = true),
            daemonize("/var/log/app.log"),
            change_dir("/srv/app", after_app_loading = true),
        ],
        |s| {
            s.main_process()
                .set_basic_params(
                    BasicParams::new()
                        .touch_reload(["/srv/a", "/srv/b"])
                        .priority(-5)
                        .vacuum(true)
                        .binary_path("/usr/bin/uwsgi")
                        .honour_stdin(false),
                )
                .set_memory_params(MemoryParams::new().ksm_interval(10).no_swap(true))
                .daemonize("/var/log/app.log", DaemonizeParams::new())
                .change_dir("/srv/app", ChangeDirParams::new().after_app_loading(true));
        }
    );
    assert!(ini.contains("never-swap = true\n"));
    same!(
        [
            basic(touch_reload = "/srv/one"),
            daemonize("127.0.0.1:5000", after_app_loading = true),
            change_dir("/srv/app", after_app_loading = false),
            memory(no_swap = false),
        ],
        |s| {
            s.main_process()
                .set_basic_params(BasicParams::new().touch_reload("/srv/one"))
                .daemonize(
                    "127.0.0.1:5000",
                    DaemonizeParams::new().after_app_loading(true),
                )
                .change_dir("/srv/app", ChangeDirParams::new())
                .set_memory_params(MemoryParams::new().no_swap(false));
        }
    );
}

#[test]
fn owner() {
    same!(
        [owner(
            uid = "www-data",
            gid = "www-data",
            add_gids = ["docker", 1001]
        )],
        |s| {
            s.main_process().set_owner_params(
                OwnerParams::new()
                    .uid("www-data")
                    .gid("www-data")
                    .add_gids(["docker", "1001"]),
            );
        }
    );
    let ini = same!([owner(uid = 1001, gid = 1002, set_asap = true)], |s| {
        s.main_process()
            .set_owner_params(OwnerParams::new().uid(1001).gid(1002).set_asap(true));
    });
    assert_eq!(ini, "[uwsgi]\nimmediate-gid = 1002\nimmediate-uid = 1001\n");
    same!(
        [owner(
            uid = "root",
            gid = "root",
            allow_root = true,
            drop_after = apps
        )],
        |s| {
            s.main_process().set_owner_params(
                OwnerParams::new()
                    .uid("root")
                    .gid("root")
                    .allow_root(true)
                    .drop_after(DropAfter::Apps),
            );
        }
    );
    same!([owner(uid = "app", gid = "app", drop_after = init)], |s| {
        s.main_process().set_owner_params(
            OwnerParams::new()
                .uid("app")
                .gid("app")
                .drop_after(DropAfter::Init),
        );
    });
}

#[test]
fn phases_by_every_name() {
    same!(
        [
            hook(asap, printout("1")),
            hook(pre_jail, printout("2")),
            hook(in_jail, printout("3")),
            hook(post_jail, printout("4")),
            hook(as_root, printout("5")),
            hook(as_user, printout("6")),
            hook(master_start, printout("7")),
            hook(emperor_start, printout("8")),
            hook(emperor_stop, printout("9")),
            hook(emperor_reload, printout("10")),
            hook(emperor_lost, printout("11")),
            hook(as_user_atexit, printout("12")),
            hook(pre_app, printout("13")),
            hook(post_app, printout("14")),
            hook(as_vassal, printout("15")),
            hook(as_emperor, printout("16")),
            hook(as_gateway, printout("17")),
            hook(as_mule, printout("18")),
            hook(accepting, printout("19")),
            hook(accepting1, printout("20")),
            hook(accepting_once, printout("21")),
            hook(accepting1_once, printout("22")),
            hook(post_fork, printout("23")),
        ],
        |s| {
            // Every phase uWSGI 2.0 has, in the core's order (the items above follow it).
            let phases = Phase::ALL
                .into_iter()
                .filter(|phase| phase.first_target() == Target::V2_0);
            for (index, phase) in phases.enumerate() {
                s.main_process()
                    .set_hook(phase, Action::printout((index + 1).to_string()));
            }
        }
    );
    same!(
        [
            target("2.1"),
            hook(JAIL_PRE, printout("a")),
            hook(PRIV_DROP_PRE, printout("b")),
            hook(EXIT, printout("c")),
            hook(APP_LOAD_POST, printout("d")),
            hook(VASSAL_ON_DEMAND_IN, printout("e")),
            hook(VASSAL_CONFIG_CHANGE_POST, printout("f")),
            hook(VASSAL_START_PRE, printout("g")),
            hook(VASSAL_PRIV_DRP_PRE, printout("h")),
            hook(WORKER_ACCEPTING_PRE_FIRST_ONCE, printout("j")),
            hook(pre_jail, printout("k")),
            hook(pre_jail, printout("l")),
        ],
        |s| {
            s.set_target(Target::V2_1);
            for (phase, text) in [
                (Phase::JAIL_PRE, "a"),
                (Phase::PRIV_DROP_PRE, "b"),
                (Phase::EXIT, "c"),
                (Phase::APP_LOAD_POST, "d"),
                (Phase::VASSAL_ON_DEMAND_IN, "e"),
                (Phase::VASSAL_CONFIG_CHANGE_POST, "f"),
                (Phase::VASSAL_START_PRE, "g"),
                (Phase::VASSAL_PRIV_DRP_PRE, "h"),
                (Phase::WORKER_ACCEPTING_PRE_FIRST_ONCE, "j"),
                (Phase::PreJail, "k"),
                (Phase::PreJail, "l"),
            ] {
                s.main_process().set_hook(phase, Action::printout(text));
            }
        }
    );
}

#[test]
fn every_action_and_flag() {
    same!(
        [hook(
            asap,
            [
                alarm("myal", "bang now"),
                call("uwsgi_log loaded"),
                call("my_init 3", arg_int = true, honour_exit_status = true),
                call("f", honour_exit_status = true),
                dir_change("/srv"),
                dir_create("/run/app"),
                execute("echo 100% $(HOME) @(x)"),
                exit(),
                exit(0),
                exit(5),
                exit(42),
                fifo_write("/run/fifo", "r"),
                fifo_write("/run/fifo", "r", wait = true),
                file_create("/run/app/a"),
                file_write("/run/a", "text"),
                file_write("/run/a", "text", append = true, newline = true),
                mount("/proc", fs = "proc", src = "none"),
                mount(
                    "/t",
                    fs = "tmpfs",
                    src = "none",
                    flags = ["nodev", "nosuid"]
                ),
                mount("/proc"),
                mount("/proc", flags = ["rec", "detach"]),
                mount(
                    "/t",
                    fs = "tmpfs",
                    src = "none",
                    flags = "nodev",
                    data = "size=1m,mode=755"
                ),
                mount("/t", fs = "tmpfs", src = "none", data = "size=1m"),
                printout("50% done"),
                set_host_name("box"),
                unlink("/run/app/a"),
                putenv("A", "1"),
                chmod("/run/app", "755"),
                chmod("/run/app", "0750"),
                chmod("/run/app", 0o640),
                sticky("/tmp"),
                chown("/run/app", "www-data", "www-data"),
                chown2("/run/app", 33, 33),
                safe_execute("true"),
                rpc("hello@127.0.0.1:3031 a"),
                retry_rpc("hello"),
                wait_for_fs("/x"),
                wait_for_file("/x"),
                wait_for_dir("/x"),
                wait_for_socket("127.0.0.1:80"),
                unix_signal(10, "handler"),
                execute("secret", private = true),
                file_write("/run/b", "t", private = true),
                mount("/m", private = false),
            ]
        )],
        |s| {
            s.main_process().set_hook(
                Phase::ASAP,
                [
                    Action::alarm("myal", "bang now"),
                    Action::call("uwsgi_log loaded").into(),
                    Action::call("my_init 3")
                        .arg_int(true)
                        .honour_exit_status(true)
                        .into(),
                    Action::call("f").honour_exit_status(true).into(),
                    Action::dir_change("/srv"),
                    Action::dir_create("/run/app"),
                    Action::execute("echo 100% $(HOME) @(x)"),
                    Action::exit(None),
                    Action::exit(0),
                    Action::exit(5),
                    Action::exit(42),
                    Action::fifo_write("/run/fifo", "r").into(),
                    Action::fifo_write("/run/fifo", "r").wait(true).into(),
                    Action::file_create("/run/app/a"),
                    Action::file_write("/run/a", "text").into(),
                    Action::file_write("/run/a", "text")
                        .append(true)
                        .newline(true)
                        .into(),
                    Action::mount("/proc").fs("proc").src("none").into(),
                    Action::mount("/t")
                        .fs("tmpfs")
                        .src("none")
                        .flags(["nodev", "nosuid"])
                        .into(),
                    Action::mount("/proc").into(),
                    Action::mount("/proc").flags(["rec", "detach"]).into(),
                    Action::mount("/t")
                        .fs("tmpfs")
                        .src("none")
                        .flags("nodev")
                        .data("size=1m,mode=755")
                        .into(),
                    Action::mount("/t")
                        .fs("tmpfs")
                        .src("none")
                        .data("size=1m")
                        .into(),
                    Action::printout("50% done"),
                    Action::set_host_name("box"),
                    Action::unlink("/run/app/a"),
                    Action::putenv("A", "1"),
                    Action::chmod("/run/app", "755"),
                    Action::chmod("/run/app", "0750"),
                    Action::chmod("/run/app", 0o640),
                    Action::sticky("/tmp"),
                    Action::chown("/run/app", "www-data", "www-data"),
                    Action::chown2("/run/app", 33, 33),
                    Action::safe_execute("true"),
                    Action::rpc("hello@127.0.0.1:3031 a"),
                    Action::retry_rpc("hello"),
                    Action::wait_for_fs("/x"),
                    Action::wait_for_file("/x"),
                    Action::wait_for_dir("/x"),
                    Action::wait_for_socket("127.0.0.1:80"),
                    Action::unix_signal(10, "handler"),
                    Action::execute("secret").private(),
                    Action::file_write("/run/b", "t").private(),
                    Action::mount("/m").into(),
                ],
            );
        }
    );
}

#[test]
fn raw_actions_and_mixed_lists() {
    let ini = same!(
        [
            hook(asap, "mkdir:/run/app"),
            hook(
                asap,
                [
                    "exit:5",
                    "!exec:secret",
                    "print:100%",
                    "writen:/f hello world",
                    "mount:tmpfs none /t nodev,nosuid size=1m"
                ]
            ),
            hook(pre_app, [dir_create("/run/x"), "chmod:/run/x 750", exit(3)]),
            hook_touch("/srv/app/stop", ["print:stopping", exit(0)]),
        ],
        |s| {
            s.main_process()
                .set_hook(Phase::ASAP, "mkdir:/run/app")
                .set_hook(
                    Phase::ASAP,
                    [
                        "exit:5",
                        "!exec:secret",
                        "print:100%",
                        "writen:/f hello world",
                        "mount:tmpfs none /t nodev,nosuid size=1m",
                    ],
                )
                .set_hook(
                    Phase::PreApp,
                    [
                        Action::dir_create("/run/x"),
                        Action::parse("chmod:/run/x 750"),
                        Action::exit(3),
                    ],
                )
                .set_hook_touch(
                    "/srv/app/stop",
                    [Action::parse("print:stopping"), Action::exit(0)],
                );
        }
    );
    assert!(ini.contains("hook-asap = exit:05\n"));
    assert!(ini.contains("hook-asap = mount:tmpfs none /t nodev,nosuid size=1m\n"));
    assert!(ini.ends_with("master = true\n"));
}

#[test]
fn commands_requests_exit_naming_pid_file() {
    same!(
        [
            hook_after_request(["first_symbol", "second_symbol"]),
            hook_after_request("third"),
            on_exit(skip_hooks = true),
            on_exit(skip_teardown = true),
            run_command_on_event(["date", "id"], phase = PRIV_DROP_POST),
            run_command_on_event("echo asap"),
            run_command_on_touch(["echo a", "echo b"], target = "/srv/touch"),
            naming(
                autonaming = true,
                prefix = "app ",
                suffix = "-x",
                name = "main"
            ),
            pid_file("/run/a.pid"),
            pid_file("/run/b.pid", before_priv_drop = false),
            pid_file("/run/c.pid", safe = true),
            pid_file("/run/d.pid", safe = true, before_priv_drop = false),
        ],
        |s| {
            s.main_process()
                .set_hook_after_request(["first_symbol", "second_symbol"])
                .set_hook_after_request("third")
                .set_on_exit_params(OnExitParams::new().skip_hooks(true))
                .set_on_exit_params(OnExitParams::new().skip_teardown(true))
                .run_command_on_event(
                    ["date", "id"],
                    RunOnEventParams::new().phase(Phase::PRIV_DROP_POST),
                )
                .run_command_on_event("echo asap", RunOnEventParams::new())
                .run_command_on_touch(["echo a", "echo b"], "/srv/touch")
                .set_naming_params(
                    NamingParams::new()
                        .autonaming(true)
                        .prefix("app ")
                        .suffix("-x")
                        .name("main"),
                )
                .set_pid_file("/run/a.pid", PidFileParams::new())
                .set_pid_file("/run/b.pid", PidFileParams::new().before_priv_drop(false))
                .set_pid_file("/run/c.pid", PidFileParams::new().safe(true))
                .set_pid_file(
                    "/run/d.pid",
                    PidFileParams::new().safe(true).before_priv_drop(false),
                );
        }
    );
}

#[test]
fn options_and_escaping() {
    let ini = same!(
        [
            option("master", true),
            option("processes", 4),
            option("env", "A=1"),
            option("env", "B=$(HOME) 100%"),
            option("socket", ":3031"),
            option("vacuum", true),
            option("vacuum", false),
            option("procname", " leading blank"),
            option("prio", -1),
        ],
        |s| {
            s.add_option("master", true)
                .add_option("processes", 4)
                .add_option("env", "A=1")
                .add_option("env", "B=$(HOME) 100%")
                .add_option("socket", ":3031")
                .add_option("vacuum", true)
                .add_option("vacuum", false)
                .add_option("procname", " leading blank")
                .add_option("prio", -1);
        }
    );
    assert!(ini.contains("env = A=1\n"));
    assert!(!ini.contains("vacuum"));
    assert!(ini.contains("set-placeholder"));
}

#[test]
fn targets() {
    same!([target("2.0"), option("master", true)], |s| {
        s.set_target(Target::V2_0).add_option("master", true);
    });
    same!([option("ienv", "A=1"), target("2.1")], |s| {
        s.add_option("ienv", "A=1").set_target(Target::V2_1);
    });
}

/// Problems found at run time carry the index of the item that caused them, as those the
/// macro reports at compile time do.
#[test]
fn runtime_problems_name_their_item() {
    let uid = "root";
    let mode = "75";
    let section = uwsgi_config!(
        pid_file("/run/app.pid"),
        owner(uid = uid, gid = "www-data"),
        hook(asap, chmod("/run/app", mode)),
    );
    let calls: Vec<Option<usize>> = section
        .to_ini()
        .unwrap_err()
        .problems()
        .iter()
        .map(|p| p.call())
        .collect();
    assert_eq!(calls, [Some(1), Some(2)]);
}
