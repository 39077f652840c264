#!/usr/bin/env bash
# Compile-time figures of the facade and of `uwsgi_config!`, measured on generated crates in
# a temporary directory (debug profile, offline, path dependencies on this repository):
#
#   scripts/compile-time.sh            # 3 repeats
#   REPEATS=5 SIZES="1 200 1000" scripts/compile-time.sh
#   KEEP=/tmp/ct REPEATS=1 scripts/compile-time.sh   # keeps the generated crates in /tmp/ct
#   CLEAN= SIZES=200 scripts/compile-time.sh         # part 2 only, 200 invocations
#   CALLGRIND=1 CLEAN= REPEATS=1 scripts/compile-time.sh  # part 2 in instructions (valgrind)
#   SIZES= scripts/compile-time.sh                   # part 1 only
#   CLEAN_INCREMENTAL=1 SIZES= scripts/compile-time.sh  # part 1, uwsgiconf built incrementally
#
# 1. Clean builds of a tiny binary (`cargo build` from an empty target dir):
#    - floor:   a minimal proc-macro crate on syn/quote/proc-macro2 with the features the
#               macro crate uses, and a binary invoking it once;
#    - facade:  a binary on `uwsgiconf` invoking `uwsgi_config!` once;
#    - builder: a binary on `uwsgiconf` with `default-features = false` making the same calls.
#    The generated crates name uwsgiconf by path, and Cargo compiles path dependencies
#    incrementally, which costs uwsgiconf-core's clean build about 40% more CPU time than a
#    dependency from a registry gets (not incremental, as syn is here). So these builds run
#    with CARGO_INCREMENTAL=0, as a user's would; CLEAN_INCREMENTAL=1 measures them as path
#    dependencies instead.
# 2. The crate alone (its dependencies already built), for N = SIZES functions each building
#    the quickstart's section (14 items, literal values), written as `uwsgi_config!`
#    ("macro") and as the same builder calls written by hand ("builder"):
#    - clean: after `cargo clean -p <crate>`;
#    - touch: after touching its source (incremental rebuild, as when editing).
#    Only the rustc invocation of that crate is timed (a RUSTC_WRAPPER records it), so cargo's
#    own start-up is left out.
#
# Each figure is wall time and CPU time (user + system, all threads): on a loaded machine
# the CPU time moves less. With CALLGRIND=1, part 2 counts the instructions rustc executes
# instead (millions, in both columns), which do not move with load; slow (valgrind). Every repeat runs each variant once, interleaved (floor, facade,
# builder, floor...), so load moves both sides of a ratio alike. Medians over the repeats;
# ratios are median / median. Needs GNU time (/usr/bin/time) and python3.
set -euo pipefail

# REPO=dir measures another checkout of the project (to compare before and after a change).
repo="${REPO:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
repeats="${REPEATS:-3}"
sizes="${SIZES-1 200 1000}"
# CLEAN="" skips the clean builds of part 1.
clean="${CLEAN-floor facade builder}"
if [[ -n "${KEEP:-}" ]]; then
  # KEEP=dir keeps the generated crates and their target dirs there, to look into.
  work="$(mkdir -p "$KEEP" && cd "$KEEP" && pwd)"
else
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
fi

# The generated crates use the repository's toolchain and the versions of its lock file.
cp "$repo/rust-toolchain.toml" "$work/"
export CARGO_NET_OFFLINE=true

# --- the rustc wrapper: times the invocation for $TIME_CRATE into $TIME_LOG
cat >"$work/time-rustc" <<'EOF'
#!/usr/bin/env bash
timed=
prev=
for arg in "$@"; do
  if [[ "$prev" == --crate-name && "$arg" == "${TIME_CRATE:-}" ]]; then timed=1; fi
  prev="$arg"
