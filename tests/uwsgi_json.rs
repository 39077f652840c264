//! JSON against the real uWSGI (`uwsgi --json file[:name]`, yajl in Debian's 2.0.21):
//!
//! - what the renderer relies on, measured on hand-written JSON: the magic pass on the raw
//!   text, arrays and duplicate keys read in place, `true`/`false`/`null`, raw control
//!   characters refused, no `json = :name` for "this file";
//! - every directive the crate can emit (the strict probes of `uwsgi_strict`: every
//!   main-process method and parameter variant, every action in every phase) accepted in
//!   strict mode from JSON, each probe followed by a negative control (one unknown key added,
//!   refused); the JSON holds the same directives, values and order as the command line;
//! - the asap hook chain of `uwsgi_hooks` really running from JSON, with text INI cannot
//!   hold (a line break, trailing blanks);
//! - the round-trip corpus of `uwsgi_roundtrip` through `--show-config`: exactly as given, or
//!   refused for the reasons every format has (NUL, `%(..)`);
//! - directive order kept across config-logic blocks, placeholders and repeated keys;
//! - a `Config` of several sections read back section by section (`--json file:name`), and
//!   with autoinclude (`json = %p:name`) from another working directory.

mod probes;
mod support;

use std::collections::BTreeMap;
use std::fs;
use std::net::TcpListener;
use std::path::Path;

use probes::hooks::{asap_chain, check_asap_chain, mkfifo, FifoReader, TEXT};
use probes::main_process::{every_action, main_process_probes, phase_probes, strict_section};
use probes::values::{
    closes_placeholder, generated, probe, Checked, CURATED, GENERATED, PLACEHOLDER_PREFIX,
};
use support::{notice, Output, Uwsgi, BOGUS, STOP};
use uwsgiconf::options::{self, ArgKind};
use uwsgiconf::{
    Action, Config, MagicVar, OwnerParams, Phase, ProblemKind, RunOnEventParams, Section, Value,
};

// ---- a reader of the JSON the crate writes, as uWSGI reads it ----

/// The directives of each section (top-level object) of a JSON document as uWSGI 2.0.21
/// reads them: the magic pass on the raw text first (`%%` is `%`, `%(` stays, `%p` is
/// `path`; the tests write no other magic variable), then a strict parse (raw control
/// characters refused, as yajl does), then each section's keys in order, an array giving one
/// directive per item in place. Every value must be a string: the crate writes no `null`
/// (read as `0`), number or boolean.
fn read_json(text: &str, path: &str) -> Vec<(String, Vec<(String, String)>)> {
    let mut raw = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '%' {
            raw.push(c);
            continue;
        }
        match chars.next() {
            Some('%') => raw.push('%'),
            Some('(') => raw.push_str("%("),
            Some('p') => raw.push_str(path),
            other => panic!("unexpected magic variable %{other:?} in\n{text}"),
        }
    }
    let mut parser = Parser {
        chars: raw.chars().collect(),
        at: 0,
    };
    let Json::Object(sections) = parser.document() else {
        panic!("the document is not an object:\n{text}");
    };
    sections
        .into_iter()
        .map(|(name, body)| {
            let Json::Object(keys) = body else {
                panic!("section {name} is not an object:\n{text}");
            };
            let mut pairs = Vec::new();
            for (key, value) in keys {
                match value {
                    Json::String(value) => pairs.push((key, value)),
                    Json::Array(items) => {
                        assert!(items.len() > 1, "an array of one item for {key}:\n{text}");
                        for item in items {
                            let Json::String(item) = item else {
                                panic!("{key}: an item that is not a string:\n{text}");
                            };
                            pairs.push((key.clone(), item));
                        }
                    }
                    Json::Other(token) => panic!("{key}: `{token}` is not a string:\n{text}"),
                    Json::Object(_) => panic!("{key}: an object is not a string:\n{text}"),
                }
            }
            (name, pairs)
        })
        .collect()
}

#[derive(Debug)]
enum Json {
    String(String),
    Array(Vec<Json>),
    Object(Vec<(String, Json)>),
    Other(String),
}

