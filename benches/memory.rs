//! Allocations and memory: `cargo bench --bench memory` (`-- --test` for the smallest size
//! of each workload only).
//!
//! A counting global allocator follows the live bytes. For each workload of `workloads.rs`,
//! it prints per directive the allocations of building and rendering, of rendering only,
//! and the bytes the built section holds; and the peak of live bytes while building and
//! rendering, over the size of the output (the section and the output both live at the end,
//! so the peak is at least the output).

mod workloads;

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

use uwsgiconf::Section;

/// The system allocator, counting allocations and live bytes.
struct Counting;

static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);
static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn grow(bytes: usize) {
    let live = LIVE.fetch_add(bytes, Relaxed) + bytes;
    PEAK.fetch_max(live, Relaxed);
}

// SAFETY (of the whole impl): every call is passed to `System` unchanged; the counters
// only observe sizes.
#[allow(unsafe_code)]
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Relaxed);
        grow(layout.size());
        System.alloc(layout)
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Relaxed);
        System.dealloc(ptr, layout)
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Relaxed);
        LIVE.fetch_sub(layout.size(), Relaxed);
        grow(new_size);
        System.realloc(ptr, layout, new_size)
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// What one run of `f` allocated: the allocations, the peak of live bytes above those live
/// before, and the bytes still live after it (what it returned).
fn measure<T>(f: impl FnOnce() -> T) -> (T, usize, usize, usize) {
    let before = LIVE.load(Relaxed);
    PEAK.store(before, Relaxed);
    let allocations = ALLOCATIONS.load(Relaxed);
    let result = f();
    let allocated = ALLOCATIONS.load(Relaxed) - allocations;
    let peak = PEAK.load(Relaxed) - before;
    let held = LIVE.load(Relaxed).saturating_sub(before);
    (result, allocated, peak, held)
}

fn report(name: &str, directives: usize, build: impl Fn() -> Section) {
    let per = |count: usize| count as f64 / directives as f64;
    let (output, build_and_render, peak, _) =
        measure(|| build().to_ini().expect("the workload renders"));
    let (section, _, _, held) = measure(&build);
    let (_, render, _, _) = measure(|| section.to_ini());
    println!(
        "{name:<22} {directives:>7} {:>10.2} {:>8.2} {:>10.1} {:>10} {:>8.2}",
        per(build_and_render),
        per(render),
        per(held),
        output.len(),
        peak as f64 / output.len() as f64,
    );
}

fn main() {
    // `cargo bench` passes `--bench`; CI runs every benchmark once with `--test`.
    let quick = std::env::args().any(|arg| arg == "--test");
    println!(
        "{:<22} {:>7} {:>10} {:>8} {:>10} {:>10} {:>8}",
        "workload", "lines", "allocs/d", "render", "held B/d", "output B", "peak/out"
    );
    println!(
        "{:<22} {:>7} {:>10} {:>8} {:>10}",
        "", "", "build+rnd", "allocs/d", ""
    );
    for n in workloads::MIXED_SIZES {
        if quick && n > workloads::MIXED_SIZES[0] {
            break;
        }
        report("mixed", n, || workloads::mixed(n));
    }
    let quickstart_lines = workloads::quickstart()
        .to_ini()
        .map_or(0, |ini| ini.lines().count() - 1);
    report("quickstart", quickstart_lines, workloads::quickstart);
    report("large_200_hooks", workloads::LARGE_HOOKS + 4, || {
        workloads::large_section(workloads::LARGE_HOOKS)
    });
}
