//! The master_process and workers items of `uwsgi_config!` against the real uWSGI: sections
//! written with every item and every parameter the language takes are accepted in strict
//! mode, as an INI file and as command-line arguments (strict probes of `support`: strict
//! mode and a first asap hook `callint:_exit 42`, each probe with its negative control).
//!
//! Every uWSGI 2.0 directive the rows of the two groups say they write is rendered by one of
//! the probes; the options only later releases have are refused by the crate for 2.0 (see
//! `uwsgi_groups.rs` for uWSGI's own refusal of them).

mod support;

use std::collections::BTreeSet;
use std::path::Path;

use support::{notice, Prepend, Uwsgi, STOP};
use uwsgiconf::dsl::{self, Receiver};
use uwsgiconf::{options, uwsgi_config, Section, Target};

fn s(path: &Path) -> String {
    path.to_str().expect("UTF-8 temp dir").to_string()
}

/// Asserts that uWSGI accepts the section in strict mode as INI, and as arguments unless
/// `ini_only`; returns the INI.
fn assert_accepted(uwsgi: &Uwsgi, name: &str, section: &Section, ini_only: bool) -> String {
    let ini = section
        .to_ini()
        .unwrap_or_else(|e| panic!("{name}: the crate refused it: {e}"));
    let lines: Vec<&str> = ini.lines().collect();
    assert_eq!(
        lines[..3],
        ["[uwsgi]", "strict = true", &format!("hook-asap = {STOP}")],
        "{name}: strict mode and the stop must come first\n{ini}"
    );
    uwsgi.assert_strict_accepts_ini(name, Prepend::Nothing, &ini);
    if !ini_only {
        let args = section
            .to_args()
            .unwrap_or_else(|e| panic!("{name}: the crate refused it as args: {e}"));
        assert_eq!(args[..3], ["--strict", "--hook-asap", STOP], "{name}");
        uwsgi.assert_strict_accepts_args(name, Prepend::Nothing, &args);
    }
    ini
}

/// Sections written with the macro, every item of the two groups in at least one, with
/// whether they render as INI only. Paths are run-time values under `base`.
fn probes(base: &Path) -> Vec<(&'static str, Section, bool)> {
    let path = |name: &str| s(&base.join(name));
    let pid = path("m.pid");
    let master = uwsgi_config!(
        option("strict", true),
        hook(asap, call("_exit 42", arg_int = true)),
        master_process.basic(
            enable = true,
            name = "uwsgiconf master 100%",
            no_orphans = true,
            as_root = true,
            subproc_check_interval = 2,
            fifo_file = [path("a.fifo"), path("b.fifo")],
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
        master_process.add_cron_task("/bin/true"),
        master_process.add_cron_task(
            "echo 100% a,b",
            weekday = 1,
            month = 2,
            day = 3,
            hour = 4,
            minute = 5,
            legion = "lg,1",
            unique = true,
            harakiri = 6,
        ),
        master_process.add_cron_task("/bin/true", weekday = 7, hour = -3, minute = 0),
        master_process.add_cron_task("LANG=C /bin/true"),
        master_process.attach_process_classic("sleep 1000", false),
        master_process.attach_process_classic("sleep 1001", false, control = true),
        master_process.attach_process_classic("sleep 1002", false, for_legion = "cluster"),
        master_process.attach_process_classic(format!("{pid} sleep 1003"), true),
        master_process.attach_process_classic(format!("{pid} sleep 1004"), false),
        master_process.attach_process_classic(
            format!("{pid} sleep 1005"),
            true,
            for_legion = "cluster",
        ),
        master_process.attach_process_classic(
            format!("{pid} sleep 1006"),
            false,
            for_legion = "cluster",
        ),
        master_process.attach_process(
            "sh -c 'echo a,b\\c 100%'",
            broken_counter = 3,
            pidfile = path("x,y.pid"),
            control = true,
            daemonize = true,
            touch_reload = [path("t;1"), path("t,2")],
            signal_stop = 15,
            signal_reload = 1,
            honour_stdin = true,
            uid = 65534,
            gid = 65534,
            new_pid_ns = true,
            change_dir = s(base),
        ),
        master_process.attach_process("sleep 1007"),
    );
    let workers = uwsgi_config!(
        option("strict", true),
        hook(asap, call("_exit 42", arg_int = true)),
        workers.basic(
            count = 3,
            touch_reload = [path("w1"), path("w2")],
            touch_chain_reload = path("c"),
            zombie_reaper = true,
            limit_addr_space = 4096,
            limit_count = 1000,
            cpu_affinity = 1,
        ),
        workers.run_command_as_worker("/bin/true"),
        workers.thread(
            enable = true,
            count = 4,
            count_offload = 2,
            stack_size = 512,
            no_wait = true,
        ),
        workers.mules(
            mules = 2,
            touch_reload = path("m"),
            harakiri_timeout = 30,
            reload_mercy = 10,
            msg_buffer = 65536,
        ),
        workers.reload(
            min_lifetime = 1,
            max_lifetime = 2,
            max_requests = 3,
            max_addr_space = 5,
            max_rss = 6,
            max_addr_space_forced = 9,
            max_rss_forced = 10,
            watch_interval_forced = 11,
            mercy = 12,
        ),
        workers.reload_on_exception(
            do_reload = true,
            etype = ["RuntimeError", "OSError"],
            evalue = "with spaces",
            erepr = "RuntimeError: 100%",
        ),
        workers.harakiri(timeout = 30, verbose = true, disable_for_arh = true),
        workers.zerg_server(path("zerg.sock")),
        workers.zerg_client(
            [path("z1.sock"), path("z2.sock")],
            use_fallback_socket = true
        ),
    );
    let other_forms = uwsgi_config!(
        option("strict", true),
        hook(asap, call("_exit 42", arg_int = true)),
        workers.count_auto(3),
        workers.run_command_as_worker("/bin/true", after_post_fork_hook = true),
        workers.mules(mules = [path("m1.py"), path("m2.py")]),
        workers.mules(mules = path("m3.py")),
        workers.zerg_server(
            path("pool1.sock"),
            clients_socket_pool = ["127.0.0.1:0", "127.0.0.1:0"]
        ),
        workers.zerg_server(
            path("pool2.sock"),
            clients_socket_pool = path("pool-app.sock")
        ),
    );
    // `%k` exists only in config files.
    let cpu_cores = uwsgi_config!(
        option("strict", true),
        hook(asap, call("_exit 42", arg_int = true)),
        workers.count_auto(0),
    );
    vec![
        ("master_process items", master, false),
        ("workers items", workers, false),
        ("workers items, other forms", other_forms, false),
        ("workers.count_auto(0)", cpu_cores, true),
    ]
}

/// The uWSGI 2.0 directives the rows of the two groups say they write (all the typed methods
/// write but `farm`: mule farms have no literal form, and the `mules` row leaves them out).
fn group_directives() -> BTreeSet<&'static str> {
    dsl::items()
        .filter(|spec| matches!(spec.receiver, Receiver::Group("master_process" | "workers")))
        .flat_map(|spec| spec.directives())
        .filter(|directive| {
            options::lookup(directive).is_some_and(|option| option.available_in(Target::V2_0))
        })
        .collect()
}

