//! XML: a `<uwsgi>` element of option elements, as uWSGI's `--xml` reads it through libxml2;
//! several sections go in a container, each as `<uwsgi id="name">`, read with
//! `--xml file:name`.
//!
//! What uWSGI 2.0.21 (libxml2 2.9.14) does with the document, measured:
//! - the magic `%` pass runs on the raw text first, markup included: `%%` is `%`, `%d` the
//!   file's directory, inserted as it is, before libxml2 reads anything;
//! - libxml2 decodes entities and character references and reads a line break written
//!   `\r\n` or `\r` as `\n` (`&#13;` stays a carriage return);
//! - each element child of the chosen `<uwsgi>` is an option, whose value is the content of
//!   the element's *first* child node, blanks and line breaks kept: text and entities form
//!   one node, but a CDATA section or a comment starts another (`A=<![CDATA[b]]>` is `A=`);
//! - an element without children is `1` (`<pidfile></pidfile>` is a pidfile named `1`): an
//!   empty value is written as an empty comment, `<pidfile><!----></pidfile>`, whose content
//!   is empty;
//! - XML 1.0 cannot hold the C0 control characters other than tab and line breaks, nor
//!   U+FFFE and U+FFFF, not even as character references: libxml2 refuses the document;
//! - a CDATA section directly in `<uwsgi>` is the option `eval`, an element with a `mode`
//!   attribute is skipped unless `--mode` matches, `<app>` mounts an application, and an
//!   option element with an `id` attribute is skipped when another id is asked: none of
//!   these is ever written (no option of the catalogue is called `app`);
//! - without `:id`, the first `<uwsgi>` of a container is read, so the section named `uwsgi`
//!   comes first and `uwsgi --xml file` reads what `uwsgi --ini file` reads;
//! - `xml = :id` opens the file `""` (only the INI loader remembers its file), so a section
//!   includes another with `xml = %p:id`, the file's path from the magic pass.

use super::{encode, render_config, render_section, Carries, Format, Refusal, Sections};
use crate::error::Error;
use crate::options::{key, OptionSpec};
use crate::section::{Config, Section};
use crate::value::MagicVar;

/// An XML document being written: its sections, each a name and its option elements.
pub(crate) struct Xml {
    sections: Vec<(String, Vec<String>)>,
    capacity: usize,
}

impl Format for Xml {
    const NAME: &'static str = "XML";
    const METHOD: &'static str = "to_xml";
    const OTHERWISE: &'static str = "INI";
    // Text keeps blanks and line breaks, elements repeat, and the file gets the magic pass.
    const CARRIES: Carries = Carries::EVERYTHING;
    const SECTIONS: Sections = Sections::Named { include: key::XML };
    const INCLUDE_PATH: Option<MagicVar> = Some(MagicVar::ConfigPath);
    type Output = String;

    fn with_capacity(directives: usize) -> Self {
        Xml {
            sections: Vec::with_capacity(1),
            capacity: directives,
        }
    }

    fn section_start(&mut self, name: &str) {
        // Room for every line in the first section; most documents have one.
        let elements = Vec::with_capacity(std::mem::take(&mut self.capacity));
        self.sections.push((name.to_string(), elements));
    }

    fn directive(&mut self, spec: &OptionSpec, text: &str) {
        let name = spec.name();
        let mut element = String::with_capacity(2 * name.len() + text.len() + 16);
        element.push('<');
        element.push_str(name);
        element.push('>');
        if text.is_empty() {
            // No child at all would be `1`; an empty comment's content is empty.
            element.push_str("<!---->");
        } else if has_magic_variable(text) && fits_cdata(text) {
            // The magic pass inserts a path or a name as it is, before libxml2 reads the
            // file: in a CDATA section, its `&` or `<` stays text.
            element.push_str("<![CDATA[");
            element.push_str(text);
            element.push_str("]]>");
        } else {
            escape_text(text, &mut element);
        }
        element.push_str("</");
        element.push_str(name);
        element.push('>');
        if let Some((_, elements)) = self.sections.last_mut() {
            elements.push(element);
        }
    }

