//! The XML format against the real uWSGI 2.0.21 (`uwsgi --xml file[:id]`, through libxml2).
//!
//! - What the format relies on, measured: hand-written documents are read by uWSGI exactly
//!   as the test model of its XML loader reads them (`uwsgiconf-core/tests/xml/mod.rs`: the
//!   magic pass on the raw text, entities, one node per text run, the first child as the
//!   value, `1` for an element without children, CR read as LF, the characters XML 1.0
//!   cannot hold, the container and its ids, `xml = :id` failing).
//! - Strict acceptance: every directive the crate can emit (the probes of `uwsgi_strict.rs`
//!   and `uwsgi_groups.rs`, and every core option of the 2.0 catalogue at once) is accepted
//!   in strict mode from XML, each probe with its negative control.
//! - Hooks really run from XML, with a text INI cannot hold (line breaks, a carriage return,
//!   trailing blanks, markup).
//! - Round trip: the tricky values of `uwsgi_roundtrip.rs` through `--show-config`, exactly
//!   as given or refused for XML's own reasons; the expected block is rebuilt from the
//!   document's options in order, so values with line breaks compare without ambiguity.
//! - A `Config` of several sections read back by id, and with autoinclude from a directory
//!   whose name holds `&`, `<` and `>` (the `%p` of the includes is in CDATA).

mod probes;
mod support;
#[path = "../uwsgiconf-core/tests/xml/mod.rs"]
mod xml;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use probes::main_process::{
    catalogue_section, every_action, main_process_directives, main_process_probes, phase_probes,
    strict_section, BUILD_CONDITIONAL,
};
use probes::values::{
    assert_printed, closes_placeholder, generated, probe, Checked, CURATED, GENERATED,
};
use support::{notice, Output, Uwsgi, ACCEPTED, BOGUS, STOP};
use uwsgiconf::options::{self, OptionSpec};
use uwsgiconf::{
    Action, Config, MagicVar, OwnerParams, Phase, ProblemKind, Section, Target, Value,
};

fn s(path: &Path) -> String {
    path.to_str().expect("UTF-8 temp dir").to_string()
}

/// Writes `xml` to `dir/name` and runs `uwsgi --xml <file>[:id]` then `extra`, in `dir`;
/// returns the file's path as given to uWSGI and the run.
fn run_xml(
    uwsgi: &Uwsgi,
    dir: &Path,
    name: &str,
    xml: &str,
    id: Option<&str>,
    extra: &[&str],
) -> (String, Output) {
    let file = dir.join(name);
    fs::write(&file, xml).expect("write the xml file");
    let file = s(&file);
    let mut args = vec![
        "--xml".to_string(),
        match id {
            Some(id) => format!("{file}:{id}"),
            None => file.clone(),
        },
    ];
    args.extend(extra.iter().map(|a| a.to_string()));
    let run = uwsgi.run(dir, &args);
    (file, run)
}

/// The options the model reads from `xml` (section `id`), as uWSGI adds them; the file is
/// `path`, and no magic variable other than `%p` and `%x` has a value.
fn model_read(path: &str, xml: &str, id: Option<&str>) -> Vec<(String, String)> {
    let none = |_: char| None;
    xml::read(
        &xml::File {
            path,
            text: xml,
            vars: &none,
        },
        id,
    )
    .unwrap_or_else(|e| panic!("the model cannot read it ({e}):\n{xml}"))
}

fn keys(xml: &str) -> BTreeSet<String> {
    model_read("/model.xml", xml, None)
        .into_iter()
        .map(|(key, _)| key)
        .collect()
}