#[test]
fn every_item_of_the_groups_is_accepted_in_strict_mode() {
    let Some(uwsgi) = support::uwsgi() else {
        return;
    };
    let base = support::temp_dir();
    let probes = probes(base.path());
    let inis = support::parallel_map(&probes, |(name, section, ini_only)| {
        assert_accepted(uwsgi, name, section, *ini_only)
    });
    let mut written = BTreeSet::new();
    for ini in &inis {
        written.extend(support::ini_keys(ini));
    }
    let expected = group_directives();
    let missing: Vec<&&str> = expected
        .iter()
        .filter(|directive| !written.contains(**directive))
        .collect();
    assert!(missing.is_empty(), "never rendered: {missing:?}");
    // Nothing the rows do not name either (but the probe's own strict mode and stop).
    let extra: Vec<&String> = written
        .iter()
        .filter(|key| !expected.contains(key.as_str()))
        .filter(|key| !["strict", "hook-asap"].contains(&key.as_str()))
        .collect();
    assert!(extra.is_empty(), "not named by the rows: {extra:?}");
    notice(&format!(
        "strict mode ({}): {} uwsgi_config! sections with every master_process/workers item, \
         {} distinct directives accepted (INI, and args but for `workers = %k`)",
        uwsgi.version(),
        probes.len(),
        expected.len(),
    ));
}

/// The rows' directives that uWSGI 2.0 lacks are the ones the crate refuses for 2.0, and
/// every other directive is one uWSGI 2.0 has: the probes above cover all the rest.
#[test]
fn the_rows_directives_of_later_releases_are_the_known_ones() {
    let later: BTreeSet<&str> = dsl::items()
        .filter(|spec| matches!(spec.receiver, Receiver::Group("master_process" | "workers")))
        .flat_map(|spec| spec.directives())
        .filter(|directive| !group_directives().contains(directive))
        .collect();
    assert_eq!(
        later.into_iter().collect::<Vec<_>>(),
        [
            "die-on-no-workers",
            "max-requests-delta",
            "mule-msg-recv-size",
            "reload-on-pss",
            "reload-on-uss"
        ]
    );
}
