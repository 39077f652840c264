#!/usr/bin/env bash
# Times the same configurations built and rendered to INI by this crate and by the Python
# uwsgiconf 2.4.0, interleaved in one run, and prints both medians and their ratio.
#
#   scripts/bench-vs-uwsgiconf.sh                 # every workload
#   scripts/bench-vs-uwsgiconf.sh small mixed_100 # some of them
#   ROUNDS=21 BATCH_MS=100 scripts/bench-vs-uwsgiconf.sh
#
# Needs python3 (with venv), pip access to PyPI, and cargo. Everything it installs goes into
# a temporary directory that is removed at the end.
#
# Workloads (the same directives on both sides; benches/compare.rs is the Rust side):
#   small                owner + pidfile (3 lines), built and rendered
#   quickstart           the quickstart example (examples/quickstart.rs), built and rendered
#   large_200_hooks      strict, owner, master and 200 hooks (benches/render.rs, large_section)
#   mixed_<n>            n = 100, 10000, 100000 directives of four kinds in turn: a printout
#                        hook, a mkdir hook, an env option, a command at asap; built and
#                        rendered
#   mixed_<n>_render     the same section, built once and rendered only
#
# How: ROUNDS rounds (default 11); in each round every workload runs one batch on each side,
# Python first in even rounds and Rust first in odd ones, so load on the machine falls on
# both sides alike. A batch times K iterations back to back and records nanoseconds per
# iteration; K is chosen once per side and workload so a batch lasts about BATCH_MS
# milliseconds (default 50; at least one iteration). Python runs with its garbage collector
# off during a batch (as timeit does). Reported: each side's median over the rounds, the
# spread (interquartile range / median), and the ratio of the medians. Before timing, both
# sides' output is compared line by line.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "== Python uwsgiconf 2.4.0 (in a temporary venv)"
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet --disable-pip-version-check uwsgiconf==2.4.0
"$work/venv/bin/python" --version

echo "== Rust (benches/compare.rs, release)"
cd "$repo"
cargo bench --quiet --bench compare --no-run
rustc --version

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


def mixed(n):
    s = Section()
    mp = s.main_process
    A, P = mp.actions, mp.phases
    for i in range(n):
        kind = i % 4
        if kind == 0:
            mp.set_hook(P.ASAP, A.printout(f'step {i}: 100% done'))
        elif kind == 1:
            # APP_LOAD_PRE is `hook-pre-app`; dir_create is the `mkdir:` action.
            mp.set_hook(P.APP_LOAD_PRE, A.dir_create(f'/srv/app/data/{i}'))
        elif kind == 2:
            s.env(f'APP_KEY_{i}', f'value-{i}')
        else:
            # At asap by default: `exec-asap`.
            mp.run_command_on_event(f'/usr/bin/logger started {i}')
    return s


def render(section):
    # format() starts with a blank line; the rest is the INI text.
    return Configuration([section]).format(stamp=False).lstrip('\n') + '\n'


# name -> (build, build once and render only?)
WORKLOADS = {
    'small': (small, False),
    'quickstart': (quickstart, False),
    'large_200_hooks': (large, False),
}
for n in (100, 10_000, 100_000):
    WORKLOADS[f'mixed_{n}'] = ((lambda n=n: mixed(n)), False)
    WORKLOADS[f'mixed_{n}_render'] = ((lambda n=n: mixed(n)), True)
EOF

cat >"$work/compare.py" <<'EOF'
"""Interleaves batches of the Python uwsgiconf (in this process) and of benches/compare.rs
(a child process answering `<workload> <iterations>` lines) and reports medians."""
import collections, gc, math, os, statistics, subprocess, sys, time

sys.path.insert(0, os.path.dirname(__file__))
import configs

rounds = int(os.environ.get('ROUNDS', '11'))
batch_ns = float(os.environ.get('BATCH_MS', '50')) * 1e6
names = sys.argv[1:] or list(configs.WORKLOADS)
unknown = [name for name in names if name not in configs.WORKLOADS]
if unknown:
    sys.exit(f'unknown workloads: {unknown}; known: {list(configs.WORKLOADS)}')
cargo = ['cargo', 'bench', '--quiet', '--bench', 'compare', '--']

# The mixed workload emits the lines it is defined by: the same lines as called, grouped by
# option (uwsgiconf, like this crate, writes an option's values together where it first
# appears).
expected = ['[uwsgi]']
for i in range(8):
    expected.append([f'hook-asap = print:step {i}: 100% done',
                     f'hook-pre-app = mkdir:/srv/app/data/{i}',
                     f'env = APP_KEY_{i}=value-{i}',
                     f'exec-asap = /usr/bin/logger started {i}'][i % 4])
