//! The Rust side of `scripts/bench-vs-uwsgiconf.sh`: times one workload for a given number of
//! iterations, as the script asks, so that it can interleave these batches with the Python
//! uwsgiconf's in one run. Not a divan benchmark: the script owns the statistic (the median
//! over rounds of each side's nanoseconds per iteration).
//!
//! ```text
//! cargo bench --bench compare -- serve              # reads "<workload> <iterations>" lines,
//!                                                   # answers each with ns per iteration
//! cargo bench --bench compare -- run <workload> <iterations>   # one batch (for callgrind)
//! cargo bench --bench compare -- print <workload>   # the workload's INI output
//! cargo bench --bench compare -- list               # the workload names
//! cargo bench --bench compare -- --test             # each workload once (CI)
//! ```
//!
//! Workloads (those of `benches/workloads.rs`, the same directives as the Python side of the
//! script):
//! - `small`: owner and pidfile (3 lines), built and rendered to INI;
//! - `quickstart`: the section of `examples/quickstart.rs`, built and rendered;
//! - `large_200_hooks`: strict, owner, 200 hooks and master (`large_section(200)`), built and rendered;
//! - `mixed_<n>` (n = 100, 10000, 100000): a non-strict section of n directives, directive
//!   `i` chosen by `i % 4`: a printout hook at asap (`step {i}: 100% done`), a mkdir hook at
//!   pre-app (`/srv/app/data/{i}`), `env = APP_KEY_{i}=value-{i}`, and the command
//!   `/usr/bin/logger started {i}` run at asap (`exec-asap`); built and rendered;
//! - `mixed_<n>_render`: the same section built once, then only rendered;
//! - `lookup`, `key_spec`, `key_name`: the option catalogue, by name (eight names, one
//!   unknown), by key constant (eight keys) and the names of eight keys; for instruction
//!   counts (callgrind), not in the comparison; `empty` is the loop alone.

mod workloads;

use std::hint::black_box;
use std::io::{self, BufRead, Write};
use std::process::ExitCode;
use std::time::Instant;

use uwsgiconf::options::{self, key, Key};
use uwsgiconf::Section;
use workloads::{large_section, mixed, quickstart, small_section};

/// Every workload, in the order the script reports them.
const WORKLOADS: [&str; 13] = [
    "small",
    "quickstart",
    "large_200_hooks",
    "mixed_100",
    "mixed_10000",
    "mixed_100000",
    "mixed_100_render",
    "mixed_10000_render",
    "mixed_100000_render",
    "lookup",
    "key_spec",
    "key_name",
    // The loop alone, for subtracting from instruction counts.
    "empty",
];

fn main() -> ExitCode {
    // `cargo bench` adds `--bench`; anything else is ours.
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|arg| arg != "--bench")
        .collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let outcome = match args.as_slice() {
        ["serve"] => serve(),
        ["run", workload, iterations] => {
            parse_iterations(iterations).and_then(|n| time(workload, n).map(|_| ()))
        }
        ["print", workload] => print(workload),
        // What CI runs (`cargo bench --bench compare -- --test`): every section renders.
        ["--test"] => WORKLOADS
            .iter()
            .try_for_each(|workload| match section(workload) {
                Some(section) => section
                    .to_ini()
                    .map(drop)
                    .map_err(|e| format!("{workload}: {e}")),
                None => time(workload, 1).map(drop),
            }),
        ["list"] => {
            WORKLOADS.iter().for_each(|name| println!("{name}"));
            Ok(())
        }
        _ => Err(
            "usage: compare serve | run <workload> <iterations> | print <workload> | list | --test"
                .to_string(),
        ),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(why) => {
            eprintln!("compare: {why}");
            ExitCode::FAILURE
        }
    }
}

/// Answers each `<workload> <iterations>` line of stdin with the batch's nanoseconds per
/// iteration, until stdin closes.
fn serve() -> Result<(), String> {
    let stdout = io::stdout();
    for line in io::stdin().lock().lines() {
        let line = line.map_err(|e| e.to_string())?;
        let (workload, iterations) = line
            .split_once(' ')
            .ok_or_else(|| format!("expected `<workload> <iterations>`, got {line:?}"))?;
        let ns = time(workload, parse_iterations(iterations)?)?;
        let mut out = stdout.lock();
        writeln!(out, "{ns:.3}")
            .and_then(|()| out.flush())
            .map_err(|e| e.to_string())?;
    }
    Ok(())
}

