//! The `const_embed` example: `uwsgi_ini!` in a `const`. Its text is what the same items
//! render to at run time, and uWSGI accepts it in strict mode.

#[allow(dead_code)]
#[path = "../examples/const_embed.rs"]
mod const_embed;
mod readme;
mod support;

use readme::readme_block;
use support::Prepend;
use uwsgiconf::uwsgi_config;

#[test]
fn the_const_is_the_run_time_rendering_of_the_same_items() {
    let section: uwsgiconf::Section = uwsgi_config!(
        option("strict", true),
        master_process.basic(enable = true),
        master_process.exit_events(sig_term = true),
        workers.basic(count = 2),
        naming(prefix = "const-embed "),
        option("http-socket", "127.0.0.1:8000"),
        option("need-plugin", "notfound"),
    );
    assert_eq!(const_embed::APP_INI, section.to_ini().unwrap());
}

#[test]
fn uwsgi_accepts_the_const_in_strict_mode() {
    let Some(uwsgi) = support::uwsgi() else {
        return;
    };
    let ini = const_embed::APP_INI;
    // The config turns strict mode on itself.
    assert!(ini.starts_with("[uwsgi]\nstrict = true\n"), "{ini}");
    uwsgi.assert_strict_accepts_ini("examples/const_embed.rs", Prepend::Stop, ini);
}

#[test]
fn the_readme_shows_the_const_and_what_it_prints() {
    let heading = "### Embedded at compile time";
    assert_eq!(readme_block(heading, "```ini"), const_embed::APP_INI);
    // The same invocation as the example's.
    let invocation = |text: &'static str| -> &'static str {
        let start = text
            .find("const APP_INI: &str = uwsgi_ini!(")
            .expect("the const");
        let end = start + text[start..].find("\n);\n").expect("its end");
        &text[start..end]
    };
    assert_eq!(
        invocation(readme_block(heading, "```rust")),
        invocation(include_str!("../examples/const_embed.rs"))
    );
}
