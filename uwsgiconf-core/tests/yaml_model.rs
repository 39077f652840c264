//! Property test: arbitrary text, rendered to YAML, then read back by a model of how uWSGI
//! 2.0.21 reads YAML through libyaml, gives the directives the command line gives (which
//! reach uWSGI as given, see `expansion_model.rs`); or the renderer refused it for a reason
//! every format has. Values with magic variables read back with whatever the variables hold
//! (a directory with `"`, `#` or `: ` in its name, a host name with a leading blank...).
//!
//! The model follows the code that reads the file:
//! - uWSGI's magic pass (`magic_sub`) on the raw text: `%%` is `%`, `%(` stays, `%x` is
//!   the variable's value;
//! - libyaml's reader (the characters it refuses) and scanner, for the block style the
//!   renderer writes: indentation tokens (`BLOCK-MAPPING-START`, `BLOCK-SEQUENCE-START`,
//!   `BLOCK-END`), keys, `- ` entries, `{}`, plain scalars (where they end, comments, `: `),
//!   double-quoted scalars with every escape, and literal block scalars (indentation
//!   indicator or detection, chomping); anything else is an error of the model, so a
//!   renderer that wrote it fails;
//! - uWSGI 2.0.21's token loop (`uwsgi_yaml_config`, libyaml branch), transcribed: a
//!   section is the block mapping after its key; a scalar after a key, or in a sequence
//!   under a key, is one directive; `yaml = path:name` reads section `name` of `path` at
//!   once (an immediate option).

use std::collections::BTreeMap;

use proptest::prelude::*;
use uwsgiconf_core::{Config, MagicVar, ProblemKind, Section, Value};

/// What the magic variables hold in the model: every character a YAML scalar could trip on.
fn magic_table() -> BTreeMap<char, &'static str> {
    BTreeMap::from([
        ('d', "/srv/we\"ird 'dir' #1: x\\y/"),
        ('p', "/srv/we\"ird 'dir' #1: x\\y/config.yaml"),
        ('n', " lead"),
        ('x', "  "),
        // Not drawn by the properties: see `the_model_reads_what_uwsgi_read`.
        ('e', ""),
        ('h', "host: #1 "),
        ('V', "2.0.21"),
        ('[', "\u{1b}"),
    ])
}

fn magic_pass(text: &str) -> String {
    let table = magic_table();
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('%') => out.push('%'),
            Some('(') => out.push_str("%("),
            Some(code) => out.push_str(
                table
                    .get(&code)
                    .unwrap_or_else(|| panic!("a magic variable the model lacks: %{code}")),
            ),
            // uWSGI would join the next line: never right.
            None => panic!("the renderer wrote a trailing %"),
        }
    }
    out
}

// ---- libyaml ----

#[derive(Debug, Clone, PartialEq)]
enum Token {
    BlockMappingStart,
    BlockSequenceStart,
    BlockEnd,
    BlockEntry,
    FlowMappingStart,
    FlowMappingEnd,
    Key,
    Value,
    Scalar(String),
}

/// libyaml's reader: the characters a YAML stream may hold.
fn check_characters(text: &str) -> Result<(), String> {
    for c in text.chars() {
        let allowed = matches!(c, '\t' | '\n' | '\r' | ' '..='~' | '\u{85}')
            || ('\u{a0}'..='\u{d7ff}').contains(&c)
            || ('\u{e000}'..='\u{fffd}').contains(&c)
            || c >= '\u{10000}';
        if !allowed {
            return Err(format!("control characters are not allowed ({c:?})"));
        }
    }
    Ok(())
}

fn is_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

struct Scanner {
    chars: Vec<char>,
    at: usize,
    column: usize,
    /// The indentation stack (libyaml's `indents` and `indent`, which starts at -1), with
    /// whether each level is a sequence.
    indents: Vec<(isize, bool)>,
    tokens: Vec<Token>,
}