expected[1:] = sorted(expected[1:], key=lambda line: ['hook-asap', 'hook-pre-app', 'env',
                                                     'exec-asap'].index(line.split(' = ')[0]))
got = configs.render(configs.mixed(8)).splitlines()
if got != expected:
    sys.exit(f'the Python mixed workload emits {got}, not {expected}')

print('== Same configuration? Each workload\'s lines, in any order: uwsgiconf vs this crate')
for name in names:
    if name.endswith('_render'):
        continue
    ours = subprocess.run(cargo + ['print', name], check=True, capture_output=True,
                          text=True).stdout.splitlines()
    theirs = configs.render(configs.WORKLOADS[name][0]()).splitlines()
    only_theirs = collections.Counter(theirs) - collections.Counter(ours)
    only_ours = collections.Counter(ours) - collections.Counter(theirs)
    if not only_theirs and not only_ours:
        same = 'same order' if ours == theirs else 'another order'
        print(f'{name}: the same {len(ours)} lines ({same})')
    elif collections.Counter(line.replace('%%%%', '%') for line in ours) == \
            collections.Counter(theirs):
        print(f'{name}: the same {len(ours)} lines but for {sum(only_ours.values())} with a '
              f'`%`, which this crate escapes for uWSGI (`%%%%`) and uwsgiconf does not')
    else:
        print(f'{name}: {len(theirs)} lines vs {len(ours)}; '
              f'{sum(only_theirs.values())} only in uwsgiconf, e.g. '
              f'{next(iter(only_theirs), None)!r}; {sum(only_ours.values())} only in this '
              f'crate, e.g. {next(iter(only_ours), None)!r}')

rust = subprocess.Popen(cargo + ['serve'], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                        text=True, bufsize=1)


def rust_batch(name, iterations):
    rust.stdin.write(f'{name} {iterations}\n')
    answer = rust.stdout.readline()
    if not answer:
        sys.exit(f'benches/compare.rs stopped on {name}')
    return float(answer)


def python_batch(name, iterations):
    build, render_only = configs.WORKLOADS[name]
    render = configs.render
    section = build() if render_only else None
    gc.disable()
    try:
        if render_only:
            start = time.perf_counter_ns()
            for _ in range(iterations):
                render(section)
        else:
            start = time.perf_counter_ns()
            for _ in range(iterations):
                render(build())
        elapsed = time.perf_counter_ns() - start
    finally:
        gc.enable()
    return elapsed / iterations


def calibrate(batch, name):
    """Iterations for a batch of about batch_ns (the first batches warm up)."""
    iterations = 1
    while True:
        per = batch(name, iterations)
        if per * iterations >= batch_ns / 2 or iterations >= 1 << 30:
            return max(1, math.ceil(batch_ns / max(per, 1.0)))
        iterations *= 2


sides = {'python': python_batch, 'rust': rust_batch}
iterations = {(side, name): calibrate(batch, name)
              for name in names for side, batch in sides.items()}
samples = collections.defaultdict(list)
for round_ in range(rounds):
    order = ['python', 'rust'] if round_ % 2 == 0 else ['rust', 'python']
    for name in names:
        for side in order:
            samples[side, name].append(sides[side](name, iterations[side, name]))
rust.stdin.close()
rust.wait()


def shown(ns):
    for unit, scale in (('ms', 1e6), ('µs', 1e3)):
        if ns >= scale:
            return f'{ns / scale:.2f} {unit}'
    return f'{ns:.0f} ns'


def spread(values):
    q1, _, q3 = statistics.quantiles(values, n=4)
    return (q3 - q1) / statistics.median(values)


cpu = next((line.split(':', 1)[1].strip() for line in open('/proc/cpuinfo')
            if line.startswith('model name')), 'unknown CPU')
print(f'== Medians over {rounds} interleaved rounds, per iteration: build + render to INI, '
      f'render only for *_render '
      f'({time.strftime("%Y-%m-%d", time.gmtime())}, {os.cpu_count()} cores, {cpu})')
print(f"{'workload':<20} {'uwsgiconf (Python)':>19} {'spread':>7} {'this crate':>11} "
      f"{'spread':>7} {'ratio':>7} {'Python ns/dir':>14} {'Rust ns/dir':>12}")
for name in names:
    py = statistics.median(samples['python', name])
    rs = statistics.median(samples['rust', name])
    per_directive = ''
    if name.startswith('mixed_'):
        n = int(name.split('_')[1])
        per_directive = f'{py / n:>14.1f} {rs / n:>12.1f}'
    print(f'{name:<20} {shown(py):>19} {spread(samples["python", name]):>6.0%} '
          f'{shown(rs):>11} {spread(samples["rust", name]):>6.0%} {py / rs:>6.1f}x '
          f'{per_directive}')
EOF

"$work/venv/bin/python" "$work/compare.py" "$@"
