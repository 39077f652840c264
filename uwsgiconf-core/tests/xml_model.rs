//! Property test of the XML format: arbitrary text, rendered to XML and read back by a model
//! of uWSGI 2.0.21's XML loader over libxml2 (`xml/mod.rs`), reaches uWSGI's option table
//! exactly as the command line delivers it (`to_args`, which carries every value as given,
//! so the expansion passes then treat both alike; `expansion_model.rs` and the root package's
//! round trip check that part); or the renderer refused it for a reason XML really has: a NUL,
//! a character XML 1.0 cannot hold, or `%(..)`, which uWSGI expands with no escape.
//!
//! Also: values with magic variables whose values hold `&`, `<` and quotes (a config
//! directory such as `/srv/R&D <x>/`) read back exactly, and a `Config` of several sections
//! reads back section by section, with and without autoinclude.
//!
//! The real binary checks the same ground in the root package's `uwsgi_xml` test; this model
//! lets thousands of cases run in milliseconds.

mod xml;

use proptest::prelude::*;
use uwsgiconf_core::{Config, MagicVar, ProblemKind, Section, Value};
use xml::File;

/// The config file's path (`%p`): markup characters and quotes, which the magic pass puts
/// into the document before libxml2 reads it.
const PATH: &str = "/srv/R&D <x> \"q\" 'a'/app.xml";

/// The magic variables of the model, with markup in their values.
fn marked_up(code: char) -> Option<String> {
    let value = match code {
        'd' => "/srv/R&D <x> \"q\" 'a'/",
        'h' => "host&<>",
        'n' => "app",
        'V' => "2.0.21",
        _ => return None,
    };
    Some(value.to_string())
}

/// The same, without markup.
fn plain(code: char) -> Option<String> {
    marked_up(code).map(|value| value.replace(['&', '<', '>', '"', '\''], "_"))
}

/// [`PATH`] without markup.
const PLAIN_PATH: &str = "/srv/R_D _x_ _q_ _a_/app.xml";

fn read(text: &str, id: Option<&str>) -> Result<Vec<(String, String)>, String> {
    read_with(text, id, PATH, &marked_up)
}

fn read_with(
    text: &str,
    id: Option<&str>,
    path: &str,
    vars: &dyn Fn(char) -> Option<String>,
) -> Result<Vec<(String, String)>, String> {
    xml::read(&File { path, text, vars }, id)
}

/// The options of command-line arguments, in order (values only: no switches here).
fn args_pairs(args: &[String]) -> Vec<(String, String)> {
    let mut options = Vec::new();
    let mut words = args.iter();
    while let Some(word) = words.next() {
        let flag = word.strip_prefix("--").expect("an option");
        match flag.split_once('=') {
            Some((key, value)) => options.push((key.to_string(), value.to_string())),
            None => {
                let value = words.next().expect("a value");
                options.push((flag.to_string(), value.clone()));
            }
        }
    }
    options
}

/// `%(` then `)`: uWSGI expands it even from a placeholder, with no escape.
fn closes_placeholder(text: &str) -> bool {
    text.find("%(").is_some_and(|at| text[at..].contains(')'))
}

/// The reasons XML may refuse a literal value.
fn xml_refusal_is_justified(text: &str, kinds: &[ProblemKind]) -> bool {
    let reason = text.contains('\0')
        || text.chars().any(|c| !xml::is_xml_char(c))
        || closes_placeholder(text);
    reason && kinds.iter().all(|k| *k == ProblemKind::Unrepresentable)
}

/// Text rich in what XML and uWSGI treat specially.
fn tricky_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("&".to_string()),
        Just("<".to_string()),
        Just(">".to_string()),
        Just("]]>".to_string()),
        Just("]".to_string()),
        Just("&amp;".to_string()),
        Just("&#13;".to_string()),
        Just("<!--".to_string()),
        Just("-->".to_string()),
        Just("<![CDATA[".to_string()),
        Just("<x/>".to_string()),
        Just("\"".to_string()),
        Just("'".to_string()),
        Just("%".to_string()),
        Just("%%".to_string()),
        Just("%d".to_string()),
        Just("$(".to_string()),
        Just("@(".to_string()),
        Just("%(".to_string()),
        Just("(".to_string()),
        Just(")".to_string()),
        Just(" ".to_string()),
        Just("\t".to_string()),
        Just("\n".to_string()),
        Just("\r".to_string()),
        Just("\r\n".to_string()),
        Just("é".to_string()),
        Just("🦀".to_string()),
        Just("\u{1}".to_string()),
        Just("\u{1b}".to_string()),
        Just("\u{7f}".to_string()),
        Just("\u{85}".to_string()),
        Just("\u{feff}".to_string()),
        Just("\u{fffe}".to_string()),
        Just("\0".to_string()),
        Just("HOME".to_string()),
        "[a-z]{1,3}",
    ];
    proptest::collection::vec(piece, 0..12).prop_map(|pieces| pieces.concat())
}

