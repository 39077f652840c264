//! A model of how uWSGI 2.0.21 reads a JSON config (`uwsgi --json file[:name]`,
//! `uwsgi_json_config` over Debian's yajl), used by the JSON property test (`json_model.rs`,
//! whose header gives the measurements) and the fuzz targets: the magic pass on the raw text,
//! then RFC 8259 JSON as strict as yajl, then the section's keys in order (arrays one
//! directive per item, `true` `1`, `false`/`null` `0`), `json = path:name` read in place.
#![allow(dead_code)] // each user reads a part of this module

/// The modelled file: `path` is `%p`; every other magic variable comes from `vars` (`None`:
/// one uWSGI drops, with its byte).
pub struct File<'a> {
    pub path: &'a str,
    pub text: &'a str,
    pub vars: &'a dyn Fn(char) -> Option<String>,
}

/// uWSGI's magic pass over `file`'s text.
pub fn magic_pass(file: &File<'_>) -> Result<String, String> {
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
            Some(code) => out.push_str(&(file.vars)(code).unwrap_or_default()),
            None => return Err("the renderer wrote a trailing %".into()),
        }
    }
    Ok(out)
}

#[derive(Debug, Clone)]
pub enum Json {
    String(String),
    Number(String),
    Bool(bool),
    Null,
    Array(Vec<Json>),
    Object(Vec<(String, Json)>),
}

/// A strict JSON parser (yajl's rules as uWSGI uses them); `Err` is the parse error uWSGI
/// exits on.
pub struct Parser<'a> {
    text: &'a [u8],
    at: usize,
}

