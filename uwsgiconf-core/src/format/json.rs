//! JSON: one object per section, as uWSGI's `--json file[:name]` reads it (yajl, the JSON
//! library of Debian's uWSGI).
//!
//! What uWSGI 2.0.21 does with a JSON file (measured):
//! - the magic `%` pass runs on the raw text first, as for INI: literal `%` is written `%%`
//!   (`\u0025` would do too), and a magic variable's value lands in the JSON text before it
//!   is parsed;
//! - then the object named by the section (`uwsgi` by default) is read key by key, in order:
//!   a string is the value as is (line breaks, blanks at either end, quotes, backslashes all
//!   come through), an array gives one directive per item, in place; duplicate keys are all
//!   kept, in order; `true` is read as `1`, `false` and `null` as `0`, a number as its text;
//! - a control character written raw in a string, `%[` (ESC) included, is a parse error, and
//!   `\u0000` cuts the value there.
//!
//! So every value is a JSON string (the text INI would hold, switches as `"true"`), directives
//! keep their order exactly: a run of one key is one array, and a key that comes back after
//! another is written again. Each key starts its own line (the `uid` and `gid` lines stay
//! easy to find).

use super::{render_config, render_section, Carries, Format, Sections};
use crate::error::Error;
use crate::options::{key, OptionSpec};
use crate::section::{Config, Section};
use crate::value::MagicVar;

/// A JSON document being written.
pub(crate) struct Json {
    out: String,
    /// The key of the directives last given, not written yet: a run of one key becomes one
    /// array.
    run_key: &'static str,
    /// Their values, as JSON strings.
    run: Vec<String>,
    /// Whether the current section has a key written already.
    section_has_keys: bool,
}

impl Json {
    /// Writes the pending run of one key.
    fn flush(&mut self) {
        if self.run.is_empty() {
            return;
        }
        self.out
            .push_str(if self.section_has_keys { ",\n" } else { "\n" });
        self.section_has_keys = true;
        self.out.push_str("    ");
        string(self.run_key, &mut self.out);
        self.out.push_str(": ");
        if let [value] = self.run.as_slice() {
            self.out.push_str(value);
        } else {
            self.out.push('[');
            for (index, value) in self.run.iter().enumerate() {
                self.out
                    .push_str(if index == 0 { "\n      " } else { ",\n      " });
                self.out.push_str(value);
            }
            self.out.push_str("\n    ]");
        }
        self.run.clear();
    }
}

impl Format for Json {
    const NAME: &'static str = "JSON";
    const METHOD: &'static str = "to_json";
    const OTHERWISE: &'static str = "INI";
    // A JSON string holds any text, and the magic pass reads the file.
    const CARRIES: Carries = Carries::EVERYTHING;
    const SECTIONS: Sections = Sections::Named { include: key::JSON };
    // uWSGI's JSON reader has no `json = :name` for "this file": `%p` names it.
    const INCLUDE_PATH: Option<MagicVar> = Some(MagicVar::ConfigPath);
    type Output = String;

    fn with_capacity(directives: usize) -> Self {
        Json {
            out: String::with_capacity(64 + directives * 40),
            run_key: "",
            run: Vec::new(),
            section_has_keys: false,
        }
    }

    fn section_start(&mut self, name: &str) {
        self.out.push_str(if self.out.is_empty() {
            "{\n  "
        } else {
            ",\n  "
        });
        string(name, &mut self.out);
        self.out.push_str(": {");
        self.section_has_keys = false;
    }

    fn section_end(&mut self) {
        self.flush();
        self.out
            .push_str(if self.section_has_keys { "\n  }" } else { "}" });
    }

    fn directive(&mut self, spec: &OptionSpec, text: &str) {
        if self.run_key != spec.name() {
            self.flush();
            self.run_key = spec.name();
        }
        let mut value = String::with_capacity(text.len() + 2);
        string(text, &mut value);
        self.run.push(value);
    }

    fn finish(mut self) -> String {
        self.flush();
        if self.out.is_empty() {
            self.out.push('{');
        }
        self.out.push_str("\n}\n");
        self.out
    }
}