fn procname(text: &str) -> Section {
    let mut section = Section::new();
    section.set_option("procname", text);
    section
}

/// A value of literal pieces and magic variables, with what uWSGI reads once `vars` fill
/// them in.
fn magic_value() -> impl Strategy<Value = Vec<Result<String, char>>> {
    let part = prop_oneof![
        Just(Ok("&".to_string())),
        Just(Ok("<".to_string())),
        Just(Ok(">".to_string())),
        Just(Ok("]".to_string())),
        Just(Ok("]]>".to_string())),
        Just(Ok("\r".to_string())),
        Just(Ok("\n".to_string())),
        Just(Ok(" ".to_string())),
        Just(Ok("%".to_string())),
        Just(Ok("\"".to_string())),
        Just(Ok("é".to_string())),
        "[a-z/]{1,3}".prop_map(Ok),
        Just(Err('d')),
        Just(Err('h')),
        Just(Err('n')),
        Just(Err('V')),
        Just(Err('p')),
        Just(Err('x')),
    ];
    proptest::collection::vec(part, 1..8)
}

fn magic_var(code: char) -> MagicVar {
    match code {
        'd' => MagicVar::ConfigDir,
        'h' => MagicVar::HostName,
        'n' => MagicVar::ConfigName,
        'V' => MagicVar::Version,
        'p' => MagicVar::ConfigPath,
        _ => MagicVar::Section,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4000))]

    #[test]
    fn xml_values_reach_uwsgi_as_arguments_do(text in tricky_text()) {
        let section = procname(&text);
        match (section.to_xml(), section.to_args()) {
            (Ok(xml), Ok(args)) => {
                let read = read(&xml, None).map_err(|e| TestCaseError::fail(format!("{e}\n{xml}")))?;
                prop_assert_eq!(&read, &args_pairs(&args), "{}", xml);
                if read.len() == 1 {
                    prop_assert_eq!(&read[0].1, &text, "{}", xml);
                }
            }
            (Err(error), _) => {
                let kinds: Vec<_> = error.problems().iter().map(|p| p.kind()).collect();
                prop_assert!(xml_refusal_is_justified(&text, &kinds), "refused {:?}: {}", text, error);
            }
            (Ok(xml), Err(error)) => {
                prop_assert!(false, "XML took what arguments refuse ({error}):\n{xml}");
            }
        }
    }

}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn magic_variables_read_back_whatever_their_values_hold(parts in magic_value()) {
        let literal: String = parts.iter().filter_map(|p| p.as_ref().ok().cloned()).collect();
        // Where the literal text keeps the value out of a CDATA section, a variable's `&` or
        // `<` would be markup: those documents are checked with variables without markup.
        let (path, vars): (&str, &dyn Fn(char) -> Option<String>) =
            if literal.contains("]]>") || literal.contains('\r') {
                (PLAIN_PATH, &plain)
            } else {
                (PATH, &marked_up)
            };
        let mut value = Value::from("");
        let mut want = String::new();
        for part in &parts {
            match part {
                Ok(text) => {
                    value = value + text.as_str();
                    want.push_str(text);
                }
                Err(code) => {
                    value = value + magic_var(*code);
                    want.push_str(&match code {
                        'p' => path.to_string(),
                        'x' => String::new(),
                        _ => vars(*code).unwrap(),
                    });
                }
            }
        }
        let mut section = Section::new();
        section.set_option("procname", value);
        match section.to_xml() {
            Ok(xml) => {
                let read = read_with(&xml, None, path, vars).map_err(|e| TestCaseError::fail(format!("{e}\n{xml}")))?;
                prop_assert_eq!(read, vec![("procname".to_string(), want)], "{}", xml);
            }
            Err(error) => {
                // Only variables next to literal sigils (`%` then `%h`...), for every format.
                prop_assert!(error.problems().iter().all(|p| p.kind() == ProblemKind::MisplacedVariable), "{}", error);
            }
        }
    }

    #[test]
    fn configs_read_back_section_by_section(
        texts in proptest::collection::vec(tricky_text(), 1..4),
        first in 0usize..3,
        autoinclude in any::<bool>(),
    ) {
        let names = ["uwsgi", "app", "other"];
        let mut config = Config::new();
        let mut sections = Vec::new();
        for (index, text) in texts.iter().enumerate() {
            let mut section = Section::named(names[(first + index) % 3]);
            section.set_option("procname", text.as_str());
            sections.push(section.clone());
            config.add_section(section);
        }
        config.autoinclude(autoinclude);
        let xml = match config.to_xml() {
            Ok(xml) => xml,
            Err(error) => {
                let kinds: Vec<_> = error.problems().iter().map(|p| p.kind()).collect();
                let justified = texts.iter().any(|t| xml_refusal_is_justified(t, &kinds));
                prop_assert!(justified, "refused {:?}: {}", texts, error);
                return Ok(());
            }
        };
        let alone: Vec<Vec<(String, String)>> = sections
            .iter()
            .map(|s| args_pairs(&s.to_args().expect("XML took it")))
            .collect();
        let fail = |e: String| TestCaseError::fail(format!("{e}\n{xml}"));
        if sections.len() > 1 {
            for (section, want) in sections.iter().zip(&alone) {
                let mut want = want.clone();
                if autoinclude && section.name() == sections[0].name() {
                    for (other, options) in sections.iter().zip(&alone).skip(1) {
                        want.push(("xml".into(), format!("{PATH}:{}", other.name())));
                        want.extend(options.iter().cloned());
                    }
                }
                prop_assert_eq!(read(&xml, Some(section.name())).map_err(fail)?, want, "{}", xml);
            }
        }
        // Without an id: what `--ini file` reads, the `uwsgi` section (with the others it
        // includes), else the first.
        let main = sections.iter().position(|s| s.name() == "uwsgi").unwrap_or(0);
        let mut want = alone[main].clone();
        if autoinclude && main == 0 {
            for (other, options) in sections.iter().zip(&alone).skip(1) {
                want.push(("xml".into(), format!("{PATH}:{}", other.name())));
                want.extend(options.iter().cloned());
            }
        }
        prop_assert_eq!(read(&xml, None).map_err(fail)?, want, "{}", xml);
    }
}

