//! Switches whose C setter stores an integer (`so-send-timeout`, `socket-send-timeout`...):
//! uWSGI reads a file's value with `atoi()`, so `true` would read as 0 (off) where a bare
//! `--so-send-timeout` on the command line is 1. Files write `1` for them.

use uwsgiconf::Section;

#[test]
fn integer_switches_are_written_as_one_in_files() {
    let mut section = Section::new();
    section
        .set_option("so-send-timeout", true)
        .set_option("vacuum", true);
    assert_eq!(
        section.to_ini().unwrap(),
        "[uwsgi]\nso-send-timeout = 1\nvacuum = true\n"
    );
    assert!(section
        .to_json()
        .unwrap()
        .contains("\"so-send-timeout\": \"1\""));
    assert!(section
        .to_xml()
        .unwrap()
        .contains("<so-send-timeout>1</so-send-timeout>"));
    assert_eq!(
        section.to_args().unwrap(),
        ["--so-send-timeout", "--vacuum"]
    );
}
