//! One run of one workload, for profilers: `scripts/callgrind-floors.sh` counts the instructions of
//! each workload per directive with it.
//!
//! ```text
//! target/release/deps/profile-<hash> <mixed|quickstart|large> <n> <build|render|floor|copy>
//! ```
//!
//! `build` builds and renders, `render` renders a section built beforehand, `floor` and
//! `copy` are their floors. The work is in `measured_*` functions (never inlined) so that a
//! profiler can count only them (`valgrind --tool=callgrind --toggle-collect='*measured_*'`).
//! Without arguments (as `cargo bench` runs it) it runs every workload once at its smallest.

mod workloads;

use std::hint::black_box;

use uwsgiconf::Section;
use workloads::Lines;

#[inline(never)]
fn measured_build(build: &dyn Fn() -> Section) -> usize {
    build().to_ini().map_or(0, |ini| ini.len())
}

#[inline(never)]
fn measured_render(section: &Section) -> usize {
    section.to_ini().map_or(0, |ini| ini.len())
}

#[inline(never)]
fn measured_floor(floor: &dyn Fn() -> String) -> usize {
    floor().len()
}

#[inline(never)]
fn measured_copy(lines: &Lines) -> usize {
    lines.copy().len()
}

/// A workload's section, and its floor.
type Workload = (Box<dyn Fn() -> Section>, Box<dyn Fn() -> String>);

fn run(workload: &str, n: usize, what: &str) -> Result<usize, String> {
    let (build, floor): Workload = match workload {
        "mixed" => (
            Box::new(move || workloads::mixed(black_box(n))),
            Box::new(move || workloads::mixed_floor(black_box(n))),
        ),
        "quickstart" => (
            Box::new(workloads::quickstart),
            Box::new(workloads::quickstart_floor),
        ),
        "large" => (
            Box::new(move || workloads::large_section(black_box(n))),
            Box::new(move || workloads::large_floor(black_box(n))),
        ),
        other => return Err(format!("unknown workload {other:?}")),
    };
    Ok(match what {
        "build" => measured_build(&build),
        "render" => measured_render(&build()),
        "floor" => measured_floor(&floor),
        "copy" => measured_copy(&Lines::of(&floor())),
        other => return Err(format!("unknown measure {other:?}")),
    })
}

fn main() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.as_slice() {
        [workload, n, what] => {
            let n = n.parse().map_err(|_| format!("not a size: {n:?}"))?;
            black_box(run(workload, n, what)?);
        }
        // `cargo bench` (`--bench`, maybe `--test`): a smoke run of each.
        _ => {
            for what in ["build", "render", "floor", "copy"] {
                black_box(run("mixed", workloads::MIXED_SIZES[0], what)?);
                black_box(run("quickstart", 0, what)?);
                black_box(run("large", workloads::LARGE_HOOKS, what)?);
            }
        }
    }
    Ok(())
}
