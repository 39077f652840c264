// The expansion names everything with absolute paths: it works where the prelude is gone
// and next to user items that shadow the names it uses.
#![no_implicit_prelude]

#[allow(dead_code)]
mod shadows {
    pub struct Section;
    pub struct Action;
    pub struct Option;
    pub struct Vec;
    pub fn main_process() {}
}

#[allow(unused_imports)]
use shadows::*;

fn build() -> ::uwsgiconf::Section {
    let __uwsgiconf_section = "a user variable with the macro's name";
    let actions = ::std::vec![::uwsgiconf::Action::printout(__uwsgiconf_section)];
    ::uwsgiconf::uwsgi_config!(
        owner(uid = "www-data", gid = "www-data", add_gids = []),
        hook(asap, [dir_create("/run/app"), exit(), actions]),
        hook(post_app, mount("/proc", private = true)),
        hook_touch("/srv/app/stop", "exit:3"),
    )
}

const INI: &str = ::uwsgiconf::uwsgi_ini!(hook(asap, exit()), option("master", true));

fn main() {
    let ini = build().to_ini().unwrap();
    ::std::assert!(ini.contains("hook-asap = print:a user variable with the macro's name\n"));
    ::std::assert!(ini.contains("hook-post-app = !umount:/proc\n"));
    ::std::assert!(ini.contains("hook-touch = /srv/app/stop exit:03\n"));
    ::std::assert_eq!(INI, "[uwsgi]\nhook-asap = exit:\nmaster = true\n");
}