    fn refuse_text(spec: &OptionSpec, text: &str) -> Option<Refusal> {
        let key = spec.name();
        let fix = || format!("remove it, or render to {}", Self::OTHERWISE);
        // NUL is refused for every format where the value is encoded.
        if let Some(c) = text.chars().find(|&c| {
            (c < ' ' && !matches!(c, '\0' | '\t' | '\n' | '\r'))
                || matches!(c, '\u{fffe}' | '\u{ffff}')
        }) {
            return Some(Refusal {
                message: format!(
                    "`{key}` contains U+{:04X}, which XML 1.0 cannot hold, not even as a \
                     character reference (libxml2 would refuse the document)",
                    u32::from(c)
                ),
                fix: fix(),
            });
        }
        if magic_codes(text).any(|code| code == '[') {
            return Some(Refusal {
                message: format!(
                    "`{key}`: the magic variable %[ is the ESC character, which uWSGI puts into \
                     the document before libxml2 reads it, and XML 1.0 cannot hold"
                ),
                fix: fix(),
            });
        }
        None
    }

    fn finish(mut self) -> String {
        // Without `:id`, uWSGI reads the first `<uwsgi>`; `--ini file` reads `[uwsgi]`.
        if let Some(at) = self.sections.iter().position(|(name, _)| name == "uwsgi") {
            let main = self.sections.remove(at);
            self.sections.insert(0, main);
        }
        let size: usize = self
            .sections
            .iter()
            .flat_map(|(_, elements)| elements)
            .map(|element| element.len() + 6)
            .sum();
        let mut out = String::with_capacity(size + 64 * (self.sections.len() + 1));
        if let [(name, elements)] = self.sections.as_slice() {
            // One section is the document's root; uWSGI reads a root `<uwsgi>` whatever id
            // is asked, the id only tells the section's name.
            write_section(&mut out, "", (name != "uwsgi").then_some(name), elements);
        } else {
            out.push_str("<uwsgiconf>\n");
            for (name, elements) in &self.sections {
                write_section(&mut out, "  ", Some(name), elements);
            }
            out.push_str("</uwsgiconf>\n");
        }
        out
    }
}

/// Writes `<uwsgi>` (with `id`) and its elements, each on a line indented by `indent` and two
/// blanks. The blanks and line breaks between elements are text nodes that uWSGI skips.
fn write_section(out: &mut String, indent: &str, id: Option<&String>, elements: &[String]) {
    out.push_str(indent);
    out.push_str("<uwsgi");
    if let Some(id) = id {
        out.push_str(" id=\"");
        let mut name = String::with_capacity(id.len());
        encode::escape::<Xml>(id, &mut name);
        escape_attribute(&name, out);
        out.push('"');
    }
    out.push_str(">\n");
    for element in elements {
        out.push_str(indent);
        out.push_str("  ");
        out.push_str(element);
        out.push('\n');
    }
    out.push_str(indent);
    out.push_str("</uwsgi>\n");
}

/// The codes of the magic variables in `text`, as [`encode`] writes it: every `%` starts a
/// pair, `%%` a literal `%`, `%(` a placeholder, anything else a magic variable.
fn magic_codes(text: &str) -> impl Iterator<Item = char> + '_ {
    let mut chars = text.chars();
    std::iter::from_fn(move || loop {
        match chars.next()? {
            '%' => match chars.next()? {
                '%' | '(' => continue,
                code => return Some(code),
            },
            _ => continue,
        }
    })
}

fn has_magic_variable(text: &str) -> bool {
    magic_codes(text).next().is_some()
}

/// Whether text with magic variables can be one CDATA section: no carriage return (libxml2
/// reads it as a line feed there), and no `]]>` even when every variable expands to nothing
/// (`]]%x>` ends the section early when the section name is empty).
fn fits_cdata(text: &str) -> bool {
    let mut joined = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match c {
            // A magic variable is taken as empty; `%%` and `%(` are text.
            '%' => {
                if let Some(escaped @ ('%' | '(')) = chars.next() {
                    joined.push('%');
                    joined.push(escaped);
                }
            }
            c => joined.push(c),
        }
    }
    !joined.contains("]]>") && !text.contains('\r')
}

/// Text content: markup characters as entities (`>` too, for `]]>`), and `\r` as a character
/// reference, since libxml2 reads a raw one as a line feed.
fn escape_text(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\r' => out.push_str("&#13;"),
            c => out.push(c),
        }
    }
}

