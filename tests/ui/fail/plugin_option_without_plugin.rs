use uwsgiconf::uwsgi_config;

fn main() {
    // `http` comes from the http plugin, which Debian's uWSGI does not embed.
    let _missing = uwsgi_config!(option("http", "127.0.0.1:8080"));
    let _late = uwsgi_config!(option("http", "127.0.0.1:8080"), plugins(plugins = "http"));
}
