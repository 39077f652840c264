//! Output formats: one module per format, each a type implementing [`Format`] plus the
//! `to_<format>` methods of [`Section`] and [`Config`].
//!
//! A format says what it can carry to uWSGI as given ([`Carries`]), how a config's sections
//! are written ([`Sections`]), which lines it can hold at all ([`Format::admit`]: a name it
//! can spell, a place it can keep), and how a section start and a directive line are laid
//! out.
//! Everything else is shared: validation ([`crate::validate`]), the encoding of each value
//! driven by the capabilities ([`encode`]), and the driver here, which writes sections and
//! configs (placeholders shared across a config, unique section names, autoinclude).
//!
//! Adding a format is its module (the type, its `impl Format`, and `impl Section`/`impl
//! Config` blocks with the public methods) and its `mod` line below.

mod args;
mod encode;
mod env;
mod ini;
mod json;
mod xml;
mod yaml;

use crate::error::{Error, Problem, ProblemKind};
use crate::options::{key, Key, OptionSpec};
use crate::placeholder::Placeholders;
use crate::section::{Config, Section};
use crate::validate::{self, Line, LineContent, Lines};
use crate::value::{MagicVar, ValueRef};

pub(crate) use encode::{double_percent, ValueShape};

/// What a format can carry to uWSGI exactly as given; [`encode`] refuses, or works around,
/// whatever it cannot.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Carries {
    /// A line break inside a value (INI ends a value at a newline).
    pub(crate) line_breaks: bool,
    /// Blanks at the start of a value. Without them, a leading blank goes through a
    /// `set-placeholder` definition, which keeps the blanks after its own `=`.
    pub(crate) leading_blanks: bool,
    /// Blanks at the end of a value (INI trims them).
    pub(crate) trailing_blanks: bool,
    /// The document is a config file, which uWSGI's magic pass reads before anything else:
    /// every literal `%` is written `%%`, and magic variables (`%d`, `%h`...) can be written.
    /// The two go together: magic variables are that pass.
    pub(crate) magic: bool,
    /// The same key on several lines (the entries of a list, several placeholders).
    pub(crate) repeated_keys: bool,
}

impl Carries {
    /// A format that carries every value as given.
    pub(crate) const EVERYTHING: Carries = Carries {
        line_breaks: true,
        leading_blanks: true,
        trailing_blanks: true,
        magic: true,
        repeated_keys: true,
    };

    /// A format that carries none of it.
    pub(crate) const NOTHING: Carries = Carries {
        line_breaks: false,
        leading_blanks: false,
        trailing_blanks: false,
        magic: false,
        repeated_keys: false,
    };
}

/// How a format writes a config of several sections.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Sections {
    /// Each section under its name in one document, of which uWSGI reads one (`uwsgi` unless
    /// told otherwise): names must differ (uWSGI merges sections of one name), and with
    /// autoinclude the first section includes the others with option `include` and value
    /// `:name` (`ini = :name`), which reads that section of the same file, or
    /// `<path>:name` where the format says how to name the file ([`Format::INCLUDE_PATH`]).
    Named {
        /// The option that loads a section of this format (`ini`).
        include: Key,
    },
    /// No sections: every section's lines follow each other. Several sections mean them
    /// all only with autoinclude.
    Flat,
}

/// Why a format cannot write a line: the problem's message and fix (the driver adds the
/// place).
#[derive(Debug)]
pub(crate) struct Refusal {
    pub(crate) message: String,
    pub(crate) fix: String,
}

/// An output format: what it carries and how it lays lines out. A value of the type is the
/// document being written.
pub(crate) trait Format: Sized {
    /// The format's name in problems ("a new INI directive", "which INI drops").
    const NAME: &'static str;
    /// The method of [`Config`] that renders to the format (`to_ini`), for the origin of the
    /// problems found across sections.
    const METHOD: &'static str;
    /// The format problems suggest for what this one cannot carry ("render to INI").
    const OTHERWISE: &'static str;
    /// What the format carries.
    const CARRIES: Carries;
    /// How it writes several sections.
    const SECTIONS: Sections;
    /// What names the document being read in an include of another of its sections, written
    /// before `:name` ([`Sections::Named`]). None by default: INI's reader remembers its
    /// file, so `ini = :name` reads the same file. A reader without that memory (JSON)
    /// needs the path, which a magic variable gives (`%p`): only for formats that carry
    /// magic variables.
    const INCLUDE_PATH: Option<MagicVar> = None;
    /// What rendering gives.
    type Output;