/// An attribute value in double quotes: libxml2 turns raw blanks and line breaks there into
/// spaces, so they are character references.
fn escape_attribute(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '"' => out.push_str("&quot;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c => out.push(c),
        }
    }
}

/// The format's entry in [`super::FILE_FORMATS`].
pub(crate) const FILE: super::FileFormat = super::FileFormat {
    name: "xml",
    render: |section| section.to_xml().map(super::Rendered::Text),
};

impl Section {
    /// Renders the section as an XML file for `uwsgi --xml file`, or lists everything wrong
    /// with it.
    ///
    /// Values are written as given: blanks and line breaks stay, `&`, `<` and `>` are
    /// entities, an empty value is an empty comment (an empty element would be `1`), and `%`
    /// is doubled for uWSGI's magic pass. A value with a magic variable is a CDATA section,
    /// where the path or name uWSGI puts in stays text. XML 1.0 cannot hold the control
    /// characters other than tab and line breaks: they are refused.
    ///
    /// ```
    /// use uwsgiconf_core::{MagicVar, Section, Value};
    ///
    /// let mut section = Section::new();
    /// section
    ///     .set_option("procname", " two\nlines & <100%> ")
    ///     .add_option("if-env", "PATH")
    ///     .add_option("env", Value::from("DIR=") + MagicVar::ConfigDir)
    ///     .add_option("endif", "")
    ///     .set_option("vacuum", true);
    /// assert_eq!(
    ///     section.to_xml().unwrap(),
    ///     "<uwsgi>\n  \
    ///        <procname> two\nlines &amp; &lt;100%%&gt; </procname>\n  \
    ///        <if-env>PATH</if-env>\n  \
    ///        <env><![CDATA[DIR=%d]]></env>\n  \
    ///        <endif><!----></endif>\n  \
    ///        <vacuum>true</vacuum>\n\
    ///      </uwsgi>\n"
    /// );
    ///
    /// section.set_option("procname", "bell\u{7}");
    /// assert!(section.to_xml().is_err()); // XML 1.0 has no way to write U+0007
    /// ```
    pub fn to_xml(&self) -> Result<String, Error> {
        render_section::<Xml>(self)
    }
}

impl Config {
    /// Renders every section into one XML file, or lists everything wrong with them.
    ///
    /// Several sections go in a `<uwsgiconf>` container, each as `<uwsgi id="name">`, read
    /// with `uwsgi --xml file:name`; without `:name` uWSGI reads the first, which is the
    /// section named `uwsgi`. With [`Config::autoinclude`] the first section includes the
    /// others with `xml = %p:name` (`%p` is the file's path: only the INI loader rereads
    /// its own file from `:name` alone), so the file must be read from disk, not from
    /// standard input or a URL. A config of one section renders as that section does.
    ///
    /// ```
    /// use uwsgiconf_core::{Config, Section};
    ///
    /// let mut main = Section::new();
    /// main.set_option("master", true);
    /// let mut app = Section::named("app");
    /// app.set_option("chdir", "/srv/app");
    /// let mut config = Config::new();
    /// config.add_section(main).add_section(app).autoinclude(true);
    /// assert_eq!(
    ///     config.to_xml().unwrap(),
    ///     "<uwsgiconf>\n  \
    ///        <uwsgi id=\"uwsgi\">\n    \
    ///          <master>true</master>\n    \
    ///          <xml><![CDATA[%p:app]]></xml>\n  \
    ///        </uwsgi>\n  \
    ///        <uwsgi id=\"app\">\n    \
    ///          <chdir>/srv/app</chdir>\n  \
    ///        </uwsgi>\n\
    ///      </uwsgiconf>\n"
    /// );
    /// ```
    pub fn to_xml(&self) -> Result<String, Error> {
        render_config::<Xml>(self)
    }
}

#[cfg(test)]
mod tests {
    use super::magic_codes;
    use crate::placeholder::placeholder_name;
    use crate::{options, Config, MagicVar, OwnerParams, ProblemKind, Section, Value};

