//! The `const_embed` example: `uwsgi_ini!` in a `const`. Its text is what the same items
//! render to at run time, and uWSGI accepts it in strict mode.

#[allow(dead_code)]
#[path = "../examples/const_embed.rs"]
mod const_embed;
mod support;

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
