//! The README's "Deploying" snippets (compiled, not run, as README doctests: they need uWSGI)
//! are the deploy modules' doc examples without their hidden lines, which run as doctests
//! against the real uWSGI (skipped with a notice without it, failing with
//! UWSGICONF_REQUIRE_UWSGI=1); and the page it shows is the one the `serve` example serves.

#[allow(dead_code)] // only its page is used here
#[path = "../examples/serve.rs"]
mod serve;

const README: &str = include_str!("../README.md");

/// The ```rust,no_run blocks of the README's subsections on checking and launching.
fn readme_blocks() -> Vec<String> {
    // The subsections on checking and launching; the others are tested by their own files.
    let start = README
        .find("\n### Checking a config with the installed uWSGI\n")
        .expect("README: no check section");
    let end = start
        + README[start..]
            .find("\n### Serving static files")
            .expect("README: no serve section");
    let mut blocks = Vec::new();
    let mut rest = &README[start..end];
    while let Some(open) = rest.find("```rust,no_run\n") {
        let body = &rest[open + "```rust,no_run\n".len()..];
        let close = body
            .find("```\n")
            .expect("README: a rust block is not closed");
        blocks.push(body[..close].to_string());
        rest = &body[close..];
    }
    blocks
}

/// The visible lines of a module's first doc example, as the facade names the crate.
fn doc_example(source: &str) -> String {
    let lines: Vec<&str> = source
        .lines()
        .take_while(|line| line.starts_with("//!"))
        .map(|line| {
            line.strip_prefix("//! ")
                .unwrap_or(line.trim_start_matches("//!"))
        })
        .collect();
    let open = lines
        .iter()
        .position(|l| *l == "```")
        .expect("a doc example");
    let close = open + 1 + lines[open + 1..].iter().position(|l| *l == "```").unwrap();
    lines[open + 1..close]
        .iter()
        .filter(|line| !line.trim_start().starts_with("# ") && line.trim() != "#")
        .map(|line| {
            let line = line.replace("uwsgiconf_deploy", "uwsgiconf::deploy");
            format!("{}\n", line.replace("uwsgiconf_core", "uwsgiconf"))
        })
        .collect()
}

#[test]
fn the_snippets_are_the_doctested_examples() {
    let blocks = readme_blocks();
    assert_eq!(
        blocks,
        [
            doc_example(include_str!("../uwsgiconf-deploy/src/check.rs")),
            doc_example(include_str!("../uwsgiconf-deploy/src/launch.rs")),
        ]
    );
}

#[test]
fn the_page_shown_is_the_one_served() {
    let start = README
        .find("### Serving static files")
        .expect("README: serve section");
    let html = &README[start..];
    let body = &html[html.find("```html\n").unwrap() + "```html\n".len()..];
    assert_eq!(&body[..body.find("```\n").unwrap()], serve::PAGE);
}
