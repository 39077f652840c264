//! Quickstart: a small website served by uWSGI over HTTP, configured with the core API.
//!
//! ```text
//! cargo run --example quickstart                         # INI, run in the foreground
//! cargo run --example quickstart -- --daemonize          # INI, detached, logging into a file
//! cargo run --example quickstart -- --args               # the same as `uwsgi` arguments
//! cargo run --example quickstart -- --http 0.0.0.0:8080  # another address than 127.0.0.1:8000
//! ```
//!
//! The INI output can be saved and given to uWSGI: `uwsgi --ini app.ini`. uWSGI must be
//! started as root (it drops to `www-data` itself), and `/srv/myapp/public` must exist (and
//! `/var/log/myapp` with `--daemonize`).
//!
//! What it serves: the files under `/srv/myapp/public` (`index.html` for a directory), and
//! `404 Not Found` for every other path. That needs only uWSGI's core and its `notfound`
//! plugin, which Debian's `uwsgi-core` package ships (it has no language plugin). To serve
//! an application as well, load its language plugin instead of `notfound` and add the option
//! that loads the application.

use std::process::ExitCode;

use uwsgiconf::{
    Action, BasicParams, DaemonizeParams, NamingParams, OwnerParams, Phase, PidFileParams, Section,
};

/// Where the site lives, where uWSGI keeps its runtime files, and its log when daemonized.
const APP_DIR: &str = "/srv/myapp";
const RUN_DIR: &str = "/run/myapp";
const LOG_FILE: &str = "/var/log/myapp/uwsgi.log";

/// The address served unless `--http` gives another.
pub const HTTP_ADDRESS: &str = "127.0.0.1:8000";

/// The configuration of the site, served over HTTP on `http_address` (`host:port`).
/// `daemonize` detaches uWSGI and logs into [`LOG_FILE`]; otherwise it stays in the
/// foreground, as systemd and containers want.
pub fn web_app(daemonize: bool, http_address: &str) -> Section {
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
        // Around the loading of applications (there are none here), before the workers start.
        .set_hook(Phase::APP_LOAD_PRE, Action::printout("myapp: loading apps"))
        .set_hook(
            Phase::APP_LOAD_POST,
            [
                Action::printout("myapp: ready"),
                Action::file_write(format!("{RUN_DIR}/state"), "ready")
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
        // uWSGI looks for a static file before it hands a request to the request plugin;
        // `notfound` answers 404 to the rest. Without a request plugin uWSGI would close
        // every connection without a reply, files included. `need-plugin` stops uWSGI when
        // the plugin is missing.
        .set_option("need-plugin", "notfound")
        .set_option("check-static", format!("{APP_DIR}/public"))
        .set_option("static-index", "index.html")
        .set_option("master", true)
        .set_option("processes", 4)
        .set_option("http-socket", http_address)
        .set_option("die-on-term", true);
    section
}

fn main() -> ExitCode {
    let mut daemonize = false;
    let mut as_args = false;
    let mut http_address = HTTP_ADDRESS.to_string();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--daemonize" => daemonize = true,
            "--args" => as_args = true,
            "--http" => match args.next() {
                Some(address) => http_address = address,
                None => {
                    eprintln!("quickstart: --http needs an address (host:port)");
                    return ExitCode::from(2);
                }
            },
            other => {
                eprintln!(
                    "quickstart: unknown argument {other:?} (use --daemonize, --args, --http ADDRESS)"
                );
                return ExitCode::from(2);
            }
        }
    }

    let section = web_app(daemonize, &http_address);
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
