//! The README's table of `uwsgi_config!` items says what the macro does: one row per item of
//! the grammar (`uwsgiconf::dsl::ITEMS`), with its parameters in order, the core method the
//! item calls, and every uWSGI directive the item can write.
//!
//! When this test fails, change the row it names in README.md ("Each item calls the core
//! method...").

use uwsgiconf::dsl::{self, Receiver};

/// One row: the item's name, its parameters, the method cell and the directives cell.
struct Row<'a> {
    name: &'a str,
    params: Vec<&'a str>,
    method: &'a str,
    directives: &'a str,
}

/// The rows of the item table, in README order.
fn readme_rows() -> Vec<Row<'static>> {
    let readme = include_str!("../README.md");
    let header = "| item | uwsgiconf method | uWSGI directives |\n|---|---|---|\n";
    let start = readme
        .find(header)
        .expect("README: no item table (| item | uwsgiconf method | uWSGI directives |)")
        + header.len();
    readme[start..]
        .lines()
        .take_while(|line| line.starts_with('|'))
        .map(|line| {
            let cells: Vec<&str> = line.trim_matches('|').split(" | ").map(str::trim).collect();
            assert_eq!(
                cells.len(),
                3,
                "README item table: not three cells in {line:?}"
            );
            let usage = cells[0]
                .strip_prefix('`')
                .and_then(|c| c.strip_suffix(")`"))
                .unwrap_or_else(|| panic!("README item table: {:?} is not `name(..)`", cells[0]));
            let (name, params) = usage
                .split_once('(')
                .unwrap_or_else(|| panic!("README item table: no `(` in {:?}", cells[0]));
            Row {
                name,
                params: params.split(", ").filter(|p| !p.is_empty()).collect(),
                method: cells[1],
                directives: cells[2],
            }
        })
        .collect()
}

#[test]
fn the_readme_item_table_matches_the_grammar() {
    let rows = readme_rows();
    let mut names: Vec<&str> = rows.iter().map(|row| row.name).collect();
    names.sort_unstable();
    let mut expected: Vec<String> = dsl::items().map(|spec| spec.qualified_name()).collect();
    expected.sort_unstable();
    assert_eq!(names, expected, "README item table: one row per item");

    for spec in dsl::items() {
        let row = rows
            .iter()
            .find(|row| row.name == spec.qualified_name())
            .unwrap();
        let params: Vec<&str> = spec.params.iter().map(|p| p.name).collect();
        assert_eq!(
            row.params,
            params,
            "README item table, `{}`: the parameters (`{}`)",
            spec.name,
            spec.usage()
        );
        // The section's own methods are named with their type, and said to be new where
        // uwsgiconf has no such method.
        let method = match spec.receiver {
            Receiver::Group(_) => format!("`{}`", spec.method),
            Receiver::Section => format!("`Section::{}`", spec.method),
        };
        let new = format!("{method} (not in uwsgiconf)");
        assert!(
            row.method == method || row.method == new,
            "README item table, `{}`: the method the item calls ({method})",
            spec.name
        );
        for directive in spec.directives() {
            // `<key>` (the option named by `option`'s key) is no directive name.
            if directive.starts_with('<') {
                continue;
            }
            let named = [format!("`{directive}`"), format!("`{directive} ")];
            assert!(
                named.iter().any(|n| row.directives.contains(n.as_str())),
                "README item table, `{}`: the directive `{directive}` is not named in {:?}",
                spec.name,
                row.directives
            );
        }
    }
}
