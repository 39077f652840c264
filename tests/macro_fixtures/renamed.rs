//! A program that depends on uwsgiconf under another name (`config`), built by
//! tests/macro_hygiene.rs: the macros must name the runtime through `$crate`, never as
//! `uwsgiconf`.
#![no_implicit_prelude]

mod configs {
    #![no_implicit_prelude]

    pub const INI: &str = ::config::uwsgi_ini!(
        owner(uid = "www-data", gid = "www-data"),
        hook(asap, [dir_create("/run/app"), exit()]),
    );

    pub fn section(dir: &str) -> ::config::Section {
        ::config::uwsgi_config!(
            owner(uid = "www-data", gid = "www-data"),
            hook(asap, [dir_create("/run/app"), exit()]),
            change_dir(dir),
            hook(post_app, ::std::vec![::config::Action::printout("up")]),
        )
    }
}

fn main() {
    let ini = configs::section("/srv/app").to_ini().unwrap();
    ::std::assert!(ini.starts_with(configs::INI));
    ::std::print!("{ini}");
}