struct Parser {
    chars: Vec<char>,
    at: usize,
}

impl Parser {
    fn document(&mut self) -> Json {
        let value = self.value();
        self.blanks();
        assert_eq!(self.at, self.chars.len(), "text after the document");
        value
    }

    fn blanks(&mut self) {
        while self
            .chars
            .get(self.at)
            .is_some_and(|c| matches!(c, ' ' | '\t' | '\n' | '\r'))
        {
            self.at += 1;
        }
    }

    fn next(&mut self) -> char {
        let c = *self.chars.get(self.at).expect("the document ends early");
        self.at += 1;
        c
    }

    fn expect(&mut self, wanted: char) {
        self.blanks();
        let c = self.next();
        assert_eq!(c, wanted, "at character {}", self.at);
    }

    fn value(&mut self) -> Json {
        self.blanks();
        match self.chars.get(self.at) {
            Some('"') => Json::String(self.string()),
            Some('[') => {
                self.at += 1;
                let mut items = Vec::new();
                self.blanks();
                if self.chars.get(self.at) == Some(&']') {
                    self.at += 1;
                    return Json::Array(items);
                }
                loop {
                    items.push(self.value());
                    self.blanks();
                    match self.next() {
                        ',' => continue,
                        ']' => return Json::Array(items),
                        c => panic!("{c:?} in an array"),
                    }
                }
            }
            Some('{') => {
                self.at += 1;
                let mut members = Vec::new();
                self.blanks();
                if self.chars.get(self.at) == Some(&'}') {
                    self.at += 1;
                    return Json::Object(members);
                }
                loop {
                    self.blanks();
                    let key = self.string();
                    self.expect(':');
                    members.push((key, self.value()));
                    self.blanks();
                    match self.next() {
                        ',' => continue,
                        '}' => return Json::Object(members),
                        c => panic!("{c:?} in an object"),
                    }
                }
            }
            _ => {
                let start = self.at;
                while self
                    .chars
                    .get(self.at)
                    .is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '+' | '.'))
                {
                    self.at += 1;
                }
                assert!(self.at > start, "no value at character {start}");
                Json::Other(self.chars[start..self.at].iter().collect())
            }
        }
    }

    fn hex4(&mut self) -> u32 {
        let digits: String = (0..4).map(|_| self.next()).collect();
        u32::from_str_radix(&digits, 16).expect("four hex digits")
    }

    fn string(&mut self) -> String {
        self.expect('"');
        let mut out = String::new();
        loop {
            match self.next() {
                '"' => return out,
                '\\' => match self.next() {
                    '"' => out.push('"'),
                    '\\' => out.push('\\'),
                    '/' => out.push('/'),
                    'b' => out.push('\u{8}'),
                    'f' => out.push('\u{c}'),
                    'n' => out.push('\n'),
                    'r' => out.push('\r'),
                    't' => out.push('\t'),
                    'u' => {
                        let mut code = self.hex4();
                        if (0xd800..0xdc00).contains(&code) {
                            assert_eq!((self.next(), self.next()), ('\\', 'u'));
                            code = 0x10000 + ((code - 0xd800) << 10) + (self.hex4() - 0xdc00);
                        }
                        out.push(char::from_u32(code).expect("a scalar value"));
                    }
                    c => panic!("unknown escape \\{c}"),
                },
                c if c < ' ' => {
                    panic!("a raw control character {c:?} in a string (yajl refuses it)")
                }
                c => out.push(c),
            }
        }
    }
}

/// The directives of a section rendered as command-line arguments, a switch as `true` (what
/// the JSON holds for it).
fn args_pairs(args: &[String]) -> Vec<(String, String)> {
    let mut pairs = Vec::new();
    let mut words = args.iter();
    while let Some(word) = words.next() {
        let flag = word.strip_prefix("--").expect("an option");
        let pair = match flag.split_once('=') {
            Some((key, value)) => (key.to_string(), value.to_string()),
            None if options::lookup(flag).is_some_and(|spec| spec.arg == ArgKind::None) => {
                (flag.to_string(), "true".to_string())
            }
            None => (flag.to_string(), words.next().expect("a value").clone()),
        };
        pairs.push(pair);
    }
    pairs
}

