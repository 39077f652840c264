//! The tricky values of the round trip (`uwsgi_roundtrip.rs`), and the probe section that
//! writes one value into every verbatim option.

use crate::support::Output;
use uwsgiconf::options::{self, ArgKind};
use uwsgiconf::{Action, BasicParams, NamingParams, Phase, ProblemKind, RunOnEventParams, Section};

/// Placeholder names the renderer uses for literal text that holds `$(`, `@(` or a leading
/// blank.
pub const PLACEHOLDER_PREFIX: &str = "uwsgiconf-literal-";

/// One value written into every verbatim option, with what uWSGI must show for each.
pub fn probe(value: &str) -> (Section, Vec<(String, String)>) {
    let mut section = Section::new();
    let mut expected: Vec<(String, String)> = Vec::new();
    let mut expect = |key: &str, shown: String| expected.push((key.to_string(), shown));
    // Strict mode too: the placeholders the renderer adds must not upset it.
    section.set_strict(true);
    expect("strict", "true".into());
    let mut main = section.main_process();
    main.set_naming_params(NamingParams::new().name(value).suffix(value).prefix(value));
    expect("procname", value.into());
    expect("procname-append", value.into());
    // A prefix ending with a space is written without it to `procname-prefix-spaced`,
    // which adds it back.
    match value.strip_suffix(' ') {
        Some(stripped) => expect("procname-prefix-spaced", stripped.into()),
        None => expect("procname-prefix", value.into()),
    }
    // print text is a printf format for uWSGI: `%` must arrive doubled (the log shows it
    // single, checked separately).
    main.set_hook(Phase::Asap, Action::printout(value));
    expect("hook-asap", format!("print:{}", value.replace('%', "%%")));
    // Empty paths and commands are refused (uWSGI would fail on them).
    if !value.is_empty() {
        main.set_hook(Phase::PostApp, Action::execute(value));
        expect("hook-post-app", format!("exec:{value}"));
        main.set_basic_params(BasicParams::new().touch_reload(value));
        expect("touch-reload", value.into());
        main.run_command_on_event(value, RunOnEventParams::new().phase(Phase::PostApp));
        expect("exec-post-app", value.into());
    }
    section.add_option("env", format!("UWSGICONF_RT={value}"));
    expect("env", format!("UWSGICONF_RT={value}"));
    (section, expected)
}

/// `%(` then `)`: uWSGI expands it even from a placeholder, with no escape.
pub fn closes_placeholder(value: &str) -> bool {
    value.find("%(").is_some_and(|at| value[at..].contains(')'))
}

/// Values named in the issue, and their neighbours.
pub const CURATED: &[&str] = &[
    "",
    "plain",
    "%",
    "100%",
    "trailing %",
    "%%",
    "50%% off",
    "%%%",
    "%d %n %x %[ %V",
    "%0a",
    "$(HOME)",
    "$(HOME",
    "$( HOME)",
    "$()",
    "$$(HOME)",
    "x$(PATH)y$(HOME)z",
    "@(uwsgiconf-no-such-file)",
    "@@(uwsgiconf-no-such-file)",
    "user@(example) ok",
    "@(",
    "%(",
    "50%(",
    "%%(",
    "%(HOME)",
    "%(uwsgiconf-literal-1)",
    "a %(b) c",
    "$(HOME) %(x)",
    ";not a comment",
    "#not a comment",
    "a ; b # c",
    "key=value=more",
    "= leading equals",
    " = spaced equals = ",
    "\"double quoted\"",
    "'single quoted'",
    "back\\slash\\",
    "C:\\temp\\%TEMP%",
    "héllo wörld",
    "日本語のテキスト",
    "🦀 crab",
    "  two leading spaces",
    " one leading, one trailing ",
    "\tleading tab",
    "inner\ttab",
    "trailing tab\t",
    "trailing space ",
    "two trailing  ",
    " ",
    "\t",
    "line\nbreak",
    "trailing newline\n",
    "\nleading newline",
    "cr\rreturn",
    "crlf\r\n",
    "nul\0byte",
    "-dash",
    "--procname",
    "[uwsgi]",
    "[other] section",
    "vertical\x0btab\x0b",
    "form\x0cfeed\x0c",
    "bell\x07 and escape \x1b[31m",
    "exec:id",
    "!private",
    "%(unclosed $(HOME)",
    // Unicode blanks are not blanks to uWSGI's byte-wise trimming.
    "no-break space\u{a0}",
    "\u{3000}ideographic space\u{3000}",
    "\u{feff}byte order mark",
];

