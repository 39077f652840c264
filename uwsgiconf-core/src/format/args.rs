//! Command-line arguments for `uwsgi`, ready for `std::process::Command`.

use super::{render_config, render_section, Carries, Format, Refusal, Sections};
use crate::error::Error;
use crate::options::{ArgKind, OptionSpec};
use crate::section::{Config, Section};

/// The arguments being written.
pub(crate) struct Args {
    out: Vec<String>,
}

impl Format for Args {
    const NAME: &'static str = "command line";
    const METHOD: &'static str = "to_args";
    const OTHERWISE: &'static str = "INI";
    // An argument reaches uWSGI whole, and no magic pass reads it.
    const CARRIES: Carries = Carries {
        magic: false,
        ..Carries::EVERYTHING
    };
    const SECTIONS: Sections = Sections::Flat;
    type Output = Vec<String>;

    fn with_capacity(directives: usize) -> Self {
        Args {
            out: Vec::with_capacity(directives * 2),
        }
    }

    fn directive(&mut self, spec: &OptionSpec, text: &str) {
        if spec.arg == ArgKind::Optional {
            // getopt does not take an optional argument from the next word.
            self.out.push(format!("--{}={text}", spec.name()));
        } else {
            self.out.push(format!("--{}", spec.name()));
            self.out.push(text.to_owned());
        }
    }

    fn switch(&mut self, spec: &OptionSpec, in_block: bool) -> Result<(), Refusal> {
        // A few switches are declared with a required argument (`alarm-cheap`,
        // `log-ioerror`...): getopt then needs one, and `true` sets them.
        if spec.arg != ArgKind::Required && !in_block {
            self.out.push(format!("--{}", spec.name()));
            return Ok(());
        }
        // Config logic hands the value of each option in a taken block to a string
        // substitution: a switch written without one crashes uWSGI 2.0.21 (SIGSEGV, measured
        // with `--if-env PATH --vacuum --endif`).
        if spec.arg == ArgKind::None {
            return Err(Refusal {
                message: format!(
                    "`{}` is a switch inside a config-logic block: on the command line uWSGI \
                     crashes on a switch there, as it has no value",
                    spec.name()
                ),
                fix: format!("set it outside the block, or render to {}", Self::OTHERWISE),
            });
        }
        self.directive(spec, "true");
        Ok(())
    }

    fn finish(self) -> Vec<String> {
        self.out
    }
}

impl Section {
    /// Renders the section as `uwsgi` command-line arguments (without the program name), or
    /// lists everything wrong with it.
    ///
    /// ```
    /// use uwsgiconf_core::Section;
    ///
    /// let mut section = Section::new();
    /// section
    ///     .set_option("ksm", 5)
    ///     .set_option("vacuum", true)
    ///     .set_option("procname", "two\nlines");
    /// // An optional argument needs `=`; a switch stands alone.
    /// assert_eq!(
    ///     section.to_args().unwrap(),
    ///     ["--ksm=5", "--vacuum", "--procname", "two\nlines"]
    /// );
    /// ```
    pub fn to_args(&self) -> Result<Vec<String>, Error> {
        render_section::<Args>(self)
    }
}

impl Config {
    /// Renders the configuration as command-line arguments. The command line has no
    /// sections: it takes one section, or several with [`Config::autoinclude`] (they are
    /// then applied in order).
    ///
    /// ```
    /// use uwsgiconf_core::{Config, Section};
    ///
    /// let mut second = Section::named("second");
    /// second.set_option("chdir", "/srv/app");
    /// let mut config = Config::new();
    /// config.add_section(Section::new()).add_section(second);
    /// assert!(config.to_args().is_err()); // uWSGI would read only the first
    /// config.autoinclude(true);
    /// assert_eq!(config.to_args().unwrap(), ["--chdir", "/srv/app"]);
    /// ```
    pub fn to_args(&self) -> Result<Vec<String>, Error> {
        render_config::<Args>(self)
    }
}

#[cfg(test)]
mod tests {
    use crate::Section;

    #[test]
    fn a_switch_without_argument_is_refused_inside_a_block() {
        let mut section = Section::new();
        section
            .add_option("if-env", "PATH")
            .set_option("vacuum", true)
            .add_option("endif", "");
        let error = section.to_args().unwrap_err();
        assert_eq!(error.problems().len(), 1);
        assert_eq!(
            error.problems()[0].kind(),
            crate::ProblemKind::Unrepresentable
        );
        assert!(section.to_ini().is_ok());
        section.add_option("alarm-cheap", true);
        let mut outside = Section::new();
        outside
            .set_option("vacuum", true)
            .add_option("if-env", "PATH")
            .set_option("alarm-cheap", true)
            .add_option("endif", "");
        assert_eq!(
            outside.to_args().unwrap(),
            [
                "--vacuum",
                "--if-env",
                "PATH",
                "--alarm-cheap",
                "true",
                "--endif="
            ]
        );
    }

    #[test]
    fn switches_declared_with_an_argument_get_true() {
        let mut section = Section::new();
        section
            .set_option("alarm-cheap", true)
            .set_option("vacuum", true);
        assert_eq!(
            section.to_args().unwrap(),
            ["--alarm-cheap", "true", "--vacuum"]
        );
    }
}