/// Where a value with a magic variable cannot be a CDATA section (it holds `]]>` or a
/// carriage return), it is text: exact while the variable's value holds no markup, and a
/// document libxml2 refuses when it does (a directory named `R&D`), never another value.
#[test]
fn a_magic_variable_outside_cdata_is_exact_or_refused_by_libxml2() {
    for literal in ["]]>", "\r"] {
        let mut section = Section::new();
        section.set_option("chdir", Value::from(MagicVar::ConfigDir) + literal);
        let xml = section.to_xml().unwrap();
        assert!(!xml.contains("CDATA"), "{xml}");
        let want = format!("{}{literal}", plain('d').unwrap());
        assert_eq!(
            read_with(&xml, None, PLAIN_PATH, &plain).unwrap(),
            [("chdir".to_string(), want)]
        );
        let error = read(&xml, None).unwrap_err();
        assert!(
            error.contains("entity") || error.contains("name"),
            "{error}"
        );
    }
}

fn none(_: char) -> Option<String> {
    None
}

/// What uWSGI 2.0.21 did with these documents (measured; see the module header).
#[test]
fn the_model_reads_what_uwsgi_read() {
    let read = |text: &str| {
        let file = File {
            path: "/m/f.xml",
            text,
            vars: &none,
        };
        xml::read(&file, None)
    };
    let got = read(
        "<uwsgi>\n  <a>  spaced  </a>\n  <b>a&amp;b&lt;c&gt;d&quot;e&apos;f&#10;g&#x9;h</b>\n  \
         <c>A=<![CDATA[cd]]></c><d><![CDATA[B=<x>&]]></d><e>C=a<!--c-->b</e><f><!----></f>\
         <g><![CDATA[]]></g><h>D=100%% %n</h><i/><j></j><k>cr&#13;lf\r\nx\ry</k></uwsgi>",
    )
    .unwrap();
    let want = [
        ("a", "  spaced  "),
        ("b", "a&b<c>d\"e'f\ng\th"),
        ("c", "A="),
        ("d", "B=<x>&"),
        ("e", "C=a"),
        ("f", ""),
        ("g", ""),
        ("h", "D=100% "),
        ("i", "1"),
        ("j", "1"),
        ("k", "cr\rlf\nx\ny"),
    ];
    assert_eq!(
        got,
        want.map(|(k, v)| (k.to_string(), v.to_string())).to_vec()
    );
    assert!(read("<uwsgi><a>&#1;</a></uwsgi>").is_err());
    assert!(read("<uwsgi><a>\u{1}</a></uwsgi>").is_err());
    assert!(read("<uwsgi><a>%[</a></uwsgi>").is_ok()); // `%[` is nothing here
    assert!(read("<uwsgi><a>a&b</a></uwsgi>").is_err());
    assert!(read("<uwsgi><a>]]></a></uwsgi>").is_err());
    // A container: the first `<uwsgi>` or the one of the id; includes by path.
    let text = "<c><uwsgi id=\"one\"><a>1 %x</a><xml>%p:two</xml></uwsgi>\
                <uwsgi id=\"two\"><b>2 %x</b></uwsgi></c>";
    let file = File {
        path: "/m/f.xml",
        text,
        vars: &none,
    };
    let pairs = |list: &[(&str, &str)]| {
        list.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        xml::read(&file, None).unwrap(),
        pairs(&[("a", "1 "), ("xml", "/m/f.xml:two"), ("b", "2 two")])
    );
    assert_eq!(
        xml::read(&file, Some("two")).unwrap(),
        pairs(&[("b", "2 two")])
    );
    assert!(xml::read(&file, Some("three")).is_err());
}
