//! YAML: one top-level mapping per section, as uWSGI's `--yaml file[:section]` reads it
//! through libyaml (Debian's 2.0.21 build).
//!
//! How uWSGI reads it (measured on 2.0.21, and read in its `uwsgi_yaml_config`):
//! - the magic `%` pass runs on the raw file first (`%%` is `%`, `%d` the file's directory,
//!   `%[` the ESC character), then libyaml's scanner splits the text into tokens, and uWSGI
//!   takes each scalar after a key, or in a sequence under a key, as one directive, in file
//!   order: a repeated key and the items of a sequence all count, so the order of the
//!   directives, config-logic blocks included, is the order of the lines;
//! - a scalar is taken verbatim once libyaml has undone its quoting: `vacuum: no` is `no`,
//!   `~` is `~`; `key:` without a scalar is dropped (an `endif:` so written breaks the
//!   config logic), so an empty value is written `""`;
//! - a token uWSGI does not expect (a tag, an anchor) stops the reading of the section with
//!   only a log line, and a character libyaml refuses (a control character such as the ESC
//!   `%[` brings) stops uWSGI.
//!
//! Scalars are therefore written in one of three styles, chosen on the text uWSGI must
//! read:
//! - plain (`procname: app`) for a conservative set of plain text;
//! - double-quoted with escapes (`"a\tb"`), which carries every character exactly;
//! - literal block (`|-`) for text over several lines and for values holding magic
//!   variables: a block ends only at a line break, so whatever a variable holds (a path with
//!   `"`, `'`, `#` or `: `) is read as is. Double quotes would end at a `"` in a directory
//!   name, and uWSGI would silently drop the rest of the section.
//!
//! The limits of the block style are those of the magic pass: a variable holding a line
//! break ends the block, and a last line holding only variables that expand to nothing
//! (`%x` when no section is named) is an empty line, which libyaml drops from the end of a
//! block. A value that needs double quotes (it holds `%[`, or a character a block cannot
//! hold, such as CR or a control character) and a magic variable is read as is only if the
//! variable holds no `"` and no `\`.
//!
//! A run of directives with the same key is one block sequence. `Config` sections include
//! each other with `yaml = %p:name`: unlike `ini = :name`, uWSGI's YAML reader has no short
//! form for the file being read, and `%p` is that file's path.

use super::{render_config, render_section, Carries, Format, Sections};
use crate::error::Error;
use crate::options::{key, OptionSpec};
use crate::section::{Config, Section};
use crate::value::MagicVar;

/// A YAML document being written.
pub(crate) struct Yaml {
    out: String,
    /// A section was started and has no line yet.
    fresh: bool,
    /// The key of the directives last given, and their values, written once the key changes:
    /// one value is a `key: value` line, several a block sequence.
    run: Option<(&'static str, Vec<String>)>,
}

impl Format for Yaml {
    const NAME: &'static str = "YAML";
    const METHOD: &'static str = "to_yaml";
    // YAML carries everything the others do; this is named for completeness only.
    const OTHERWISE: &'static str = "INI";
    // Quoting and block scalars carry any text; uWSGI runs the magic pass on the file.
    const CARRIES: Carries = Carries::EVERYTHING;
    const SECTIONS: Sections = Sections::Named { include: key::YAML };
    const INCLUDE_PATH: Option<MagicVar> = Some(MagicVar::ConfigPath);
    type Output = String;

    fn with_capacity(directives: usize) -> Self {
        Yaml {
            out: String::with_capacity(64 + directives * 32),
            fresh: false,
            run: None,
        }
    }

    fn section_start(&mut self, name: &str) {
        // The driver writes a section's name as given: here `%` must survive the magic pass.
        let mut text = String::with_capacity(name.len());
        super::encode::escape::<Self>(name, &mut text);
        write_key(&text, &mut self.out);
        self.out.push(':');
        self.fresh = true;
    }

    fn section_end(&mut self) {
        self.flush();
        if self.fresh {
            // An empty mapping: `name:` alone would be an empty value.
            self.out.push_str(" {}\n");
            self.fresh = false;
        }
    }

    fn directive(&mut self, spec: &OptionSpec, text: &str) {
        match &mut self.run {
            Some((key, values)) if *key == spec.name() => values.push(text.to_owned()),
            _ => {
                self.flush();
                self.run = Some((spec.name(), vec![text.to_owned()]));
            }
        }
    }