done
if [[ -z "$timed" ]]; then exec "$@"; fi
rc=0
if [[ -n "${CALLGRIND:-}" ]]; then
  # Instructions executed by rustc (the macro's run included; the linker is a child, left
  # out): the same from run to run, whatever the load.
  valgrind --tool=callgrind --callgrind-out-file=/dev/null --log-file="$TIME_LOG.vg" "$@" || rc=$?
  sed -n 's/.*refs: *//p' "$TIME_LOG.vg" | tr -d , | awk '{ print $1 / 1e6, $1 / 1e6 }' >>"$TIME_LOG"
  exit $rc
fi
/usr/bin/time -f "%e %U %S" -o "$TIME_LOG.one" "$@" || rc=$?
# wall and CPU (user + system) seconds
awk '{ print $1, $2 + $3 }' "$TIME_LOG.one" >>"$TIME_LOG"
exit $rc
EOF
chmod +x "$work/time-rustc"
export RUSTC_WRAPPER="$work/time-rustc"

# new_package DIR NAME DEPENDENCIES: a binary package of its own (not in a workspace).
new_package() {
  mkdir -p "$1/src"
  printf '[package]\nname = "%s"\nversion = "0.0.0"\nedition = "2021"\npublish = false\n\n[dependencies]\n%s\n\n[workspace]\n' \
    "$2" "$3" >"$1/Cargo.toml"
  cp "$repo/Cargo.lock" "$1/Cargo.lock"
}

# --- 1. the tiny binaries
mkdir -p "$work/floor-macro/src"
cat >"$work/floor-macro/Cargo.toml" <<EOF
[package]
name = "floor-macro"
version = "0.0.0"
edition = "2021"
publish = false

[lib]
proc-macro = true

[dependencies]
$(sed -n 's/^\(proc-macro2\|quote\|syn\) = /\1 = /p' "$repo/uwsgiconf-macros/Cargo.toml")
EOF
cat >"$work/floor-macro/src/lib.rs" <<'EOF'
use proc_macro::TokenStream;

