//! Fuzz target `action_parse`: `Action::parse` on any string, then the action in a hook of
//! every phase, rendered in every format.
//!
//! Oracle: no panic; a raw action uWSGI would misread is refused, never rendered as another;
//! what renders reads back the same in every format (`uwsgiconf_fuzz::check_formats`), and
//! on the command line (which carries any text) as the very string given.
#![no_main]

use libfuzzer_sys::fuzz_target;
use uwsgiconf_core::{Action, Config, Phase, Section};
use uwsgiconf_fuzz::{check_formats, Format};

fuzz_target!(|input: (u8, &str)| {
    let (phase, raw) = input;
    let action = Action::parse(raw);
    // Reading the action never panics.
    let _ = (action.name(), action.is_private(), action.problems().len());
    let phase = Phase::ALL[usize::from(phase) % Phase::ALL.len()];
    let mut section = Section::new();
    section.main_process().set_hook(phase, action);
    let key = format!("hook-{}", phase.uwsgi_name());
    let mut config = Config::new();
    config.add_section(section);
    for (format, sections) in check_formats(&config) {
        if format != Format::Args {
            continue;
        }
        let (_, read) = &sections[0];
        let hooks: Vec<&String> = read
            .iter()
            .filter(|(k, _)| *k == key)
            .map(|(_, v)| v)
            .collect();
        // A parsed action is written as given: its name and arguments as uWSGI reads them.
        assert_eq!(hooks.len(), 1, "{read:#?}");
        assert_eq!(hooks[0], raw, "{read:#?}");
    }
});
