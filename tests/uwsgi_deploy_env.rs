//! What the deploy functions take from, and leave in, this process's environment. One test per
//! binary: it changes the environment.
//!
//! - uWSGI runs without the caller's `UWSGI_*` variables: it would read
//!   `UWSGI_UWSGICONF_BOGUS` as the unknown option `uwsgiconf-bogus` (fatal in strict mode).
//! - A check leaves nothing in the temporary directory (`TMPDIR`) it works in.

mod support;

use uwsgiconf::deploy::check::check;
use uwsgiconf::Section;

#[test]
fn checks_ignore_the_callers_uwsgi_variables_and_leave_no_files() {
    let Some(uwsgi) = support::uwsgi() else {
        return;
    };
    let tmp = support::temp_dir();
    let mut section = Section::new();
    section.set_option("master", true);
    std::env::set_var("UWSGI_UWSGICONF_BOGUS", "1");
    std::env::set_var("TMPDIR", tmp.path());
    let checked = check(uwsgi.located(), &section);
    let mut bad = Section::new();
    bad.set_embedded_plugins(["python"]);
    bad.set_option("wsgi-file", "app.py");
    let refused = check(uwsgi.located(), &bad);
    std::env::remove_var("UWSGI_UWSGICONF_BOGUS");
    std::env::remove_var("TMPDIR");
    checked.unwrap();
    assert!(refused.is_err());
    let left: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().collect();
    assert!(left.is_empty(), "{left:?}");
}