    fn finish(mut self) -> String {
        self.section_end();
        self.out
    }
}

/// Columns: a section's keys, and the items of their sequences.
const KEY_INDENT: usize = 2;
const ITEM_INDENT: usize = 4;

impl Yaml {
    /// Writes the run of directives of one key.
    fn flush(&mut self) {
        let Some((key, values)) = self.run.take() else {
            return;
        };
        if self.fresh {
            self.out.push('\n');
            self.fresh = false;
        }
        push_indent(KEY_INDENT, &mut self.out);
        // Option names are plain (`[a-z0-9_-]`, checked by a test over the catalogue).
        self.out.push_str(key);
        self.out.push(':');
        if let [value] = values.as_slice() {
            write_scalar(value, KEY_INDENT, &mut self.out);
            return;
        }
        self.out.push('\n');
        for value in &values {
            push_indent(ITEM_INDENT, &mut self.out);
            self.out.push('-');
            write_scalar(value, ITEM_INDENT, &mut self.out);
        }
    }
}

fn push_indent(columns: usize, out: &mut String) {
    for _ in 0..columns {
        out.push(' ');
    }
}

/// A value as uWSGI reads it from the file once the magic pass has run: literal text, and
/// the magic variables whose values only uWSGI knows.
#[derive(Debug, PartialEq)]
enum Piece {
    Literal(char),
    Magic(char),
}

/// Splits `text` (escaped for the magic pass: `%%` for `%`, `%(` left as is for
/// placeholders, `%x` a magic variable) into what the magic pass makes of it.
fn pieces(text: &str) -> Vec<Piece> {
    let mut pieces = Vec::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '%' {
            pieces.push(Piece::Literal(c));
            continue;
        }
        match chars.next() {
            Some('%') | None => pieces.push(Piece::Literal('%')),
            // The magic pass keeps `%(`, for the placeholder pass.
            Some('(') => pieces.extend([Piece::Literal('%'), Piece::Literal('(')]),
            Some(code) => pieces.push(Piece::Magic(code)),
        }
    }
    pieces
}

/// The escape of the magic variable `%[`: uWSGI turns it into the ESC character, which
/// libyaml refuses anywhere raw, but reads from `\e` in a double-quoted scalar.
const ESC_VARIABLE: char = '[';

/// Whether libyaml reads `c` as itself inside a literal block scalar: a printable character
/// that is not a line break (libyaml also breaks lines at CR, NEL, LS and PS) nor a byte
/// order mark.
fn block_safe(c: char) -> bool {
    matches!(c, '\t' | '\n' | ' '..='~')
        || (c >= '\u{a0}'
            && !matches!(
                c,
                '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}'
            ))
}

/// Whether `text` (literal, one line) may be written as a plain scalar and read back as is,
/// by libyaml and by YAML tools generally: printable ASCII that starts like a word or a path,
/// without comment or quote characters, flow brackets, `: `, or a trailing blank.
pub(crate) fn plain_safe(text: &str) -> bool {
    let bytes = text.as_bytes();
    let starts_well = match bytes {
        [] => false,
        [b'-', next, ..] => next.is_ascii_alphanumeric(),
        [first, ..] => first.is_ascii_alphanumeric() || b"/._$(".contains(first),
    };
    starts_well
        && !text.ends_with(' ')
        && bytes.iter().enumerate().all(|(at, &b)| match b {
            b'#' | b'\'' | b'"' | b'\\' | b'[' | b']' | b'{' | b'}' | b'`' => false,
            // `: ` and a final `:` end a key.
            b':' => bytes.get(at + 1).is_some_and(|&next| next != b' '),
            b' '..=b'~' => true,
            _ => false,
        })
}

/// Writes the scalar of `text` after a key or a sequence's `-` at column `indent`: a space
/// and the scalar, or a block header and its lines; then the line break.
fn write_scalar(text: &str, indent: usize, out: &mut String) {
    let pieces = pieces(text);
    let magic = pieces.iter().any(|p| matches!(p, Piece::Magic(_)));
    let blockable = pieces.iter().all(|p| match p {
        Piece::Literal(c) => block_safe(*c),
        Piece::Magic(code) => *code != ESC_VARIABLE,
    });
    let multiline = pieces.contains(&Piece::Literal('\n'));
    out.push(' ');
    if blockable && (magic || multiline) {
        write_block(&pieces, indent, out);
    } else if !magic && plain_safe(text) {
        // Plain text has no `%` variable: the text as given is what the magic pass needs.
        out.push_str(text);
    } else {
        write_double_quoted(&pieces, out);
    }
    out.push('\n');
}

/// A key (a section name, escaped for the magic pass): plain or double-quoted, on one line.
fn write_key(text: &str, out: &mut String) {
    let pieces = pieces(text);
    if plain_safe(text) && !pieces.iter().any(|p| matches!(p, Piece::Magic(_))) {
        out.push_str(text);
    } else {
        write_double_quoted(&pieces, out);
    }
}

