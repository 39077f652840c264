//! The deploy functions run uWSGI without the caller's `UWSGI_*` variables: uWSGI would read
//! `UWSGI_UWSGICONF_BOGUS` as the unknown option `uwsgiconf-bogus` (fatal in strict mode).
//! One test per binary: it changes this process's environment.

mod support;

use uwsgiconf::deploy::check::check;
use uwsgiconf::Section;

#[test]
fn the_callers_uwsgi_variables_do_not_reach_uwsgi() {
    let Some(uwsgi) = support::uwsgi() else {
        return;
    };
    let mut section = Section::new();
    section.set_option("master", true);
    std::env::set_var("UWSGI_UWSGICONF_BOGUS", "1");
    let checked = check(uwsgi.located(), &section);
    std::env::remove_var("UWSGI_UWSGICONF_BOGUS");
    checked.unwrap();
}
