//! The quickstart example's configuration: it renders, and the real uWSGI accepts it in
//! strict mode.
//!
//! uWSGI is found through `UWSGI_BIN`, else `uwsgi` on `PATH`, and run safely, by `support`.
//! Without it the uWSGI checks are skipped with a notice, unless `UWSGICONF_REQUIRE_UWSGI=1`,
//! which makes a missing binary a failure.
//!
//! The configuration turns strict mode on itself (`strict = true`, `--strict`), so the strict
//! probes put only `--hook-asap "callint:_exit 42"` before it: it is the first asap hook.
//! uWSGI reads the whole config first (strict mode refuses unknown directives while reading),
//! then runs the asap hooks in order: `_exit(42)` ends the process before any hook of the
//! config runs, before privileges drop, and without atexit handlers (so `vacuum` removes
//! nothing). Exit status 42 therefore proves the config was accepted; each probe's negative
//! control (one unknown directive more) must be refused.

#[allow(dead_code)]
#[path = "../examples/quickstart.rs"]
mod quickstart;
mod support;

use support::{Prepend, ACCEPTED};

#[test]
fn renders_in_both_modes() {
    for daemonize in [false, true] {
        let section = quickstart::web_app(daemonize);
        let ini = section
            .to_ini()
            .unwrap_or_else(|e| panic!("daemonize={daemonize}: {e}"));
        let lines: Vec<&str> = ini.lines().collect();
        assert_eq!(lines[..2], ["[uwsgi]", "strict = true"]);
        for expected in [
            "uid = www-data",
            "gid = www-data",
            "pidfile2 = /run/myapp/uwsgi.pid",
            "chdir = /srv/myapp",
            "touch-reload = /srv/myapp/reload",
            "vacuum = true",
            "procname-prefix-spaced = myapp",
            "hook-asap = chown:/run/myapp www-data www-data",
            // A literal `%` in print text: printf format, then the file's magic pass.
            "hook-asap = print:myapp: config read, 100%%%% strict",
            "hook-as-user = writen:/run/myapp/state running as www-data",
            "master = true",
            "http-socket = 127.0.0.1:8000",
        ] {
            assert!(lines.contains(&expected), "missing {expected:?} in\n{ini}");
        }
        assert_eq!(
            lines.contains(&"daemonize = /var/log/myapp/uwsgi.log"),
            daemonize,
            "{ini}"
        );

        let args = section
            .to_args()
            .unwrap_or_else(|e| panic!("daemonize={daemonize}: {e}"));
        assert_eq!(args[0], "--strict");
        // On the command line there is no magic pass: only printf's doubling remains.
        assert!(args.contains(&"print:myapp: config read, 100%% strict".to_string()));
    }
}

#[test]
fn uwsgi_accepts_the_ini_in_strict_mode() {
    let Some(uwsgi) = support::uwsgi() else {
        return;
    };
    for daemonize in [false, true] {
        let ini = quickstart::web_app(daemonize).to_ini().expect("renders");
        let what = format!("quickstart INI (daemonize={daemonize})");
        uwsgi.assert_strict_accepts_ini(&what, Prepend::Stop, &ini);
    }
}

#[test]
fn uwsgi_accepts_the_args_in_strict_mode() {
    let Some(uwsgi) = support::uwsgi() else {
        return;
    };
    for daemonize in [false, true] {
        let args = quickstart::web_app(daemonize).to_args().expect("renders");
        let what = format!("quickstart arguments (daemonize={daemonize})");
        uwsgi.assert_strict_accepts_args(&what, Prepend::Stop, &args);
    }
}

/// A likely typo (`never_swap` for `never-swap`) is caught: the INI's own `strict = true`
/// makes uWSGI stop at it.
#[test]
fn the_check_catches_an_unknown_directive() {
    let Some(uwsgi) = support::uwsgi() else {
        return;
    };
    let dir = support::temp_dir();
    let mut ini = quickstart::web_app(false).to_ini().expect("renders");
    ini.push_str("never_swap = true\n");
    let run = uwsgi.run_probe_ini(dir.path(), "broken.ini", Prepend::Stop, &ini);
    assert_ne!(run.code, Some(ACCEPTED), "{}", run.log());
    assert!(
        run.log()
            .contains("[strict-mode] unknown config directive: never_swap"),
        "{}",
        run.log()
    );
}