// ---- running uWSGI on JSON ----

/// Writes `json` to `dir/name` and runs `uwsgi --json <arg> <extra>` in `dir`, where `arg`
/// is `name` or `name:section`.
fn run_json(
    uwsgi: &Uwsgi,
    dir: &Path,
    name: &str,
    json: &str,
    arg: &str,
    extra: &[&str],
) -> Output {
    fs::write(dir.join(name), json).expect("write the JSON file");
    let mut args = vec!["--json", arg];
    args.extend(extra);
    uwsgi.run(dir, &args)
}

/// Asserts that uWSGI accepts the one-section `json` in strict mode (the section brings
/// strict mode and the stop), then, as a negative control, that it refuses it with one
/// unknown key added.
fn assert_strict_accepts_json(uwsgi: &Uwsgi, what: &str, json: &str) {
    let dir = support::temp_dir();
    let run = run_json(uwsgi, dir.path(), "probe.json", json, "probe.json", &[]);
    assert!(
        run.accepted(),
        "{what}: uWSGI refused the JSON in strict mode ({}):\n{json}\n--- uWSGI said:\n{}",
        run.describe(),
        run.log()
    );
    let body = json
        .strip_suffix("\n  }\n}\n")
        .expect("one section with keys");
    let control = format!("{body},\n    \"{BOGUS}\": \"1\"\n  }}\n}}\n");
    let run = run_json(
        uwsgi,
        dir.path(),
        "control.json",
        &control,
        "control.json",
        &[],
    );
    assert!(
        !run.accepted()
            && run.code == Some(1)
            && run
                .stderr
                .contains(&format!("[strict-mode] unknown config directive: {BOGUS}")),
        "{what}: the negative control was not refused ({}):\n{control}\n--- uWSGI said:\n{}",
        run.describe(),
        run.log()
    );
}

/// Renders `section` as JSON, checks that strict mode and the stop come first and that the
/// JSON holds exactly the directives of the command line, in order, and asserts that uWSGI
/// accepts it in strict mode. Returns the directives.
fn assert_accepted(uwsgi: &Uwsgi, name: &str, section: &Section) -> Vec<(String, String)> {
    let json = section
        .to_json()
        .unwrap_or_else(|e| panic!("{name}: the crate refused it as JSON: {e}"));
    let mut sections = read_json(&json, "");
    assert_eq!(sections.len(), 1, "{name}:\n{json}");
    let (section_name, pairs) = sections.remove(0);
    assert_eq!(section_name, "uwsgi");
    assert_eq!(
        pairs[..2],
        [
            ("strict".to_string(), "true".to_string()),
            ("hook-asap".to_string(), STOP.to_string())
        ],
        "{name}: strict mode and the stop must come first\n{json}"
    );
    let args = section.to_args().expect("renders as args");
    assert_eq!(
        pairs,
        args_pairs(&args),
        "{name}: JSON and the command line differ\n{json}"
    );
    assert_strict_accepts_json(uwsgi, name, &json);
    pairs
}

// ---- what the renderer relies on ----

