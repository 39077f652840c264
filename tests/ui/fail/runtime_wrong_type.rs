use uwsgiconf::uwsgi_config;

fn main() {
    // A run-time value of the wrong type is a type error on that value.
    let priority = "5".to_string();
    let _section = uwsgi_config!(basic(priority = priority));

    let count: u64 = 42;
    let _section = uwsgi_config!(hook(asap, count));

    let gid = 1.5;
    let _section = uwsgi_config!(owner(uid = "www-data", gid = gid));
}
