//! Quickstart: the uWSGI configuration of a small web app, built with the core API.
//!
//! ```text
//! cargo run --example quickstart                 # INI, run in the foreground
//! cargo run --example quickstart -- --daemonize  # INI, detached, logging into a file
//! cargo run --example quickstart -- --args       # the same as `uwsgi` arguments
//! ```
//!
//! The INI output can be saved and given to uWSGI: `uwsgi --ini app.ini`. uWSGI must be
//! started as root (it drops to `www-data` itself), and the directories named below must
//! exist.

use std::process::ExitCode;

use uwsgiconf::{
    Action, BasicParams, DaemonizeParams, NamingParams, OwnerParams, Phase, PidFileParams, Section,
};

/// Where the app lives, where uWSGI keeps its runtime files, and its log when daemonized.
const APP_DIR: &str = "/srv/myapp";
const RUN_DIR: &str = "/run/myapp";
const LOG_FILE: &str = "/var/log/myapp/uwsgi.log";

/// The configuration of the app: `daemonize` detaches uWSGI and logs into [`LOG_FILE`];
/// otherwise it stays in the foreground, as systemd and containers want.
pub fn web_app(daemonize: bool) -> Section {
    let mut section = Section::new();
    // Unknown directives make uWSGI stop instead of being silently ignored.
    section.set_strict(true);

    let mut main = section.main_process();
    main.set_owner_params(OwnerParams::new().uid("www-data").gid("www-data"))
        .change_dir(APP_DIR, Default::default())
        // Written after privileges drop, so www-data owns it and vacuum can remove it.
        .set_pid_file(
            format!("{RUN_DIR}/uwsgi.pid"),
            PidFileParams::new().before_priv_drop(false),
        )
        .set_basic_params(
            BasicParams::new()
                .touch_reload(format!("{APP_DIR}/reload"))
                .vacuum(true),
        )
        .set_naming_params(NamingParams::new().autonaming(true).prefix("myapp "))
        // As soon as the config is read, as root: the runtime directory for www-data.
        // `mkdir -p` rather than Action::dir_create: uWSGI's own mkdir fails when the
        // directory exists, which would stop every restart.
        .set_hook(
            Phase::ASAP,
            [
                Action::execute(format!("mkdir -p {RUN_DIR}")),
                Action::chown(RUN_DIR, "www-data", "www-data"),
                // `%` is a literal percent: the renderer escapes it for uWSGI.
                Action::printout("myapp: config read, 100% strict"),
            ],
        )
        // Right after uWSGI becomes www-data.
        .set_hook(
            Phase::PRIV_DROP_POST,
            Action::file_write(format!("{RUN_DIR}/state"), "running as www-data").newline(true),
        )
        .set_hook(
            Phase::APP_LOAD_PRE,
            Action::printout("myapp: loading the app"),
        )
        .set_hook(
            Phase::APP_LOAD_POST,
            [
                Action::printout("myapp: app loaded"),
                Action::file_write(format!("{RUN_DIR}/state"), "app loaded")
                    .newline(true)
                    .into(),
            ],
        );
    if daemonize {
        // Before privileges drop (not `after_app_loading`), so root opens the log file.
        main.daemonize(LOG_FILE, DaemonizeParams::new());
    }

    // Any other uWSGI option, by its name (checked against uWSGI's option catalogue).
    section
        .set_option("master", true)
        .set_option("processes", 4)
        .set_option("http-socket", "127.0.0.1:8000")
        .set_option("die-on-term", true);
    section
}

fn main() -> ExitCode {
    let mut daemonize = false;
    let mut as_args = false;
    for arg in std::env::args().skip(1) {
        match arg.as_str() {
            "--daemonize" => daemonize = true,
            "--args" => as_args = true,
            other => {
                eprintln!("quickstart: unknown argument {other:?} (use --daemonize, --args)");
                return ExitCode::from(2);
            }
        }
    }

    let section = web_app(daemonize);
    let rendered = if as_args {
        section.to_args().map(|args| {
            let mut lines = args.join("\n");
            lines.push('\n');
            lines
        })
    } else {
        section.to_ini()
    };
    match rendered {
        Ok(text) => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("quickstart: {error}");
            ExitCode::FAILURE
        }
    }
}
