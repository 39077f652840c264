use uwsgiconf::uwsgi_config;

fn main() {
    // `set = uid=root` is `uid = root`: every owner rule applies.
    let _root = uwsgi_config!(option("set", "uid=root"), option("set", "gid=root"));
    let _conditional = uwsgi_config!(
        option("if-exists", "/etc/app"),
        owner(uid = "nobody", gid = "nogroup"),
        option("endif", ""),
    );
    let _root_group = uwsgi_config!(owner(uid = "nobody", gid = "nogroup", add_gids = ["root"]));
    let _placeholder = uwsgi_config!(option("set", "procnam=app"));
}