impl Scanner {
    fn new(text: &str) -> Self {
        Scanner {
            chars: text.chars().collect(),
            at: 0,
            column: 0,
            indents: vec![(-1, false)],
            tokens: Vec::new(),
        }
    }

    fn peek(&self, ahead: usize) -> Option<char> {
        self.chars.get(self.at + ahead).copied()
    }

    fn indent(&self) -> isize {
        self.indents.last().unwrap().0
    }

    fn in_sequence(&self) -> bool {
        self.indents.last().unwrap().1
    }

    fn skip(&mut self) -> Option<char> {
        let c = self.peek(0)?;
        self.at += 1;
        if c == '\n' {
            self.column = 0;
        } else {
            self.column += 1;
        }
        Some(c)
    }

    /// Reads one line break (libyaml reads CR LF, CR, LF and NEL as `\n`; LS and PS as
    /// themselves).
    fn read_break(&mut self) -> Result<String, String> {
        match self.peek(0) {
            Some('\r') | Some('\u{85}') => Err("the model reads only LF line breaks".into()),
            Some('\n') => {
                self.skip();
                Ok("\n".into())
            }
            Some(c @ ('\u{2028}' | '\u{2029}')) => {
                self.skip();
                self.column = 0;
                Ok(c.to_string())
            }
            _ => Err("expected a line break".into()),
        }
    }

    fn at_blank_or_end(&self, ahead: usize) -> bool {
        self.peek(ahead)
            .map_or(true, |c| c == ' ' || c == '\t' || is_break(c))
    }

    /// Blanks, comments and line breaks up to the next token.
    fn skip_to_next_token(&mut self) -> Result<(), String> {
        loop {
            while self.peek(0) == Some(' ') {
                self.skip();
            }
            if self.peek(0) == Some('\t') {
                return Err("the model refuses tabs between tokens".into());
            }
            if self.peek(0) == Some('#') {
                while self.peek(0).is_some_and(|c| !is_break(c)) {
                    self.skip();
                }
            }
            if self.peek(0).is_some_and(is_break) {
                self.read_break()?;
                continue;
            }
            return Ok(());
        }
    }

    fn unroll(&mut self, column: isize) {
        while self.indent() > column {
            self.indents.pop();
            self.tokens.push(Token::BlockEnd);
        }
    }

    fn roll(&mut self, column: isize, token: Token) {
        if self.indent() < column {
            self.indents
                .push((column, token == Token::BlockSequenceStart));
            self.tokens.push(token);
        }
    }

    fn scan(mut self) -> Result<Vec<Token>, String> {
        loop {
            self.skip_to_next_token()?;
            let column = self.column as isize;
            self.unroll(column);
            let Some(c) = self.peek(0) else {
                self.unroll(-1);
                return Ok(self.tokens);
            };
            if self.column == 0 && matches!(c, '%' | '-' | '.') && self.document_marker() {
                return Err("document markers and directives are not in the model".into());
            }
            if c == '-' && self.at_blank_or_end(1) {
                if column == self.indent() && !self.in_sequence() {
                    return Err("indentless sequences are not in the model".into());
                }
                self.roll(column, Token::BlockSequenceStart);
                self.skip();
                self.tokens.push(Token::BlockEntry);
                self.skip_blanks();
                self.node()?;
                continue;
            }
            // A key: a simple key, on one line.
            if self.in_sequence() && column == self.indent() {
                return Err("did not find expected '-' indicator".into());
            }
            let start = self.at;
            self.roll(column, Token::BlockMappingStart);
            self.tokens.push(Token::Key);
            let key = self.key_scalar()?;
            if self.at - start > 1024 {
                return Err(
                    "could not find expected ':' (a simple key of over 1024 characters)".into(),
                );
            }
            self.tokens.push(Token::Scalar(key));
            if self.peek(0) != Some(':') || !self.at_blank_or_end(1) {
                return Err("could not find expected ':'".into());
            }
            self.skip();
            self.tokens.push(Token::Value);
            self.skip_blanks();
            self.node()?;
        }
    }

