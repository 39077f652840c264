#!/usr/bin/env bash
# Release binary sizes of small programs using this crate, against hello world, and the
# dynamic relocations each carries: what a program pays in size and load time for using it.
#
#   scripts/binary-size.sh
#
# Needs cargo, and readelf, nm and strip (binutils). The programs are generated crates in a
# temporary directory (removed at the end) that depend on this repository by path; they are
# built in release mode (the default profile) into target/binary-size (under CARGO_TARGET_DIR
# when set), so a second run rebuilds only what changed.
#
# Programs:
#   hello        `println!("Hello, world!")`, no dependency: the floor
#   ini_only     prints a `uwsgi_ini!` constant: the INI is made at compile time
#   runtime      builds a section from its arguments and renders it to INI (the run-time API)
#   example_<n>  each example of examples/ that needs no dev-dependency, as is (the
#                quickstart, the compile-time embedding)
#
# Columns: the file as built (symbols, no debug info), stripped (`strip`), the entries of
# `.rela.dyn` (relocations the loader applies at start; a position-independent executable
# needs one per pointer stored in static data), the option catalogue's table (the data
# symbols of `uwsgiconf_core::options`: bytes, and how many of the relocations patch them;
# the text the table points to is unnamed data, not counted).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
target="${CARGO_TARGET_DIR:-$repo/target}/binary-size"

for tool in readelf nm strip; do
  command -v "$tool" >/dev/null || {
    echo "$tool is missing (binutils)" >&2
    exit 1
  }
done

# One workspace, one package per program, so each binary links only what it uses.
members=(hello ini_only runtime)
examples=()
# Examples that use a dev-dependency (the serve example fetches its page with ureq) are left
# out: their size would be that crate's as much as this one's.
dev_dependencies="$(awk '/^\[dev-dependencies\]/ { on = 1; next } /^\[/ { on = 0 }
  on && /^[a-z]/ { sub(/ *=.*/, ""); print }' "$repo/Cargo.toml")"
for file in "$repo"/examples/*.rs; do
  [[ -e "$file" ]] || continue
  name="$(basename "$file" .rs)"
  uses=""
  for dependency in $dev_dependencies; do
    if grep -q "\b${dependency//-/_}::" "$file"; then uses="$dependency"; fi
  done
  if [[ -n "$uses" ]]; then
    echo "== example $name left out: it uses $uses"
    continue
  fi
  examples+=("$name")
  members+=("example_$name")
done
{
  echo "[workspace]"
  printf 'members = [%s]\n' "$(printf '"%s", ' "${members[@]}")"
  echo 'resolver = "2"'
} >"$work/Cargo.toml"
# The repository's lock file: the same dependency versions as its own builds.
cp "$repo/Cargo.lock" "$work/Cargo.lock"

package() { # name, with-uwsgiconf (yes/no), [bin path]
  mkdir -p "$work/$1/src"
  {
    printf '[package]\nname = "%s"\nversion = "0.0.0"\nedition = "2021"\npublish = false\n' "$1"
    if [[ "$2" == yes ]]; then
      printf '\n[dependencies]\nuwsgiconf = { path = "%s" }\n' "$repo"
    fi
    if [[ -n "${3:-}" ]]; then
      printf '\n[[bin]]\nname = "%s"\npath = "%s"\n' "$1" "$3"
    fi
  } >"$work/$1/Cargo.toml"
}

package hello no
cat >"$work/hello/src/main.rs" <<'EOF'
fn main() {
    println!("Hello, world!");
}
EOF

package ini_only yes
cat >"$work/ini_only/src/main.rs" <<'EOF'
const INI: &str = uwsgiconf::uwsgi_ini!(
    owner(uid = "www-data", gid = "www-data"),
    pid_file("/run/app.pid"),
    hook(asap, printout("booting")),
);

fn main() {
    print!("{INI}");
}
EOF

package runtime yes
cat >"$work/runtime/src/main.rs" <<'EOF'
//! Builds and renders at run time, from values the compiler cannot see.
use uwsgiconf::{Action, OwnerParams, Phase, Section};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let user = args.first().map_or("www-data", String::as_str);
    let mut section = Section::new();
    section
        .main_process()
        .set_owner_params(OwnerParams::new().uid(user).gid(user))
        .set_pid_file(format!("/run/{user}.pid"), Default::default())
        .set_hook(Phase::ASAP, Action::printout(format!("{user}: 100% up")));
    for arg in args.iter().skip(1) {
        // `name=value`: any option, by name, checked against the catalogue when rendered.
        if let Some((name, value)) = arg.split_once('=') {
            section.add_option(name, value);
        }
    }
    match section.to_ini() {
        Ok(ini) => print!("{ini}"),
        Err(error) => {
            eprintln!("{error}");
            std::process::exit(1);
        }
    }
}
EOF

for name in "${examples[@]}"; do
  package "example_$name" yes "$repo/examples/$name.rs"
done

echo "== building ${members[*]} (release, target $target)"
(cd "$work" && cargo build --quiet --release --workspace --target-dir "$target")

echo "== $(date -u +%Y-%m-%d) $(rustc --version), $(uname -m)"
for name in "${members[@]}"; do
  binary="$target/release/$name"
  strip -o "$work/$name.stripped" "$binary"
  readelf -rW "$binary" >"$work/$name.relocs"
  nm -C -S --defined-only "$binary" >"$work/$name.symbols"
done
python3 - "$work" "$target/release" "${members[@]}" <<'PY'
import os, re, sys

work, release, names = sys.argv[1], sys.argv[2], sys.argv[3:]
print(f"{'program':<20} {'file':>10} {'stripped':>10} {'.rela.dyn':>10} "
      f"{'catalogue bytes':>16} {'its relocs':>11}")
for name in names:
    # The catalogue's symbols: address ranges of everything in `uwsgiconf_core::options`.
    spans = []
    for line in open(f"{work}/{name}.symbols"):
        fields = line.split(maxsplit=3)
        # Data only (read-only, initialised or zeroed), not the module's functions.
        if (len(fields) == 4 and fields[2] in "rRdDbB"
                and fields[3].startswith("uwsgiconf_core::options::")):
            start = int(fields[0], 16)
            spans.append((start, start + int(fields[1], 16)))
    # `.rela.dyn`: the relocations the loader applies at start; the first field of each
    # entry is the address it patches.
    relocs, in_catalogue, section = 0, 0, None
    for line in open(f"{work}/{name}.relocs"):
        header = re.match(r"Relocation section '([^']+)'", line)
        if header:
            section = header.group(1)
            continue
        fields = line.split()
        if section == ".rela.dyn" and fields and re.fullmatch(r"[0-9a-f]{8,16}", fields[0]):
            relocs += 1
            at = int(fields[0], 16)
            in_catalogue += any(lo <= at < hi for lo, hi in spans)
    size = os.path.getsize(f"{release}/{name}")
    stripped = os.path.getsize(f"{work}/{name}.stripped")
    catalogue = sum(hi - lo for lo, hi in spans)
    print(f"{name:<20} {size:>10} {stripped:>10} {relocs:>10} {catalogue:>16} {in_catalogue:>11}")
PY