/// Writes `text` as a JSON string. `text` is ready for the magic pass: each `%` starts a
/// pair (`%%`, `%(` or a magic variable), kept as is, except `%[`: the raw ESC it becomes
/// would break the string, so it is written `\u001b`.
fn string(text: &str, out: &mut String) {
    out.push('"');
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match c {
            '%' => match chars.next() {
                Some('[') => out.push_str("\\u001b"),
                Some(code) => {
                    out.push('%');
                    out.push(code);
                }
                None => out.push('%'),
            },
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if c < ' ' => {
                out.push_str(&format!("\\u{:04x}", u32::from(c)));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// The format's entry in [`super::FILE_FORMATS`].
pub(crate) const FILE: super::FileFormat = super::FileFormat {
    name: "json",
    render: |section| section.to_json().map(super::Rendered::Text),
};

impl Section {
    /// Renders the section as a JSON file for `uwsgi --json <file>`, or lists everything
    /// wrong with it.
    ///
    /// The section is an object under its name; every value is a JSON string, exactly the
    /// text uWSGI must read: `%` is doubled (uWSGI's magic pass reads the raw file), text
    /// holding `$(` or `@(` goes through a placeholder as in INI, and line breaks and blanks
    /// at either end are carried. Directives keep their order: a run of one option is an
    /// array, an option that comes back after another is written again (uWSGI reads every
    /// occurrence in order; generic JSON tools may keep only the last).
    ///
    /// Magic variables are replaced in the raw text before it is parsed: one whose value
    /// holds `"`, `\` or a control character (a config path with a quote in it) breaks the
    /// document or changes the value.
    ///
    /// ```
    /// use uwsgiconf_core::Section;
    ///
    /// let mut section = Section::new();
    /// section
    ///     .set_option("procname", " two\nlines ")
    ///     .add_option("env", "A=100%")
    ///     .add_option("env", "B=\"quoted\"")
    ///     .set_option("vacuum", true);
    /// assert_eq!(
    ///     section.to_json().unwrap(),
    ///     r#"{
    ///   "uwsgi": {
    ///     "procname": " two\nlines ",
    ///     "env": [
    ///       "A=100%%",
    ///       "B=\"quoted\""
    ///     ],
    ///     "vacuum": "true"
    ///   }
    /// }
    /// "#
    /// );
    ///
    /// section.set_option("chdir", "nul\0byte");
    /// assert!(section.to_json().is_err()); // uWSGI would cut the value at the NUL
    /// ```
    pub fn to_json(&self) -> Result<String, Error> {
        render_section::<Json>(self)
    }
}

impl Config {
    /// Renders every section into one JSON file, each an object under its name, or lists
    /// everything wrong with them. uWSGI reads one of them: `uwsgi --json file` the one
    /// named `uwsgi`, `uwsgi --json file:name` another.
    ///
    /// With [`Config::autoinclude`], the first section loads the others with `json =
    /// %p:name`: uWSGI's JSON reader, unlike its INI reader, has no `:name` for "this file",
    /// so the magic variable `%p` names the file. The file must then be read from a path
    /// without `"`, `\` or control characters (the path lands in the JSON text).
    ///
    /// ```
    /// use uwsgiconf_core::{Config, Section};
    ///
    /// let mut second = Section::named("second");
    /// second.set_option("chdir", "/srv/app");
    /// let mut config = Config::new();
    /// config
    ///     .add_section(Section::new())
    ///     .add_section(second)
    ///     .autoinclude(true);
    /// assert_eq!(
    ///     config.to_json().unwrap(),
    ///     r#"{
    ///   "uwsgi": {
    ///     "json": "%p:second"
    ///   },
    ///   "second": {
    ///     "chdir": "/srv/app"
    ///   }
    /// }
    /// "#
    /// );
    /// ```
    pub fn to_json(&self) -> Result<String, Error> {
        render_config::<Json>(self)
    }
}

#[cfg(test)]
mod tests {
    use super::string;
    use crate::placeholder::placeholder_name;
    use crate::{Action, Config, MagicVar, Phase, ProblemKind, Section, Value};

    fn json(text: &str) -> String {
        let mut out = String::new();
        string(text, &mut out);
        out
    }

    #[test]
    fn strings_escape_what_json_requires_and_nothing_else() {
        assert_eq!(json("plain"), r#""plain""#);
        assert_eq!(json("a\"b\\c/d"), r#""a\"b\\c/d""#);
        assert_eq!(
            json("\n\r\t\u{8}\u{c}\u{0}\u{1}\u{1f}"),
            r#""\n\r\t\b\f\u0000\u0001\u001f""#
        );
        // DEL, non-ASCII and the Unicode line separators are written as they are (yajl
        // takes them).
        assert_eq!(json("\u{7f}é🦀\u{2028}"), "\"\u{7f}é🦀\u{2028}\"");
        // The magic pass is the encoder's: pairs stay, `%[` becomes the ESC it stands for.
        assert_eq!(json("100%% %d %(x) %["), r#""100%% %d %(x) \u001b""#);
        assert_eq!(json("%%["), r#""%%[""#);
    }

    #[test]
    fn an_empty_section_and_an_empty_value() {
        assert_eq!(Section::new().to_json().unwrap(), "{\n  \"uwsgi\": {}\n}\n");
        let mut section = Section::new();
        section.add_option("if-env", "PATH").add_option("endif", "");
        assert_eq!(
            section.to_json().unwrap(),
            "{\n  \"uwsgi\": {\n    \"if-env\": \"PATH\",\n    \"endif\": \"\"\n  }\n}\n"
        );
    }

    #[test]
    fn a_key_that_comes_back_after_another_is_written_again_in_place() {
        let mut section = Section::new();
        section
            .add_option("env", "A=1")
            .add_option("if-env", "PATH")
            .add_option("env", "B=2")
            .add_option("env", "C=3")
            .set_option("vacuum", true)
            .add_option("endif", "")
            .add_option("env", "D=4");
        assert_eq!(
            section.to_json().unwrap(),
            r#"{
  "uwsgi": {
    "env": "A=1",
    "if-env": "PATH",
    "env": [
      "B=2",
      "C=3"
    ],
    "vacuum": "true",
    "endif": "",
    "env": "D=4"
  }
}
"#
        );
    }

    #[test]
    fn placeholders_and_magic_variables() {
        let mut section = Section::new();
        section
            .set_option("procname", "$(HOME) 50%")
            .set_option("chdir", Value::from(MagicVar::ConfigDir) + "app")
            .set_option("procname-append", Value::from(MagicVar::Escape) + "[0m");
        let name = placeholder_name("$(HOME) 50%");
        assert_eq!(
            section.to_json().unwrap(),
            format!(
                r#"{{
  "uwsgi": {{
    "set-placeholder": "{name}=$(HOME) 50%%",
    "procname": "%({name})",
    "chdir": "%dapp",
    "procname-append": "\u001b[0m"
  }}
}}
"#
            )
        );
    }

    #[test]
    fn print_text_is_doubled_twice_and_carries_line_breaks() {
        let mut section = Section::new();
        section
            .main_process()
            .set_hook(Phase::Asap, Action::printout("100%\n  next "));
        assert!(section
            .to_json()
            .unwrap()
            .contains(r#""hook-asap": "print:100%%%%\n  next ""#));
    }

    #[test]
    fn several_sections_and_the_problems_of_a_config() {
        let mut first = Section::new();
        first.set_option("procname", "a");
        let mut second = Section::named("second");
        second.add_option("env", "A=1").add_option("env", "B=2");
        let mut third = Section::named("third");
        third.set_option("procname", "c");
        let mut config = Config::new();
        config
            .add_section(first.clone())
            .add_section(second)
            .add_section(third)
            .autoinclude(true);
        assert_eq!(
            config.to_json().unwrap(),
            r#"{
  "uwsgi": {
    "procname": "a",
    "json": [
      "%p:second",
      "%p:third"
    ]
  },
  "second": {
    "env": [
      "A=1",
      "B=2"
    ]
  },
  "third": {
    "procname": "c"
  }
}
"#
        );
        // Two sections of one name: yajl would read the first only.
        let mut config = Config::new();
        config.add_section(first.clone()).add_section(first);
        let problems = config.to_json().unwrap_err().into_problems();
        assert_eq!(problems[0].kind(), ProblemKind::Conflict);
        // An owner set outside the section uWSGI reads is never applied.
        let mut owned = Section::named("owned");
        owned
            .main_process()
            .set_owner_params(crate::OwnerParams::new().uid("www-data").gid("www-data"));
        let mut config = Config::new();
        config.add_section(Section::new()).add_section(owned);
        let problems = config.to_json().unwrap_err().into_problems();
        assert_eq!(problems[0].kind(), ProblemKind::RunsAsRoot);
        assert_eq!(problems[0].origin(), "Config::to_json");
        assert!(
            problems[0].message().contains("`uwsgi --json file`"),
            "{}",
            problems[0].message()
        );
    }

    #[test]
    fn what_no_format_carries_is_refused() {
        for value in ["nul\0byte", "%(x)", "a %(HOME) b"] {
            let mut section = Section::new();
            section.set_option("procname", value);
            let problems = section.to_json().unwrap_err().into_problems();
            assert!(
                problems
                    .iter()
                    .all(|p| p.kind() == ProblemKind::Unrepresentable),
                "{value:?}: {problems:?}"
            );
        }
    }
}
