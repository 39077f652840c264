use uwsgiconf::uwsgi_config;

fn main() {
    // uwsgiconf's method names lead to the item.
    let _section = uwsgi_config!(
        set_owner_params(uid = "www-data", gid = "www-data"),
        onwer(uid = "www-data", gid = "www-data"),
    );
}