/// Pieces the generated values are made of.
pub const PIECES: &[&str] = &[
    "%",
    "%%",
    "$(",
    "@(",
    "%(",
    ")",
    "(",
    "$(HOME)",
    "$(PATH)",
    "@(uwsgiconf-no-such-file)",
    "$$(",
    "@@(",
    "%%(",
    "%d",
    "%n",
    "%x",
    ";",
    "#",
    "=",
    " = ",
    "\"",
    "'",
    "\\",
    "é",
    "ü",
    "日本",
    "🦀",
    " ",
    "  ",
    "\t",
    "x",
    "abc",
    "value",
    "[",
    "]",
    ":",
    "!",
    "-",
    "--",
    "exec:",
    "\x01",
    "\x7f",
    "\x0b",
    "\x0c",
    "\u{a0}",
    "\u{2028}",
    "\n",
    "\r",
    "\0",
    "{",
    "}",
    "*",
    "?",
    "~",
    "`",
    "|",
    "&",
    "<",
    ">",
];

/// How many values the sweep generates; each costs two short uWSGI runs.
pub const GENERATED: usize = 320;

/// A deterministic list of `count` tricky values (xorshift, fixed seed).
pub fn generated(count: usize) -> Vec<String> {
    let mut state: u64 = 0x5eed_cafe_f00d_1234;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    (0..count)
        .map(|_| {
            let pieces = 1 + (next() % 6) as usize;
            (0..pieces)
                .map(|_| PIECES[(next() % PIECES.len() as u64) as usize])
                .collect()
        })
        .collect()
}

/// The `print` hook ran and logged exactly `value`, right before the shown config.
pub fn assert_printed(value: &str, form: &str, hook: &str, run: &Output) {
    let line = format!("running \"{hook}\" (asap)...\n{value}\n\n;uWSGI instance configuration\n");
    assert!(
        run.stderr.contains(&line),
        "{value:?} ({form}): the print hook did not log the text as given\n--- uWSGI said:\n{}",
        run.log()
    );
}

/// The `--show-config` block uWSGI must print for `args` (followed by `--show-config`):
/// each option in order, a placeholder's own line after its `set-placeholder`, and the
/// expected value for every probed option.
pub fn expected_block(value: &str, args: &[String], expected: &[(String, String)]) -> String {
    let mut block = String::from("[uwsgi]");
    let mut probed = 0;
    let mut words = args.iter();
    while let Some(word) = words.next() {
        let flag = word
            .strip_prefix("--")
            .unwrap_or_else(|| panic!("{value:?}: {word:?} is not an option in {args:?}"));
        let switch = options::lookup(flag).is_some_and(|spec| spec.arg == ArgKind::None);
        let (key, given) = match flag.split_once('=') {
            Some((key, given)) => (key, given.to_string()),
            // uWSGI shows a switch given on the command line as `true`.
            None if switch => (flag, "true".to_string()),
            None => (flag, words.next().expect("a value").clone()),
        };
        if key == "set-placeholder" {
            let (name, stored) = given.split_once('=').expect("name=value");
            assert!(name.starts_with(PLACEHOLDER_PREFIX), "{given:?}");
            block.push_str(&format!("\nset-placeholder = {given}\n{name} = {stored}"));
        } else {
            let (_, shown) = expected
                .iter()
                .find(|(k, _)| k == key)
                .unwrap_or_else(|| panic!("{value:?}: unexpected option --{key} in {args:?}"));
            probed += 1;
            block.push_str(&format!("\n{key} = {shown}"));
        }
    }
    assert_eq!(probed, expected.len(), "{value:?}: {args:?}");
    block.push_str("\nshow-config = true");
    block
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Checked {
    RoundTripped,
    Refused,
}

pub fn check_refusal(value: &str, form: &str, error: uwsgiconf::Error) -> Checked {
    for problem in error.problems() {
        assert_eq!(
            problem.kind(),
            ProblemKind::Unrepresentable,
            "{value:?} ({form}): refused for an unexpected reason: {problem}"
        );
    }
    Checked::Refused
}
