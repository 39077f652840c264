//! The tables in the documentation of `uwsgi_config!` are generated from the grammar tables
//! of `uwsgiconf_core::dsl`, and must stay in step with them.
//!
//! When this test fails, replace the tables in src/lib.rs with the ones it prints.

use uwsgiconf::dsl::{self, Receiver};

fn code_list(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The group's type, from its accessor: `master_process` is `MasterProcess`.
fn type_name(group: &str) -> String {
    group
        .split('_')
        .map(|word| {
            let mut chars = word.chars();
            chars
                .next()
                .map(|first| first.to_uppercase().chain(chars).collect::<String>())
                .unwrap_or_default()
        })
        .collect()
}

fn items_table() -> String {
    let mut out = String::from("| item | uwsgiconf method | uWSGI directives |\n|---|---|---|\n");
    for spec in dsl::items() {
        let method = match spec.receiver {
            Receiver::Section => format!("`Section::{}`", spec.method),
            Receiver::Group(group) => format!("`{}::{}`", type_name(group), spec.method),
        };
        let directives = spec.directives();
        let directives = if directives.is_empty() {
            "none (checks only)".to_string()
        } else {
            code_list(&directives)
        };
        out.push_str(&format!(
            "| `{}` | {method} | {directives} |\n",
            spec.usage()
        ));
    }
    out
}

fn actions_table() -> String {
    let mut out = String::from("| action | uWSGI actions |\n|---|---|\n");
    for spec in dsl::ACTIONS {
        out.push_str(&format!(
            "| `{}` | {} |\n",
            spec.usage(),
            code_list(spec.uwsgi)
        ));
    }
    out
}

fn as_doc(table: &str) -> String {
    table.lines().map(|line| format!("//! {line}\n")).collect()
}

#[test]
fn tables_match_the_grammar() {
    let source = include_str!("../src/lib.rs");
    for (name, table) in [("items", items_table()), ("actions", actions_table())] {
        let doc = as_doc(&table);
        assert!(
            source.contains(&doc),
            "the {name} table in src/lib.rs is out of date; it should read:\n{doc}"
        );
    }
}
