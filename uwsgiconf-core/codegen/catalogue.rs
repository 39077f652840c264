// Turns `data/uwsgi-options.tsv` (the catalogue of every uWSGI option) into a static,
// name-sorted Rust table with a hash index of the names, so lookups need no parsing at run
// time, and
// one constant per option (`key::TOUCH_RELOAD`), its index in that table, so the crate's
// typed methods name their options with no search at all. Each row also carries its alias
// group from `data/uwsgi-option-aliases.tsv` (names uWSGI gives one setting, such as
// `processes` and `workers`; made from uWSGI's source by scripts/uwsgi-option-aliases.py).
//
// Its output is committed in src/generated/ rather than written by a build script: a build
// script is compiled, linked and run before the crate can start, on the critical path of
// every clean build. tests/catalogue.rs includes this file, fails when the committed tables
// are not what it generates, and rewrites them with UWSGICONF_BLESS=1. Included with
// `include!`, so no inner attributes or `//!` comments here.

use std::collections::{BTreeSet, HashMap};
use std::fmt::Write as _;

include!("key_names.rs");
include!("../src/name_index.rs");

const COLUMNS: [&str; 11] = [
    "name",
    "arg",
    "setter",
    "kind",
    "immediate",
    "master",
    "provider",
    "in_2.0.21",
    "in_2.0.31",
    "in_master",
    "short",
];

fn yes_no(value: &str, line: usize, column: &str) -> bool {
    match value {
        "yes" => true,
        "no" => false,
        other => panic!("uwsgi-options.tsv line {line}: {column} must be yes or no, not {other:?}"),
    }
}

/// `name_prefix` of options.rs: the first eight bytes of a name as a big-endian integer,
/// zero-padded.
fn prefix(name: &str) -> String {
    let mut bytes = [0; 8];
    let len = name.len().min(8);
    bytes[..len].copy_from_slice(&name.as_bytes()[..len]);
    format!("{:#018x}", u64::from_be_bytes(bytes))
}

/// The catalogue's text, each distinct string once: the table holds spans of it (start, length)
/// rather than `&'static str`s, whose pointers would each be a relocation in the binary.
#[derive(Default)]
struct Strings {
    text: String,
    spans: HashMap<String, (usize, usize)>,
}

impl Strings {
    /// `Span { .. }` of `value`, added to the text if new.
    fn span(&mut self, value: &str) -> String {
        let text = &mut self.text;
        let (start, len) = *self.spans.entry(value.to_string()).or_insert_with(|| {
            text.push_str(value);
            (text.len() - value.len(), value.len())
        });
        // The span's fields are a u16 and a u8 (options.rs).
        assert!(
            u16::try_from(start).is_ok() && u8::try_from(len).is_ok(),
            "uwsgi-options.tsv: too much text for the catalogue's spans ({value:?})"
        );
        format!("Span {{ start: {start}, len: {len} }}")
    }
}

/// The alias groups of `aliases` (the text of uwsgi-option-aliases.tsv): each option's group
/// number, from 1 in the file's order; an option with no alias has none. Panics on a
/// malformed file, naming the line.
fn alias_groups(aliases: &str) -> HashMap<String, u8> {
    let mut lines = aliases
        .lines()
        .enumerate()
        .filter(|(_, line)| !line.starts_with('#') && !line.trim().is_empty());
    let header = lines.next().map(|(_, line)| line);
    assert_eq!(
        header,
        Some("name\tgroup"),
        "unexpected columns in uwsgi-option-aliases.tsv"
    );
    let mut groups: HashMap<String, u8> = HashMap::new();
    let mut group_of = HashMap::new();
    for (index, line) in lines {
        let number = index + 1;
        let (name, first) = line
            .split_once('\t')
            .unwrap_or_else(|| panic!("uwsgi-option-aliases.tsv line {number}: two cells"));
        let group = match groups.get(first) {
            Some(&group) => group,
            None => {
                assert_eq!(
                    name, first,
                    "uwsgi-option-aliases.tsv line {number}: a group's first line is its first name"
                );
                // The field is a u8, 0 for none: no option grows for it (options.rs).
                let group = u8::try_from(groups.len() + 1)
                    .expect("uwsgi-option-aliases.tsv: more alias groups than a u8 numbers");
                groups.insert(first.to_string(), group);
                group
            }
        };
        assert!(
            group_of.insert(name.to_string(), group).is_none(),
            "uwsgi-option-aliases.tsv line {number}: {name} is listed twice"
        );
    }
    for (first, group) in &groups {
        assert_eq!(
            group_of.get(first),
            Some(group),
            "uwsgi-option-aliases.tsv: group {first} does not list {first} itself"
        );
        assert!(
            group_of.values().filter(|&g| g == group).count() > 1,
            "uwsgi-option-aliases.tsv: group {first} has a single name"
        );
    }
    group_of
}

