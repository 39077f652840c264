//! Serve: uWSGI (its core only, no language plugin) serves a folder of static files over HTTP
//! on 127.0.0.1; the example starts it with the launch handle, fetches the page with an HTTP
//! client, prints it and stops uWSGI.
//!
//! ```text
//! cargo run --example serve
//! ```
//!
//! It needs the installed uWSGI (`UWSGICONF_UWSGI_BIN`, or `uwsgi`/`uwsgi-core` on `PATH`).
//! The site and uWSGI's runtime directory live in a temporary directory, removed at the end.
//! As root, uWSGI drops to `nobody`/`nogroup` (the site is readable by everyone); otherwise it
//! runs as the current user.
//!
//! Without a request plugin, uWSGI answers no request, static files included, unless a route
//! ends the request first: `route-run = last:` makes it serve the files it finds under
//! `check-static` (a path that is no file still gets no reply).

use std::error::Error;
use std::net::TcpListener;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use uwsgiconf::deploy::binary::{running_as_root, Uwsgi};
use uwsgiconf::deploy::launch::{Launch, Stopped};
use uwsgiconf::{master_process, workers, Action, OwnerParams, Phase, PidFileParams, Section};

/// The page the example serves.
pub const PAGE: &str = "<!doctype html>\n<title>uwsgiconf</title>\n<p>Served by uWSGI.</p>\n";

/// The configuration: static files from `site` on `127.0.0.1:<port>`, a master with two
/// workers, and a runtime directory `run` that the asap hooks create (and give to `owner`,
/// the user and group uWSGI drops to, if any), holding the pidfile and the master FIFO.
pub fn site_section(site: &Path, run: &Path, port: u16, owner: Option<(&str, &str)>) -> Section {
    let run_dir = run.display().to_string();
    let mut section = Section::new();
    section.set_strict(true);
    let mut prepare = vec![Action::execute(format!("mkdir -p {run_dir}"))];
    if let Some((user, group)) = owner {
        section
            .main_process()
            .set_owner_params(OwnerParams::new().uid(user).gid(group));
        // uWSGI writes the pidfile and makes its FIFO after it dropped privileges.
        prepare.push(Action::chown(run_dir.as_str(), user, group));
    }
    section
        .main_process()
        .set_hook(Phase::ASAP, prepare)
        .set_pid_file(
            format!("{run_dir}/uwsgi.pid"),
            PidFileParams::new().before_priv_drop(false),
        );
    section.master_process().set_basic_params(
        master_process::BasicParams::new()
            .enable(true)
            .fifo_file(format!("{run_dir}/master.fifo")),
    );
    section
        .workers()
        .set_basic_params(workers::BasicParams::new().count(2));
    section
        .set_option("http-socket", format!("127.0.0.1:{port}"))
        .set_option("check-static", site)
        .set_option("static-index", "index.html")
        .set_option("route-run", "last:");
    section
}

/// What one run of the example saw.
#[derive(Debug)]
pub struct Served {
    /// The page fetched from `/`.
    pub page: String,
    /// How uWSGI ended after the stop.
    pub stopped: Stopped,
}

/// Makes the site, starts uWSGI, fetches `/`, stops uWSGI.
pub fn serve_once(uwsgi: &Uwsgi) -> Result<Served, Box<dyn Error>> {
    let dir = tempfile::Builder::new()
        .prefix("uwsgiconf-serve-")
        .tempdir()?;
    let site = dir.path().join("site");
    std::fs::create_dir(&site)?;
    std::fs::write(site.join("index.html"), PAGE)?;
    // Readable by `nobody` when uWSGI drops to it.
    for path in [dir.path(), site.as_path()] {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755))?;
    }
    // A free port: the kernel picks one, then it is given to uWSGI.
    let port = TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
    let owner = running_as_root().then_some(("nobody", "nogroup"));
    let section = site_section(&site, &dir.path().join("run"), port, owner);

    let instance = Launch::new(&section).start(uwsgi)?;
    let fetched = ureq::get(&format!("http://127.0.0.1:{port}/"))
        .call()
        .map_err(Box::<dyn Error>::from)
        .and_then(|mut response| Ok(response.body_mut().read_to_string()?));
    let log = instance.log();
    let stopped = instance.stop()?;
    let page = fetched.map_err(|e| format!("fetching the page failed: {e}\n{log}"))?;
    if !stopped.status.success() || stopped.killed {
        return Err(format!("uWSGI did not stop cleanly: {stopped:?}\n{log}").into());
    }
    Ok(Served { page, stopped })
}

fn main() -> Result<(), Box<dyn Error>> {
    let uwsgi = Uwsgi::locate()?;
    let served = serve_once(&uwsgi)?;
    print!("{}", served.page);
    eprintln!(
        "uWSGI {} served the page and stopped ({})",
        uwsgi.version(),
        served.stopped.status
    );
    Ok(())
}