/// Parses a string literal and expands to it.
#[proc_macro]
pub fn echo(input: TokenStream) -> TokenStream {
    match syn::parse::<syn::LitStr>(input) {
        Ok(lit) => quote::quote!(#lit).into(),
        Err(error) => error.to_compile_error().into(),
    }
}
EOF
new_package "$work/floor" floor 'floor-macro = { path = "../floor-macro" }'
cat >"$work/floor/src/main.rs" <<'EOF'
fn main() {
    println!("{}", floor_macro::echo!("[uwsgi]\nmaster = true\n"));
}
EOF
new_package "$work/facade" facade "uwsgiconf = { path = \"$repo\" }"
cat >"$work/facade/src/main.rs" <<'EOF'
fn main() {
    let section = uwsgiconf::uwsgi_config!(option("master", true));
    println!("{}", section.to_ini().unwrap());
}
EOF
new_package "$work/builder" builder "uwsgiconf = { path = \"$repo\", default-features = false }"
cat >"$work/builder/src/main.rs" <<'EOF'
fn main() {
    let mut section = uwsgiconf::Section::new();
    section.add_option("master", true);
    println!("{}", section.to_ini().unwrap());
}
EOF

# --- 2. N sections, by macro and by hand
# gen_sections KIND N FILE: FILE is a main.rs with N functions each building the quickstart's
# section (14 items, literal values; function i differs in its values), and a main calling
# them all.
gen_sections() {
  local kind=$1 n=$2 i
  {
    if [[ $kind == macro ]]; then
      echo 'use uwsgiconf::{uwsgi_config, Section};'
    else
      echo 'use uwsgiconf::{'
      echo '    workers, Action, BasicParams, ChangeDirParams, NamingParams, OwnerParams, Phase,'
      echo '    PidFileParams, Section,'
      echo '};'
    fi
    echo
    for ((i = 0; i < n; i++)); do
      if [[ $kind == macro ]]; then
        cat <<EOF
pub fn section_$i() -> Section {
    uwsgi_config!(
        owner(uid = "www-data", gid = "www-data"),
        change_dir("/srv/app$i"),
        pid_file("/run/app$i/uwsgi.pid", before_priv_drop = false),
        basic(touch_reload = "/srv/app$i/reload", vacuum = true),
        naming(autonaming = true, prefix = "app$i "),
        hook(
            asap,
            [
                execute("mkdir -p /run/app$i"),
                chown("/run/app$i", "www-data", "www-data"),
                printout("app$i: config read, 100% strict"),
            ]
        ),
        hook(PRIV_DROP_POST, file_write("/run/app$i/state", "running", newline = true)),
        hook(pre_app, printout("app$i: loading apps")),
        option("need-plugin", "notfound"),
        option("check-static", "/srv/app$i/public"),
        option("master", true),
        option("harakiri", $((i % 16 + 30))),
        option("http-socket", "127.0.0.1:$((8000 + i))"),
        workers.basic(count = 4),
    )
}

EOF
      else
        cat <<EOF
pub fn section_$i() -> Section {
    let mut section = Section::new();
    section
        .main_process()
        .set_owner_params(OwnerParams::new().uid("www-data").gid("www-data"))
        .change_dir("/srv/app$i", ChangeDirParams::new())
        .set_pid_file(
            "/run/app$i/uwsgi.pid",
            PidFileParams::new().before_priv_drop(false),
        )
        .set_basic_params(
            BasicParams::new()
                .touch_reload("/srv/app$i/reload")
                .vacuum(true),
        )
        .set_naming_params(NamingParams::new().autonaming(true).prefix("app$i "))
        .set_hook(
            Phase::ASAP,
            [
                Action::execute("mkdir -p /run/app$i"),
                Action::chown("/run/app$i", "www-data", "www-data"),
                Action::printout("app$i: config read, 100% strict"),
            ],
        )
        .set_hook(
            Phase::PRIV_DROP_POST,
            Action::file_write("/run/app$i/state", "running").newline(true),
        )
        .set_hook(Phase::APP_LOAD_PRE, Action::printout("app$i: loading apps"));
    section
        .add_option("need-plugin", "notfound")
        .add_option("check-static", "/srv/app$i/public")
        .add_option("master", true)
        .add_option("harakiri", $((i % 16 + 30)))
        .add_option("http-socket", "127.0.0.1:$((8000 + i))");
    section
        .workers()
        .set_basic_params(workers::BasicParams::new().count(4));
    section
}

EOF
      fi
    done
    echo 'fn main() {'
    echo '    let all: &[fn() -> Section] = &['
    for ((i = 0; i < n; i++)); do echo "        section_$i,"; done
    echo '    ];'
    echo '    let bytes: usize = all.iter().map(|f| f().to_ini().map_or(0, |t| t.len())).sum();'
    echo '    println!("{bytes}");'
    echo '}'
  } >"$3"
}

for n in $sizes; do
  for kind in macro builder; do
    dir="$work/$kind-$n"
    new_package "$dir" "${kind}_$n" "uwsgiconf = { path = \"$repo\" }"
    gen_sections "$kind" "$n" "$dir/src/main.rs"
  done
done

results="$work/results"
: >"$results"
# record NAME "WALL CPU" (seconds)
record() { echo "$1 $2" >>"$results"; }

# clean_build DIR: wall and CPU time of a build from an empty target directory.
clean_build() {
  local target="$work/target-clean"
  rm -rf "$target"
  local incremental=0
  if [[ -n "${CLEAN_INCREMENTAL:-}" ]]; then incremental=1; fi
  (cd "$1" && CARGO_INCREMENTAL=$incremental CARGO_TARGET_DIR="$target" /usr/bin/time -f "%e %U %S" -o "$work/clean.time" cargo build --quiet)
  awk '{ print $1, $2 + $3 }' "$work/clean.time"
}

# crate_build DIR CRATE: wall and CPU time of the crate's own rustc invocation, in the shared
# target dir.
crate_build() {
  local log="$work/time.log"
  : >"$log"
  (cd "$1" && CARGO_TARGET_DIR="$work/target-shared" TIME_CRATE="$2" TIME_LOG="$log" cargo build --quiet)
  if [[ ! -s "$log" ]]; then
    echo "compile-time.sh: $2 was not rebuilt" >&2
    exit 1
  fi
  cat "$log"
}

echo "== toolchain: $(cd "$work" && rustc --version), $(nproc) cores, load: $(cut -d' ' -f1-3 /proc/loadavg)"
if [[ -n "$sizes" ]]; then
  echo "== building the dependencies of the generated crates once"
  (cd "$work/macro-${sizes%% *}" && CARGO_TARGET_DIR="$work/target-shared" cargo build --quiet)
fi
# Both sides build the same sections: the same INI, byte for byte.
for n in $sizes; do
  for kind in macro builder; do
    (cd "$work/$kind-$n" && CARGO_TARGET_DIR="$work/target-shared" cargo run --quiet) >"$work/$kind-$n.out"
  done
  if ! cmp -s "$work/macro-$n.out" "$work/builder-$n.out"; then
    echo "compile-time.sh: the macro and builder crates of size $n render different sections" >&2
    exit 1
  fi
done

for ((r = 1; r <= repeats; r++)); do
  echo "== repeat $r/$repeats"
  for name in $clean; do
    record "clean/$name" "$(clean_build "$work/$name")"
  done
  for n in $sizes; do
    for kind in macro builder; do
      dir="$work/$kind-$n"
      (cd "$dir" && CARGO_TARGET_DIR="$work/target-shared" cargo clean --quiet -p "${kind}_$n")
      record "crate-clean/$kind/$n" "$(crate_build "$dir" "${kind}_$n")"
      touch "$dir/src/main.rs"
      record "crate-touch/$kind/$n" "$(crate_build "$dir" "${kind}_$n")"
    done
  done
done

python3 - "$results" "$sizes" <<'EOF'
import os
import statistics
import sys

runs = {}
for line in open(sys.argv[1]):
    name, wall, cpu = line.split()
    runs.setdefault(name, []).append((float(wall), float(cpu)))
count = len(next(iter(runs.values())))


def med(name, which):
    return statistics.median(run[which] for run in runs[name])


def cell(name):
    if os.environ.get("CALLGRIND") and name.startswith("crate-"):
        return f"{med(name, 0):.0f} M"
    return f"{med(name, 0):.2f} s / {med(name, 1):.2f} s"


def ratio(a, b):
    if os.environ.get("CALLGRIND") and a.startswith("crate-"):
        return f"{med(a, 0) / med(b, 0):.2f}x"
    return f"{med(a, 0) / med(b, 0):.2f}x / {med(a, 1) / med(b, 1):.2f}x"


unit = "millions of instructions, twice" if os.environ.get("CALLGRIND") else "wall / CPU (user + system)"
print(f"\nmedians over {count} repeats, {unit}\n")
if "clean/floor" in runs:
    print("| clean debug build | time | / floor |")
    print("|---|---|---|")
    for name, label in [("floor", "syn floor (proc macro on syn + binary)"),
                        ("facade", "uwsgiconf + uwsgi_config! once"),
                        ("builder", "uwsgiconf, default-features = false")]:
        key = f"clean/{name}"
        print(f"| {label} | {cell(key)} | {ratio(key, 'clean/floor')} |")

if sys.argv[2].split():
    print("\n| invocations | build | builder calls | uwsgi_config! | macro / builder |")
    print("|---|---|---|---|---|")
for n in sys.argv[2].split():
    for build in ["clean", "touch"]:
        b, m = f"crate-{build}/builder/{n}", f"crate-{build}/macro/{n}"
        print(f"| {n} | crate {build} | {cell(b)} | {cell(m)} | {ratio(m, b)} |")
EOF