/// The generated `catalogue.rs` and `keys.rs` of the catalogue `text` (the TSV) and its
/// alias groups `aliases` (uwsgi-option-aliases.tsv), in that order. Panics on a malformed
/// catalogue, naming the line.
fn generate(text: &str, aliases: &str) -> (String, String) {
    let mut alias_of = alias_groups(aliases);
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().expect("header line").split('\t').collect();
    assert_eq!(header, COLUMNS, "unexpected columns in uwsgi-options.tsv");

    let mut rows = Vec::new();
    for (index, line) in lines.enumerate() {
        let number = index + 2;
        if line.trim().is_empty() {
            continue;
        }
        let cells: Vec<&str> = line.split('\t').collect();
        assert_eq!(
            cells.len(),
            COLUMNS.len(),
            "uwsgi-options.tsv line {number}: wrong cell count"
        );
        let arg = match cells[1] {
            "required" => "Required",
            "optional" => "Optional",
            "none" => "None",
            other => panic!("uwsgi-options.tsv line {number}: unknown arg kind {other:?}"),
        };
        let kind = match cells[3] {
            "flag" => "Flag",
            "list" => "List",
            "int" => "Int",
            "str" => "Str",
            "other" => "Other",
            other => panic!("uwsgi-options.tsv line {number}: unknown kind {other:?}"),
        };
        let short = match cells[10].chars().count() {
            0 => "None".to_string(),
            1 => format!("Some({:?})", cells[10].chars().next().unwrap()),
            _ => panic!("uwsgi-options.tsv line {number}: short option must be one char"),
        };
        rows.push((
            cells[0].to_string(),
            // `{prefix}`, `{name}`, `{setter}` and `{provider}` are filled in once the rows are
            // sorted.
            format!(
                "OptionSpec {{ prefix: {{prefix}}, name: {{name}}, arg: ArgKind::{arg}, setter: {{setter}}, kind: OptionKind::{kind}, \
                 immediate: {immediate}, enables_master: {master}, provider: {{provider}}, \
                 in_2_0_21: {v21}, in_2_0_31: {v31}, in_master: {vm}, short: {short}, alias: {alias} }},\n",
                immediate = yes_no(cells[4], number, "immediate"),
                master = yes_no(cells[5], number, "master"),
                v21 = yes_no(cells[7], number, "in_2.0.21"),
                v31 = yes_no(cells[8], number, "in_2.0.31"),
                vm = yes_no(cells[9], number, "in_master"),
                alias = alias_of.remove(cells[0]).unwrap_or(0),
            ),
            cells[2].to_string(),
            cells[6].to_string(),
        ));
    }
    let mut unknown: Vec<&String> = alias_of.keys().collect();
    unknown.sort();
    assert!(
        unknown.is_empty(),
        "uwsgi-option-aliases.tsv names options uwsgi-options.tsv lacks: {unknown:?}"
    );
    rows.sort_by(|a, b| a.0.cmp(&b.0));
    for pair in rows.windows(2) {
        assert_ne!(
            pair[0].0, pair[1].0,
            "uwsgi-options.tsv: duplicate option {}",
            pair[0].0
        );
    }

    // Keys are `u16` indices into the table.
    assert!(
        u16::try_from(rows.len()).is_ok(),
        "uwsgi-options.tsv: more options than a key can index"
    );
    let names: Vec<&str> = rows.iter().map(|(name, ..)| name.as_str()).collect();
    let mut const_names = Vec::with_capacity(names.len());
    for name in &names {
        match const_name(name) {
            Ok(const_name) => const_names.push(const_name),
            Err(why) => panic!("uwsgi-options.tsv: {why}"),
        }
    }
    let clashes = collisions(names.iter().copied(), |name| {
        const_name(name).unwrap_or_default()
    });
    assert!(
        clashes.is_empty(),
        "uwsgi-options.tsv: options that one key constant would name: {clashes:?}"
    );

    // Names first, in table order, so that names read one after the other sit side by side.
    let mut strings = Strings::default();
    let spans: Vec<String> = names.iter().map(|name| strings.span(name)).collect();
    let mut out = String::with_capacity(rows.len() * 220);
    out.push_str("// Generated by codegen/catalogue.rs from data/uwsgi-options.tsv and data/uwsgi-option-aliases.tsv; do not edit.\n");
    let _ = writeln!(
        out,
        "pub(crate) static CATALOGUE: [OptionSpec; {}] = [",
        rows.len()
    );
    for ((name_of_row, row, setter, provider), name) in rows.iter().zip(&spans) {
        let row = row
            .replace("{prefix}", &prefix(name_of_row))
            .replace("{name}", name)
            .replace("{setter}", &strings.span(setter))
            .replace("{provider}", &strings.span(provider));
        out.push_str(&row);
    }
    out.push_str("];\n");
    // A static: one copy, read by the inline `Span::text` wherever a name is read.
    let _ = writeln!(out, "static STRINGS: &str = {:?};", strings.text);
    // The names hashed to their rows (open addressing, linear probing): each slot holds a
    // row's index plus one, or 0 where it is free. Indices, not pointers: no relocations.
    assert!(
        rows.len() * 2 < NAME_SLOTS,
        "uwsgi-options.tsv: more options than the name index has room for"
    );
    let mut slots = vec![0u16; NAME_SLOTS];
    for (row, name) in (1u16..).zip(&names) {
        let mut slot = name_hash(name.as_bytes());
        while slots[slot % NAME_SLOTS] != 0 {
            slot += 1;
        }
        slots[slot % NAME_SLOTS] = row;
    }
    let _ = writeln!(
        out,
        "/// Option names hashed to their rows: a row's index plus one, 0 where free.\n\
         static NAME_INDEX: [u16; NAME_SLOTS] = {slots:?};"
    );
    // Text is interned, so a setter or provider is compared by its span, an integer
    // compare; options.rs names the ones its rules need through these constants.
    let setters: BTreeSet<&str> = rows
        .iter()
        .map(|(_, _, setter, _)| setter.as_str())
        .collect();
    out.push_str("/// The span of each setter's name.\n#[allow(dead_code)] // only those a rule names are used\nmod setter {\n    use super::Span;\n");
    for setter in setters {
        let _ = writeln!(
            out,
            "    pub(super) const {}: Span = {};",
            setter.to_ascii_uppercase(),
            strings.span(setter)
        );
    }
    out.push_str("}\n");
    let _ = writeln!(
        out,
        "/// The span of `core`, the provider of uWSGI's own options.\nconst CORE: Span = {};",
        strings.span("core")
    );

    let mut keys = String::with_capacity(rows.len() * 80);
    keys.push_str("// Generated by codegen/catalogue.rs from data/uwsgi-options.tsv; do not edit.\n");
    for (index, (name, const_name)) in names.iter().zip(&const_names).enumerate() {
        let _ = writeln!(
            keys,
            "/// The `{name}` option.\npub const {const_name}: Key = Key({index});"
        );
    }
    // Every constant with its name, for the test that each names its option.
    let _ = writeln!(
        keys,
        "#[cfg(test)]\npub(crate) static EVERY_KEY: [(&str, Key); {}] = [",
        names.len()
    );
    for const_name in &const_names {
        let _ = writeln!(keys, "({const_name:?}, {const_name}),");
    }
    keys.push_str("];\n");
    (out, keys)
}
