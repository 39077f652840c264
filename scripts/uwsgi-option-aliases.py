#!/usr/bin/env python3
"""Extracts uWSGI's option aliases from its C source into uwsgiconf-core/data/uwsgi-option-aliases.tsv.

    scripts/uwsgi-option-aliases.py GIT_DIR [REV...]    # REVs default to 2.0.21 master

GIT_DIR is a clone of uWSGI's repository (github.com/unbit/uwsgi); the tree of each REV is
read with `git show`, nothing is checked out. Needs python3 and git. The catalogue covers
2.0.21 to 2.0.31 and the development branch (master): a group found in any of them is kept,
led by the name that comes first in the first REV's tables.

uWSGI declares its options in `struct uwsgi_option NAME[] = { {name, argument kind, short
letter, help, setter, data, flags}, ... }` tables, in core/ and in each plugin. An option is
a setter called with the option's data: two names are aliases when their entries have the same
setter and the same data expression (`uwsgi_opt_set_int`, `&uwsgi.numproc` for both
`processes` and `workers`), and the setter does not read the option's name (`opt`, its first
parameter) for anything but a message. Data that is not a field of the global `uwsgi` struct
(a plugin's own state: `&uhttp.cr.nevents`) is compared only within one source file.

Only single-valued options of the catalogue (uwsgiconf-core/data/uwsgi-options.tsv) are kept:
a list option adds an item per line, and an option that acts per occurrence (PER_OCCURRENCE)
acts where it stands, so neither kind's aliases ever conflict.
"""

import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CATALOGUE = REPO / "uwsgiconf-core/data/uwsgi-options.tsv"
OUTPUT = REPO / "uwsgiconf-core/data/uwsgi-option-aliases.tsv"

TOKEN = re.compile(
    r"""
    (?P<comment>/\*.*?\*/|//[^\n]*)
  | (?P<string>"(?:\\.|[^"\\\n])*")
  | (?P<char>'(?:\\.|[^'\\\n])*')
  | (?P<word>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<number>[0-9][A-Za-z0-9_.]*)
  | (?P<space>\s+)
  | (?P<punct>->|[^\sA-Za-z0-9_])
    """,
    re.S | re.X,
)


def git(git_dir, *args):
    return subprocess.run(
        ["git", "--git-dir", git_dir, *args], check=True, capture_output=True, text=True
    ).stdout


def tokens(text):
    """The C tokens of `text`, without comments or preprocessor lines: every branch of an
    `#if` is kept (the catalogue has the options of all of them)."""
    lines = []
    continued = False
    for line in text.splitlines():
        if continued or line.lstrip().startswith("#"):
            continued = line.rstrip().endswith("\\")
            lines.append("")
            continue
        lines.append(line)
    out = []
    for match in TOKEN.finditer("\n".join(lines)):
        kind = match.lastgroup
        if kind in ("comment", "space"):
            continue
        out.append((kind, match.group()))
    return out


def option_tables(toks):
    """The entries of every `struct uwsgi_option NAME[] = {...}` in `toks`, each a list of
    its fields as token lists."""
    i = 0
    while i < len(toks):
        if toks[i][1] == "uwsgi_option" and i > 0 and toks[i - 1][1] == "struct":
            # struct uwsgi_option NAME [ ] = {
            j = i + 1
            if j + 4 < len(toks) and toks[j][0] == "word" and [t[1] for t in toks[j + 1 : j + 5]] == ["[", "]", "=", "{"]:
                i = j + 5
                entries = []
                while toks[i][1] != "}":
                    if toks[i][1] == ",":
                        i += 1
                        continue
                    if toks[i][1] == "UWSGI_END_OF_OPTIONS":
                        entries.append(None)
                        i += 1
                        continue
                    assert toks[i][1] == "{", toks[i - 3 : i + 3]
                    fields, field, depth = [], [], 0
                    i += 1
                    while depth > 0 or toks[i][1] != "}":
                        value = toks[i][1]
                        if value in "({[":
                            depth += 1
                        elif value in ")}]":
                            depth -= 1
                        if value == "," and depth == 0:
                            fields.append(field)
                            field = []
                        else:
                            field.append(toks[i])
                        i += 1
                    fields.append(field)
                    entries.append(fields)
                    i += 1
                yield entries
                continue
        i += 1


def string(field):
    """The text of a field made of adjacent string literals, or None (NULL, 0)."""
    if all(kind == "string" for kind, _ in field):
        return "".join(bytes(value[1:-1], "utf-8").decode("unicode_escape") for _, value in field)
    return None


def functions(toks):
    """The C functions of `toks` with three parameters: name -> (first parameter, body
    tokens)."""
    found = {}
    for i in range(len(toks) - 2):
        if toks[i][0] == "word" and toks[i + 1][1] == "(" and i > 0 and toks[i - 1][0] == "word" and toks[i - 1][1] not in ("return", "else"):
            j, depth, params, current = i + 2, 1, [], []
            while depth and j < len(toks):
                value = toks[j][1]
                depth += value == "("
                depth -= value == ")"
                if depth and value == ",":
                    params.append(current)
                    current = []
                elif depth:
                    current.append(value)
                j += 1
            params.append(current)
            if j >= len(toks) or toks[j][1] != "{" or len(params) != 3 or not params[0]:
                continue
            body, depth = [], 0
            while j < len(toks):
                value = toks[j][1]
                depth += value == "{"
                depth -= value == "}"
                body.append(toks[j])
                j += 1
                if not depth:
                    break
            found[toks[i][1]] = (params[0][-1], body)
    return found


