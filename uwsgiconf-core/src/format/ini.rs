//! INI: `[section]` then `key = value` lines, as uWSGI's `--ini` reads them.

use super::{render_config, render_section, Carries, Format, Sections};
use crate::error::Error;
use crate::options::{key, OptionSpec};
use crate::section::{Config, Section};
use crate::validate::Lines;

/// An INI file being written.
pub(crate) struct Ini {
    out: String,
}

impl Format for Ini {
    const NAME: &'static str = "INI";
    const METHOD: &'static str = "to_ini";
    const OTHERWISE: &'static str = "command-line arguments";
    // uWSGI trims blanks around a value, ends it at a newline, and runs the magic `%` pass
    // on the whole file before parsing it.
    const CARRIES: Carries = Carries {
        magic: true,
        repeated_keys: true,
        ..Carries::NOTHING
    };
    const SECTIONS: Sections = Sections::Named { include: key::INI };
    type Output = String;

    fn with_capacity(_directives: usize) -> Self {
        // Sized by `reserve`, once the lines are known.
        Ini { out: String::new() }
    }

    /// About the size of the lines as written, so that the output is allocated once: the
    /// text's length, and an eighth more for what escaping adds (`%` doubled) and a few
    /// placeholders.
    fn reserve(&mut self, lines: &Lines<'_>) {
        let (count, text_len) = lines.size();
        let bytes = text_len + count * " = \n".len();
        // The section's header, and slack for an include.
        self.out.reserve_exact(bytes + bytes / 8 + 64);
    }

    fn section_start(&mut self, name: &str) {
        if !self.out.is_empty() {
            self.out.push('\n');
        }
        self.out.push('[');
        self.out.push_str(name);
        self.out.push_str("]\n");
    }

    fn directive(&mut self, spec: &OptionSpec, text: &str) {
        self.out.push_str(spec.name());
        if text.is_empty() {
            self.out.push_str(" =\n");
        } else {
            self.out.push_str(" = ");
            self.out.push_str(text);
            self.out.push('\n');
        }
    }

    fn finish(self) -> String {
        self.out
    }
}

/// The format's entry in [`super::FILE_FORMATS`].
pub(crate) const FILE: super::FileFormat = super::FileFormat {
    name: "ini",
    render: |section| section.to_ini().map(super::Rendered::Text),
};

impl Section {
    /// Renders the section as an INI file, or lists everything wrong with it.
    ///
    /// ```
    /// use uwsgiconf_core::Section;
    ///
    /// let mut section = Section::new();
    /// section.set_option("procname", "100% $(app)");
    /// let ini = section.to_ini().unwrap();
    /// // `%` is doubled for the magic pass, and a placeholder carries `$(` past expansion.
    /// assert!(ini.starts_with("[uwsgi]\nset-placeholder = uwsgiconf-literal-"));
    /// assert!(ini.contains("=100%% $(app)\nprocname = %(uwsgiconf-literal-"));
    ///
    /// section.set_option("procname", "two\nlines");
    /// assert!(section.to_ini().is_err()); // a line break would start a new directive
    /// ```
    pub fn to_ini(&self) -> Result<String, Error> {
        render_section::<Ini>(self)
    }
}

impl Config {
    /// Renders every section into one INI file, or lists everything wrong with them.
    pub fn to_ini(&self) -> Result<String, Error> {
        render_config::<Ini>(self)
    }
}