/// Hand-written JSON, read by uWSGI: each rule the renderer follows, measured. If one of
/// these changes, the renderer's choice must be reviewed.
#[test]
fn uwsgi_reads_json_as_the_renderer_assumes() {
    let Some(uwsgi) = support::uwsgi() else {
        return;
    };
    let dir = support::temp_dir();
    let show = |name: &str, json: &str, arg: &str| {
        run_json(uwsgi, dir.path(), name, json, arg, &["--show-config"])
    };
    // Keys in order, an array in place, a key that comes back read again; the magic pass on
    // the raw text (`%%`, and `\u0025` after it); `true`, `false` and `null`; numbers as
    // their text; line breaks, edge blanks, quotes and backslashes carried.
    let json = r#"{"uwsgi": {
  "env": "A=1",
  "procname": "p",
  "env": ["B=2", "C=3"],
  "env": "D=4",
  "procname-append": "100%% \u0025 two\nlines  ",
  "procname-prefix": "  \"q\" \\ \u00e9\ud83e\udd80",
  "vacuum": true,
  "master": false,
  "chdir": null,
  "prio": 3.5
}}"#;
    let run = show("rules.json", json, "rules.json");
    assert_eq!(
        run.shown_config(),
        Some(
            "[uwsgi]\njson = rules.json\nenv = A=1\nprocname = p\nenv = B=2\nenv = C=3\nenv = D=4\n\
             procname-append = 100% % two\nlines  \nprocname-prefix =   \"q\" \\ é🦀\nvacuum = 1\n\
             master = 0\nchdir = 0\nprio = 3.5\nshow-config = true"
        ),
        "{}",
        run.log()
    );
    // A raw control character, `%[` (ESC once the magic pass ran) included, is a parse error.
    for (name, json) in [
        ("tab.json", "{\"uwsgi\": {\"procname\": \"a\tb\"}}"),
        ("esc.json", "{\"uwsgi\": {\"procname\": \"a%[b\"}}"),
    ] {
        let run = show(name, json, name);
        assert!(
            run.code == Some(1) && run.stderr.contains("error parsing JSON data"),
            "{name}: {}\n{}",
            run.log(),
            run.describe()
        );
    }
    // `\u0000` cuts the value.
    let run = show(
        "nul.json",
        r#"{"uwsgi": {"procname": "a\u0000b"}}"#,
        "nul.json",
    );
    assert!(
        run.shown_config()
            .is_some_and(|shown| shown.contains("\nprocname = a\n")),
        "{}",
        run.log()
    );
    // Unlike INI's, the JSON reader has no `:name` for "this file"; `%p` names it.
    let run = show(
        "colon.json",
        r#"{"uwsgi": {"json": ":other"}, "other": {"procname": "o"}}"#,
        "colon.json",
    );
    assert!(
        run.code == Some(1) && run.stderr.contains("open(\"\")"),
        "{}",
        run.log()
    );
    let run = show(
        "path.json",
        r#"{"uwsgi": {"json": "%p:other"}, "other": {"procname": "o"}}"#,
        "path.json",
    );
    let real = dir.path().canonicalize().unwrap().join("path.json");
    assert_eq!(
        run.shown_config(),
        Some(
            format!(
                "[uwsgi]\njson = path.json\njson = {}\nprocname = o\nshow-config = true",
                real.display()
            )
            .as_str()
        ),
        "{}",
        run.log()
    );
    // Two sections of one name: the first is read, the other ignored (INI would merge them).
    let run = show(
        "twice.json",
        r#"{"uwsgi": {"procname": "first"}, "uwsgi": {"procname": "second"}}"#,
        "twice.json",
    );
    assert!(
        run.shown_config().is_some_and(
            |shown| shown.contains("\nprocname = first\n") && !shown.contains("second")
        ),
        "{}",
        run.log()
    );
}

// ---- strict mode: every directive the crate can emit ----

#[test]
fn every_main_process_method_is_accepted_in_strict_mode_as_json() {
    let Some(uwsgi) = support::uwsgi() else {
        return;
    };
    let base = support::temp_dir();
    let mut probes = main_process_probes(base.path());
    if support::is_root() {
        // The immediate owner directives need root (uWSGI calls setgid() while reading them).
        let mut immediate = strict_section();
        immediate.main_process().set_owner_params(
            OwnerParams::new()
                .uid("nobody")
                .gid("nogroup")
                .set_asap(true),
        );
        probes.push(("set_owner_params (set_asap)".into(), immediate));
    } else {
        notice("NOTICE: not root: immediate-uid/immediate-gid are not run as JSON (uWSGI needs root for setgid())");
    }
    let results = support::parallel_map(&probes, |(name, section)| {
        assert_accepted(uwsgi, name, section)
    });
    let mut keys = std::collections::BTreeSet::new();
    let mut repeated = 0;
    for pairs in &results {
        keys.extend(pairs.iter().map(|(key, _)| key.clone()));
        repeated += pairs.windows(2).filter(|w| w[0].0 == w[1].0).count();
    }
    // Every directive the INI probes render, the JSON probes render too.
    let mut ini_keys = std::collections::BTreeSet::new();
    for (_, section) in &probes {
        ini_keys.extend(support::ini_keys(
            &section.to_ini().expect("renders as INI"),
        ));
    }
    ini_keys.remove("set-placeholder");
    let missing: Vec<_> = ini_keys.difference(&keys).collect();
    assert!(missing.is_empty(), "never rendered as JSON: {missing:?}");
    assert!(repeated > 0, "no array was exercised");
    notice(&format!(
        "strict mode, JSON ({}): {} main-process probes accepted, each with its negative control; {} distinct directives, the same as the command line in order",
        uwsgi.version(),
        probes.len(),
        keys.len()
    ));
}

