// The example of the issue, compared with the same calls on the core.
use uwsgiconf::{
    uwsgi_config, uwsgi_ini, Action, BasicParams, ChangeDirParams, DaemonizeParams, MemoryParams,
    NamingParams, OnExitParams, OwnerParams, Phase, PidFileParams, RunOnEventParams, Section,
};

const INI: &str = uwsgi_ini!(pid_file("/run/app.pid"), hook(asap, execute("echo hi")));

fn main() {
    let section: uwsgiconf::Section = uwsgi_config!(
        owner(
            uid = "www-data",
            gid = "www-data",
            add_gids = ["docker", 1001]
        ),
        pid_file("/run/app/app.pid", before_priv_drop = false, safe = true),
        change_dir("/srv/app"),
        daemonize("/var/log/app.log", after_app_loading = true),
        basic(
            touch_reload = ["/srv/app/reload"],
            priority = 5,
            vacuum = true
        ),
        memory(ksm_interval = 10, no_swap = true),
        naming(autonaming = true, prefix = "app "),
        on_exit(skip_hooks = true, skip_teardown = true),
        hook(
            asap,
            [
                execute("mkdir -p /run/app"),
                chown("/run/app", "www-data", "www-data"),
                printout("booting")
            ]
        ),
        hook(
            PRIV_DROP_POST,
            file_write("/run/app/ready", "1", newline = true)
        ),
        hook_touch("/srv/app/stop", exit(0)),
        hook_after_request("my_c_symbol"),
        run_command_on_event("echo started", phase = pre_app),
        run_command_on_touch("echo touched", target = "/srv/app/touch"),
        option("master", true),
    );

    let mut by_hand = Section::new();
    let mut main = by_hand.main_process();
    main.set_owner_params(
        OwnerParams::new()
            .uid("www-data")
            .gid("www-data")
            .add_gids(["docker", "1001"]),
    )
    .set_pid_file(
        "/run/app/app.pid",
        PidFileParams::new().before_priv_drop(false).safe(true),
    )
    .change_dir("/srv/app", ChangeDirParams::new())
    .daemonize(
        "/var/log/app.log",
        DaemonizeParams::new().after_app_loading(true),
    )
    .set_basic_params(
        BasicParams::new()
            .touch_reload(["/srv/app/reload"])
            .priority(5)
            .vacuum(true),
    )
    .set_memory_params(MemoryParams::new().ksm_interval(10).no_swap(true))
    .set_naming_params(NamingParams::new().autonaming(true).prefix("app "))
    .set_on_exit_params(OnExitParams::new().skip_hooks(true).skip_teardown(true))
    .set_hook(
        Phase::ASAP,
        [
            Action::execute("mkdir -p /run/app"),
            Action::chown("/run/app", "www-data", "www-data"),
            Action::printout("booting"),
        ],
    )
    .set_hook(
        Phase::PRIV_DROP_POST,
        Action::file_write("/run/app/ready", "1").newline(true),
    )
    .set_hook_touch("/srv/app/stop", Action::exit(0))
    .set_hook_after_request("my_c_symbol")
    .run_command_on_event("echo started", RunOnEventParams::new().phase(Phase::PreApp))
    .run_command_on_touch("echo touched", "/srv/app/touch");
    by_hand.add_option("master", true);

    assert_eq!(section, by_hand);
    assert_eq!(section.to_ini().unwrap(), by_hand.to_ini().unwrap());
    assert_eq!(
        INI,
        uwsgi_config!(pid_file("/run/app.pid"), hook(asap, execute("echo hi")))
            .to_ini()
            .unwrap()
    );
}
