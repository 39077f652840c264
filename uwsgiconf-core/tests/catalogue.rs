//! The option tables in `src/generated/` are what `codegen/catalogue.rs` makes of
//! `data/uwsgi-options.tsv`. They are committed instead of written by a build script, which
//! would be compiled, linked and run before the crate on every clean build; this test keeps
//! them current. After editing the TSV or the generator, rewrite them with:
//!
//! ```text
//! UWSGICONF_BLESS=1 cargo test -p uwsgiconf-core --test catalogue
//! ```
#![forbid(unsafe_code)]

use std::fs;
use std::path::Path;

include!("../codegen/catalogue.rs");

#[test]
fn the_committed_tables_are_generated_from_the_tsv() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let tsv = fs::read_to_string(root.join("data/uwsgi-options.tsv")).unwrap();
    let aliases = fs::read_to_string(root.join("data/uwsgi-option-aliases.tsv")).unwrap();
    let (catalogue, keys) = generate(&tsv, &aliases);
    let bless = std::env::var_os("UWSGICONF_BLESS").is_some();
    for (file, generated) in [("catalogue.rs", catalogue), ("keys.rs", keys)] {
        let path = root.join("src/generated").join(file);
        if bless {
            fs::write(&path, &generated).unwrap();
        }
        let committed = fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == generated,
            "src/generated/{file} is stale: rewrite it with \
             UWSGICONF_BLESS=1 cargo test -p uwsgiconf-core --test catalogue"
        );
    }
}

/// data/uwsgi-option-aliases.tsv is extracted from uWSGI's source by
/// scripts/uwsgi-option-aliases.py (which needs uWSGI's repository, so it is not run here):
/// aliases share a setter and its data there. What the catalogue can confirm: every group's
/// names have one setter and one kind in uwsgi-options.tsv, and none is a list.
#[test]
fn every_alias_group_shares_its_setter_and_kind() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let tsv = fs::read_to_string(root.join("data/uwsgi-options.tsv")).unwrap();
    let aliases = fs::read_to_string(root.join("data/uwsgi-option-aliases.tsv")).unwrap();
    // name -> (setter, kind)
    let rows: HashMap<&str, (&str, &str)> = tsv
        .lines()
        .skip(1)
        .map(|line| {
            let cells: Vec<&str> = line.split('\t').collect();
            (cells[0], (cells[2], cells[3]))
        })
        .collect();
    let groups = alias_groups(&aliases);
    let mut members: HashMap<u8, Vec<&str>> = HashMap::new();
    for (name, group) in &groups {
        members.entry(*group).or_default().push(name);
    }
    for names in members.values() {
        let first = rows[names[0]];
        assert_ne!(first.1, "list", "{names:?}");
        for name in names {
            assert_eq!(rows[name], first, "{name} in {names:?}");
        }
    }
    assert_eq!(groups["processes"], groups["workers"]);
}
