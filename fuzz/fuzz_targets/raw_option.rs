//! Fuzz target `raw_option`: any option name and value through `set_option` or
//! `add_option` (text, a switch, a number), rendered in every format.
//!
//! Oracle: no panic; what renders reads back the same in every format
//! (`uwsgiconf_fuzz::check_formats`); a text option uWSGI stores verbatim (a string or a list
//! of strings, not a hook, not an immediate option) given text reads back as exactly one
//! directive of that option, with exactly that text.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use uwsgiconf_core::{options, Config, Section};
use uwsgiconf_fuzz::{check_formats, reads_another_config, render, Format};

#[derive(Arbitrary, Debug)]
enum Setting<'a> {
    Text(&'a str),
    Flag(bool),
    Number(i64),
}

#[derive(Arbitrary, Debug)]
struct Input<'a> {
    /// An option of the catalogue by index, or any name.
    known: Option<u16>,
    name: &'a str,
    setting: Setting<'a>,
    add: bool,
}

fuzz_target!(|input: Input<'_>| {
    let key = match input.known {
        Some(i) => options::all()[usize::from(i) % options::all().len()].name(),
        None => input.name,
    };
    let mut section = Section::new();
    match input.setting {
        Setting::Text(text) if input.add => section.add_option(key, text),
        Setting::Text(text) => section.set_option(key, text),
        Setting::Flag(on) if input.add => section.add_option(key, on),
        Setting::Flag(on) => section.set_option(key, on),
        Setting::Number(n) if input.add => section.add_option(key, n),
        Setting::Number(n) => section.set_option(key, n),
    };
    let mut config = Config::new();
    config.add_section(section);
    if reads_another_config(key) {
        // Rendered, but not read back: the model does not follow the user's includes.
        for format in Format::ALL {
            let _ = render(&config, format);
        }
        return;
    }
    let reads = check_formats(&config);
    let Setting::Text(text) = input.setting else {
        return;
    };
    let Some(spec) = options::lookup(key) else {
        return;
    };
    // Text options read verbatim (not hooks: a hook's text is an action, rewritten for
    // printf); others may be rewritten on purpose (`set`, integers, actions).
    let verbatim = !spec.immediate
        && matches!(
            spec.setter(),
            "uwsgi_opt_set_str" | "uwsgi_opt_add_string_list"
        )
        && !key.starts_with("hook-")
        && spec.arg != options::ArgKind::None;
    if !verbatim {
        return;
    }
    for (format, sections) in reads {
        let (_, read) = &sections[0];
        // Exactly the text given, once; what else renders is a directive the crate adds on
        // purpose (`master` for `hook-touch`...), never another line of this option.
        let mine: Vec<&String> = read
            .iter()
            .filter(|(k, _)| k == key)
            .map(|(_, v)| v)
            .collect();
        assert_eq!(mine, [text], "{format:?} read back {read:?}");
    }
});
