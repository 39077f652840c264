//! Prints the uWSGI config its build script rendered (see `build.rs`), embedded at compile
//! time: `cargo run -p uwsgiconf-example-build-rs > app.ini`, then `uwsgi --ini app.ini`.
#![forbid(unsafe_code)]

/// The config, as `build.rs` wrote it into `OUT_DIR`.
const APP_INI: &str = include_str!(concat!(env!("OUT_DIR"), "/app.ini"));

fn main() {
    print!("{APP_INI}");
}
