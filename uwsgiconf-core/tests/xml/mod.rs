//! A model of how uWSGI 2.0.21 reads an XML config (`uwsgi --xml file[:id]`): its magic `%`
//! pass over the raw text (`magic_sub`), libxml2's parse (XML 1.0: line ends, characters,
//! entities, CDATA, comments, one text node for adjacent text and references), and the
//! loader's rules (`uwsgi_xml_config` in `core/xmlconf.c`): the root `<uwsgi>` or the first
//! `<uwsgi>` child of a container whose `id` matches, each element child an option whose
//! value is its first child node's content (`1` without children), a CDATA child `eval`,
//! `<app>` special, and `xml = path:id` reading section `id` of file `path` in place.
//!
//! Used by the property test of the XML format and, for the document order of the options,
//! by the tests against the real uWSGI (whose measurements the module headers of both give).
#![allow(dead_code)] // each test file uses a part of this module

/// A node of the parsed document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    Element(Element),
    /// Text and references, coalesced as libxml2 does.
    Text(String),
    CData(String),
    Comment(String),
}

/// An element: name, attributes (values normalized), children.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Element {
    pub name: String,
    pub attributes: Vec<(String, String)>,
    pub children: Vec<Node>,
}

impl Element {
    pub fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// XML 1.0's `Char` production.
pub fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | ' '..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'..)
}

/// uWSGI's magic pass: `%%` is `%`, `%(` stays, `%x` is `vars(x)`, or nothing for a variable
/// it does not know. A `%` at the very end is an error of the renderer.
pub fn magic_pass(text: &str, vars: &dyn Fn(char) -> Option<String>) -> Result<String, String> {
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
            Some(code) => out.push_str(&vars(code).unwrap_or_default()),
            None => return Err("a `%` ends the file".into()),
        }
    }
    Ok(out)
}

struct Parser {
    chars: Vec<char>,
    at: usize,
}

impl Parser {
    fn peek(&self, text: &str) -> bool {
        (self.at..)
            .zip(text.chars())
            .all(|(i, c)| self.chars.get(i) == Some(&c))
    }

    fn eat(&mut self, text: &str) -> bool {
        if self.peek(text) {
            self.at += text.chars().count();
            true
        } else {
            false
        }
    }

    fn expect(&mut self, text: &str) -> Result<(), String> {
        if self.eat(text) {
            Ok(())
        } else {
            Err(format!("expected {text:?} at {}", self.at))
        }
    }

    fn next(&mut self) -> Result<char, String> {
        let c = *self.chars.get(self.at).ok_or("premature end of data")?;
        self.at += 1;
        Ok(c)
    }

    fn blanks(&mut self) -> bool {
        let start = self.at;
        while matches!(self.chars.get(self.at), Some(' ' | '\t' | '\n')) {
            self.at += 1;
        }
        self.at > start
    }

    fn name(&mut self) -> Result<String, String> {
        let start = self.at;
        while let Some(&c) = self.chars.get(self.at) {
            let ok = if self.at == start {
                c.is_ascii_alphabetic() || c == '_' || c == ':' || !c.is_ascii()
            } else {
                c.is_ascii_alphanumeric() || matches!(c, '_' | ':' | '-' | '.') || !c.is_ascii()
            };
            if !ok {
                break;
            }
            self.at += 1;
        }
        if self.at == start {
            return Err(format!("a name expected at {start}"));
        }
        Ok(self.chars[start..self.at].iter().collect())
    }

    /// `&...;` after the `&`: the five predefined entities and character references.
    fn reference(&mut self) -> Result<char, String> {
        let mut body = String::new();
        loop {
            match self.next()? {
                ';' => break,
                c => body.push(c),
            }
        }
        let c = match body.as_str() {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            _ => {
                let code = if let Some(hex) = body.strip_prefix("#x") {
                    u32::from_str_radix(hex, 16)
                } else if let Some(dec) = body.strip_prefix('#') {
                    dec.parse()
                } else {
                    return Err(format!("entity '{body}' not defined"));
                };
                code.ok()
                    .and_then(char::from_u32)
                    .ok_or(format!("invalid character reference {body}"))?
            }
        };
        if !is_xml_char(c) {
            return Err(format!(
                "xmlParseCharRef: invalid xmlChar value {}",
                c as u32
            ));
        }
        Ok(c)
    }