    fn document_marker(&self) -> bool {
        let three = |c: char| (0..3).all(|i| self.peek(i) == Some(c)) && self.at_blank_or_end(3);
        self.peek(0) == Some('%') || three('-') || three('.')
    }

    fn skip_blanks(&mut self) {
        while self.peek(0) == Some(' ') {
            self.skip();
        }
    }

    /// A value after `key:` or `- ` on the same line, if any.
    fn node(&mut self) -> Result<(), String> {
        match self.peek(0) {
            None => Ok(()),
            Some(c) if is_break(c) || c == '#' => Ok(()),
            Some('{') => {
                self.skip();
                if self.peek(0) != Some('}') {
                    return Err("only `{}` of flow collections is in the model".into());
                }
                self.skip();
                self.tokens.push(Token::FlowMappingStart);
                self.tokens.push(Token::FlowMappingEnd);
                self.end_of_line()
            }
            Some('"') => {
                let value = self.double_quoted()?;
                self.tokens.push(Token::Scalar(value));
                self.end_of_line()
            }
            Some('|') => {
                let value = self.literal_block()?;
                self.tokens.push(Token::Scalar(value));
                Ok(())
            }
            Some(_) => {
                let value = self.plain()?;
                self.tokens.push(Token::Scalar(value));
                self.end_of_line()
            }
        }
    }

    /// After a flow or plain scalar: blanks, maybe a comment, a line break.
    fn end_of_line(&mut self) -> Result<(), String> {
        self.skip_blanks();
        match self.peek(0) {
            None | Some('#') => Ok(()),
            Some(c) if is_break(c) => Ok(()),
            Some(':') if self.at_blank_or_end(1) => {
                Err("mapping values are not allowed in this context".into())
            }
            Some(c) => Err(format!("unexpected {c:?} after a scalar")),
        }
    }

    fn key_scalar(&mut self) -> Result<String, String> {
        match self.peek(0) {
            Some('"') => self.double_quoted(),
            Some(_) => self.plain(),
            None => Err("a key was expected".into()),
        }
    }

    /// A plain scalar in block context, on one line: libyaml would go on reading the next
    /// line when it is indented further, which the model refuses.
    fn plain(&mut self) -> Result<String, String> {
        let first = self.peek(0).unwrap();
        let indicator = "-?:,[]{}#&*!|>'\"%@`".contains(first);
        let plain_start =
            !indicator || (matches!(first, '-' | '?' | ':') && !self.at_blank_or_end(1));
        if !plain_start {
            return Err(format!(
                "found character that cannot start any token: {first:?}"
            ));
        }
        let mut value = String::new();
        let mut blanks = String::new();
        while let Some(c) = self.peek(0) {
            if is_break(c) {
                break;
            }
            if c == ':' && self.at_blank_or_end(1) {
                break;
            }
            if c == '#' && !blanks.is_empty() {
                break;
            }
            if c == ' ' || c == '\t' {
                blanks.push(c);
            } else {
                value.push_str(&blanks);
                blanks.clear();
                value.push(c);
            }
            self.skip();
        }
        // A continuation line: indented further than the collection the scalar is in.
        let mut ahead = self.at;
        if self.chars.get(ahead).is_some_and(|c| is_break(*c)) {
            ahead += 1;
            let line_start = ahead;
            while self.chars.get(ahead) == Some(&' ') {
                ahead += 1;
            }
            let column = (ahead - line_start) as isize;
            let content = self
                .chars
                .get(ahead)
                .is_some_and(|c| !is_break(*c) && *c != '#');
            if content && column > self.indent() {
                return Err("a plain scalar would go on over the next line".into());
            }
        }
        Ok(value)
    }