    fn problems(section: &Section) -> Vec<(ProblemKind, String)> {
        section
            .to_xml()
            .unwrap_err()
            .into_problems()
            .into_iter()
            .map(|p| (p.kind(), p.message().to_string()))
            .collect()
    }

    #[test]
    fn values_are_text_with_markup_as_entities() {
        let mut section = Section::new();
        section
            .set_option("procname", "a&b <c> ]]> \"q\" 'q' 100%")
            .set_option("procname-append", "\r\n\ttab  \n")
            .set_option("procname-prefix", " ")
            .add_option("env", "A=1")
            .add_option("env", "A=2")
            .add_option("env", "é 日本 🦀 \u{7f}\u{85}\u{feff}");
        assert_eq!(
            section.to_xml().unwrap(),
            "<uwsgi>\n  \
               <procname>a&amp;b &lt;c&gt; ]]&gt; \"q\" 'q' 100%%</procname>\n  \
               <procname-append>&#13;\n\ttab  \n</procname-append>\n  \
               <procname-prefix> </procname-prefix>\n  \
               <env>A=1</env>\n  \
               <env>A=2</env>\n  \
               <env>é 日本 🦀 \u{7f}\u{85}\u{feff}</env>\n\
             </uwsgi>\n"
        );
    }

    #[test]
    fn an_empty_value_is_an_empty_comment_and_a_switch_is_true() {
        let mut section = Section::new();
        section
            .add_option("if-env", "PATH")
            .set_option("vacuum", true)
            .add_option("endif", "");
        assert_eq!(
            section.to_xml().unwrap(),
            "<uwsgi>\n  <if-env>PATH</if-env>\n  <vacuum>true</vacuum>\n  \
             <endif><!----></endif>\n</uwsgi>\n"
        );
    }

    #[test]
    fn literal_expansion_syntax_goes_through_placeholders() {
        let mut section = Section::new();
        section.set_option("procname", "<$(HOME)> & 5%");
        let name = placeholder_name("<$(HOME)> & 5%");
        assert_eq!(
            section.to_xml().unwrap(),
            format!(
                "<uwsgi>\n  <set-placeholder>{name}=&lt;$(HOME)&gt; &amp; 5%%</set-placeholder>\n  \
                 <procname>%({name})</procname>\n</uwsgi>\n"
            )
        );
    }

    #[test]
    fn values_with_magic_variables_are_cdata_where_cdata_can_hold_them() {
        let mut section = Section::new();
        section
            .set_option("chdir", Value::from(MagicVar::ConfigDir) + "a&b <%>")
            .add_option("env", Value::from("X=]]>") + MagicVar::HostName)
            .add_option("env", Value::from("Y=\r") + MagicVar::HostName)
            .add_option("env", "Z=%d %(");
        assert_eq!(
            section.to_xml().unwrap(),
            "<uwsgi>\n  \
               <chdir><![CDATA[%da&b <%%>]]></chdir>\n  \
               <env>X=]]&gt;%h</env>\n  \
               <env>Y=&#13;%h</env>\n  \
               <env>Z=%%d %%(</env>\n\
             </uwsgi>\n"
        );
    }

    /// A variable that expands to nothing joined `]]` and `>` into the end of the CDATA
    /// section (found by the property test: libxml2 refused the file).
    #[test]
    fn a_cdata_end_formed_around_a_variable_is_escaped_text() {
        let mut section = Section::new();
        section.set_option("procname", Value::from("]]") + MagicVar::Section + ">");
        assert_eq!(
            section.to_xml().unwrap(),
            "<uwsgi>\n  <procname>]]%x&gt;</procname>\n</uwsgi>\n"
        );
    }

