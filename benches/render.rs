//! Rendering speed: `cargo bench --bench render`. The workloads and their floors are in
//! `workloads.rs`; every workload's floor is benchmarked beside it (`*_floor`), so a ratio
//! to the floor comes from one run.
//!
//! - `mixed`: 100, 10,000 and 100,000 directives of four kinds, built and rendered to INI,
//!   and rendered only;
//! - `quickstart`: the quickstart example's section (about twenty directives), rendered to INI
//!   and to arguments, and built and rendered from scratch;
//! - `small`: three directives, built and rendered;
//! - `large_200_hooks`: 200 hooks over four phases, rendered, and built and rendered;
//! - `suggestions`: an unknown option key and an unknown action name of a megabyte each.
//!
//! Divan's counter gives the directives per second of the `mixed` benchmarks; the time per
//! directive is the median divided by the size. `scripts/bench-vs-uwsgiconf.sh` times the same
//! configurations against the Python uwsgiconf, interleaved, through `benches/compare.rs`.

mod workloads;

use divan::counter::ItemsCount;
use divan::{black_box, Bencher};
use uwsgiconf::{Action, Section};
use workloads::{Lines, LARGE_HOOKS};

fn main() {
    workloads::check_floors();
    divan::main();
}

mod mixed {
    use super::*;
    use workloads::{mixed, mixed_floor};

    #[divan::bench(args = workloads::MIXED_SIZES)]
    fn build_and_render_ini(bencher: Bencher, n: usize) {
        bencher
            .counter(ItemsCount::new(n))
            .bench_local(|| mixed(black_box(n)).to_ini());
    }

    #[divan::bench(args = workloads::MIXED_SIZES)]
    fn build_and_render_floor(bencher: Bencher, n: usize) {
        bencher
            .counter(ItemsCount::new(n))
            .bench_local(|| mixed_floor(black_box(n)));
    }

    #[divan::bench(args = workloads::MIXED_SIZES)]
    fn render_ini(bencher: Bencher, n: usize) {
        let section = mixed(n);
        bencher
            .counter(ItemsCount::new(n))
            .bench_local(|| black_box(&section).to_ini());
    }

    #[divan::bench(args = workloads::MIXED_SIZES)]
    fn render_floor(bencher: Bencher, n: usize) {
        let lines = Lines::of(&mixed_floor(n));
        bencher
            .counter(ItemsCount::new(n))
            .bench_local(|| black_box(&lines).copy());
    }
}

mod quickstart {
    use super::*;
    use workloads::{quickstart, quickstart_floor};

    #[divan::bench]
    fn render_ini(bencher: Bencher) {
        let section = quickstart();
        bencher.bench_local(|| black_box(&section).to_ini());
    }

    #[divan::bench]
    fn render_floor(bencher: Bencher) {
        let lines = Lines::of(&quickstart_floor());
        bencher.bench_local(|| black_box(&lines).copy());
    }

    #[divan::bench]
    fn render_args(bencher: Bencher) {
        let section = quickstart();
        bencher.bench_local(|| black_box(&section).to_args());
    }

    #[divan::bench]
    fn build_and_render_ini() -> Result<String, uwsgiconf::Error> {
        quickstart().to_ini()
    }

    #[divan::bench]
    fn build_and_render_floor() -> String {
        quickstart_floor()
    }
}

mod small {
    use super::workloads::small_section;

    #[divan::bench]
    fn build_and_render_ini() -> Result<String, uwsgiconf::Error> {
        small_section().to_ini()
    }
}

mod large_200_hooks {
    use super::*;
    use workloads::{large_floor, large_section};

    #[divan::bench]
    fn render_ini(bencher: Bencher) {
        let section = large_section(LARGE_HOOKS);
        bencher.bench_local(|| black_box(&section).to_ini());
    }

    #[divan::bench]
    fn render_floor(bencher: Bencher) {
        let lines = Lines::of(&large_floor(LARGE_HOOKS));
        bencher.bench_local(|| black_box(&lines).copy());
    }

    #[divan::bench]
    fn render_args(bencher: Bencher) {
        let section = large_section(LARGE_HOOKS);
        bencher.bench_local(|| black_box(&section).to_args());
    }

    #[divan::bench]
    fn build_and_render_ini() -> Result<String, uwsgiconf::Error> {
        large_section(black_box(LARGE_HOOKS)).to_ini()
    }

    #[divan::bench]
    fn build_and_render_floor() -> String {
        large_floor(black_box(LARGE_HOOKS))
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