    /// An empty document, with room for about `directives` lines.
    fn with_capacity(directives: usize) -> Self;

    /// Makes room for `lines`, about to be written (they are validated: the document's size
    /// can be told before it is written). By default nothing is reserved.
    fn reserve(&mut self, _lines: &Lines<'_>) {}

    /// Starts section `name`; formats without sections ([`Sections::Flat`]) ignore it.
    fn section_start(&mut self, _name: &str) {}

    /// Ends the section started last.
    fn section_end(&mut self) {}

    /// Writes option `spec` with `text`, the value as uWSGI must read it once the document's
    /// own syntax is undone: [`encode`] has done what the capabilities ask (the `%` pass,
    /// placeholders); quoting or entities (JSON, XML) are the format's. Placeholder
    /// definitions and includes are directives too.
    fn directive(&mut self, spec: &OptionSpec, text: &str);

    /// Why the format cannot write `text` as a value of `spec` (the text [`Format::directive`]
    /// would get), if it cannot; the driver then reports the line instead. By default a
    /// format writes any text.
    fn refuse_text(_spec: &OptionSpec, _text: &str) -> Option<Refusal> {
        None
    }

    /// Checks that the format can hold a line of option `spec` at all, before the line is
    /// written: a name it can spell, a place it can keep. `in_block` as for
    /// [`Format::switch`]. The format sees every line of the document in order (not the
    /// placeholder definitions the driver adds), so it may refuse a line for one it saw
    /// earlier. By default every line is admitted.
    fn admit(&mut self, _spec: &OptionSpec, _in_block: bool) -> Result<(), Refusal> {
        Ok(())
    }

    /// Writes switch `spec` turned on; `in_block` tells whether the line is inside a
    /// config-logic block (`if-*`, `for`...). By default a switch is the directive `true`,
    /// or `1` for the switches whose setter stores an integer (`so-send-timeout`): uWSGI
    /// reads those with `atoi()`, and `true` would turn them off.
    fn switch(&mut self, spec: &OptionSpec, _in_block: bool) -> Result<(), Refusal> {
        let on = if spec.sets_int() { "1" } else { "true" };
        self.directive(spec, on);
        Ok(())
    }

    /// The finished document.
    fn finish(self) -> Self::Output;
}

/// Renders one section in format `F`, or lists everything wrong with it.
pub(crate) fn render_section<F: Format>(section: &Section) -> Result<F::Output, Error> {
    let mut document = Document::<F>::new(section.directives().len());
    document.write(section, &[], &[]);
    document.finish()
}

/// Renders every section of `config` in format `F`, or lists everything wrong with them.
pub(crate) fn render_config<F: Format>(config: &Config) -> Result<F::Output, Error> {
    let sections = config.sections();
    let mut document = Document::<F>::new(sections.iter().map(|s| s.directives().len()).sum());
    let origin = format!("Config::{}", F::METHOD);
    match F::SECTIONS {
        Sections::Named { include } => {
            check_unique_names(sections, &mut document.problems);
            for rule in crate::groups::config_rules() {
                document
                    .problems
                    .extend((rule.check)(config, &origin, include.name()));
            }
            for (index, section) in sections.iter().enumerate() {
                let included = match index {
                    0 if config.is_autoinclude() => &sections[1..],
                    _ => &[],
                };
                // With autoinclude uWSGI reads the first section, then the others in order.
                let earlier = match config.is_autoinclude() {
                    true => &sections[..index],
                    false => &[],
                };
                document.write(section, included, earlier);
            }
        }
        Sections::Flat => {
            if sections.len() > 1 && !config.is_autoinclude() {
                document.problems.push(
                    Problem::new(
                        ProblemKind::Unrepresentable,
                        origin,
                        format!(
                            "the {} has no sections, and without autoinclude uWSGI would read \
                             only the first",
                            F::NAME
                        ),
                    )
                    .with_fix("render one section, or turn autoinclude on to apply them all"),
                );
            }
            // One after the other, all read (several without autoinclude are refused).
            for (index, section) in sections.iter().enumerate() {
                document.write(section, &[], &sections[..index]);
            }
        }
    }
    document.finish()
}

/// A document being written: the format's output, the placeholders it named, the problems
/// found, and, where the format cannot repeat a key, the keys written and the placeholders
/// defined.
struct Document<F> {
    format: F,
    placeholders: Placeholders,
    problems: Vec<Problem>,
    written: Vec<&'static str>,
    defined: Vec<String>,
    /// The line being encoded, reused from line to line.
    encoded: encode::Encoded,
}

impl<F: Format> Document<F> {
    fn new(directives: usize) -> Self {
        Document {
            format: F::with_capacity(directives),
            placeholders: Placeholders::default(),
            problems: Vec::new(),
            written: Vec::new(),
            defined: Vec::new(),
            encoded: encode::Encoded::default(),
        }
    }