    fn double_quoted(&mut self) -> Result<String, String> {
        self.skip();
        let mut value = String::new();
        loop {
            let Some(c) = self.skip() else {
                return Err("found unexpected end of stream in a quoted scalar".into());
            };
            match c {
                '"' => return Ok(value),
                c if is_break(c) => {
                    return Err("the model does not fold line breaks in quoted scalars".into())
                }
                '\\' => {
                    let escape = self.skip().ok_or("an escape at the end")?;
                    let hex = |scanner: &mut Scanner, digits: usize| -> Result<char, String> {
                        let text: String = (0..digits).filter_map(|_| scanner.skip()).collect();
                        let code = u32::from_str_radix(&text, 16)
                            .map_err(|_| format!("bad escape digits {text:?}"))?;
                        char::from_u32(code)
                            .ok_or_else(|| "found invalid Unicode character escape code".into())
                    };
                    value.push(match escape {
                        '0' => '\0',
                        'a' => '\u{7}',
                        'b' => '\u{8}',
                        't' | '\t' => '\t',
                        'n' => '\n',
                        'v' => '\u{b}',
                        'f' => '\u{c}',
                        'r' => '\r',
                        'e' => '\u{1b}',
                        ' ' => ' ',
                        '"' => '"',
                        '/' => '/',
                        '\\' => '\\',
                        'N' => '\u{85}',
                        '_' => '\u{a0}',
                        'L' => '\u{2028}',
                        'P' => '\u{2029}',
                        'x' => hex(self, 2)?,
                        'u' => hex(self, 4)?,
                        'U' => hex(self, 8)?,
                        other => return Err(format!("found unknown escape character {other:?}")),
                    });
                }
                c => value.push(c),
            }
        }
    }

    /// libyaml's `yaml_parser_scan_block_scalar`, literal style.
    fn literal_block(&mut self) -> Result<String, String> {
        self.skip();
        let (mut chomping, mut increment) = (0i8, 0usize);
        for _ in 0..2 {
            match self.peek(0) {
                Some('+') if chomping == 0 => chomping = 1,
                Some('-') if chomping == 0 => chomping = -1,
                Some(d @ '1'..='9') if increment == 0 => increment = d as usize - '0' as usize,
                Some('0') => return Err("found an indentation indicator equal to 0".into()),
                _ => break,
            }
            self.skip();
        }
        self.skip_blanks();
        if self.peek(0) == Some('#') {
            while self.peek(0).is_some_and(|c| !is_break(c)) {
                self.skip();
            }
        }
        match self.peek(0) {
            None => {}
            Some(c) if is_break(c) => {
                self.read_break()?;
            }
            Some(_) => return Err("did not find expected comment or line break".into()),
        }
        let parent = self.indent();
        let mut indent = if increment > 0 {
            (parent.max(0) + increment as isize) as usize
        } else {
            0
        };
        let (mut value, mut leading_break, mut trailing_breaks) =
            (String::new(), String::new(), String::new());
        self.block_breaks(&mut indent, &mut trailing_breaks, parent)?;
        while self.column == indent && self.peek(0).is_some() {
            value.push_str(&leading_break);
            leading_break.clear();
            value.push_str(&trailing_breaks);
            trailing_breaks.clear();
            while let Some(c) = self.peek(0) {
                if is_break(c) {
                    break;
                }
                value.push(c);
                self.skip();
            }
            if self.peek(0).is_none() {
                break;
            }
            leading_break = self.read_break()?;
            self.block_breaks(&mut indent, &mut trailing_breaks, parent)?;
        }
        if chomping != -1 {
            value.push_str(&leading_break);
        }
        if chomping == 1 {
            value.push_str(&trailing_breaks);
        }
        Ok(value)
    }

    /// `yaml_parser_scan_block_scalar_breaks`: indentation and empty lines; detects the
    /// indentation when no indicator gave it.
    fn block_breaks(
        &mut self,
        indent: &mut usize,
        breaks: &mut String,
        parent: isize,
    ) -> Result<(), String> {
        let mut max_indent = 0;
        loop {
            while (*indent == 0 || self.column < *indent) && self.peek(0) == Some(' ') {
                self.skip();
            }
            max_indent = max_indent.max(self.column);
            if (*indent == 0 || self.column < *indent) && self.peek(0) == Some('\t') {
                return Err("found a tab character where an indentation space is expected".into());
            }
            if !self.peek(0).is_some_and(is_break) {
                break;
            }
            breaks.push_str(&self.read_break()?);
        }
        if *indent == 0 {
            *indent = max_indent.max((parent + 1) as usize).max(1);
        }
        Ok(())
    }
}