/// Writes a literal `%` for the magic pass: `%%`, or `%` before `(`, which the pass keeps
/// (`%(name)` reads as written).
fn push_percent(next: Option<&Piece>, out: &mut String) {
    out.push_str(match next {
        Some(Piece::Literal('(')) => "%",
        _ => "%%",
    });
}

fn write_double_quoted(pieces: &[Piece], out: &mut String) {
    out.push('"');
    for (at, piece) in pieces.iter().enumerate() {
        let c = match piece {
            Piece::Magic(ESC_VARIABLE) => {
                out.push_str("\\e");
                continue;
            }
            Piece::Magic(code) => {
                out.push('%');
                out.push(*code);
                continue;
            }
            Piece::Literal(c) => *c,
        };
        match c {
            '%' => push_percent(pieces.get(at + 1), out),
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\0' => out.push_str("\\0"),
            '\u{7}' => out.push_str("\\a"),
            '\u{8}' => out.push_str("\\b"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\u{b}' => out.push_str("\\v"),
            '\u{c}' => out.push_str("\\f"),
            '\r' => out.push_str("\\r"),
            '\u{1b}' => out.push_str("\\e"),
            '\u{85}' => out.push_str("\\N"),
            '\u{2028}' => out.push_str("\\L"),
            '\u{2029}' => out.push_str("\\P"),
            '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' => {
                out.push_str(&format!("\\x{:02X}", u32::from(c)));
            }
            '\u{feff}' | '\u{fffe}' | '\u{ffff}' => {
                out.push_str(&format!("\\u{:04X}", u32::from(c)));
            }
            _ => out.push(c),
        }
    }
    out.push('"');
}

/// A literal block scalar for the key or item at column `indent`: its content two columns
/// further in.
///
/// The header says how many line breaks end the value (`-` none, nothing one, `+` all), and
/// gives the indentation (`2`) when the first line with content starts with a blank or a
/// variable: libyaml would otherwise take its blanks for indentation. Empty lines are
/// written empty, so that they never set the indentation.
fn write_block(pieces: &[Piece], indent: usize, out: &mut String) {
    let is_break = |piece: &Piece| *piece == Piece::Literal('\n');
    let breaks = pieces.iter().rev().take_while(|p| is_break(p)).count();
    let body = &pieces[..pieces.len() - breaks];
    // The chomping indicator, and the empty lines that carry the breaks past the first.
    let (chomping, empty_lines) = match (body.is_empty(), breaks) {
        // Only line breaks: all of them are trailing ones.
        (true, _) => ("+", breaks),
        (false, 0) => ("-", 0),
        (false, 1) => ("", 0),
        (false, _) => ("+", breaks - 1),
    };
    let first = body
        .split(is_break)
        .find(|line| !line.is_empty())
        .and_then(<[Piece]>::first);
    out.push('|');
    if matches!(first, Some(Piece::Literal(' ' | '\t') | Piece::Magic(_))) {
        out.push('2');
    }
    out.push_str(chomping);
    if !body.is_empty() {
        for line in body.split(is_break) {
            out.push('\n');
            if line.is_empty() {
                continue;
            }
            push_indent(indent + 2, out);
            for (at, piece) in line.iter().enumerate() {
                match piece {
                    Piece::Literal('%') => push_percent(line.get(at + 1), out),
                    Piece::Literal(c) => out.push(*c),
                    Piece::Magic(code) => {
                        out.push('%');
                        out.push(*code);
                    }
                }
            }
        }
    }
    for _ in 0..empty_lines {
        out.push('\n');
    }
}

/// The format's entry in [`super::FILE_FORMATS`].
pub(crate) const FILE: super::FileFormat = super::FileFormat {
    name: "yaml",
    render: |section| section.to_yaml().map(super::Rendered::Text),
};

impl Section {
    /// Renders the section as a YAML document, or lists everything wrong with it: one
    /// mapping named after the section, read with `uwsgi --yaml file:name` (`--yaml file`
    /// for the section `uwsgi`).
    ///
    /// YAML carries every value as given: line breaks, blanks at either end, `%` (written
    /// `%%`, as uWSGI's magic pass reads the file) and magic variables. Simple values are
    /// written plain, others double-quoted with escapes, text over several lines and values
    /// holding magic variables as literal blocks; a run of directives with the same key is a
    /// sequence, so the directives keep their order.
    ///
    /// ```
    /// use uwsgiconf_core::{MagicVar, Section, Value};
    ///
    /// let mut section = Section::new();
    /// section
    ///     .set_option("processes", 4)
    ///     .set_option("procname", "app: 100%")
    ///     .add_option("env", "A=1")
    ///     .add_option("env", "B=two\nlines")
    ///     .set_option("chdir", Value::from(MagicVar::ConfigDir) + "app");
    /// assert_eq!(
    ///     section.to_yaml().unwrap(),
    ///     "uwsgi:\n  processes: 4\n  procname: \"app: 100%%\"\n  env:\n    - A=1\n    - |-\n      B=two\n      lines\n  chdir: |2-\n    %dapp\n"
    /// );
    /// ```
    pub fn to_yaml(&self) -> Result<String, Error> {
        render_section::<Yaml>(self)
    }
}

impl Config {
    /// Renders every section into one YAML document, one top-level mapping per section, or
    /// lists everything wrong with them. uWSGI reads one section (`uwsgi --yaml file:name`);
    /// with [`Config::autoinclude`] the first includes the others (`yaml` with the value
    /// `%p:name`, where uWSGI's magic variable `%p` is the path of the file being read, so
    /// the document must be read from a file, not from standard input).
    ///
    /// ```
    /// use uwsgiconf_core::{Config, Section};
    ///
    /// let mut first = Section::new();
    /// first.set_option("master", true);
    /// let mut second = Section::named("second");
    /// second.set_option("chdir", "/srv/app");
    /// let mut config = Config::new();
    /// config.add_section(first).add_section(second).autoinclude(true);
    /// assert_eq!(
    ///     config.to_yaml().unwrap(),
    ///     "uwsgi:\n  master: true\n  yaml: |2-\n    %p:second\nsecond:\n  chdir: /srv/app\n"
    /// );
    /// ```
    pub fn to_yaml(&self) -> Result<String, Error> {
        render_config::<Yaml>(self)
    }
}

#[cfg(test)]
mod tests {
    use super::{pieces, plain_safe, Piece};
    use crate::placeholder::placeholder_name;
    use crate::{options, Config, MagicVar, ProblemKind, Section, Value};

    fn yaml(values: &[&str]) -> String {
        let mut section = Section::new();
        for value in values {
            section.add_option("env", *value);
        }
        section.to_yaml().unwrap()
    }

    /// The lines under `env:` for `value` alone.
    fn one(value: impl Into<Value>) -> String {
        let value: Value = value.into();
        let mut section = Section::new();
        section.set_option("procname", value);
        let yaml = section.to_yaml().unwrap();
        yaml.strip_prefix("uwsgi:\n  procname:")
            .unwrap_or_else(|| panic!("{yaml}"))
            .to_string()
    }

    #[test]
    fn simple_text_is_plain_and_the_rest_double_quoted() {
        assert_eq!(one("/srv/app"), " /srv/app\n");
        assert_eq!(one("127.0.0.1:8000"), " 127.0.0.1:8000\n");
        assert_eq!(one("-5"), " -5\n");
        // Read verbatim by uWSGI: a flag is `no`, not a YAML boolean.
        assert_eq!(one("no"), " no\n");
        assert_eq!(one("100%"), " 100%%\n");
        assert_eq!(one(""), " \"\"\n");
        assert_eq!(one("~"), " \"~\"\n");
        assert_eq!(one(":8000"), " \":8000\"\n");
        assert_eq!(one("a: b"), " \"a: b\"\n");
        assert_eq!(one("ends:"), " \"ends:\"\n");
        assert_eq!(one("a #b"), " \"a #b\"\n");
        assert_eq!(one("- x"), " \"- x\"\n");
        assert_eq!(one(" lead"), " \" lead\"\n");
        assert_eq!(one("trail "), " \"trail \"\n");
        assert_eq!(one("héllo"), " \"héllo\"\n");
        assert_eq!(
            one("q\"b\\t\ta\u{7}\u{1b}\u{7f}\u{85}\u{2028}\u{2029}\u{feff}\r"),
            " \"q\\\"b\\\\t\\ta\\a\\e\\x7F\\N\\L\\P\\uFEFF\\r\"\n"
        );
        assert_eq!(one("%(x"), " \"%(x\"\n");
    }

    #[test]
    fn line_breaks_make_literal_blocks() {
        assert_eq!(one("a\nb"), " |-\n    a\n    b\n");
        assert_eq!(one("a\n"), " |\n    a\n");
        assert_eq!(one("a\n\n"), " |+\n    a\n\n");
        assert_eq!(one("\n"), " |+\n\n");
        assert_eq!(one("\n\nx"), " |-\n\n\n    x\n");
        // Blanks in front of the first line need the indentation in the header.
        assert_eq!(one(" a\n b "), " |2-\n     a\n     b \n");
        assert_eq!(one("\n\ta\n"), " |2\n\n    \ta\n");
        assert_eq!(one("a\n  \nb"), " |-\n    a\n      \n    b\n");
        // `#`, quotes, `: ` are text in a block; `%` is doubled for the magic pass.
        assert_eq!(
            one("# 50%\n'a': \"b\""),
            " |-\n    # 50%%\n    'a': \"b\"\n"
        );
        // Characters a block cannot hold: double quotes.
        assert_eq!(one("a\r\nb"), " \"a\\r\\nb\"\n");
        assert_eq!(one("a\n\u{7}"), " \"a\\n\\a\"\n");
    }

    #[test]
    fn magic_variables_go_in_literal_blocks() {
        // Whatever the directory's name holds, a block ends only at a line break.
        assert_eq!(
            one(Value::from(MagicVar::ConfigDir) + "app"),
            " |2-\n    %dapp\n"
        );
        assert_eq!(
            one(Value::from("at ") + MagicVar::HostName + " 100%"),
            " |-\n    at %h 100%%\n"
        );
        // `%[` is the ESC character, which libyaml reads only as an escape.
        assert_eq!(
            one(Value::from(MagicVar::Escape) + "[1m" + MagicVar::HostName),
            " \"\\e[1m%h\"\n"
        );
    }

    #[test]
    fn the_pieces_are_what_the_magic_pass_makes_of_the_text() {
        use Piece::{Literal as L, Magic as M};
        assert_eq!(pieces("a%%b"), [L('a'), L('%'), L('b')]);
        assert_eq!(pieces("%(x)"), [L('%'), L('('), L('x'), L(')')]);
        assert_eq!(pieces("%d%["), [M('d'), M('[')]);
    }

    #[test]
    fn runs_of_one_key_are_sequences_in_order() {
        let name = placeholder_name("D=$(HOME)");
        let mut section = Section::new();
        section
            .add_option("env", "A=1")
            .add_option("env", "B=two\nlines")
            .add_option("if-env", "PATH")
            .add_option("env", "C=3")
            .add_option("endif", "")
            .add_option("env", "D=$(HOME)");
        assert_eq!(
            section.to_yaml().unwrap(),
            format!(
                "uwsgi:\n  env:\n    - A=1\n    - |-\n      B=two\n      lines\n  if-env: PATH\n  \
                 env: C=3\n  endif: \"\"\n  set-placeholder: {name}=D=$(HOME)\n  env: \"%({name})\"\n"
            )
        );
        assert_eq!(
            yaml(&[" a", "b"]),
            "uwsgi:\n  env:\n    - \" a\"\n    - b\n"
        );
        assert_eq!(yaml(&[" a\nb"]), "uwsgi:\n  env: |2-\n     a\n    b\n");
        assert_eq!(
            yaml(&["x", " a\nb"]),
            "uwsgi:\n  env:\n    - x\n    - |2-\n       a\n      b\n"
        );
    }

    #[test]
    fn sections_are_top_level_mappings_including_each_other_by_path() {
        let mut first = Section::new();
        first.set_option("vacuum", true);
        let mut config = Config::new();
        config
            .add_section(first)
            .add_section(Section::named("empty"))
            .add_section(Section::named("-"))
            .autoinclude(true);
        assert_eq!(
            config.to_yaml().unwrap(),
            "uwsgi:\n  vacuum: true\n  yaml:\n    - |2-\n      %p:empty\n    - |2-\n      %p:-\n\
             empty: {}\n\"-\": {}\n"
        );
        assert_eq!(Section::new().to_yaml().unwrap(), "uwsgi: {}\n");
        // The rules of the other formats hold: a second section of one name is refused.
        let mut config = Config::new();
        config
            .add_section(Section::new())
            .add_section(Section::new());
        let problems = config.to_yaml().unwrap_err().into_problems();
        assert_eq!(problems[0].kind(), ProblemKind::Conflict);
    }

    #[test]
    fn every_option_name_is_a_plain_key() {
        for spec in options::all() {
            assert!(plain_safe(spec.name()), "{}", spec.name());
        }
    }

    #[test]
    fn what_no_format_carries_is_still_refused() {
        let mut section = Section::new();
        section
            .set_option("procname", "nul\0")
            .set_option("chdir", "%(x)");
        let problems = section.to_yaml().unwrap_err().into_problems();
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems
            .iter()
            .all(|p| p.kind() == ProblemKind::Unrepresentable));
    }
}
