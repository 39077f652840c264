// (::uwsgiconf) owner(uid = "www-data", gid = "www-data", add_gids = ["docker", 1001]),
        pid_file("/run/app/app.pid", before_priv_drop = false, safe = true),
        basic(touch_reload = ["/srv/app/reload"], priority = -5, vacuum = true)

fn expansion() {
    let _ = {
        let mut __uwsgiconf_section = ::uwsgiconf::__private::literal_section(
            "3 2.03 0 8 1199 0 0 16 set_owner_params8 www-data393 0 0 16 set_owner_params8 www-data2 0 0 16 set_owner_params6 docker2 0 1 16 set_owner_params4 1001988 1 0 12 set_pid_file16 /run/app/app.pid1184 2 0 16 set_basic_params15 /srv/app/reload802 2 0 16 set_basic_params2 -51222 2 0 16 set_basic_params0 0 ",
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