// ---- uWSGI ----

/// `uwsgi_yaml_config` of 2.0.21 (libyaml branch) over the tokens, reading `section`;
/// includes (`yaml = %p:name`, the file being read) are read at once.
fn read_yaml(text: &str, section: &str) -> Result<Vec<(String, String)>, String> {
    let raw = magic_pass(text);
    check_characters(&raw)?;
    let tokens = Scanner::new(&raw).scan()?;
    let mut options = Vec::new();
    let (mut status, mut in_section) = (0, 0);
    let mut key: Option<String> = None;
    for token in tokens {
        match token {
            Token::Key => status = 1,
            Token::Value => status = 2,
            Token::BlockSequenceStart => {
                if in_section > 0 {
                    in_section += 1;
                }
                status = 3;
            }
            Token::BlockEntry => status = 3,
            Token::BlockMappingStart => {
                if in_section > 0 {
                    in_section += 1;
                } else if key.as_deref() == Some(section) {
                    in_section = 1;
                }
            }
            Token::BlockEnd => {
                if in_section > 0 {
                    in_section -= 1;
                    if in_section == 0 {
                        break;
                    }
                }
                key = None;
                status = 0;
            }
            Token::Scalar(value) => match status {
                1 => key = Some(value),
                2 | 3 => {
                    if let (Some(name), true) = (&key, in_section > 0) {
                        if name == "yaml" {
                            // Immediate: the section is read right here.
                            let table = magic_table();
                            let own = table[&'p'];
                            let asked = value
                                .strip_prefix(own)
                                .and_then(|rest| rest.strip_prefix(':'))
                                .ok_or_else(|| format!("an include of another file: {value:?}"))?;
                            options.push((name.clone(), value.clone()));
                            options.extend(read_yaml(text, asked)?);
                        } else {
                            options.push((name.clone(), value));
                        }
                    }
                    if status == 2 {
                        key = None;
                        status = 0;
                    }
                }
                _ => return Err("unsupported YAML token (uWSGI stops reading)".into()),
            },
            Token::FlowMappingStart | Token::FlowMappingEnd => status = 0,
        }
    }
    Ok(options)
}

/// The directives of a command line: `--key value`, `--key=value`.
fn read_args(args: &[String]) -> Vec<(String, String)> {
    let mut options = Vec::new();
    let mut words = args.iter();
    while let Some(word) = words.next() {
        let flag = word.strip_prefix("--").expect("an option");
        match flag.split_once('=') {
            Some((key, value)) => options.push((key.to_string(), value.to_string())),
            None => options.push((flag.to_string(), words.next().expect("a value").clone())),
        }
    }
    options
}

// ---- the properties ----

/// Pieces of [`tricky_text`].
const TRICKY: &[&str] = &[
    "%", "$(", "@(", "%(", "(", ")", " ", "  ", "\t", "\n", "\r", ": ", ":", " #", "#", "- ", "-",
    "? ", "|", ">", "'", "\"", "\\", "{", "}", "[", ",", "&", "*", "!", "@", "`", "~", "yes",
    "---", "é", "🦀", "\u{7}", "\u{1b}", "\u{7f}", "\u{85}", "\u{a0}", "\u{2028}", "\u{feff}",
    "\u{fffe}", "\0",
];

/// Text rich in what YAML, libyaml and uWSGI treat specially.
fn tricky_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => prop::sample::select(TRICKY).prop_map(String::from),
        1 => "[a-z0-9]{1,3}",
    ];
    proptest::collection::vec(piece, 0..10).prop_map(|pieces| pieces.concat())
}

