//! Strict-mode probes of the main-process methods, every action and the option catalogue
//! (`uwsgi_strict.rs` describes the technique).

use std::collections::BTreeSet;
use std::path::Path;

use crate::support::ACCEPTED;
use uwsgiconf::options::OptionSpec;
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
        if skip.contains(spec.name()) {
            continue;
        }
        if spec.takes_bool() {
            section.set_option(spec.name(), true);
        } else {
            section.set_option(spec.name(), "1");
        }
    }
    section.set_option("exit", ACCEPTED);
    section
}

/// The directives the main-process methods are documented to write, with every hook phase of
/// uWSGI 2.0 and every phase with an `exec-` form: each must be rendered (so accepted) at
/// least once by [`main_process_probes`].
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

/// For every phase of uWSGI 2.0, a strict section that hooks every action of
/// [`every_action`] there, with the probe's name (`set_hook(Phase::ASAP, ..)`).
pub fn phase_probes(base: &Path) -> Vec<(Phase, String, Section)> {
    let actions = every_action(base);
    Phase::ALL
        .into_iter()
        .filter(|phase| phase.available_in(Target::V2_0))
        .map(|phase| {
            let mut section = strict_section();
            for action in &actions {
                section.main_process().set_hook(phase, action);
            }
            let name = format!("set_hook(Phase::{}, ..)", phase.const_name());
            (phase, name, section)
        })
        .collect()
}
