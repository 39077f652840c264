//! The benchmark workloads, each with its floor: the cheapest code that produces the same
//! bytes.
//!
//! - `mixed(n)`: a [`Section::new`] (not strict) with `n` directives; directive `i` (0-based)
//!   is, by `i % 4`:
//!   0. `main_process().set_hook(Phase::Asap, Action::printout(format!("step {i}: 100% done")))`
//!   1. `main_process().set_hook(Phase::PreApp, Action::dir_create(format!("/srv/app/data/{i}")))`
//!      (uWSGI's `mkdir` action)
//!   2. `add_option("env", format!("APP_KEY_{i}=value-{i}"))`
//!   3. `main_process().run_command_on_event(format!("/usr/bin/logger started {i}"),
//!      RunOnEventParams::new().phase(Phase::Asap))`
//!
//!   The Python uwsgiconf builds the same lines with `mp.set_hook(mp.phases.ASAP,
//!   mp.actions.printout(..))`, `mp.set_hook(mp.phases.APP_LOAD_PRE, mp.actions.mkdir(..))`,
//!   `section.env(key, value)` and `mp.run_command_on_event(..)`. Benchmarked at 100, 10,000
//!   and 100,000 directives.
//! - `quickstart`: the quickstart example's section (`examples/quickstart.rs`, foreground,
//!   the default address).
//! - `large_200_hooks`: `large_section(200)`, 200 hooks over four phases in a strict section.
//!
//! The floor of a workload is its INI output written into a presized `String` with no checks:
//! for build and render, formatted from the same inputs (`write!` of each line's values); for
//! render only, copied from lines made beforehand ([`Lines`]). [`check_floors`] makes sure
//! each floor writes the crate's very bytes.

#![allow(dead_code)] // each bench binary uses its own part

use std::fmt::Write;

#[path = "../examples/quickstart.rs"]
#[allow(dead_code)]
mod quickstart_example;

use uwsgiconf::{Action, OwnerParams, Phase, PidFileParams, RunOnEventParams, Section};

/// The sizes of the mixed section.
pub const MIXED_SIZES: [usize; 3] = [100, 10_000, 100_000];

/// The hooks of the large section.
pub const LARGE_HOOKS: usize = 200;

/// An empty `String` with room for `bytes`: every floor writes into one.
fn presized(bytes: usize) -> String {
    String::with_capacity(bytes)
}

// ---- mixed(n) ----

/// The mixed section of `n` directives (see the module's documentation).
pub fn mixed(n: usize) -> Section {
    let mut section = Section::new();
    for i in 0..n {
        match i % 4 {
            0 => {
                section.main_process().set_hook(
                    Phase::Asap,
                    Action::printout(format!("step {i}: 100% done")),
                );
            }
            1 => {
                section.main_process().set_hook(
                    Phase::PreApp,
                    Action::dir_create(format!("/srv/app/data/{i}")),
                );
            }
            2 => {
                section.add_option("env", format!("APP_KEY_{i}=value-{i}"));
            }
            _ => {
                section.main_process().run_command_on_event(
                    format!("/usr/bin/logger started {i}"),
                    RunOnEventParams::new().phase(Phase::Asap),
                );
            }
        }
    }
    section
}

/// An upper bound of the INI output of `mixed(n)`, to presize the floor's `String`.
fn mixed_capacity(n: usize) -> usize {
    9 + n * 48
}

/// The floor of building and rendering `mixed(n)`: its INI lines formatted into a presized
/// `String`. The crate writes the lines of one option together, in the order each option
/// first appears (uWSGI reads them so); `printout` text is a printf format read after the
/// magic pass, so `%` is written `%%%%` (`%%` for printf, doubled for the magic pass).
pub fn mixed_floor(n: usize) -> String {
    let mut out = presized(mixed_capacity(n));
    out.push_str("[uwsgi]\n");
    // Writing into a String cannot fail.
    for i in (0..n).step_by(4) {
        let _ = writeln!(out, "hook-asap = print:step {i}: 100%%%% done");
    }
    for i in (1..n).step_by(4) {
        let _ = writeln!(out, "hook-pre-app = mkdir:/srv/app/data/{i}");
    }
    for i in (2..n).step_by(4) {
        let _ = writeln!(out, "env = APP_KEY_{i}=value-{i}");
    }
    for i in (3..n).step_by(4) {
        let _ = writeln!(out, "exec-asap = /usr/bin/logger started {i}");
    }
    out
}

// ---- quickstart ----

/// The quickstart example's section, in the foreground on the default address.
pub fn quickstart() -> Section {
    quickstart_example::web_app(
        std::hint::black_box(false),
        quickstart_example::HTTP_ADDRESS,
    )
}