impl Parser<'_> {
    pub fn parse(text: &str) -> Result<Json, String> {
        let mut parser = Parser {
            text: text.as_bytes(),
            at: 0,
        };
        let value = parser.value()?;
        parser.blanks();
        if parser.at != parser.text.len() {
            return Err(format!("trailing text at byte {}", parser.at));
        }
        Ok(value)
    }

    fn blanks(&mut self) {
        while matches!(self.text.get(self.at), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    fn byte(&mut self) -> Result<u8, String> {
        let byte = *self.text.get(self.at).ok_or("premature end")?;
        self.at += 1;
        Ok(byte)
    }

    fn eat(&mut self, wanted: u8) -> Result<(), String> {
        self.blanks();
        match self.byte()? {
            b if b == wanted => Ok(()),
            b => Err(format!("{:?} instead of {:?}", b as char, wanted as char)),
        }
    }

    fn value(&mut self) -> Result<Json, String> {
        self.blanks();
        match self.text.get(self.at) {
            Some(b'"') => Ok(Json::String(self.string()?)),
            Some(b'[') => {
                self.at += 1;
                let mut items = Vec::new();
                self.blanks();
                if self.text.get(self.at) == Some(&b']') {
                    self.at += 1;
                    return Ok(Json::Array(items));
                }
                loop {
                    items.push(self.value()?);
                    self.blanks();
                    match self.byte()? {
                        b',' => {}
                        b']' => return Ok(Json::Array(items)),
                        b => return Err(format!("{:?} in an array", b as char)),
                    }
                }
            }
            Some(b'{') => {
                self.at += 1;
                let mut members = Vec::new();
                self.blanks();
                if self.text.get(self.at) == Some(&b'}') {
                    self.at += 1;
                    return Ok(Json::Object(members));
                }
                loop {
                    self.blanks();
                    let key = self.string()?;
                    self.eat(b':')?;
                    members.push((key, self.value()?));
                    self.blanks();
                    match self.byte()? {
                        b',' => {}
                        b'}' => return Ok(Json::Object(members)),
                        b => return Err(format!("{:?} in an object", b as char)),
                    }
                }
            }
            _ => {
                for (word, value) in [
                    ("true", Json::Bool(true)),
                    ("false", Json::Bool(false)),
                    ("null", Json::Null),
                ] {
                    if self.text[self.at..].starts_with(word.as_bytes()) {
                        self.at += word.len();
                        return Ok(value);
                    }
                }
                let start = self.at;
                while matches!(
                    self.text.get(self.at),
                    Some(b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E')
                ) {
                    self.at += 1;
                }
                if self.at == start {
                    return Err(format!("invalid char in json text at byte {start}"));
                }
                Ok(Json::Number(
                    String::from_utf8_lossy(&self.text[start..self.at]).into_owned(),
                ))
            }
        }
    }

    fn hex4(&mut self) -> Result<u32, String> {
        let mut code = 0;
        for _ in 0..4 {
            let digit = (self.byte()? as char)
                .to_digit(16)
                .ok_or("bad \\u escape")?;
            code = code * 16 + digit;
        }
        Ok(code)
    }

    fn string(&mut self) -> Result<String, String> {
        self.eat(b'"')?;
        let mut out: Vec<u8> = Vec::new();
        loop {
            match self.byte()? {
                b'"' => {
                    return String::from_utf8(out)
                        .map_err(|_| "invalid bytes in UTF8 string".into())
                }
                b'\\' => {
                    let c = match self.byte()? {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => {
                            let mut code = self.hex4()?;
                            if (0xd800..0xdc00).contains(&code) {
                                if (self.byte()?, self.byte()?) != (b'\\', b'u') {
                                    return Err("a lone surrogate".into());
                                }
                                let low = self.hex4()?;
                                code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
                            }
                            char::from_u32(code).ok_or("not a scalar value")?
                        }
                        b => return Err(format!("invalid escape \\{}", b as char)),
                    };
                    let mut buffer = [0; 4];
                    out.extend_from_slice(c.encode_utf8(&mut buffer).as_bytes());
                }
                b if b < 0x20 => return Err("invalid character inside string".into()),
                b => out.push(b),
            }
        }
    }
}

/// The text of a scalar as uWSGI exports it; `None` for what it skips (nested containers).
pub fn scalar(value: &Json) -> Option<String> {
    let text = match value {
        Json::String(text) | Json::Number(text) => text.clone(),
        Json::Bool(true) => "1".into(),
        Json::Bool(false) | Json::Null => "0".into(),
        Json::Array(_) | Json::Object(_) => return None,
    };
    // A C string ends at the first NUL.
    Some(text.split('\0').next().unwrap_or_default().to_string())
}

/// The directives uWSGI exports reading section `name` of `file`, in order, includes of
/// sections of the same file followed in place (the including line first); or the error it
/// exits on.
pub fn read(file: &File<'_>, name: &str) -> Result<Vec<(String, String)>, String> {
    let mut options = Vec::new();
    read_nested(file, name, &mut options, 0)?;
    Ok(options)
}

fn read_nested(
    file: &File<'_>,
    name: &str,
    options: &mut Vec<(String, String)>,
    depth: usize,
) -> Result<(), String> {
    if depth > 8 {
        return Err("include loop".into());
    }
    let Json::Object(sections) = Parser::parse(&magic_pass(file)?)? else {
        return Err("the document is not an object".into());
    };
    let Some((_, Json::Object(members))) = sections.iter().find(|(key, _)| key == name) else {
        return Err(format!(
            "you must define a object named {name} in your JSON data"
        ));
    };
    for (key, value) in members {
        let items = match value {
            Json::Array(items) => items.iter().filter_map(scalar).collect(),
            other => scalar(other).into_iter().collect::<Vec<_>>(),
        };
        for item in items {
            options.push((key.clone(), item.clone()));
            if key == "json" {
                let (path, section) = item.rsplit_once(':').unwrap_or((item.as_str(), "uwsgi"));
                if path != file.path {
                    return Err(format!("open({path:?}): No such file or directory"));
                }
                read_nested(file, section, options, depth + 1)?;
            }
        }
    }
    Ok(())
}
