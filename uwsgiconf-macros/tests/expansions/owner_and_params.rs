// (::uwsgiconf) owner(uid = "www-data", gid = "www-data", add_gids = ["docker", 1001]),
        pid_file("/run/app/app.pid", before_priv_drop = false, safe = true),
        basic(touch_reload = ["/srv/app/reload"], priority = -5, vacuum = true)

fn expansion() {
    let _ = {
        let mut __uwsgiconf_section = ::uwsgiconf::__private::literal_section(
            "七2.0七一丈劯一一丐set_owner_params丈www-data侉一一丐set_owner_params丈www-data丂一一丐set_owner_params丆docker丂一丁丐set_owner_params丄1001凜丁一丌set_pid_file丐/run/app/app.pid加丂一丐set_basic_params丏/srv/app/reload儢丂一丐set_basic_params丂-5勆丂一丐set_basic_params一一",
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
