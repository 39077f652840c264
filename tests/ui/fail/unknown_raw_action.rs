use uwsgiconf::uwsgi_config;

fn main() {
    // A raw hook string's action name is checked too.
    let _section = uwsgi_config!(hook(asap, ["print:ok", "mkdri:/run/app"]));
}