    /// Validates `section` and writes its lines, then an include of each of `included`;
    /// uWSGI reads `earlier` before it.
    fn write(&mut self, section: &Section, included: &[Section], earlier: &[Section]) {
        let (lines, mut found) = validate::lines(section, earlier);
        check_same_file_includes::<F>(&lines, &mut found);
        if let Sections::Named { .. } = F::SECTIONS {
            self.written.clear();
            self.defined.clear();
        }
        self.format.reserve(&lines);
        self.format.section_start(section.name());
        let set_placeholder = key::SET_PLACEHOLDER.spec();
        let mut in_block = false;
        for run in lines.runs() {
            for line in run {
                if line.spec().closes_block() {
                    in_block = false;
                } else if line.spec().opens_block() {
                    in_block = true;
                }
                if let Err(refusal) = self.format.admit(line.spec(), in_block) {
                    found.push(refused(line, refusal));
                }
                match line.content() {
                    LineContent::On => {
                        self.once(line.spec(), line, &mut found);
                        if let Err(refusal) = self.format.switch(line.spec(), in_block) {
                            found.push(refused(line, refusal));
                        }
                    }
                    LineContent::Value(value) => {
                        if let (ValueShape::Plain { percent }, Some(text)) =
                            (line.shape(), value.as_literal())
                        {
                            // Nothing to check or to carry through a placeholder.
                            self.once(line.spec(), line, &mut found);
                            let text = encode::plain::<F>(text, percent, &mut self.encoded.text);
                            if let Some(refusal) = F::refuse_text(line.spec(), text) {
                                found.push(refused(line, refusal));
                            }
                            self.format.directive(line.spec(), text);
                            continue;
                        }
                        // Plain text is always of the shape above: this is a value.
                        let value = value.to_value();
                        let mut encoded = std::mem::take(&mut self.encoded);
                        encode::encode_into::<F>(
                            &value,
                            line.spec(),
                            &mut self.placeholders,
                            line.origin(),
                            (line.call(), line.blame()),
                            &mut found,
                            &mut encoded,
                        );
                        // One refusal per line: a placeholder holds a part of the same value.
                        let mut refusal = None;
                        for (name, stored) in encoded.placeholders.drain(..) {
                            // One text has one name: where a key cannot repeat, a placeholder the
                            // document defines already is not defined again.
                            if !F::CARRIES.repeated_keys {
                                if self.defined.contains(&name) {
                                    continue;
                                }
                                self.defined.push(name.clone());
                            }
                            self.once(set_placeholder, line, &mut found);
                            refusal = refusal.or_else(|| F::refuse_text(line.spec(), &stored));
                            self.format
                                .directive(set_placeholder, &format!("{name}={stored}"));
                        }
                        self.once(line.spec(), line, &mut found);
                        refusal = refusal.or_else(|| F::refuse_text(line.spec(), &encoded.text));
                        found.extend(refusal.map(|refusal| refused(line, refusal)));
                        self.format.directive(line.spec(), &encoded.text);
                        self.encoded = encoded;
                    }
                }
            }
        }
        if let Sections::Named { include } = F::SECTIONS {
            // `ini = :name` reads section `name` of the same file (`xml = %p:name` in
            // formats whose loader needs the file's path).
            for section in included {
                let mut text = String::new();
                if let Some(var) = F::INCLUDE_PATH {
                    debug_assert!(F::CARRIES.magic, "a magic variable needs the magic pass");
                    text.push('%');
                    text.push(var.code());
                }
                text.push(':');
                encode::escape::<F>(section.name(), &mut text);
                self.format.directive(include.spec(), &text);
            }
        }
        self.format.section_end();
        section.label_problems(&mut found);
        self.problems.append(&mut found);
    }