fn parse_iterations(text: &str) -> Result<u64, String> {
    text.trim()
        .parse()
        .map_err(|_| format!("iterations must be a count, not {text:?}"))
}

/// Runs `iterations` iterations of `workload` and returns the nanoseconds per iteration.
/// Render-only workloads build their section before the clock starts.
fn time(workload: &str, iterations: u64) -> Result<f64, String> {
    let build: fn() -> Section = match workload {
        "small" => small_section,
        "quickstart" => quickstart,
        "large_200_hooks" => || large_section(200),
        "mixed_100" => || mixed(100),
        "mixed_10000" => || mixed(10_000),
        "mixed_100000" => || mixed(100_000),
        "mixed_100_render" => return Ok(render_only(mixed(100), iterations)),
        "mixed_10000_render" => return Ok(render_only(mixed(10_000), iterations)),
        "mixed_100000_render" => return Ok(render_only(mixed(100_000), iterations)),
        "lookup" => return Ok(lookup(iterations)),
        "key_spec" => return Ok(key_spec(iterations)),
        "key_name" => return Ok(key_name(iterations)),
        "empty" => return Ok(per_iteration(iterations, || ())),
        other => return Err(format!("unknown workload {other:?} (see `list`)")),
    };
    Ok(per_iteration(iterations, || {
        let _ = black_box(black_box(build)().to_ini());
    }))
}

fn per_iteration(iterations: u64, mut step: impl FnMut()) -> f64 {
    let start = Instant::now();
    for _ in 0..iterations {
        step();
    }
    start.elapsed().as_nanos() as f64 / iterations.max(1) as f64
}

fn render_only(section: Section, iterations: u64) -> f64 {
    per_iteration(iterations, || {
        let _ = black_box(black_box(&section).to_ini());
    })
}

/// Eight names, looked up once each per iteration (one is not an option).
fn lookup(iterations: u64) -> f64 {
    const NAMES: [&str; 8] = [
        "processes",
        "touch-reload",
        "hook-asap",
        "http-socket",
        "env",
        "master",
        "zerg-server",
        "never_swap",
    ];
    per_iteration(iterations, || {
        for name in NAMES {
            black_box(options::lookup(black_box(name)));
        }
    })
}

/// Eight key constants.
const KEYS: [Key; 8] = [
    key::PROCESSES,
    key::TOUCH_RELOAD,
    key::HOOK_ASAP,
    key::HTTP_SOCKET,
    key::ENV,
    key::MASTER,
    key::ZERG_SERVER,
    key::NEVER_SWAP,
];

/// Each of the eight keys turned into its catalogue row, per iteration.
fn key_spec(iterations: u64) -> f64 {
    per_iteration(iterations, || {
        for key in black_box(KEYS) {
            black_box(key.spec());
        }
    })
}

/// The name of each of the eight keys, per iteration.
fn key_name(iterations: u64) -> f64 {
    per_iteration(iterations, || {
        for key in black_box(KEYS) {
            black_box(key.name());
        }
    })
}

/// The section a workload renders, if it renders one.
fn section(workload: &str) -> Option<Section> {
    Some(match workload.strip_suffix("_render").unwrap_or(workload) {
        "small" => small_section(),
        "quickstart" => quickstart(),
        "large_200_hooks" => large_section(200),
        "mixed_100" => mixed(100),
        "mixed_10000" => mixed(10_000),
        "mixed_100000" => mixed(100_000),
        _ => return None,
    })
}

fn print(workload: &str) -> Result<(), String> {
    let section = section(workload).ok_or_else(|| format!("{workload:?} renders no section"))?;
    let ini = section.to_ini().map_err(|e| e.to_string())?;
    io::stdout()
        .write_all(ini.as_bytes())
        .map_err(|e| e.to_string())
}