/// `%(` then `)` (uWSGI expands it even from a placeholder) and NUL: every format refuses
/// them.
fn refusal_is_justified(text: &str, kinds: &[ProblemKind]) -> bool {
    let percent_paren = text.find("%(").is_some_and(|at| text[at..].contains(')'));
    (percent_paren || text.contains('\0'))
        && kinds.iter().all(|k| *k == ProblemKind::Unrepresentable)
}

/// Pieces of [`quiet_text`].
const QUIET: &[&str] = &[" ", "\t", "\n", ": ", " #", "- ", "'", "\"", "\\", "|", "é"];

/// Literal text for magic-variable values: no sigil, so no junction rule applies.
fn quiet_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        3 => prop::sample::select(QUIET).prop_map(String::from),
        2 => "[a-z0-9/.]{1,3}",
    ];
    proptest::collection::vec(piece.prop_map(String::from), 0..4).prop_map(|pieces| pieces.concat())
}

fn magic_var() -> impl Strategy<Value = MagicVar> {
    prop_oneof![
        Just(MagicVar::ConfigDir),
        Just(MagicVar::ConfigPath),
        Just(MagicVar::ConfigName),
        Just(MagicVar::Section),
        Just(MagicVar::HostName),
        Just(MagicVar::Version),
    ]
}

/// Text and magic variables, with what uWSGI must read once the file is read.
fn magic_value() -> impl Strategy<Value = (Value, String)> {
    let part = prop_oneof![
        quiet_text().prop_map(|text| (Value::from(text.as_str()), text)),
        magic_var().prop_map(|var| {
            let shown = magic_table()[&var.code()].to_string();
            (Value::from(var), shown)
        }),
    ];
    proptest::collection::vec(part, 1..5).prop_map(|parts| {
        parts
            .into_iter()
            .fold((Value::from(""), String::new()), |(value, text), (v, t)| {
                (value + v, text + &t)
            })
    })
}

fn section_with(texts: &[String]) -> Section {
    let mut section = Section::new();
    section.set_option("procname", texts[0].as_str());
    for text in &texts[1..] {
        section.add_option("env", text.as_str());
    }
    // Config logic: an empty value must reach uWSGI (`endif:` alone would be dropped).
    section
        .add_option("if-env", "PATH")
        .add_option("procname-append", texts[texts.len() - 1].as_str())
        .add_option("endif", "");
    section
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn yaml_reads_back_what_the_command_line_gives(
        texts in proptest::collection::vec(tricky_text(), 1..4)
    ) {
        let section = section_with(&texts);
        match section.to_yaml() {
            Ok(yaml) => {
                let args = section.to_args().expect("YAML carries no more than arguments");
                let read = read_yaml(&yaml, "uwsgi").map_err(|e| TestCaseError::fail(format!("{e}\n{yaml}")))?;
                prop_assert_eq!(read, read_args(&args), "{}", yaml);
            }
            Err(error) => {
                let kinds: Vec<_> = error.problems().iter().map(|p| p.kind()).collect();
                let justified = texts.iter().any(|t| refusal_is_justified(t, &kinds));
                prop_assert!(justified, "refused {:?}: {}", texts, error);
                prop_assert!(section.to_args().is_err());
            }
        }
    }

    #[test]
    fn magic_variables_hold_anything_but_a_line_break(
        (value, expected) in magic_value(),
        list in proptest::collection::vec(magic_value(), 0..3),
    ) {
        let mut section = Section::new();
        section.set_option("procname", value);
        for (entry, _) in &list {
            section.add_option("env", entry.clone());
        }
        let yaml = match section.to_yaml() {
            Ok(yaml) => yaml,
            Err(error) => {
                // Two variables side by side may form `$(`, `@(` or `%(` (every format).
                for problem in error.problems() {
                    prop_assert_eq!(problem.kind(), ProblemKind::MisplacedVariable, "{}", problem);
                }
                return Ok(());
            }
        };
        let read = read_yaml(&yaml, "uwsgi").map_err(|e| TestCaseError::fail(format!("{e}\n{yaml}")))?;
        let mut want = vec![("procname".to_string(), expected)];
        want.extend(list.into_iter().map(|(_, text)| ("env".to_string(), text)));
        prop_assert_eq!(read, want, "{}", yaml);
    }

    #[test]
    fn sections_read_alone_and_through_autoinclude(
        texts in proptest::collection::vec(tricky_text(), 3),
        autoinclude in any::<bool>(),
    ) {
        let names = ["uwsgi", "second", "-.3"];
        let mut config = Config::new();
        let mut sections = Vec::new();
        for (name, text) in names.iter().zip(&texts) {
            let mut section = Section::named(*name);
            section.add_option("env", text.as_str()).add_option("env", "X=1");
            sections.push(section.clone());
            config.add_section(section);
        }
        config.autoinclude(autoinclude);
        let Ok(yaml) = config.to_yaml() else {
            prop_assert!(texts.iter().any(|t| t.contains('\0') || t.find("%(").is_some_and(|at| t[at..].contains(')'))));
            return Ok(());
        };
        for (index, (name, section)) in names.iter().zip(&sections).enumerate() {
            let read = read_yaml(&yaml, name).map_err(|e| TestCaseError::fail(format!("{e}\n{yaml}")))?;
            let mut want = read_args(&section.to_args().unwrap());
            if autoinclude && index == 0 {
                // Each include is read where it stands.
                for (other, included) in names[1..].iter().zip(&sections[1..]) {
                    let path = format!("{}:{other}", magic_table()[&'p']);
                    want.push(("yaml".into(), path));
                    want.extend(read_args(&included.to_args().unwrap()));
                }
            }
            prop_assert_eq!(read, want, "{}", yaml);
        }
    }
}