#[test]
fn every_phase_of_uwsgi_2_0_accepts_every_action_as_json() {
    let Some(uwsgi) = support::uwsgi() else {
        return;
    };
    let base = support::temp_dir();
    let actions = every_action(base.path());
    let (phases, probes): (Vec<Phase>, Vec<(String, Section)>) = phase_probes(base.path())
        .into_iter()
        .map(|(phase, name, section)| (phase, (name, section)))
        .unzip();
    let results = support::parallel_map(&probes, |(name, section)| {
        assert_accepted(uwsgi, name, section)
    });
    for (pairs, phase) in results.iter().zip(&phases) {
        let count = pairs
            .iter()
            .filter(|(key, _)| key == phase.hook_option())
            .count();
        let stop = usize::from(*phase == Phase::Asap);
        assert_eq!(count, actions.len() + stop, "{phase}");
    }
    notice(&format!(
        "strict mode, JSON ({}): {} phases x {} actions = {} phase x action pairs accepted",
        uwsgi.version(),
        phases.len(),
        actions.len(),
        phases.len() * actions.len()
    ));
}

// ---- hooks really run ----

#[test]
fn the_asap_hook_chain_runs_from_json() {
    let Some(uwsgi) = support::uwsgi() else {
        return;
    };
    let root = support::is_root();
    let listener = TcpListener::bind("127.0.0.1:0").expect("loopback listener");
    let port = listener.local_addr().unwrap().port();
    // JSON carries what INI cannot: a line break and trailing blanks.
    let text = format!("{TEXT}\nsecond line \t ");
    let dir = support::temp_dir();
    mkfifo(&dir.path().join("fifo-no-reader"));
    let reader = FifoReader::start(&dir.path().join("fifo"));
    let section = asap_chain(dir.path(), &text, port, root);
    assert!(section.to_ini().is_err(), "INI cannot carry the text");
    let json = section.to_json().expect("renders");
    let run = run_json(uwsgi, dir.path(), "chain.json", &json, "chain.json", &[]);
    let fifo = reader.finish();
    check_asap_chain("JSON", dir.path(), &text, &run, fifo, root);
    let pairs = &read_json(&json, "")[0].1;
    let hooks = pairs.iter().filter(|(k, _)| k.starts_with("hook-")).count();
    let execs = pairs.iter().filter(|(k, _)| k.starts_with("exec-")).count();
    notice(&format!(
        "hooks, JSON ({}): {hooks} hook entries and {execs} exec entries ran and were checked, with a line break and trailing blanks in the text",
        uwsgi.version()
    ));
}

// ---- round trip ----

/// What the crate must refuse in JSON: what no format carries.
fn json_cannot_carry(value: &str) -> bool {
    value.contains('\0') || closes_placeholder(value)
}