    fn comment(&mut self) -> Result<String, String> {
        // After `<!--`: `--` may not occur inside, and the text may not end with `-`.
        let mut text = String::new();
        loop {
            if self.eat("-->") {
                return Ok(text);
            }
            if self.peek("--") {
                return Err("`--` inside a comment".into());
            }
            text.push(self.next()?);
        }
    }

    fn element(&mut self) -> Result<Element, String> {
        self.expect("<")?;
        let name = self.name()?;
        let mut attributes = Vec::new();
        loop {
            let blank = self.blanks();
            if self.eat("/>") {
                return Ok(Element {
                    name,
                    attributes,
                    children: Vec::new(),
                });
            }
            if self.eat(">") {
                break;
            }
            if !blank {
                return Err(format!(
                    "a blank expected before an attribute at {}",
                    self.at
                ));
            }
            let attribute = self.name()?;
            self.blanks();
            self.expect("=")?;
            self.blanks();
            let quote = self.next()?;
            if quote != '"' && quote != '\'' {
                return Err("a quoted attribute value expected".into());
            }
            let mut value = String::new();
            loop {
                match self.next()? {
                    c if c == quote => break,
                    '<' => return Err("`<` in an attribute value".into()),
                    '&' => value.push(self.reference()?),
                    // Attribute-value normalization of raw blanks.
                    '\t' | '\n' => value.push(' '),
                    c => value.push(c),
                }
            }
            if attributes.iter().any(|(n, _)| *n == attribute) {
                return Err(format!("attribute {attribute} redefined"));
            }
            attributes.push((attribute, value));
        }
        let mut children: Vec<Node> = Vec::new();
        let push_text = |children: &mut Vec<Node>, c: char| match children.last_mut() {
            Some(Node::Text(text)) => text.push(c),
            _ => children.push(Node::Text(c.to_string())),
        };
        loop {
            if self.eat("</") {
                let end = self.name()?;
                if end != name {
                    return Err(format!("opening and ending tag mismatch: {name} and {end}"));
                }
                self.blanks();
                self.expect(">")?;
                return Ok(Element {
                    name,
                    attributes,
                    children,
                });
            } else if self.eat("<!--") {
                children.push(Node::Comment(self.comment()?));
            } else if self.eat("<![CDATA[") {
                let mut text = String::new();
                while !self.eat("]]>") {
                    text.push(self.next()?);
                }
                children.push(Node::CData(text));
            } else if self.peek("<?") || self.peek("<!") {
                return Err("markup this model does not know".into());
            } else if self.peek("<") {
                children.push(Node::Element(self.element()?));
            } else if self.eat("&") {
                let c = self.reference()?;
                push_text(&mut children, c);
            } else if self.peek("]]>") {
                return Err("Sequence ']]>' not allowed in content".into());
            } else {
                let c = self.next()?;
                push_text(&mut children, c);
            }
        }
    }

    /// Blanks and comments around the root element.
    fn misc(&mut self) -> Result<(), String> {
        loop {
            self.blanks();
            if self.eat("<!--") {
                self.comment()?;
            } else {
                return Ok(());
            }
        }
    }
}

