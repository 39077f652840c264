//! A model of how uWSGI 2.0.21 reads a YAML config (`uwsgi --yaml file[:name]`), used by the
//! YAML property test (`yaml_model.rs`, whose header gives the measurements) and the fuzz
//! targets:
//! - uWSGI's magic pass (`magic_sub`) on the raw text: `%%` is `%`, `%(` stays, `%x` is
//!   the variable's value;
//! - libyaml's reader (the characters it refuses) and scanner, for the block style the
//!   renderer writes; anything else is an error of the model, so a renderer that wrote it
//!   fails;
//! - uWSGI 2.0.21's token loop (`uwsgi_yaml_config`, libyaml branch), transcribed: a
//!   section is the block mapping after its key; a scalar after a key, or in a sequence
//!   under a key, is one directive; `yaml = path:name` reads section `name` of `path` at
//!   once (an immediate option).
#![allow(dead_code)] // each user reads a part of this module

/// The modelled file: `path` is `%p`; every other magic variable comes from `vars` (`None`:
/// one the model lacks, an error).
pub struct File<'a> {
    pub path: &'a str,
    pub text: &'a str,
    pub vars: &'a dyn Fn(char) -> Option<String>,
}

/// uWSGI's magic pass over `file`'s text.
fn magic_pass(file: &File<'_>) -> Result<String, String> {
    let mut out = String::with_capacity(file.text.len());
    let mut chars = file.text.chars();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('%') => out.push('%'),
            Some('(') => out.push_str("%("),
            Some('p') => out.push_str(file.path),
            Some(code) => match (file.vars)(code) {
                Some(value) => out.push_str(&value),
                None => return Err(format!("a magic variable the model lacks: %{code}")),
            },
            // uWSGI would join the next line: never right.
            None => return Err("the renderer wrote a trailing %".into()),
        }
    }
    Ok(out)
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
pub fn read(file: &File<'_>, section: &str) -> Result<Vec<(String, String)>, String> {
    let raw = magic_pass(file)?;
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
                            let asked = value
                                .strip_prefix(file.path)
                                .and_then(|rest| rest.strip_prefix(':'))
                                .ok_or_else(|| format!("an include of another file: {value:?}"))?;
                            options.push((name.clone(), value.clone()));
                            options.extend(read(file, asked)?);
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