/// The `--show-config` block uWSGI must print for the JSON directives `pairs` read with
/// `--json <file> --show-config`: each directive in order, a placeholder's own line after
/// its `set-placeholder`, and the expected value for every probed option.
fn expected_block(
    value: &str,
    file: &str,
    pairs: &[(String, String)],
    expected: &[(String, String)],
) -> String {
    let mut block = format!("[uwsgi]\njson = {file}");
    let mut probed = 0;
    for (key, given) in pairs {
        if key == "set-placeholder" {
            let (name, stored) = given.split_once('=').expect("name=value");
            assert!(name.starts_with(PLACEHOLDER_PREFIX), "{given:?}");
            block.push_str(&format!("\nset-placeholder = {given}\n{name} = {stored}"));
        } else {
            let (_, shown) = expected
                .iter()
                .find(|(k, _)| k == key)
                .unwrap_or_else(|| panic!("{value:?}: unexpected key {key} in {pairs:?}"));
            probed += 1;
            block.push_str(&format!("\n{key} = {shown}"));
        }
    }
    assert_eq!(probed, expected.len(), "{value:?}: {pairs:?}");
    block.push_str("\nshow-config = true");
    block
}

fn check_json(uwsgi: &Uwsgi, value: &str) -> Checked {
    let (section, expected) = probe(value);
    let json = match section.to_json() {
        Ok(json) => {
            assert!(
                !json_cannot_carry(value),
                "{value:?}: JSON cannot carry it, yet the crate rendered\n{json}"
            );
            json
        }
        Err(error) => {
            assert!(
                json_cannot_carry(value),
                "{value:?}: JSON can carry it, yet the crate refused: {error}"
            );
            for problem in error.problems() {
                assert_eq!(
                    problem.kind(),
                    ProblemKind::Unrepresentable,
                    "{value:?} (JSON): refused for an unexpected reason: {problem}"
                );
            }
            return Checked::Refused;
        }
    };
    let pairs = &read_json(&json, "")[0].1;
    let want = expected_block(value, "value.json", pairs, &expected);
    let dir = support::temp_dir();
    let run = run_json(
        uwsgi,
        dir.path(),
        "value.json",
        &json,
        "value.json",
        &["--show-config"],
    );
    let shown = run.shown_config().unwrap_or_else(|| {
        panic!(
            "{value:?} (JSON): no --show-config output ({}):\n{json}\n--- uWSGI said:\n{}",
            run.describe(),
            run.log()
        )
    });
    assert_eq!(
        shown, want,
        "{value:?} (JSON): uWSGI read something else\n{json}"
    );
    let hook = &expected.iter().find(|(k, _)| k == "hook-asap").unwrap().1;
    probes::values::assert_printed(value, "JSON", hook, &run);
    Checked::RoundTripped
}

#[test]
fn tricky_values_round_trip_exactly_as_json() {
    let Some(uwsgi) = support::uwsgi() else {
        return;
    };
    let mut values: Vec<String> = CURATED.iter().map(|v| v.to_string()).collect();
    values.extend(generated(GENERATED));
    values.sort();
    values.dedup();
    let results = support::parallel_map(&values, |value| check_json(uwsgi, value));
    let mut tally: BTreeMap<Checked, usize> = BTreeMap::new();
    for checked in &results {
        *tally.entry(*checked).or_default() += 1;
    }
    let count = |checked| tally.get(&checked).copied().unwrap_or(0);
    assert!(count(Checked::RoundTripped) > 100, "{tally:?}");
    assert!(count(Checked::Refused) > 0, "{tally:?}");
    // What INI cannot carry, JSON did.
    let carried = |class: &dyn Fn(&str) -> bool| {
        values
            .iter()
            .zip(&results)
            .filter(|(v, checked)| class(v) && **checked == Checked::RoundTripped)
            .count()
    };
    let line_breaks = carried(&|v| v.contains(['\n', '\r']));
    let edge_blanks = carried(&|v| v.starts_with([' ', '\t']) || v.ends_with([' ', '\t']));
    assert!(line_breaks > 0 && edge_blanks > 0);
    notice(&format!(
        "round trip, JSON ({}): {} values tried ({} curated, {GENERATED} generated, deduplicated), each in 8 options + a print hook, strict mode on; \
         {} round-tripped ({line_breaks} with line breaks, {edge_blanks} with blanks at an end), {} refused as documented",
        uwsgi.version(),
        values.len(),
        CURATED.len(),
        count(Checked::RoundTripped),
        count(Checked::Refused),
    ));
}

// ---- order ----

