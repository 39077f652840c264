// (::uwsgiconf) owner(uid = "www-data", gid = "www-data", add_gids = ["docker", 1001]),
        pid_file("/run/app/app.pid", before_priv_drop = false, safe = true),
        basic(touch_reload = ["/srv/app/reload"], priority = -5, vacuum = true)

fn expansion() {
    let _ = {
        let mut __uwsgiconf_section = ::uwsgiconf::Section::new();
        #[allow(unused_braces)]
        __uwsgiconf_section
            .main_process()
            .set_owner_params(
                ::uwsgiconf::OwnerParams::new()
                    .uid("www-data")
                    .gid("www-data")
                    .add_gids([
                        ::uwsgiconf::Value::from("docker"),
                        ::uwsgiconf::Value::from(1001),
                    ]),
            );
        #[allow(unused_braces)]
        __uwsgiconf_section
            .main_process()
            .set_pid_file(
                "/run/app/app.pid",
                ::uwsgiconf::PidFileParams::new().before_priv_drop(false).safe(true),
            );
        #[allow(unused_braces)]
        __uwsgiconf_section
            .main_process()
            .set_basic_params(
                ::uwsgiconf::BasicParams::new()
                    .touch_reload([::uwsgiconf::Value::from("/srv/app/reload")])
                    .priority(-5)
                    .vacuum(true),
            );
        ::uwsgiconf::__private::label_calls(
            &mut __uwsgiconf_section,
            &[
                (
                    "owner",
                    ::core::concat!(
                        ::core::file!(), ":", ::core::line!(), ":", ::core::column!()
                    ),
                ),
                (
                    "pid_file",
                    ::core::concat!(
                        ::core::file!(), ":", ::core::line!(), ":", ::core::column!()
                    ),
                ),
                (
                    "basic",
                    ::core::concat!(
                        ::core::file!(), ":", ::core::line!(), ":", ::core::column!()
                    ),
                ),
            ],
        );
        __uwsgiconf_section
    };
}
