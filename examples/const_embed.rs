//! A uWSGI config rendered while compiling: `uwsgi_ini!` checks the items (a typo, or a
//! value uWSGI would misread, is a compile error) and gives a `&'static str`, here a `const`.
//!
//! ```text
//! cargo run --example const_embed > app.ini
//! uwsgi --ini app.ini
//! ```
//!
//! It serves nothing but `404 Not Found` on http://127.0.0.1:8000/ (Debian's uwsgi-core has
//! no language plugin; its `notfound` plugin answers), with a master and two workers, and
//! stops on SIGTERM.

use uwsgiconf::uwsgi_ini;

/// The config, rendered by the compiler: no code runs to build it.
pub const APP_INI: &str = uwsgi_ini!(
    option("strict", true),
    master_process.basic(enable = true),
    master_process.exit_events(sig_term = true),
    workers.basic(count = 2),
    naming(prefix = "const-embed "),
    option("http-socket", "127.0.0.1:8000"),
    option("need-plugin", "notfound"),
);

fn main() {
    print!("{APP_INI}");
}