/// Directives keep their place: repeated keys around and inside config-logic blocks,
/// placeholders defined where they are used, hooks of several phases. uWSGI shows the same
/// configuration from the JSON as from the command line.
#[test]
fn directive_order_is_kept_across_blocks_placeholders_and_repeats() {
    let Some(uwsgi) = support::uwsgi() else {
        return;
    };
    let mut section = Section::new();
    section.set_strict(true);
    section
        .add_option("env", "A=1")
        .add_option("env", "A2=1")
        .set_option("vacuum", true)
        .add_option("if-env", "PATH")
        .add_option("env", "B=two\nlines")
        .add_option("env", "C=$(HOME) literal")
        .add_option("procname-append", "  in block ")
        .add_option("endif", "")
        .add_option("if-not-env", "PATH")
        .add_option("env", "D=skipped")
        .add_option("endif", "")
        .add_option("for", "x y")
        .add_option("env", Value::from("F=") + Value::placeholder("_"))
        .add_option("endfor", "")
        .add_option("env", "E=@(literal)");
    section
        .main_process()
        .set_hook(
            Phase::Asap,
            [Action::printout("one"), Action::printout("two")],
        )
        .run_command_on_event("true", RunOnEventParams::new().phase(Phase::PostApp))
        .set_hook(Phase::PostApp, Action::execute("true"));
    let json = section.to_json().expect("renders");
    let pairs = &read_json(&json, "")[0].1;
    assert_eq!(
        pairs,
        &args_pairs(&section.to_args().expect("renders")),
        "{json}"
    );
    // Keys that come back after another key, and runs written as arrays, were both used.
    assert!(json.contains("\"env\": [\n"), "{json}");
    assert!(json.matches("\"env\":").count() > 3, "{json}");
    assert!(json.matches("\"set-placeholder\":").count() > 1, "{json}");

    let dir = support::temp_dir();
    let from_json = run_json(
        uwsgi,
        dir.path(),
        "order.json",
        &json,
        "order.json",
        &["--show-config"],
    );
    let mut args = section.to_args().expect("renders");
    args.push("--show-config".into());
    let from_args = uwsgi.run(dir.path(), &args);
    let shown_json = from_json
        .shown_config()
        .unwrap_or_else(|| panic!("{json}\n{}", from_json.log()));
    let shown_args = from_args
        .shown_config()
        .unwrap_or_else(|| panic!("{args:?}\n{}", from_args.log()));
    assert_eq!(
        shown_json.replacen("\njson = order.json", "", 1),
        shown_args,
        "{json}"
    );
    for line in [
        "\nenv = B=two\nlines\n",
        "\nenv = C=$(HOME) literal\n",
        "\nprocname-append =   in block \n",
        "\nenv = F=x\nenv = F=y\n",
    ] {
        assert!(shown_json.contains(line), "{line:?} in\n{shown_json}");
    }
    assert!(!shown_json.contains("D=skipped"), "{shown_json}");
}

// ---- several sections ----

fn three_sections() -> (Section, Section, Section) {
    let mut first = Section::new();
    first.set_strict(true);
    first.set_option("procname", "first\nline ");
    let mut second = Section::named("second");
    second
        .add_option("env", "A=1")
        .add_option("env", "B= 2 ")
        .set_option("procname-append", "50% $(HOME)");
    let mut third = Section::named("app.3");
    third.set_option("procname-prefix", "\"third\"");
    (first, second, third)
}

/// The lines uWSGI shows for each of [`three_sections`], the placeholder of the second with
/// the name `json` gives it.
fn three_sections_shown(json: &str) -> [String; 3] {
    let sections = read_json(json, "");
    let (_, second) = sections
        .iter()
        .find(|(name, _)| name == "second")
        .expect("section second");
    let (name, _) = second
        .iter()
        .find(|(key, _)| key == "set-placeholder")
        .and_then(|(_, value)| value.split_once('='))
        .expect("a placeholder for `$(`");
    assert!(name.starts_with(PLACEHOLDER_PREFIX), "{name}");
    [
        "strict = true\nprocname = first\nline ".into(),
        format!(
            "env = A=1\nenv = B= 2 \nset-placeholder = {name}=50% $(HOME)\n{name} = 50% $(HOME)\n\
             procname-append = 50% $(HOME)"
        ),
        "procname-prefix = \"third\"".into(),
    ]
}