    /// Refuses a second line of `spec` where the format cannot repeat a key (once per key).
    fn once(&mut self, spec: &'static OptionSpec, line: &Line<'_>, found: &mut Vec<Problem>) {
        if F::CARRIES.repeated_keys {
            return;
        }
        let times = self
            .written
            .iter()
            .filter(|&&key| key == spec.name())
            .count();
        self.written.push(spec.name());
        if times == 1 {
            found.push(
                Problem::new(
                    ProblemKind::Unrepresentable,
                    line.origin(),
                    format!(
                        "`{}` would be written more than once, and the {} holds one value per \
                         option",
                        spec.name(),
                        F::NAME
                    ),
                )
                .with_value(validate::raw(line))
                .with_fix(format!(
                    "set it once (an option, a placeholder), or render to {}",
                    F::OTHERWISE
                ))
                .with_call(line.call())
                .with_blame(line.blame()),
            );
        }
    }

    fn finish(self) -> Result<F::Output, Error> {
        if self.problems.is_empty() {
            Ok(self.format.finish())
        } else {
            Err(Error::new(self.problems))
        }
    }
}

/// `<loader> = :name` reads section `name` of the file being read, which only INI's reader
/// remembers: `ini = :name` in an INI file. Measured on uWSGI 2.0.21, every other loader
/// (`xml`, `json`, `yaml`, `include`, `config`...) opens `""` and stops, and `ini = :name`
/// read from JSON, YAML, XML, the arguments or the environment crashes uWSGI.
fn check_same_file_includes<F: Format>(lines: &Lines<'_>, found: &mut Vec<Problem>) {
    let remembers = match F::SECTIONS {
        Sections::Named { include } if F::INCLUDE_PATH.is_none() => Some(include),
        _ => None,
    };
    // Lines of one option are a run, and loaders are few: look at their runs only.
    for run in lines.runs() {
        if !run.first().is_some_and(|line| line.spec().loads_config()) {
            continue;
        }
        for line in run {
            let same_file = (line.value().and_then(ValueRef::leading_literal))
                .is_some_and(|text| text.starts_with(':'));
            if !same_file || remembers.is_some_and(|key| key.is(line.spec())) {
                continue;
            }
            let name = line.spec().name();
            let problem = if key::INI.is(line.spec()) {
                Problem::new(
                    ProblemKind::Unrepresentable,
                    line.origin(),
                    format!(
                        "`ini = :name` names a section of the file being read, which uWSGI \
                         knows only while it reads an INI file: read from the {}, it crashes",
                        F::NAME
                    ),
                )
                .with_fix("name the file before the colon (`/etc/app.ini:name`), or render to INI")
            } else {
                Problem::new(
                    ProblemKind::InvalidValue,
                    line.origin(),
                    format!(
                        "`{name} = :name` names a section of the file being read, which only \
                         `ini` can do (in an INI file): uWSGI opens \"\" and stops"
                    ),
                )
                .with_fix("name the file before the colon (`/etc/app.conf:name`)")
            };
            found.push(
                problem
                    .with_value(validate::raw(line))
                    .with_call(line.call())
                    .with_blame(line.blame()),
            );
        }
    }
}

/// The problem of a line the format refuses to write.
fn refused(line: &Line<'_>, refusal: Refusal) -> Problem {
    Problem::new(ProblemKind::Unrepresentable, line.origin(), refusal.message)
        .with_value(validate::raw(line))
        .with_fix(refusal.fix)
        .with_call(line.call())
        .with_blame(line.blame())
}

/// uWSGI merges sections of the same name, which is never what two `Section`s mean.
fn check_unique_names(sections: &[Section], problems: &mut Vec<Problem>) {
    for (index, section) in sections.iter().enumerate() {
        if sections[..index].iter().any(|s| s.name() == section.name()) {
            problems.push(
                Problem::new(
                    ProblemKind::Conflict,
                    "Config::add_section",
                    "two sections have the same name, and uWSGI would merge them",
                )
                .with_value(section.name())
                .with_fix("give each section its own name"),
            );
        }
    }
}

/// What a format renders: a document, or environment variables.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rendered {
    /// A document (INI, JSON...).
    Text(String),
    /// `(name, value)` pairs.
    Variables(Vec<(String, String)>),
}

