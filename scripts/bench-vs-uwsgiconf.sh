#!/usr/bin/env bash
# Times the same configurations built and rendered to INI by this crate and by the Python
# uwsgiconf 2.4.0, in one run, and prints both medians and their ratio.
#
#   scripts/bench-vs-uwsgiconf.sh
#
# Needs python3 (with venv), pip access to PyPI, and cargo. Everything it installs goes into
# a temporary directory that is removed at the end.
#
# Cases (same directives on both sides, built from scratch then rendered):
#   small            owner + pidfile (3 directives)
#   quickstart       the quickstart example (examples/quickstart.rs), 23 directives
#   large_200_hooks  strict, owner, master and 200 hooks (benches/render.rs, large_section)
#
# Python: timeit, each repeat runs as many loops as fill 0.2 s; median per loop over the
# repeats. Rust: the divan benchmarks `*::build_and_render_ini` of benches/render.rs in
# release mode; divan's median per iteration.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
repeats="${REPEATS:-15}"

echo "== Python uwsgiconf 2.4.0 (venv in $work)"
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet --disable-pip-version-check uwsgiconf==2.4.0
"$work/venv/bin/python" --version

cat >"$work/configs.py" <<'EOF'
"""The benchmark's configurations, written with the Python uwsgiconf."""
from uwsgiconf.config import Configuration, Section


def small():
    s = Section()
    mp = s.main_process
    mp.set_owner_params(uid='www-data', gid='www-data')
    mp.set_pid_file('/run/app.pid')
    return s


def quickstart(daemonize=False):
    s = Section(strict_config=True)
    mp = s.main_process
    A, P = mp.actions, mp.phases
    mp.set_owner_params(uid='www-data', gid='www-data')
    mp.change_dir('/srv/myapp')
    mp.set_pid_file('/run/myapp/uwsgi.pid', before_priv_drop=False)
    mp.set_basic_params(touch_reload='/srv/myapp/reload', vacuum=True)
    mp.set_naming_params(autonaming=True, prefix='myapp ')
    # uwsgiconf has no chown action: the raw string is the nearest equivalent.
    mp.set_hook(P.ASAP, [A.execute('mkdir -p /run/myapp'),
                         'chown:/run/myapp www-data www-data',
                         A.printout('myapp: config read, 100% strict')])
    mp.set_hook(P.PRIV_DROP_POST,
                A.file_write('/run/myapp/state', 'running as www-data', newline=True))
    mp.set_hook(P.APP_LOAD_PRE, A.printout('myapp: loading apps'))
    mp.set_hook(P.APP_LOAD_POST, [A.printout('myapp: ready'),
                                  A.file_write('/run/myapp/state', 'ready', newline=True)])
    if daemonize:
        mp.daemonize('/var/log/myapp/uwsgi.log')
    s._set('need-plugin', 'notfound', multi=True)
    s._set('check-static', '/srv/myapp/public', multi=True)
    s._set('static-index', 'index.html', multi=True)
    s._set('master', True, cast=bool)
    s._set('processes', 4)
    s._set('http-socket', '127.0.0.1:8000', multi=True)
    s._set('die-on-term', True, cast=bool)
    return s


def large(hooks=200):
    s = Section(strict_config=True)
    mp = s.main_process
    A, P = mp.actions, mp.phases
    phases = [P.ASAP, P.APP_LOAD_PRE, P.APP_LOAD_POST, P.PRIV_DROP_POST]
    mp.set_owner_params(uid='www-data', gid='www-data')
    for i in range(hooks):
        kind = i % 4
        if kind == 0:
            action = A.printout(f'step {i}: 50% done')
        elif kind == 1:
            action = A.file_write(f'/run/app/f{i}', 'x', newline=True)
        elif kind == 2:
            action = A.execute(f'echo {i}')
        else:
            action = A.dir_create(f'/run/app/d{i}')
        mp.set_hook(phases[(i // 4) % 4], action)
    s._set('master', True, cast=bool)
    return s


def render(section):
    # format() starts with a blank line; the rest is the INI text.
    return Configuration([section]).format(stamp=False).lstrip('\n') + '\n'
EOF

cat >"$work/time.py" <<'EOF'
import statistics, sys, timeit
sys.path.insert(0, sys.argv[1])
import configs

repeats = int(sys.argv[2])
for name, build in [('small', configs.small), ('quickstart', configs.quickstart),
                    ('large_200_hooks', configs.large)]:
    timer = timeit.Timer(lambda: configs.render(build()))
    number, _ = timer.autorange()
    number = max(number, int(number * 0.2 / max(_, 1e-9)))  # about 0.2 s per repeat
    per_loop = [t / number for t in timer.repeat(repeat=repeats, number=number)]
    print(f'{name} {statistics.median(per_loop) * 1e9:.1f}')
EOF
"$work/venv/bin/python" "$work/time.py" "$work" "$repeats" | tee "$work/python.txt"

echo "== Rust (divan, release)"
cd "$repo"
cargo bench --quiet --bench render -- build_and_render_ini | tee "$work/rust.txt"

echo "== Same configuration? quickstart INI, uwsgiconf vs this crate"
cargo run --quiet --release --example quickstart >"$work/ours.ini"
"$work/venv/bin/python" -c "
import sys; sys.path.insert(0, '$work'); import configs
sys.stdout.write(configs.render(configs.quickstart()))" >"$work/theirs.ini"
if diff -u "$work/theirs.ini" "$work/ours.ini"; then
  echo "identical"
else
  echo "(differences above: uwsgiconf does not escape % for uWSGI's magic and printf passes)"
fi

echo "== Medians per build + render to INI ($(date -u +%Y-%m-%d), $(nproc) cores)"
python3 - "$work/python.txt" "$work/rust.txt" <<'EOF'
import re, sys

python = dict(line.split() for line in open(sys.argv[1]))
units = {'ns': 1.0, 'µs': 1e3, 'us': 1e3, 'ms': 1e6, 's': 1e9}
rust, group = {}, None
for line in open(sys.argv[2]):
    # Tree drawing first, then cells: name and fastest | slowest | median | ...
    cells = [c.strip() for c in re.sub(r'^[\s│├╰─]+', '', line).split('│')]
    head = cells[0].split()
    if not head:
        continue
    if len(head) == 1 and len(cells) > 1 and not cells[1]:
        group = head[0]
    elif head[0] == 'build_and_render_ini' and group and len(cells) >= 3:
        value, unit = cells[2].split()  # the median
        rust[group] = float(value) * units[unit]

def shown(ns):
    return f'{ns / 1000:.2f} µs' if ns >= 1000 else f'{ns:.0f} ns'

print(f"{'case':<17} {'uwsgiconf (Python)':>19} {'uwsgiconf (Rust)':>17} {'ratio':>8}")
missing = False
for name in ['small', 'quickstart', 'large_200_hooks']:
    if name not in rust or name not in python:
        print(f'{name:<17} missing a measurement')
        missing = True
        continue
    py, rs = float(python[name]), rust[name]
    print(f'{name:<17} {shown(py):>19} {shown(rs):>17} {py / rs:>7.0f}x')
sys.exit(1 if missing else 0)
EOF
