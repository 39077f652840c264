//! Renders the service's uWSGI config into `OUT_DIR/app.ini`, rewriting it only when it
//! changed, and tells Cargo what it read: this file and `APP_PROCESSES`.
#![forbid(unsafe_code)]

use uwsgiconf::deploy::build_script::{self, Inputs};
use uwsgiconf::workers::BasicParams as WorkerParams;
use uwsgiconf::Section;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // The first rerun line ends Cargo's default (rerun on any change in the package): from
    // here on, every input is declared.
    let mut inputs = Inputs::new()?;
    let processes: u32 = match inputs.env("APP_PROCESSES")? {
        Some(text) => text
            .parse()
            .map_err(|e| format!("APP_PROCESSES={text:?} is not a worker count: {e}"))?,
        None => 4,
    };

    let mut section = Section::new();
    section.set_strict(true);
    section
        .workers()
        .set_basic_params(WorkerParams::new().count(processes));
    section
        .set_option("master", true)
        .set_option("http-socket", "127.0.0.1:8000")
        // Debian's uwsgi-core has no language plugin: `notfound` answers every request.
        .set_option("need-plugin", "notfound")
        .set_option("die-on-term", true);

    build_script::write_to_out_dir("app.ini", section.to_ini()?)?;
    Ok(())
}
