use uwsgiconf::uwsgi_config;

fn main() {
    // The main-process group may be named; its items are the unqualified ones.
    let qualified = uwsgi_config!(main_process.owner(uid = "www-data", gid = "www-data"));
    let plain = uwsgi_config!(owner(uid = "www-data", gid = "www-data"));
    assert_eq!(qualified.to_ini().unwrap(), plain.to_ini().unwrap());
}
