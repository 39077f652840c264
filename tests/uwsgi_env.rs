//! The variable that names the uWSGI binary for the tests (`support::BIN_VARIABLE`) is not one
//! uWSGI reads. uWSGI reads every `UWSGI_<NAME>` environment variable as option `<name>`: the
//! former name, `UWSGI_BIN`, is the unknown option `bin`, fatal in strict mode.
//!
//! Each run is a strict probe (`--hook-asap "callint:_exit 42" --strict`, see `support`): exit
//! status 42 means uWSGI read and accepted its configuration, here only what it took from the
//! environment.

mod support;

use support::{Prepend, BIN_VARIABLE};

#[test]
fn uwsgi_does_not_read_the_variable_naming_its_binary() {
    assert!(
        !BIN_VARIABLE.starts_with("UWSGI_"),
        "{BIN_VARIABLE}: uWSGI reads UWSGI_* variables as options"
    );
    let Some(uwsgi) = support::uwsgi() else {
        return;
    };
    let dir = support::temp_dir();
    let bin = uwsgi.bin().as_os_str();
    let probe = Prepend::StopAndStrict.args();

    let run = uwsgi.run_with_env(dir.path(), probe, &[(BIN_VARIABLE, bin)]);
    assert!(
        run.accepted(),
        "{BIN_VARIABLE} set: uWSGI should accept an empty configuration ({})\n{}",
        run.describe(),
        run.log()
    );

    // The control: the former name is read as an option, and refused.
    let run = uwsgi.run_with_env(dir.path(), probe, &[("UWSGI_BIN", bin)]);
    assert!(
        !run.accepted()
            && run.code == Some(1)
            && run
                .stderr
                .contains("[strict-mode] unknown config directive: bin"),
        "UWSGI_BIN set: uWSGI should refuse the option `bin` ({})\n{}",
        run.describe(),
        run.log()
    );
}
