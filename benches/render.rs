//! Rendering speed: `cargo bench --bench render`.
//!
//! - `quickstart`: the quickstart example's section (about twenty directives), rendered to INI
//!   and to arguments, and built and rendered from scratch;
//! - `small`: three directives, built and rendered;
//! - `large_200_hooks`: 200 hooks over four phases, rendered, and built and rendered;
//! - `suggestions`: an unknown option key and an unknown action name of a megabyte each.
//!
//! `scripts/bench-vs-uwsgiconf.sh` times the same configurations against the Python uwsgiconf,
//! interleaved, through `benches/compare.rs`.

#[allow(dead_code)]
#[path = "../examples/quickstart.rs"]
mod quickstart_example;

use divan::{black_box, Bencher};
use uwsgiconf::{Action, OwnerParams, Phase, PidFileParams, Section};

fn main() {
    divan::main();
}

mod quickstart {
    use super::*;

    #[divan::bench]
    fn render_ini(bencher: Bencher) {
        let section = quickstart_example::web_app(false, quickstart_example::HTTP_ADDRESS);
        bencher.bench_local(|| black_box(&section).to_ini());
    }

    #[divan::bench]
    fn render_args(bencher: Bencher) {
        let section = quickstart_example::web_app(false, quickstart_example::HTTP_ADDRESS);
        bencher.bench_local(|| black_box(&section).to_args());
    }

    #[divan::bench]
    fn build_and_render_ini() -> Result<String, uwsgiconf::Error> {
        quickstart_example::web_app(black_box(false), quickstart_example::HTTP_ADDRESS).to_ini()
    }
}

mod small {
    use super::*;

    #[divan::bench]
    fn build_and_render_ini() -> Result<String, uwsgiconf::Error> {
        small_section().to_ini()
    }
}

mod large_200_hooks {
    use super::*;

    #[divan::bench]
    fn render_ini(bencher: Bencher) {
        let section = large_section(200);
        bencher.bench_local(|| black_box(&section).to_ini());
    }

    #[divan::bench]
    fn render_args(bencher: Bencher) {
        let section = large_section(200);
        bencher.bench_local(|| black_box(&section).to_args());
    }

    #[divan::bench]
    fn build_and_render_ini() -> Result<String, uwsgiconf::Error> {
        large_section(black_box(200)).to_ini()
    }
}

/// "Did you mean" for names nothing is close to: an unknown option key and an unknown raw
/// action, one megabyte each (the cost is bounded: such names are compared with nothing).
mod suggestions {
    use super::*;

    #[divan::bench]
    fn megabyte_option_key(bencher: Bencher) {
        let key = "k".repeat(1 << 20);
        bencher.bench_local(|| {
            let mut section = Section::new();
            section.set_option(black_box(&key), true);
            section.to_ini()
        });
    }

    #[divan::bench]
    fn megabyte_action_name(bencher: Bencher) {
        let raw = format!("{}:x", "a".repeat(1 << 20));
        bencher.bench_local(|| Action::parse(black_box(&raw)));
    }
}

/// Three directives.
fn small_section() -> Section {
    let mut section = Section::new();
    section
        .main_process()
        .set_owner_params(OwnerParams::new().uid("www-data").gid("www-data"))
        .set_pid_file("/run/app.pid", PidFileParams::new());
    section
}

/// `strict`, an owner, `master`, and `hooks` hooks: hook `i` goes to phase `(i / 4) % 4`
/// (asap, pre-app, post-app, as-user) with action `i % 4` (print with a `%`, file write,
/// exec, mkdir).
fn large_section(hooks: usize) -> Section {
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