#[test]
fn a_config_of_several_sections_reads_back_section_by_section() {
    let Some(uwsgi) = support::uwsgi() else {
        return;
    };
    let (first, second, third) = three_sections();
    let mut config = Config::new();
    config
        .add_section(first)
        .add_section(second)
        .add_section(third);
    let json = config.to_json().expect("renders");
    let shown = three_sections_shown(&json);
    let dir = support::temp_dir();
    for (index, name) in ["uwsgi", "second", "app.3"].into_iter().enumerate() {
        let arg = format!("config.json:{name}");
        let run = run_json(
            uwsgi,
            dir.path(),
            "config.json",
            &json,
            &arg,
            &["--show-config"],
        );
        // uWSGI cuts the name off the `json` value it keeps.
        let want = format!(
            "[uwsgi]\njson = config.json\n{}\nshow-config = true",
            shown[index]
        );
        assert_eq!(
            run.shown_config(),
            Some(want.as_str()),
            "{arg}:\n{json}\n--- uWSGI said:\n{}",
            run.log()
        );
    }

    // With autoinclude, the first section loads the others from the same file, named by
    // `%p`: read here from another working directory, by a relative path.
    config.autoinclude(true);
    let json = config.to_json().expect("renders");
    fs::create_dir(dir.path().join("conf")).unwrap();
    let run = run_json(
        uwsgi,
        dir.path(),
        "conf/config.json",
        &json,
        "conf/config.json",
        &["--show-config"],
    );
    let real = dir
        .path()
        .canonicalize()
        .unwrap()
        .join("conf/config.json")
        .display()
        .to_string();
    let want = format!(
        "[uwsgi]\njson = conf/config.json\n{}\njson = {real}\n{}\njson = {real}\n{}\nshow-config = true",
        shown[0], shown[1], shown[2]
    );
    assert_eq!(
        run.shown_config(),
        Some(want.as_str()),
        "{json}\n--- uWSGI said:\n{}",
        run.log()
    );
}

// ---- variables on purpose ----

/// Variables used on purpose expand; literal text next to them stays literal. Magic
/// variables exist in files, JSON included: `%d` is the JSON file's directory, and `%[` (ESC,
/// which JSON cannot hold raw) arrives as ESC.
#[test]
fn intentional_variables_expand_and_literal_ones_do_not_in_json() {
    let Some(uwsgi) = support::uwsgi() else {
        return;
    };
    let home = std::env::var("HOME").unwrap_or_default();
    let dir = support::temp_dir();
    let mut section = Section::new();
    section.set_option("procname", "named");
    section.add_option(
        "env",
        Value::from("UWSGICONF_MIX=")
            + Value::env("HOME")
            + " $(HOME) 100% @(x) \"\\\n"
            + Value::placeholder("procname"),
    );
    section.set_option(
        "procname-append",
        Value::from(MagicVar::ConfigDir) + "100%" + MagicVar::Escape + "[0m",
    );
    let json = section.to_json().expect("renders");
    let run = run_json(
        uwsgi,
        dir.path(),
        "vars.json",
        &json,
        "vars.json",
        &["--show-config"],
    );
    let shown = run
        .shown_config()
        .unwrap_or_else(|| panic!("{json}\n{}", run.log()));
    let real_dir = dir.path().canonicalize().unwrap();
    for line in [
        format!("\nenv = UWSGICONF_MIX={home} $(HOME) 100% @(x) \"\\\nnamed\n"),
        format!("\nprocname-append = {}/100%\u{1b}[0m\n", real_dir.display()),
    ] {
        assert!(shown.contains(&line), "{line:?} in\n{shown}\n{json}");
    }
    let problems = section.to_args().unwrap_err().into_problems();
    assert_eq!(problems[0].kind(), ProblemKind::MisplacedVariable);
}