/// The `--show-config` block for options read from file `file`: `xml = file` first, each
/// option in order (an include shows its path: uWSGI cuts the `:id` off in place), a
/// placeholder's own line after its `set-placeholder`, then `show-config = true`.
/// `shown(key, value)` gives what uWSGI shows for the other options.
fn block(
    file: &str,
    options: &[(String, String)],
    mut shown: impl FnMut(&str, &str) -> String,
) -> String {
    let mut block = format!("[uwsgi]\nxml = {file}");
    for (key, value) in options {
        match key.as_str() {
            "set-placeholder" => {
                let (name, stored) = value.split_once('=').expect("name=value");
                block.push_str(&format!("\nset-placeholder = {value}\n{name} = {stored}"));
            }
            "xml" => {
                let (path, _) = value.rsplit_once(':').expect("path:id");
                block.push_str(&format!("\nxml = {path}"));
            }
            _ => block.push_str(&format!("\n{key} = {}", shown(key, value))),
        }
    }
    block.push_str("\nshow-config = true");
    block
}

fn shown_config<'a>(what: &str, xml: &str, run: &'a Output) -> &'a str {
    run.shown_config().unwrap_or_else(|| {
        panic!(
            "{what}: no --show-config output ({}):\n{xml}\n--- uWSGI said:\n{}",
            run.describe(),
            run.log()
        )
    })
}

// ---- what the format relies on ----

/// Documents written by hand: uWSGI shows exactly what the model reads, or refuses to parse
/// what the model refuses.
#[test]
fn uwsgi_reads_xml_as_the_model_does() {
    let Some(uwsgi) = support::uwsgi() else {
        return;
    };
    let dir = support::temp_dir();
    let read = [
        // Blanks kept; entities and character references; one text node.
        "<uwsgi>\n  <procname>  spaced  </procname>\n  \
         <procname-append>a&amp;b&lt;c&gt;d&quot;e&apos;f&#10;g&#x9;h</procname-append>\n</uwsgi>",
        // Only the first child node: text then CDATA or a comment gives the text.
        "<uwsgi><env>A=<![CDATA[cd]]></env><env><![CDATA[B=<x>&]]></env>\
         <env>C=a<!--c-->b</env></uwsgi>",
        // An element without children is `1`; an empty comment or CDATA is empty.
        "<uwsgi><env/><env></env><env><!----></env><env><![CDATA[]]></env></uwsgi>",
        // Line ends: CRLF and CR are LF, `&#13;` is CR; blanks alone are kept.
        "<uwsgi><env>cr&#13;lf\r\nx\ry</env><env> </env><env>\t</env><env>\n\n</env></uwsgi>",
        // The magic pass: `%%` is `%`, `%(` stays, `%x` is the id asked (none here).
        "<uwsgi><env>D=100%% %(x) [%x]</env></uwsgi>",
        // A CDATA section directly in `<uwsgi>` is `eval`.
        "<uwsgi><![CDATA[print(\"x\")]]><procname>after eval</procname></uwsgi>",
        // A container: without an id, the first `<uwsgi>`.
        "<c><uwsgi id=\"a\"><procname>A</procname></uwsgi>\
         <uwsgi id=\"b\"><procname>B</procname></uwsgi></c>",
        // DEL, C1 controls, a byte order mark: XML 1.0 holds them.
        "<uwsgi><env>\u{7f}\u{85}\u{feff}</env></uwsgi>",
    ];
    let refused = [
        "<uwsgi><env>&#1;</env></uwsgi>",
        "<uwsgi><env>\u{1}</env></uwsgi>",
        "<uwsgi><env>\u{fffe}</env></uwsgi>",
        // The magic pass writes ESC into the document.
        "<uwsgi><env>%[</env></uwsgi>",
        "<uwsgi><env>a & b</env></uwsgi>",
        "<uwsgi><env>]]></env></uwsgi>",
    ];
    for (index, document) in read.iter().enumerate() {
        let name = format!("read{index}.xml");
        let (file, run) = run_xml(uwsgi, dir.path(), &name, document, None, &["--show-config"]);
        let shown = shown_config(&name, document, &run);
        let want = block(&file, &model_read(&file, document, None), |_, v| {
            v.to_string()
        });
        assert_eq!(shown, want, "{document}");
    }
    // With an id: the element of that id.
    let container = read[6];
    let (file, run) = run_xml(
        uwsgi,
        dir.path(),
        "id.xml",
        container,
        Some("b"),
        &["--show-config"],
    );
    let want = block(&file, &model_read(&file, container, Some("b")), |_, v| {
        v.to_string()
    });
    assert_eq!(shown_config("id", container, &run), want);
    let (_, run) = run_xml(uwsgi, dir.path(), "id.xml", container, Some("z"), &[]);
    assert!(
        run.code == Some(1) && run.stderr.contains("invalid xml root element"),
        "{}",
        run.log()
    );
    for (index, document) in refused.iter().enumerate() {
        let file = dir.path().join(format!("refused{index}.xml"));
        let model = xml::read(
            &xml::File {
                path: &s(&file),
                text: document,
                vars: &|code| (code == '[').then(|| "\u{1b}".to_string()),
            },
            None,
        );
        assert!(model.is_err(), "the model read {document:?}: {model:?}");
        let (_, run) = run_xml(
            uwsgi,
            dir.path(),
            &format!("refused{index}.xml"),
            document,
            None,
            &[],
        );
        assert!(
            run.code == Some(1) && run.stderr.contains("could not parse file"),
            "{document:?}: {}\n{}",
            run.describe(),
            run.log()
        );
    }
    // `xml = :id` opens the file "" (only the INI loader rereads its own file).
    let document = "<c><uwsgi id=\"a\"><xml>:b</xml></uwsgi><uwsgi id=\"b\"/></c>";
    let (_, run) = run_xml(uwsgi, dir.path(), "colon.xml", document, None, &[]);
    assert!(
        run.code == Some(1) && run.stderr.contains("open(\"\")"),
        "{}",
        run.log()
    );
    notice(&format!(
        "xml ({}): {} documents read as the model reads them, {} refused by libxml2 as the model refuses them, `xml = :id` fails",
        uwsgi.version(),
        read.len() + 1,
        refused.len()
    ));
}