impl Rendered {
    /// The document, for a format that writes one.
    pub fn text(&self) -> Option<&str> {
        match self {
            Rendered::Text(text) => Some(text),
            Rendered::Variables(_) => None,
        }
    }
}

/// A format the macros can check for and render while compiling (`uwsgi_render!(json; ..)`):
/// its name in the macros and its renderer. Each format declares its own entry.
#[derive(Debug, Clone, Copy)]
pub struct FileFormat {
    /// The format's name in the macros (`json`).
    pub name: &'static str,
    /// Renders a section.
    pub render: fn(&Section) -> Result<Rendered, Error>,
}

/// Every format the macros know, INI first (their default).
pub const FILE_FORMATS: &[FileFormat] = &[ini::FILE, json::FILE, yaml::FILE, xml::FILE, env::FILE];

/// The format called `name`.
pub fn file_format(name: &str) -> Option<&'static FileFormat> {
    FILE_FORMATS.iter().find(|format| format.name == name)
}

#[cfg(test)]
mod tests {
    use super::{render_config, render_section, Carries, Format, Sections};
    use crate::options::OptionSpec;
    use crate::placeholder::placeholder_name;
    use crate::{Config, Error, MagicVar, OwnerParams, ProblemKind, Section, Value};

    // ---- a section of the file being read (`ini = :name`) ----

