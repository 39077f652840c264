use uwsgiconf::uwsgi_config;

fn main() {
    // Switches take booleans, other options a value; one value per option(..).
    let _section = uwsgi_config!(
        option("master", "yes"),
        option("processes", true),
        option("env", ["A=1", "B=2"]),
    );
}