    #[test]
    fn control_characters_xml_cannot_hold_are_refused() {
        for c in (1..0x20u8)
            .map(char::from)
            .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
            .chain(['\u{fffe}', '\u{ffff}'])
        {
            let mut section = Section::new();
            section.set_option("procname", format!("a{c}b"));
            let found = problems(&section);
            assert_eq!(found.len(), 1, "{c:?}: {found:?}");
            assert_eq!(found[0].0, ProblemKind::Unrepresentable);
            assert_eq!(
                found[0].1,
                format!(
                    "`procname` contains U+{:04X}, which XML 1.0 cannot hold, not even as a \
                     character reference (libxml2 would refuse the document)",
                    u32::from(c)
                )
            );
            // INI carries it.
            assert!(section.to_ini().is_ok(), "{c:?}");
        }
        // In the literal text a placeholder holds, reported once, on the option.
        let mut section = Section::new();
        section.set_option("procname", "\u{7} $(HOME) \u{1b}");
        let found = problems(&section);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].1.starts_with("`procname` contains U+0007"));
        // NUL: refused once, as in every format.
        let mut section = Section::new();
        section.set_option("procname", "a\0b");
        let found = problems(&section);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].1.contains("NUL"), "{found:?}");
        // ESC from the magic pass.
        let mut section = Section::new();
        section.set_option("procname", Value::from("x") + MagicVar::Escape);
        let found = problems(&section);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0]
            .1
            .contains("the magic variable %[ is the ESC character"));
        // A literal `%[` is no magic variable.
        let mut section = Section::new();
        section.set_option("procname", "%[");
        assert_eq!(
            section.to_xml().unwrap(),
            "<uwsgi>\n  <procname>%%[</procname>\n</uwsgi>\n"
        );
    }

    #[test]
    fn magic_codes_read_the_pairs_the_encoder_writes() {
        let codes = |text: &str| magic_codes(text).collect::<String>();
        assert_eq!(codes("%%d %(x) %d%h %%%[ %"), "dh[");
        assert_eq!(codes("%%"), "");
    }

    #[test]
    fn a_named_section_is_the_root_with_its_id() {
        let mut section = Section::named("app.2");
        section.set_option("master", true);
        let xml = section.to_xml().unwrap();
        assert_eq!(
            xml,
            "<uwsgi id=\"app.2\">\n  <master>true</master>\n</uwsgi>\n"
        );
        let mut config = Config::new();
        config.add_section(section);
        assert_eq!(config.to_xml().unwrap(), xml);
    }

    #[test]
    fn sections_go_in_a_container_the_uwsgi_one_first() {
        let section = |name: &str, value: &str| {
            let mut section = Section::named(name);
            section.set_option("procname", value);
            section
        };
        let mut config = Config::new();
        config
            .add_section(section("first", "1"))
            .add_section(section("uwsgi", "main"))
            .add_section(section("third", "3"));
        assert_eq!(
            config.to_xml().unwrap(),
            "<uwsgiconf>\n  \
               <uwsgi id=\"uwsgi\">\n    <procname>main</procname>\n  </uwsgi>\n  \
               <uwsgi id=\"first\">\n    <procname>1</procname>\n  </uwsgi>\n  \
               <uwsgi id=\"third\">\n    <procname>3</procname>\n  </uwsgi>\n\
             </uwsgiconf>\n"
        );
        // With autoinclude, the first section includes the others by the file's path.
        config.autoinclude(true);
        let xml = config.to_xml().unwrap();
        assert!(
            xml.contains(
                "<uwsgi id=\"first\">\n    <procname>1</procname>\n    \
                 <xml><![CDATA[%p:uwsgi]]></xml>\n    <xml><![CDATA[%p:third]]></xml>\n  </uwsgi>"
            ),
            "{xml}"
        );
        assert!(Config::new().to_xml().unwrap() == "<uwsgiconf>\n</uwsgiconf>\n");
    }

    #[test]
    fn the_owner_rule_names_the_xml_loader() {
        let mut owner = Section::named("other");
        owner
            .main_process()
            .set_owner_params(OwnerParams::new().uid("www-data").gid("www-data"));
        let mut config = Config::new();
        config.add_section(Section::new()).add_section(owner);
        let problems = config.to_xml().unwrap_err().into_problems();
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].kind(), ProblemKind::RunsAsRoot);
        assert_eq!(problems[0].origin(), "Config::to_xml");
        assert!(problems[0].message().contains("`uwsgi --xml file`"));
    }

    #[test]
    fn no_option_is_an_element_uwsgi_reads_otherwise() {
        // `<app>` mounts an application instead of setting an option.
        assert!(options::lookup("app").is_none());
        assert!(options::all().iter().all(|spec| spec
            .name()
            .starts_with(|c: char| c.is_ascii_lowercase())
            && spec
                .name()
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"-_".contains(&b))));
    }
}