    #[test]
    fn only_ini_in_ini_reads_a_section_of_the_file_being_read() {
        let mut section = Section::new();
        section.set_option("ini", ":other");
        assert_eq!(section.to_ini().unwrap(), "[uwsgi]\nini = :other\n");
        for problems in [
            section.to_args().unwrap_err(),
            section.to_env().unwrap_err(),
            section.to_json().unwrap_err(),
        ]
        .map(Error::into_problems)
        {
            // The environment refuses every loader besides (its variables have no order).
            let same_file = problems
                .iter()
                .find(|p| p.message().contains("the file being read"))
                .unwrap_or_else(|| panic!("{problems:?}"));
            assert_eq!(same_file.kind(), ProblemKind::Unrepresentable);
            assert_eq!(same_file.value(), Some(":other"));
            assert!(same_file.fix().unwrap().contains("render to INI"));
        }

        let mut section = Section::new();
        section
            .add_option("yaml", ":other")
            .add_option("include", "/etc/a.ini:b");
        let problems = section.to_ini().unwrap_err().into_problems();
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].kind(), ProblemKind::InvalidValue);
        assert_eq!(problems[0].blame().option(), Some("yaml"));
        assert_eq!(problems[0].origin(), "add_option");
    }

    // ---- placeholder names (issue 7, item 6) ----

    #[test]
    fn placeholder_names_follow_the_content() {
        let render = |text: &str| {
            let mut section = Section::new();
            section.set_option("procname", text);
            section.to_ini().unwrap()
        };
        let a = render("a $(HOME)");
        let b = render("b @(x)");
        // Rendered apart, the two must not share a name: uWSGI keeps the first definition.
        assert!(a.contains(&placeholder_name("a $(HOME)")), "{a}");
        assert!(b.contains(&placeholder_name("b @(x)")), "{b}");
        assert_ne!(placeholder_name("a $(HOME)"), placeholder_name("b @(x)"));
        // Deterministic, and the same text has the same name in every render and format.
        assert_eq!(a, render("a $(HOME)"));
        let mut section = Section::new();
        section.set_option("procname", "a $(HOME)");
        let args = section.to_args().unwrap();
        assert_eq!(
            args[1],
            format!("{}=a $(HOME)", placeholder_name("a $(HOME)"))
        );
        // The text as uWSGI ends up with it names the placeholder, not its escaped form.
        assert!(render("50% $(x)").contains(&format!(
            "set-placeholder = {}=50%% $(x)",
            placeholder_name("50% $(x)")
        )));
    }

    #[test]
    fn placeholder_names_do_not_collide_across_the_sections_of_a_config() {
        let mut first = Section::new();
        first.set_option("procname", "$(a)");
        let mut second = Section::named("second");
        second.set_option("procname", "$(b)");
        let mut config = Config::new();
        config
            .add_section(first)
            .add_section(second)
            .autoinclude(true);
        let ini = config.to_ini().unwrap();
        assert!(ini.contains(&placeholder_name("$(a)")) && ini.contains(&placeholder_name("$(b)")));
    }

    // ---- the driver, with formats that exist only here ----

    /// What a new format takes: a type, its `impl Format`, and its methods on `Section` and
    /// `Config`. This one writes `key=value` lines and carries everything.
    struct Lines {
        out: Vec<String>,
    }

    impl Format for Lines {
        const NAME: &'static str = "line format";
        const METHOD: &'static str = "to_lines";
        const OTHERWISE: &'static str = "INI";
        const CARRIES: Carries = Carries::EVERYTHING;
        const SECTIONS: Sections = Sections::Named {
            include: crate::options::key::INI,
        };
        type Output = String;

        fn with_capacity(directives: usize) -> Self {
            Lines {
                out: Vec::with_capacity(directives),
            }
        }

        fn section_start(&mut self, name: &str) {
            self.out.push(format!("<{name}>"));
        }

        fn section_end(&mut self) {
            self.out.push("</>".into());
        }

        fn directive(&mut self, spec: &OptionSpec, text: &str) {
            self.out.push(format!("{}={text}", spec.name()));
        }

        fn finish(self) -> String {
            self.out.join("\n")
        }
    }

    impl Section {
        fn to_lines(&self) -> Result<String, Error> {
            render_section::<Lines>(self)
        }
    }

    impl Config {
        fn to_lines(&self) -> Result<String, Error> {
            render_config::<Lines>(self)
        }
    }

    /// A format that carries nothing: no line breaks, no edge blanks, no magic pass, no
    /// repeated key, no sections. Its lines are laid out as [`Lines`] does.
    struct Narrow(Lines);

    impl Format for Narrow {
        const NAME: &'static str = "narrow format";
        const METHOD: &'static str = "to_narrow";
        const OTHERWISE: &'static str = "lines";
        const CARRIES: Carries = Carries::NOTHING;
        const SECTIONS: Sections = Sections::Flat;
        type Output = Vec<String>;

        fn with_capacity(directives: usize) -> Self {
            Narrow(Lines::with_capacity(directives))
        }

        fn directive(&mut self, spec: &OptionSpec, text: &str) {
            self.0.directive(spec, text);
        }

        fn finish(self) -> Vec<String> {
            self.0.out
        }
    }

    fn narrow(section: &Section) -> Result<Vec<String>, Vec<(ProblemKind, String, String)>> {
        render_section::<Narrow>(section).map_err(|error| {
            error
                .into_problems()
                .into_iter()
                .map(|p| {
                    (
                        p.kind(),
                        p.message().to_string(),
                        p.fix().unwrap_or("").into(),
                    )
                })
                .collect()
        })
    }

    #[test]
    fn a_format_that_carries_everything_writes_values_as_given() {
        let mut section = Section::new();
        section
            .set_option("procname", " two\nlines ")
            .add_option("env", "A=100%")
            .add_option("env", Value::from("B=") + MagicVar::ConfigDir)
            .add_option("env", "C=$(HOME)")
            .set_option("vacuum", true);
        let name = placeholder_name("C=$(HOME)");
        assert_eq!(
            section.to_lines().unwrap(),
            format!(
                "<uwsgi>\nprocname= two\nlines \nenv=A=100%%\nenv=B=%d\n\
                 set-placeholder={name}=C=$(HOME)\nenv=%({name})\nvacuum=true\n</>"
            )
        );
        // Validation and the groups' rules run whatever the format.
        let mut section = Section::new();
        section
            .set_option("processes", 2)
            .add_option("processes", 3);
        let error = section.to_lines().unwrap_err();
        assert_eq!(error.problems()[0].kind(), ProblemKind::Conflict);
        let mut section = Section::new();
        section
            .main_process()
            .set_owner_params(OwnerParams::new().uid("www-data"));
        let error = section.to_lines().unwrap_err();
        assert_eq!(error.problems()[0].kind(), ProblemKind::UidWithoutGid);
    }

    #[test]
    fn named_sections_are_unique_share_placeholders_and_include_each_other() {
        let mut first = Section::new();
        first.set_option("procname", "$(a)");
        let mut second = Section::named("second");
        second
            .set_option("procname", "$(a)")
            .main_process()
            .set_owner_params(OwnerParams::new().uid("www-data").gid("www-data"));
        let mut config = Config::new();
        config
            .add_section(first.clone())
            .add_section(second.clone())
            .autoinclude(true);
        let name = placeholder_name("$(a)");
        assert_eq!(
            config.to_lines().unwrap(),
            format!(
                "<uwsgi>\nset-placeholder={name}=$(a)\nprocname=%({name})\nini=:second\n</>\n\
                 <second>\nset-placeholder={name}=$(a)\nprocname=%({name})\nuid=www-data\n\
                 gid=www-data\n</>"
            )
        );
        // Without autoinclude, the owner in `second` never applies; the origin and the
        // loading option come from the format.
        config.autoinclude(false);
        let problems = config.to_lines().unwrap_err().into_problems();
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].kind(), ProblemKind::RunsAsRoot);
        assert_eq!(problems[0].origin(), "Config::to_lines");
        assert!(problems[0].message().contains("`uwsgi --ini file`"));
        // Two sections of one name would be merged.
        let mut config = Config::new();
        config.add_section(first.clone()).add_section(first);
        let problems = config.to_lines().unwrap_err().into_problems();
        assert_eq!(problems[0].kind(), ProblemKind::Conflict);
    }

    #[test]
    fn what_a_format_cannot_carry_is_refused_in_its_words() {
        let refused = |value: Value| {
            let mut section = Section::new();
            section.set_option("procname", value);
            narrow(&section).unwrap_err()
        };
        let problems = refused(Value::from("a\nb"));
        assert_eq!(
            problems[0].1,
            "`procname` contains a line break, which would start a new narrow format directive"
        );
        assert_eq!(problems[0].2, "remove it, or render to lines");
        let problems = refused(Value::from("a "));
        assert_eq!(
            problems[0].1,
            "`procname` ends with a blank, which narrow format drops"
        );
        let problems = refused(Value::from(MagicVar::ConfigDir));
        assert_eq!(problems[0].0, ProblemKind::MisplacedVariable);
        assert_eq!(problems[0].2, "render to lines, or write the value out");
        // A leading blank goes through a placeholder; without the magic pass `%` stays.
        let mut section = Section::new();
        section.set_option("procname", "  100%");
        let name = placeholder_name("  100%");
        assert_eq!(
            narrow(&section).unwrap(),
            [
                format!("set-placeholder={name}=  100%"),
                format!("procname=%({name})")
            ]
        );
        // One value per key: a list's second entry, and a second placeholder.
        let mut section = Section::new();
        section.add_option("env", "A=1").add_option("env", "B=1");
        let problems = narrow(&section).unwrap_err();
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(
            problems[0].1,
            "`env` would be written more than once, and the narrow format holds one value per option"
        );
        let mut section = Section::new();
        section
            .set_option("procname", " a")
            .set_option("chdir", " b");
        let problems = narrow(&section).unwrap_err();
        assert!(
            problems[0]
                .1
                .starts_with("`set-placeholder` would be written"),
            "{problems:?}"
        );
        // A switch is a directive `true` unless the format says otherwise, even in a block.
        let mut section = Section::new();
        section
            .add_option("if-env", "PATH")
            .set_option("vacuum", true)
            .add_option("endif", "");
        assert_eq!(
            narrow(&section).unwrap(),
            ["if-env=PATH", "vacuum=true", "endif="]
        );
    }

    #[test]
    fn a_format_without_sections_takes_several_only_with_autoinclude() {
        let mut first = Section::new();
        first.set_option("procname", "a");
        let mut second = Section::named("second");
        second.set_option("chdir", "/srv");
        let mut config = Config::new();
        config.add_section(first).add_section(second);
        let problems = render_config::<Narrow>(&config)
            .unwrap_err()
            .into_problems();
        assert_eq!(problems[0].origin(), "Config::to_narrow");
        assert_eq!(
            problems[0].message(),
            "the narrow format has no sections, and without autoinclude uWSGI would read only the first"
        );
        config.autoinclude(true);
        assert_eq!(
            render_config::<Narrow>(&config).unwrap(),
            ["procname=a", "chdir=/srv"]
        );
        // The document is one: a key of two sections is written twice.
        config.add_section({
            let mut third = Section::named("third");
            third.set_option("procname", "b");
            third
        });
        let problems = render_config::<Narrow>(&config)
            .unwrap_err()
            .into_problems();
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].kind(), ProblemKind::Unrepresentable);
    }
}
