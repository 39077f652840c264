use uwsgiconf::uwsgi_config;

fn main() {
    // A misspelt group, and an item the group does not have.
    let _ = uwsgi_config!(
        main_proces.owner(uid = "www-data", gid = "www-data"),
        main_process.ownr(uid = "www-data", gid = "www-data"),
    );
}