// ---- strict acceptance ----

/// Asserts that uWSGI accepts `xml` in strict mode (the document brings strict mode and the
/// stop), then that it refuses it with one unknown directive added before the section's end.
fn assert_strict_accepts_xml(uwsgi: &Uwsgi, what: &str, xml: &str) {
    let dir = support::temp_dir();
    let (_, run) = run_xml(uwsgi, dir.path(), "probe.xml", xml, None, &[]);
    assert!(
        run.accepted(),
        "{what}: uWSGI refused the XML in strict mode ({}):\n{xml}\n--- uWSGI said:\n{}",
        run.describe(),
        run.log()
    );
    let end = xml.rfind("</uwsgi>").expect("a section");
    let control = format!("{}<{BOGUS}>1</{BOGUS}>\n{}", &xml[..end], &xml[end..]);
    let (_, run) = run_xml(uwsgi, dir.path(), "control.xml", &control, None, &[]);
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

/// Renders `section` as XML, checks that strict mode and the stop come first, and asserts
/// that uWSGI accepts it in strict mode (with its negative control). Returns the XML.
fn assert_accepted(uwsgi: &Uwsgi, name: &str, section: &Section) -> String {
    let xml = section
        .to_xml()
        .unwrap_or_else(|e| panic!("{name}: the crate refused it as XML: {e}"));
    assert!(
        xml.starts_with(&format!(
            "<uwsgi>\n  <strict>true</strict>\n  <hook-asap>{STOP}</hook-asap>\n"
        )),
        "{name}: strict mode and the stop must come first\n{xml}"
    );
    assert_strict_accepts_xml(uwsgi, name, &xml);
    xml
}

#[test]
fn every_main_process_method_is_accepted_in_strict_mode() {
    let Some(uwsgi) = support::uwsgi() else {
        return;
    };
    let base = support::temp_dir();
    let probes = main_process_probes(base.path());
    let xmls = support::parallel_map(&probes, |(name, section)| {
        assert_accepted(uwsgi, name, section)
    });
    let mut keys: BTreeSet<String> = xmls.iter().flat_map(|xml| self::keys(xml)).collect();
    let missing: Vec<_> = main_process_directives()
        .difference(&keys)
        .cloned()
        .collect();
    assert!(missing.is_empty(), "never rendered: {missing:?}");
    // The immediate owner directives need root (uWSGI calls setgid() while reading them).
    let mut immediate = strict_section();
    immediate.main_process().set_owner_params(
        OwnerParams::new()
            .uid("nobody")
            .gid("nogroup")
            .set_asap(true),
    );
    if support::is_root() {
        let xml = assert_accepted(uwsgi, "set_owner_params (set_asap)", &immediate);
        keys.extend(self::keys(&xml));
    } else {
        notice("NOTICE: not root: immediate-uid/immediate-gid are not run as XML");
    }
    notice(&format!(
        "xml strict mode ({}): {} main-process probes, {} distinct directives accepted",
        uwsgi.version(),
        probes.len() + usize::from(support::is_root()),
        keys.len()
    ));
}

#[test]
fn every_phase_of_uwsgi_2_0_accepts_every_action() {
    let Some(uwsgi) = support::uwsgi() else {
        return;
    };
    let base = support::temp_dir();
    let actions = every_action(base.path());
    let probes = phase_probes(base.path());
    let phases: Vec<Phase> = probes.iter().map(|(phase, _, _)| *phase).collect();
    let xmls = support::parallel_map(&probes, |(_, name, section)| {
        assert_accepted(uwsgi, name, section)
    });
    for (xml, phase) in xmls.iter().zip(&phases) {
        let count = model_read("/model.xml", xml, None)
            .iter()
            .filter(|(key, _)| key == phase.hook_option())
            .count();
        let stop = usize::from(*phase == Phase::Asap);
        assert_eq!(count, actions.len() + stop, "{phase}:\n{xml}");
    }
    notice(&format!(
        "xml strict mode ({}): {} phases x {} actions accepted",
        uwsgi.version(),
        phases.len(),
        actions.len()
    ));
}

#[test]
fn every_directive_of_the_groups_is_accepted_in_strict_mode() {
    let Some(uwsgi) = support::uwsgi() else {
        return;
    };
    let base = support::temp_dir();
    // All of them: XML carries the magic variable that keeps some from the command line.
    let probes = probes::groups::probes(base.path());
    let xmls = support::parallel_map(&probes, |(name, section, _)| {
        assert_accepted(uwsgi, name, section)
    });
    let keys: BTreeSet<String> = xmls.iter().flat_map(|xml| self::keys(xml)).collect();
    let missing: Vec<&&str> = probes::groups::DIRECTIVES
        .iter()
        .filter(|key| !keys.contains(**key))
        .collect();
    assert!(missing.is_empty(), "never rendered: {missing:?}");
    notice(&format!(
        "xml strict mode ({}): {} master_process/workers probes, {} distinct directives accepted",
        uwsgi.version(),
        probes.len(),
        probes::groups::DIRECTIVES.len()
    ));
}

#[test]
fn every_core_option_of_the_2_0_catalogue_is_accepted_in_strict_mode() {
    let Some(uwsgi) = support::uwsgi() else {
        return;
    };
    let dir = support::temp_dir();
    let settable: Vec<&OptionSpec> = options::all()
        .iter()
        .filter(|spec| {
            spec.is_core()
                && spec.available_in(Target::V2_0)
                && !spec.immediate
                && spec.name() != "strict"
        })
        .collect();
    let missing: BTreeSet<String> = BUILD_CONDITIONAL.iter().map(|n| n.to_string()).collect();
    let xml = catalogue_section(&settable, &missing)
        .to_xml()
        .unwrap_or_else(|e| panic!("{e}"));
    let (_, run) = run_xml(uwsgi, dir.path(), "catalogue.xml", &xml, None, &[]);
    assert!(
        run.code == Some(ACCEPTED) && !run.stderr.contains("[strict-mode]"),
        "the catalogue as XML ({}):\n{}",
        run.describe(),
        run.log()
    );
    // Negative control: with the options this build lacks, strict mode stops at one.
    let xml = catalogue_section(&settable, &BTreeSet::new())
        .to_xml()
        .unwrap_or_else(|e| panic!("{e}"));
    let (_, run) = run_xml(uwsgi, dir.path(), "control.xml", &xml, None, &[]);
    assert!(
        run.code == Some(1)
            && BUILD_CONDITIONAL.iter().any(|name| run
                .stderr
                .contains(&format!("[strict-mode] unknown config directive: {name}\n"))),
        "{}\n{}",
        run.describe(),
        run.log()
    );
    notice(&format!(
        "xml catalogue ({}): {} core options of the 2.0 target set at once and accepted in strict mode",
        uwsgi.version(),
        settable.len() - missing.len()
    ));
}

// ---- hooks ----

/// Text with what INI cannot hold: a carriage return, a line break, trailing blanks, markup.
const TEXT: &str = "  lead 100% $(HOME) @(x) %% ; # <a & b> ]]> \"q\" 'q' é\r\nsecond line\ttab  ";

#[test]
fn hooks_run_from_xml_with_text_ini_cannot_hold() {
    let Some(uwsgi) = support::uwsgi() else {
        return;
    };
    let dir = support::temp_dir();
    let d = |name: &str| s(&dir.path().join(name));
    let mut section = Section::new();
    section.set_strict(true);
    let mut main = section.main_process();
    main.set_hook(
        Phase::Asap,
        vec![
            Action::putenv("UWSGICONF_A", TEXT),
            Action::execute(format!(
                "printf '%s' \"$UWSGICONF_A\" > {}",
                d("putenv.txt")
            )),
            Action::dir_create(d("made")),
            Action::file_create(d("created")),
            Action::chmod(d("created"), "640"),
            Action::file_write(d("write.txt"), TEXT).into(),
            Action::file_write(d("writen.txt"), TEXT)
                .newline(true)
                .into(),
            Action::file_write(d("append.txt"), TEXT)
                .append(true)
                .into(),
            Action::file_write(d("append.txt"), TEXT)
                .append(true)
                .into(),
            Action::printout(TEXT),
        ],
    );
    main.set_hook(Phase::PreJail, Action::exit(7));
    let xml = section.to_xml().expect("renders");
    assert!(section.to_ini().is_err(), "INI cannot hold the text");
    let (_, run) = run_xml(uwsgi, dir.path(), "hooks.xml", &xml, None, &[]);
    assert_eq!(
        run.code,
        Some(7),
        "every asap hook should pass and exit:07 end it ({}):\n{xml}\n--- uWSGI said:\n{}",
        run.describe(),
        run.log()
    );
    let read = |name: &str| fs::read_to_string(dir.path().join(name)).unwrap();
    assert_eq!(read("putenv.txt"), TEXT, "putenv");
    assert_eq!(read("write.txt"), TEXT, "write");
    assert_eq!(read("writen.txt"), format!("{TEXT}\n"), "writen");
    assert_eq!(read("append.txt"), format!("{TEXT}{TEXT}"), "append");
    assert!(dir.path().join("made").is_dir(), "mkdir");
    let mode = fs::metadata(dir.path().join("created"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o7777, 0o640, "create, chmod");
    assert!(
        run.log().contains(&format!("\n{TEXT}\n")),
        "print:\n{}",
        run.log()
    );
    notice(&format!(
        "xml hooks ({}): putenv, exec, mkdir, create, chmod, write, writen, append, print, exit ran with a text holding CR LF and trailing blanks",
        uwsgi.version()
    ));
}

// ---- round trip ----

/// What XML cannot carry: a NUL, a character XML 1.0 cannot hold, `%(..)`.
fn xml_cannot_carry(value: &str) -> bool {
    value.contains('\0') || value.chars().any(|c| !xml::is_xml_char(c)) || closes_placeholder(value)
}

fn check_xml(uwsgi: &Uwsgi, value: &str) -> Checked {
    let (section, expected) = probe(value);
    let xml = match section.to_xml() {
        Ok(xml) => {
            assert!(
                !xml_cannot_carry(value),
                "{value:?}: XML cannot carry it, yet the crate rendered\n{xml}"
            );
            xml
        }
        Err(error) => {
            assert!(
                xml_cannot_carry(value),
                "{value:?}: XML can carry it, yet the crate refused: {error}"
            );
            for problem in error.problems() {
                assert_eq!(
                    problem.kind(),
                    ProblemKind::Unrepresentable,
                    "{value:?}: refused for an unexpected reason: {problem}"
                );
            }
            return Checked::Refused;
        }
    };
    let dir = support::temp_dir();
    let (file, run) = run_xml(
        uwsgi,
        dir.path(),
        "value.xml",
        &xml,
        None,
        &["--show-config"],
    );
    let shown = shown_config(&format!("{value:?}"), &xml, &run);
    let expected: BTreeMap<&str, &str> = expected
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let options = model_read(&file, &xml, None);
    let mut probed = BTreeSet::new();
    let want = block(&file, &options, |key, _| {
        probed.insert(key.to_string());
        expected
            .get(key)
            .unwrap_or_else(|| panic!("{value:?}: unexpected option {key} in\n{xml}"))
            .to_string()
    });
    assert_eq!(probed.len(), expected.len(), "{value:?}:\n{xml}");
    assert_eq!(shown, want, "{value:?}: uWSGI read something else\n{xml}");
    assert_printed(value, "XML", expected["hook-asap"], &run);
    Checked::RoundTripped
}

#[test]
fn tricky_values_round_trip_exactly() {
    let Some(uwsgi) = support::uwsgi() else {
        return;
    };
    let mut values: Vec<String> = CURATED.iter().map(|v| v.to_string()).collect();
    values.extend(generated(GENERATED));
    values.sort();
    values.dedup();
    let results = support::parallel_map(&values, |value| check_xml(uwsgi, value));
    let count = |checked| results.iter().filter(|r| **r == checked).count();
    assert!(count(Checked::RoundTripped) > 100);
    assert!(count(Checked::Refused) > 0);
    let carried = |test: &dyn Fn(&str) -> bool| {
        values
            .iter()
            .zip(&results)
            .filter(|(v, r)| test(v) && **r == Checked::RoundTripped)
            .count()
    };
    let line_breaks = carried(&|v| v.contains(['\n', '\r']));
    let edge_blanks = carried(&|v| v.starts_with([' ', '\t']) || v.ends_with([' ', '\t']));
    let markup = carried(&|v| v.contains(['&', '<', '>']));
    assert!(line_breaks > 0 && edge_blanks > 0 && markup > 0);
    notice(&format!(
        "xml round trip ({}): {} values tried ({} curated, {GENERATED} generated, deduplicated), each in 8 options + a print hook, strict mode on; \
         {} round-tripped ({line_breaks} with line breaks, {edge_blanks} with edge blanks, {markup} with markup), {} refused as documented",
        uwsgi.version(),
        values.len(),
        CURATED.len(),
        count(Checked::RoundTripped),
        count(Checked::Refused),
    ));
}

/// Magic variables are replaced in the raw text: a directory named with `&`, `<` and `>`
/// stays text in the CDATA sections the crate writes; variables used on purpose expand.
#[test]
fn magic_variables_and_variables_used_on_purpose_expand() {
    let Some(uwsgi) = support::uwsgi() else {
        return;
    };
    let base = support::temp_dir();
    let dir = base.path().join("R&D <x> ]]");
    fs::create_dir(&dir).unwrap();
    let real = s(&dir.canonicalize().unwrap());
    let home = std::env::var("HOME").unwrap_or_default();
    let mut section = Section::new();
    section
        .set_option("chdir", Value::from(MagicVar::ConfigDir) + "a & <b>")
        .add_option(
            "env",
            Value::from("M=") + Value::env("HOME") + " $(HOME) 100% <&> " + MagicVar::ConfigName,
        );
    let xml = section.to_xml().expect("renders");
    let (file, run) = run_xml(uwsgi, &dir, "magic.xml", &xml, None, &["--show-config"]);
    let want = format!(
        "[uwsgi]\nxml = {file}\nchdir = {real}/a & <b>\nenv = M={home} $(HOME) 100% <&> magic\nshow-config = true"
    );
    let shown = shown_config("magic", &xml, &run);
    // The placeholder that carries `$(HOME)` as text shows its own lines.
    let shown: Vec<&str> = shown
        .lines()
        .filter(|line| !line.contains("uwsgiconf-literal-"))
        .collect();
    assert_eq!(shown.join("\n"), want, "{xml}");
}

// ---- sections ----

fn sections() -> Vec<Section> {
    let mut app = Section::named("app");
    app.set_option("procname-append", " app & <x> ]]> 100% \n");
    let mut main = Section::new();
    main.set_strict(true);
    main.set_option("procname", " main\r\nline ");
    let mut other = Section::named("other");
    other
        .add_option("env", "O=$(HOME)\t")
        .add_option("env", "P=")
        .set_option("vacuum", true);
    vec![app, main, other]
}

/// What uWSGI shows for the options of [`sections`] but `env`: the values given.
fn given() -> BTreeMap<&'static str, &'static str> {
    BTreeMap::from([
        ("procname-append", " app & <x> ]]> 100% \n"),
        ("strict", "true"),
        ("procname", " main\r\nline "),
        ("vacuum", "true"),
    ])
}

#[test]
fn a_config_reads_back_section_by_section() {
    let Some(uwsgi) = support::uwsgi() else {
        return;
    };
    let sections = sections();
    let values = given();
    let mut config = Config::new();
    for section in &sections {
        config.add_section(section.clone());
    }
    let xml = config.to_xml().expect("renders");
    let dir = support::temp_dir();
    let mut env = 0;
    let mut check = |id: Option<&str>, want_keys: &[&str]| {
        let (file, run) = run_xml(
            uwsgi,
            dir.path(),
            "config.xml",
            &xml,
            id,
            &["--show-config"],
        );
        let options = model_read(&file, &xml, id);
        let want = block(&file, &options, |key, value| match key {
            "env" => {
                env += 1;
                match value {
                    "P=" => "P=".into(),
                    _ => "O=$(HOME)\t".into(),
                }
            }
            _ => values[key].to_string(),
        });
        let keys: BTreeSet<&str> = options
            .iter()
            .map(|(k, _)| k.as_str())
            .filter(|k| !k.starts_with("uwsgiconf-literal-") && *k != "set-placeholder")
            .collect();
        assert_eq!(keys, want_keys.iter().copied().collect(), "{id:?}:\n{xml}");
        assert_eq!(shown_config("config", &xml, &run), want, "{id:?}:\n{xml}");
    };
    // Without an id, the `uwsgi` section, as `--ini file` reads it.
    check(None, &["strict", "procname"]);
    check(Some("uwsgi"), &["strict", "procname"]);
    check(Some("app"), &["procname-append"]);
    check(Some("other"), &["env", "vacuum"]);
    assert_eq!(env, 2);

    // Autoinclude, from a directory whose name is markup: the first section includes the
    // others by the file's path, `%p`.
    let mut config = Config::new();
    let mut main = sections[1].clone();
    main.set_option("procname-prefix", Value::from(MagicVar::ConfigDir));
    config
        .add_section(main)
        .add_section(sections[0].clone())
        .add_section(sections[2].clone())
        .autoinclude(true);
    let xml = config.to_xml().expect("renders");
    let base = support::temp_dir();
    let dir: PathBuf = base.path().join("R&D <x>");
    fs::create_dir(&dir).unwrap();
    // The canonical path: the includes name the file by its real path.
    let dir = dir.canonicalize().unwrap();
    let real = s(&dir);
    let (file, run) = run_xml(uwsgi, &dir, "config.xml", &xml, None, &["--show-config"]);
    let options = model_read(&file, &xml, None);
    let want = block(&file, &options, |key, value| match key {
        "env" => match value {
            "P=" => "P=".into(),
            _ => "O=$(HOME)\t".into(),
        },
        "procname-prefix" => format!("{real}/"),
        _ => values[key].to_string(),
    });
    assert_eq!(
        options.iter().filter(|(k, _)| k == "xml").count(),
        2,
        "{xml}"
    );
    assert_eq!(shown_config("autoinclude", &xml, &run), want, "{xml}");
    notice(&format!(
        "xml sections ({}): a config of 3 sections read back by id and without one; with autoinclude from a directory named `R&D <x>`",
        uwsgi.version()
    ));
}