# Setters of the options that act where they stand, each occurrence on its own (config
# logic, `endif`, `print`, loading another config, file locks): the crate never groups or
# compares their lines (OptionSpec::acts_per_occurrence), so they repeat like lists.
PER_OCCURRENCE = {
    "uwsgi_opt_logic",
    "uwsgi_opt_noop",
    "uwsgi_opt_print",
    "uwsgi_opt_load",
    "uwsgi_opt_load_ini",
    "uwsgi_opt_load_json",
    "uwsgi_opt_load_xml",
    "uwsgi_opt_load_yml",
    "uwsgi_opt_load_sqlite3",
    "uwsgi_opt_load_ldap",
    "uwsgi_opt_load_config",
    "uwsgi_opt_flock",
    "uwsgi_opt_flock_wait",
}

# Calls through which a setter may name its option without acting on it.
MESSAGES = {"uwsgi_log", "uwsgi_log_verbose", "uwsgi_error", "uwsgi_log_initial"}


def reads_name(param, body):
    """Whether `body` uses `param` (the option's name) outside a message."""
    stack = []
    for k, (kind, value) in enumerate(body):
        if value == "(":
            stack.append(body[k - 1][1] if k else "")
        elif value == ")" and stack:
            stack.pop()
        elif kind == "word" and value == param and not MESSAGES.intersection(stack):
            return True
    return False


def entries_of(git_dir, commit):
    """Every option table entry of the tree of `commit` as (file, name, setter, data, flags),
    and the setters defined there (name -> (first parameter, body))."""
    files = [
        path
        for path in git(git_dir, "ls-tree", "-r", "--name-only", commit, "core", "plugins").split()
        if path.endswith((".c", ".cc", ".h"))
    ]
    entries = []
    setters = {}
    for path in files:
        toks = tokens(git(git_dir, "show", f"{commit}:{path}"))
        setters.update(functions(toks))
        for table in option_tables(toks):
            for fields in table:
                if fields is None:
                    break
                name = string(fields[0])
                if name is None:  # the NULL sentinel
                    break
                text = [" ".join(v for _, v in field) for field in fields]
                # C fills the fields an entry leaves out with zeros (a few omit the flags).
                text += ["0"] * (7 - len(text))
                entries.append((path, name, text[4], text[5], text[6]))
    return entries, setters


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    git_dir = sys.argv[1]
    revs = sys.argv[2:] or ["2.0.21", "master"]

    catalogue = {}
    with open(CATALOGUE) as tsv:
        header = tsv.readline().rstrip("\n").split("\t")
        for line in tsv:
            row = dict(zip(header, line.rstrip("\n").split("\t")))
            catalogue[row["name"]] = row

    # Names joined into groups across the versions (union-find), each group led by the
    # name read first: the first version's table order.
    leader = {}

    def find(name):
        while leader[name] != name:
            name = leader[name]
        return name

    sources = []
    for rev in revs:
        commit = git(git_dir, "rev-parse", f"{rev}^{{commit}}").strip()
        sources.append(f"{rev} ({commit})")
        entries, setters = entries_of(git_dir, commit)
        names = {entry[1] for entry in entries}
        print(f"{rev}: {len(entries)} table entries, {len(names)} names", file=sys.stderr)
        first_of = {}
        for path, name, setter, data, _flags in entries:
            row = catalogue.get(name)
            if row is None or row["kind"] == "list" or setter in PER_OCCURRENCE:
                continue
            if setter in setters and reads_name(*setters[setter]):
                continue
            # The global `uwsgi` struct is one for every file, and a setter given no data
            # acts on the same thing whatever file lists it.
            shared = data.startswith(("& uwsgi .", "uwsgi .")) or data in ("NULL", "0")
            key = ("" if shared else path, setter, data)
            leader.setdefault(name, name)
            first = first_of.setdefault(key, name)
            a, b = find(first), find(name)
            if a != b:
                # The group keeps the leader that came first.
                order = list(leader)
                a, b = sorted((a, b), key=order.index)
                leader[b] = a

    groups = defaultdict(list)
    for name in leader:
        groups[find(name)].append(name)
    aliases = sorted((names for names in groups.values() if len(names) > 1), key=lambda n: n[0])
    for names in aliases:
        shared = {(catalogue[n]["setter"], catalogue[n]["kind"]) for n in names}
        if len(shared) != 1:
            print(f"warning: {names} differ in uwsgi-options.tsv: {shared}", file=sys.stderr)

    out = [
        "# uWSGI's option aliases: made by scripts/uwsgi-option-aliases.py from uWSGI's option",
        "# tables; do not edit, run it again. Read from:",
        *(f"#   {source}" for source in sources),
        "# Two names are aliases when their entries have the same setter and the same data",
        "# (processes and workers: uwsgi_opt_set_int, &uwsgi.numproc) and the setter does not act",
        "# on the option's name. Only single-valued options of uwsgi-options.tsv are here: kinds",
        "# flag, int, str and other, less the options that act per occurrence (config logic,",
        "# endif, print, config loading, flock); a list adds an item per line, so its aliases",
        "# never conflict. One line per option that has aliases: its name, then its group's first",
        "# name in uWSGI's tables.",
        "name\tgroup",
    ]
    for names in aliases:
        for name in names:
            out.append(f"{name}\t{names[0]}")
    OUTPUT.write_text("\n".join(out) + "\n")
    print(f"{len(aliases)} alias groups, {sum(map(len, aliases))} options", file=sys.stderr)


if __name__ == "__main__":
    main()