/// The floor of building and rendering the quickstart: its lines, with the example's paths
/// and address formatted in.
pub fn quickstart_floor() -> String {
    const APP_DIR: &str = "/srv/myapp";
    const RUN_DIR: &str = "/run/myapp";
    let http = quickstart_example::HTTP_ADDRESS;
    let mut out = presized(800);
    let _ = write!(
        out,
        "[uwsgi]\nstrict = true\nuid = www-data\ngid = www-data\nchdir = {APP_DIR}\n\
         pidfile2 = {RUN_DIR}/uwsgi.pid\ntouch-reload = {APP_DIR}/reload\nvacuum = true\n\
         auto-procname = true\nprocname-prefix-spaced = myapp\n\
         hook-asap = exec:mkdir -p {RUN_DIR}\nhook-asap = chown:{RUN_DIR} www-data www-data\n\
         hook-asap = print:myapp: config read, 100%%%% strict\n\
         hook-as-user = writen:{RUN_DIR}/state running as www-data\n\
         hook-pre-app = print:myapp: loading apps\nhook-post-app = print:myapp: ready\n\
         hook-post-app = writen:{RUN_DIR}/state ready\nneed-plugin = notfound\n\
         check-static = {APP_DIR}/public\nstatic-index = index.html\nmaster = true\n\
         processes = {}\nhttp-socket = {http}\ndie-on-term = true\n",
        4
    );
    out
}

// ---- large_200_hooks ----

/// `strict`, an owner, `master`, and `hooks` hooks: hook `i` goes to phase `(i / 4) % 4`
/// (asap, pre-app, post-app, as-user) with action `i % 4` (print with a `%`, file write,
/// exec, mkdir).
pub fn large_section(hooks: usize) -> Section {
    const PHASES: [Phase; 4] = [
        Phase::ASAP,
        Phase::APP_LOAD_PRE,
        Phase::APP_LOAD_POST,
        Phase::PRIV_DROP_POST,
    ];
    let mut section = Section::new();
    section.set_strict(true);
    let mut main = section.main_process();
    main.set_owner_params(OwnerParams::new().uid("www-data").gid("www-data"));
    for i in 0..hooks {
        let action = match i % 4 {
            0 => Action::printout(format!("step {i}: 50% done")),
            1 => Action::file_write(format!("/run/app/f{i}"), "x")
                .newline(true)
                .into(),
            2 => Action::execute(format!("echo {i}")),
            _ => Action::dir_create(format!("/run/app/d{i}")),
        };
        main.set_hook(PHASES[(i / 4) % 4], action);
    }
    section.set_option("master", true);
    section
}

/// The floor of building and rendering `large_section(hooks)`, its hooks grouped by phase as
/// the crate writes them.
pub fn large_floor(hooks: usize) -> String {
    const PHASES: [&str; 4] = ["asap", "pre-app", "post-app", "as-user"];
    let mut out = presized(64 + hooks * 40);
    out.push_str("[uwsgi]\nstrict = true\nuid = www-data\ngid = www-data\n");
    for (index, phase) in PHASES.iter().enumerate() {
        for i in (0..hooks).filter(|i| (i / 4) % 4 == index) {
            let _ = match i % 4 {
                0 => writeln!(out, "hook-{phase} = print:step {i}: 50%%%% done"),
                1 => writeln!(out, "hook-{phase} = writen:/run/app/f{i} x"),
                2 => writeln!(out, "hook-{phase} = exec:echo {i}"),
                _ => writeln!(out, "hook-{phase} = mkdir:/run/app/d{i}"),
            };
        }
    }
    out.push_str("master = true\n");
    out
}

// ---- render only ----

/// A rendered document cut into its lines (each with its newline), for the floor of
/// rendering: copying them.
pub struct Lines {
    lines: Vec<String>,
    bytes: usize,
}

impl Lines {
    /// The lines of `text`.
    pub fn of(text: &str) -> Lines {
        Lines {
            lines: text.split_inclusive('\n').map(str::to_owned).collect(),
            bytes: text.len(),
        }
    }

    /// The floor of rendering: the lines copied into a presized `String`.
    pub fn copy(&self) -> String {
        let mut out = presized(self.bytes);
        for line in &self.lines {
            out.push_str(line);
        }
        out
    }
}

/// Checks that every floor writes exactly the crate's output (a floor that wrote other bytes
/// would be measuring something else). Panics on a difference: bench setup, not library code.
pub fn check_floors() {
    for n in MIXED_SIZES {
        let rendered = mixed(n).to_ini().expect("the mixed section renders");
        assert_eq!(mixed_floor(n), rendered, "mixed({n}) floor");
        assert!(rendered.len() <= mixed_capacity(n), "mixed({n}) capacity");
        assert_eq!(Lines::of(&rendered).copy(), rendered);
    }
    let rendered = quickstart().to_ini().expect("the quickstart renders");
    assert_eq!(quickstart_floor(), rendered, "quickstart floor");
    let rendered = large_section(LARGE_HOOKS)
        .to_ini()
        .expect("the large section renders");
    assert_eq!(large_floor(LARGE_HOOKS), rendered, "large section floor");
}

// ---- small ----

/// Three directives.
pub fn small_section() -> Section {
    let mut section = Section::new();
    section
        .main_process()
        .set_owner_params(OwnerParams::new().uid("www-data").gid("www-data"))
        .set_pid_file("/run/app.pid", PidFileParams::new());
    section
}