#[test]
fn the_model_reads_what_uwsgi_read() {
    // Measured on uWSGI 2.0.21 (see tests/uwsgi_yaml.rs and the semantics reference).
    let yaml = "uwsgi:\n  env: plain # comment\n  env:\n    - \"a\\tb\"\n    - |2-\n        lead\n      x\n  endif:\n  pidfile: \"\"\n  procname: |+\n    end\n\n";
    assert_eq!(
        read_yaml(yaml, "uwsgi").unwrap(),
        [
            ("env", "plain"),
            ("env", "a\tb"),
            ("env", "  lead\nx"),
            ("pidfile", ""),
            ("procname", "end\n\n"),
        ]
        .map(|(k, v)| (k.to_string(), v.to_string()))
    );
    // A tag stops the reading; `: ` in a plain scalar and a raw ESC are errors.
    assert!(read_yaml("uwsgi:\n  env: \"%[\"\n", "uwsgi").is_err());
    assert!(read_yaml("uwsgi:\n  env: a: b\n", "uwsgi").is_err());
    // The known limit: a last line of only variables that hold nothing is an empty line,
    // which the chomping drops (measured: `|-` then `a` and `%x` read without a section
    // name gives `a`).
    let mut section = Section::new();
    section.set_option("procname", Value::from("a\n") + MagicVar::ConfigExtension);
    let yaml = section.to_yaml().unwrap();
    assert_eq!(yaml, "uwsgi:\n  procname: |-\n    a\n    %e\n");
    assert_eq!(
        read_yaml(&yaml, "uwsgi").unwrap(),
        [("procname".to_string(), "a".to_string())]
    );
    // A `"` in a variable ends a double-quoted scalar (uWSGI then stops reading the
    // section); a literal block holds it.
    assert!(read_yaml("uwsgi:\n  env: \"%d\"\n  procname: x\n", "uwsgi").is_err());
    assert_eq!(
        read_yaml("uwsgi:\n  env: |2-\n    %d\n  procname: x\n", "uwsgi").unwrap(),
        [("env", magic_table()[&'d']), ("procname", "x")]
            .map(|(k, v)| (k.to_string(), v.to_string()))
    );
}