/// Parses a document as libxml2 does with uWSGI's options (none: no entity substitution
/// beyond the predefined ones, blanks kept).
pub fn parse(text: &str) -> Result<Element, String> {
    // XML 1.0 §2.11: `\r\n` and a lone `\r` are read as `\n`, before anything else.
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    if let Some(c) = text.chars().find(|&c| !is_xml_char(c)) {
        return Err(format!("PCDATA invalid Char value {}", c as u32));
    }
    let mut parser = Parser {
        chars: text.chars().collect(),
        at: 0,
    };
    if parser.eat("<?xml") {
        while !parser.eat("?>") {
            parser.next()?;
        }
    }
    parser.misc()?;
    let root = parser.element()?;
    parser.misc()?;
    if parser.at != parser.chars.len() {
        return Err("extra content at the end of the document".into());
    }
    Ok(root)
}

/// The `<uwsgi>` element uWSGI reads for `id`: the root if it is one, else the first
/// `<uwsgi>` child whose `id` is `id` or that has none.
pub fn select<'a>(root: &'a Element, id: Option<&str>) -> Result<&'a Element, String> {
    if root.name == "uwsgi" {
        return Ok(root);
    }
    root.children
        .iter()
        .filter_map(|node| match node {
            Node::Element(e) if e.name == "uwsgi" => Some(e),
            _ => None,
        })
        .find(|e| match (id, e.attribute("id")) {
            (Some(id), Some(own)) => id == own,
            _ => true,
        })
        .ok_or_else(|| "invalid xml root element, <uwsgi> expected".into())
}

/// The options of `section`, in order, as uWSGI adds them (without `--mode`).
pub fn options(section: &Element, id: Option<&str>) -> Result<Vec<(String, String)>, String> {
    let mut out = Vec::new();
    for node in &section.children {
        match node {
            Node::CData(text) => out.push(("eval".to_string(), text.clone())),
            Node::Element(element) => {
                if let (Some(id), Some(own)) = (id, element.attribute("id")) {
                    if id != own {
                        continue;
                    }
                }
                if element.attribute("mode").is_some() {
                    return Err(format!("<{}> has a mode attribute", element.name));
                }
                if element.name == "app" {
                    return Err("<app> mounts an application".into());
                }
                let value = match element.children.first() {
                    None => "1".to_string(),
                    Some(Node::Text(text) | Node::CData(text) | Node::Comment(text)) => {
                        text.clone()
                    }
                    // uWSGI would strdup() the NULL content of an element.
                    Some(Node::Element(_)) => {
                        return Err(format!("<{}> starts with an element", element.name))
                    }
                };
                out.push((element.name.clone(), value));
            }
            Node::Text(_) | Node::Comment(_) => {}
        }
    }
    Ok(out)
}

/// The magic variables of the modelled file: `path` is `%p`, the section asked `%x`;
/// everything else comes from `vars`.
pub struct File<'a> {
    pub path: &'a str,
    pub text: &'a str,
    pub vars: &'a dyn Fn(char) -> Option<String>,
}

/// Reads section `id` of `file` as `uwsgi --xml path[:id]` does, following `xml = path:id`
/// includes of the same file in place (the including line comes first).
pub fn read(file: &File<'_>, id: Option<&str>) -> Result<Vec<(String, String)>, String> {
    read_nested(file, id, 0)
}

fn read_nested(
    file: &File<'_>,
    id: Option<&str>,
    depth: usize,
) -> Result<Vec<(String, String)>, String> {
    if depth > 8 {
        return Err("includes nest too deep".into());
    }
    let vars = |code: char| match code {
        'p' => Some(file.path.to_string()),
        'x' => Some(id.unwrap_or_default().to_string()),
        other => (file.vars)(other),
    };
    let text = magic_pass(file.text, &vars)?;
    let root = parse(&text)?;
    let section = select(&root, id)?;
    let mut out = Vec::new();
    for (key, value) in options(section, id)? {
        let include = (key == "xml").then(|| value.rsplit_once(':')).flatten();
        out.push((key, value.clone()));
        if let Some((path, included)) = include {
            if path != file.path || included.is_empty() {
                return Err(format!("`xml = {value}` reads another file"));
            }
            out.extend(read_nested(file, Some(included), depth + 1)?);
        }
    }
    Ok(out)
}
