//! Environment variables: `UWSGI_<NAME>=value`, one per option, as uWSGI reads them before
//! its command line.
//!
//! How uWSGI 2.0.21 reads its environment (`parse_sys_envs`, measured):
//! - every variable whose name starts with `UWSGI_` is an option: the rest of the name is
//!   lower-cased and each `_` becomes `-` (`UWSGI_NEVER_SWAP` is `never-swap`), so only names
//!   of lower-case letters, digits and `-` come back as themselves (`UWSGI_PIVOT_ROOT` is
//!   `pivot-root`, never `pivot_root`);
//! - the value is taken as it is: no magic `%` pass, no trimming, line breaks kept; the
//!   `$(..)`, `@(..)` and `%(..)` passes run on it as on any option;
//! - eight names are skipped ([`SKIPPED`]): uWSGI passes them to itself across reloads and to
//!   its vassals (`UWSGI_EMPEROR_PROXY` even makes it wait for an Emperor);
//! - variables are read in the order of the environment, which no launcher (shell, container
//!   runtime, service manager) promises: one variable per option, and nothing whose effect
//!   depends on its place among the others: no config logic, no includes (their options
//!   would land anywhere among the variables), no black- or whitelist; of the options that
//!   act as they are read (`print`, `flock`, `immediate-gid` then `immediate-uid`), one;
//! - strict mode applies, and is checked again once everything is read, so `UWSGI_STRICT`
//!   may stand anywhere;
//! - the command line is read after the environment: its scalars win, and in each hook phase
//!   the environment's action runs first.

use super::{render_config, render_section, Carries, Format, Refusal, Sections};
use crate::error::Error;
use crate::options::OptionSpec;
use crate::section::{Config, Section};

/// The prefix of the variables uWSGI reads as options.
const PREFIX: &str = "UWSGI_";

/// The `UWSGI_` names uWSGI does not read as options (`parse_sys_envs`, 2.0.21 to 2.0.31).
pub(crate) const SKIPPED: [&str; 8] = [
    "UWSGI_RELOADS",
    "UWSGI_VASSALS_DIR",
    "UWSGI_EMPEROR_FD",
    "UWSGI_BROODLORD_NUM",
    "UWSGI_EMPEROR_FD_CONFIG",
    "UWSGI_EMPEROR_PROXY",
    "UWSGI_JAIL_PID",
    "UWSGI_ORIGINAL_PROC_NAME",
];

/// Immediate options that apply to the options read after them.
const GOVERNS_WHAT_FOLLOWS: [&str; 5] = [
    "autoload",
    "blacklist",
    "whitelist",
    "end-blacklist",
    "end-whitelist",
];

/// Whether the option reads another config where it stands (`ini`, `include`, `json`...).
fn loads_config(spec: &OptionSpec) -> bool {
    // Their setters, `uwsgi_opt_load_ini`..., unlike `uwsgi_opt_load_plugin`'s options.
    spec.acts_per_occurrence() && spec.setter().starts_with("uwsgi_opt_load")
}

/// The variable uWSGI reads as option `name`: `UWSGI_`, then the name upper-cased with `-`
/// as `_`.
pub(crate) fn variable_name(name: &str) -> String {
    let mut variable = String::with_capacity(PREFIX.len() + name.len());
    variable.push_str(PREFIX);
    variable.extend(name.chars().map(|c| match c {
        '-' => '_',
        c => c.to_ascii_uppercase(),
    }));
    variable
}

/// The option uWSGI reads from `variable`, as `parse_sys_envs` spells it: `None` for a name
/// without the prefix or one uWSGI skips.
pub(crate) fn option_name(variable: &str) -> Option<String> {
    let rest = variable.strip_prefix(PREFIX)?;
    if SKIPPED.contains(&variable) {
        return None;
    }
    Some(
        rest.chars()
            .map(|c| match c.to_ascii_lowercase() {
                '_' => '-',
                c => c,
            })
            .collect(),
    )
}

/// The environment being written, and the options seen that act as uWSGI reads them, whose
/// order would count if there were two.
pub(crate) struct Env {
    out: Vec<(String, String)>,
    /// An option that acts where it stands (`print`, `flock`).
    acting: Option<&'static str>,
    /// `immediate-uid` or `immediate-gid`.
    immediate_owner: Option<&'static str>,
    /// What makes a plugin's option depend on its place: `strict`, a line loading a plugin,
    /// an option from a plugin (see [`Env::plugin_order`]).
    plugins: PluginOrder,
}

/// See [`Env::plugin_order`].
#[derive(Default)]
struct PluginOrder {
    strict: bool,
    loader: Option<&'static str>,
    option: Option<&'static str>,
    refused: bool,
}

impl Env {
    /// uWSGI keeps every option it reads and looks it up again once it has read them all
    /// (and loaded the plugins), but in strict mode it refuses an unknown option as soon as
    /// it reads it: with `strict` in the environment, an option read before the line loading
    /// its plugin is refused (measured on 2.0.21: `UWSGI_STRICT`, `UWSGI_HTTP`, then
    /// `UWSGI_PLUGIN=http` is refused; `UWSGI_PLUGIN` before `UWSGI_HTTP` accepted), and the
    /// environment has no order. Which plugin a line loads is not known here, so any plugin
    /// line with any plugin option counts. uWSGI reads the environment before the command
    /// line (measured: `UWSGI_STRICT` with `UWSGI_HTTP` is refused even with `--plugin http`
    /// on the command line, and accepted with `--strict` there instead).
    fn plugin_order(&mut self, spec: &OptionSpec) -> Result<(), Refusal> {
        let order = &mut self.plugins;
        match spec.name() {
            "strict" => order.strict = true,
            "plugin" | "plugins" | "need-plugin" | "need-plugins" => {
                order.loader.get_or_insert(spec.name());
            }
            name if !spec.is_core() => {
                order.option.get_or_insert(name);
            }
            _ => return Ok(()),
        }
        match (order.strict, order.loader, order.option, order.refused) {
            (true, Some(loader), Some(option), false) => {
                order.refused = true;
                Err(Refusal {
                    message: format!(
                        "`{option}` comes from a plugin and `{loader}` loads plugins: with \
                         `strict`, uWSGI refuses a plugin's option read before the plugin is \
                         loaded, and it reads the environment in whatever order it holds"
                    ),
                    fix: format!(
                        "leave strict out of the section and give --strict on the command \
                         line (uWSGI reads it after the environment), or render to {}",
                        Self::OTHERWISE
                    ),
                })
            }
            _ => Ok(()),
        }
    }
}

impl Format for Env {
    const NAME: &'static str = "environment";
    const METHOD: &'static str = "to_env";
    const OTHERWISE: &'static str = "INI";
    // A value reaches uWSGI whole and no magic pass reads it; a name holds one value.
    const CARRIES: Carries = Carries {
        magic: false,
        repeated_keys: false,
        ..Carries::EVERYTHING
    };
    const SECTIONS: Sections = Sections::Flat;
    type Output = Vec<(String, String)>;

    fn with_capacity(directives: usize) -> Self {
        Env {
            out: Vec::with_capacity(directives),
            acting: None,
            immediate_owner: None,
            plugins: PluginOrder::default(),
        }
    }

    fn admit(&mut self, spec: &OptionSpec, _in_block: bool) -> Result<(), Refusal> {
        let name = spec.name();
        Env::admit_name(name)?;
        let otherwise = Self::OTHERWISE;
        let place = if spec.opens_block() {
            Some("opens config logic, which applies to the options read after it")
        } else if spec.closes_block() {
            Some("ends config logic where it stands")
        } else if loads_config(spec) {
            Some("loads a config whose options take its place among the others")
        } else if GOVERNS_WHAT_FOLLOWS.contains(&name) {
            Some("applies to the options read after it")
        } else {
            None
        };
        if let Some(place) = place {
            return Err(Refusal {
                message: format!(
                    "`{name}` {place}, and uWSGI reads the environment in whatever order it \
                     holds"
                ),
                fix: format!("render to {otherwise}, or give it on the command line"),
            });
        }
        self.plugin_order(spec)?;
        // What acts where it stands (`print`, `flock`) has no order to keep when it is the
        // only one; two of them need one. So do `immediate-gid` and `immediate-uid`: the
        // group must be set while still root. A second line of one option is the driver's
        // problem (one value per variable).
        let (earlier, why, fix) = if spec.acts_per_occurrence() {
            (&mut self.acting, "", "keep one of them")
        } else if matches!(name, "immediate-uid" | "immediate-gid") {
            (
                &mut self.immediate_owner,
                " (the group must come first: once the user is dropped, setgid() fails)",
                "drop privileges after reading (no set_asap)",
            )
        } else {
            return Ok(());
        };
        match *earlier {
            Some(other) if other != name => Err(Refusal {
                message: format!(
                    "`{other}` and `{name}` each act as uWSGI reads them, and it reads the \
                     environment in whatever order it holds{why}"
                ),
                fix: format!("{fix}, or render to {otherwise}"),
            }),
            _ => {
                *earlier = Some(spec.name());
                Ok(())
            }
        }
    }

    fn directive(&mut self, spec: &OptionSpec, text: &str) {
        self.out.push((variable_name(spec.name()), text.to_owned()));
    }

    fn switch(&mut self, spec: &OptionSpec, _in_block: bool) -> Result<(), Refusal> {
        // `1` is what a bare command-line switch sets, whatever the option's setter: `true`
        // and the empty value turn flags on too, but the few switches stored as integers
        // (`so-send-timeout`...) would read them as 0.
        self.directive(spec, "1");
        Ok(())
    }

    fn finish(self) -> Vec<(String, String)> {
        self.out
    }
}

impl Env {
    /// Refuses an option whose variable uWSGI would not read back as that option.
    fn admit_name(name: &str) -> Result<(), Refusal> {
        let variable = variable_name(name);
        let otherwise = Self::OTHERWISE;
        match option_name(&variable) {
            None => {
                return Err(Refusal {
                    message: format!(
                        "`{name}` would be the variable {variable}, which uWSGI does not read as \
                         an option: it passes that variable to itself"
                    ),
                    fix: format!("render to {otherwise}"),
                })
            }
            Some(read) if read != name => {
                return Err(Refusal {
                    message: format!(
                        "`{name}` cannot be named in the environment: uWSGI reads {variable} \
                         as `{read}`"
                    ),
                    fix: match crate::options::lookup(&read) {
                        Some(_) => format!(
                            "set `{read}` if it is the same option, or render to {otherwise}"
                        ),
                        None => format!("render to {otherwise}"),
                    },
                })
            }
            Some(_) => {}
        }
        Ok(())
    }
}

/// The format's entry in [`super::FILE_FORMATS`].
pub(crate) const FILE: super::FileFormat = super::FileFormat {
    name: "env",
    render: |section| section.to_env().map(super::Rendered::Variables),
};

impl Section {
    /// Renders the section as environment variables (name, value) for uWSGI, or lists
    /// everything wrong with it.
    ///
    /// Each option is the variable `UWSGI_<NAME>` (upper case, `-` as `_`), its value as
    /// given: line breaks and blanks at either end are kept, and `%` is literal (no magic
    /// pass reads the environment). A variable holds one value and the environment has no
    /// order, so the section is refused when an option would be written twice (a list's
    /// second entry, a second placeholder) or needs its place among the others (config
    /// logic, includes, two of `print`/`flock`, `set_asap` owners); magic variables (`%d`...)
    /// exist only in files. A switch is `1`, which every switch reads as on.
    ///
    /// uWSGI reads every `UWSGI_` variable of its environment: start the process without the
    /// others (`Command::env_remove`, or `env_clear`).
    ///
    /// ```
    /// use uwsgiconf_core::Section;
    ///
    /// let mut section = Section::new();
    /// section
    ///     .set_option("never-swap", true)
    ///     .set_option("procname", " 100% two\nlines ")
    ///     .add_option("env", "LANG=C.UTF-8");
    /// assert_eq!(
    ///     section.to_env().unwrap(),
    ///     [
    ///         ("UWSGI_NEVER_SWAP".to_string(), "1".to_string()),
    ///         ("UWSGI_PROCNAME".into(), " 100% two\nlines ".into()),
    ///         ("UWSGI_ENV".into(), "LANG=C.UTF-8".into()),
    ///     ]
    /// );
    ///
    /// section.add_option("env", "LC_ALL=C.UTF-8");
    /// assert!(section.to_env().is_err()); // one value per variable
    /// ```
    ///
    /// Literal `$(` or `@(` goes through one `set-placeholder`, as in the other formats, so a
    /// section holds one such text at most:
    ///
    /// ```
    /// use uwsgiconf_core::Section;
    ///
    /// let mut section = Section::new();
    /// section.set_option("procname", "$(HOME) stays");
    /// let env = section.to_env().unwrap();
    /// assert_eq!(env[0].0, "UWSGI_SET_PLACEHOLDER");
    /// assert!(env[0].1.ends_with("=$(HOME) stays"));
    /// assert!(env[1].1.starts_with("%(uwsgiconf-literal-"));
    /// ```
    pub fn to_env(&self) -> Result<Vec<(String, String)>, Error> {
        render_section::<Env>(self)
    }
}

impl Config {
    /// Renders the configuration as one environment. An environment has no sections: it
    /// takes one section, or several with [`Config::autoinclude`], which then make one set of
    /// variables (an option set in two of them is refused, as in one section).
    ///
    /// ```
    /// use uwsgiconf_core::{Config, Section};
    ///
    /// let mut first = Section::new();
    /// first.set_option("procname", "app");
    /// let mut second = Section::named("second");
    /// second.set_option("chdir", "/srv/app");
    /// let mut config = Config::new();
    /// config.add_section(first).add_section(second);
    /// assert!(config.to_env().is_err()); // separate sections cannot be told apart
    /// config.autoinclude(true);
    /// assert_eq!(
    ///     config.to_env().unwrap(),
    ///     [
    ///         ("UWSGI_PROCNAME".to_string(), "app".to_string()),
    ///         ("UWSGI_CHDIR".into(), "/srv/app".into()),
    ///     ]
    /// );
    /// ```
    pub fn to_env(&self) -> Result<Vec<(String, String)>, Error> {
        render_config::<Env>(self)
    }
}

#[cfg(test)]
mod tests {
    use super::{option_name, variable_name, Env, SKIPPED};
    use crate::options;
    use crate::placeholder::placeholder_name;
    use crate::{Config, MagicVar, OwnerParams, ProblemKind, Section, Value};

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(name, value)| (name.to_string(), value.to_string()))
            .collect()
    }

    /// The (kind, message, fix) of each problem.
    fn refused(section: &Section) -> Vec<(ProblemKind, String, String)> {
        section
            .to_env()
            .unwrap_err()
            .into_problems()
            .into_iter()
            .map(|p| (p.kind(), p.message().into(), p.fix().unwrap_or("").into()))
            .collect()
    }

    #[test]
    fn values_are_written_as_given_and_switches_as_1() {
        let mut section = Section::new();
        section
            .set_strict(true)
            .set_option("procname", "  100% %d\ttwo\nlines\r\n ")
            .set_option("vacuum", true)
            .set_option("master", false)
            .add_option("env", "A=b=c")
            .set_option("procname-append", "")
            .set_option("processes", 4)
            .set_option("so-send-timeout", true);
        assert_eq!(
            section.to_env().unwrap(),
            pairs(&[
                ("UWSGI_STRICT", "1"),
                ("UWSGI_PROCNAME", "  100% %d\ttwo\nlines\r\n "),
                ("UWSGI_VACUUM", "1"),
                ("UWSGI_ENV", "A=b=c"),
                ("UWSGI_PROCNAME_APPEND", ""),
                ("UWSGI_PROCESSES", "4"),
                ("UWSGI_SO_SEND_TIMEOUT", "1"),
            ])
        );
    }

    #[test]
    fn variables_and_placeholders() {
        let mut section = Section::new();
        section
            .set_option("procname", "a $(HOME) @(x) b")
            .set_option("chdir", Value::env("HOME") + "/app")
            .set_option("procname-append", Value::placeholder("procname"));
        let name = placeholder_name("a $(HOME) @(x) b");
        assert_eq!(
            section.to_env().unwrap(),
            pairs(&[
                ("UWSGI_SET_PLACEHOLDER", &format!("{name}=a $(HOME) @(x) b")),
                ("UWSGI_PROCNAME", &format!("%({name})")),
                ("UWSGI_CHDIR", "$(HOME)/app"),
                ("UWSGI_PROCNAME_APPEND", "%(procname)"),
            ])
        );
        // A second protected text needs a second `set-placeholder`.
        section.set_option("chdir", "$(HOME)/literal");
        let problems = refused(&section);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(
            problems[0].1,
            "`set-placeholder` would be written more than once, and the environment holds one \
             value per option"
        );
        // Magic variables exist in files only; `%(` with `)` has no escape anywhere.
        let mut section = Section::new();
        section.set_option("chdir", Value::from(MagicVar::ConfigDir) + "app");
        let problems = refused(&section);
        assert_eq!(problems[0].0, ProblemKind::MisplacedVariable);
        assert_eq!(problems[0].2, "render to INI, or write the value out");
        let mut section = Section::new();
        section.set_option("procname", "%(x)");
        assert_eq!(refused(&section)[0].0, ProblemKind::Unrepresentable);
        // An environment value cannot hold NUL.
        let mut section = Section::new();
        section.set_option("procname", "a\0b");
        assert_eq!(
            refused(&section)[0].1,
            "`procname` contains a NUL byte, which uWSGI cannot read"
        );
    }

    #[test]
    fn one_text_in_several_options_is_one_placeholder() {
        let mut section = Section::new();
        section
            .set_option("procname", "$(HOME)")
            .set_option("procname-master", "$(HOME)");
        let name = placeholder_name("$(HOME)");
        assert_eq!(
            section.to_env().unwrap(),
            pairs(&[
                ("UWSGI_SET_PLACEHOLDER", &format!("{name}=$(HOME)")),
                ("UWSGI_PROCNAME", &format!("%({name})")),
                ("UWSGI_PROCNAME_MASTER", &format!("%({name})")),
            ])
        );
    }

    #[test]
    fn one_value_per_option() {
        let mut section = Section::new();
        section
            .add_option("env", "A=1")
            .add_option("env", "B=2")
            .add_option("env", "C=3");
        let problems = refused(&section);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(
            problems,
            [(
                ProblemKind::Unrepresentable,
                "`env` would be written more than once, and the environment holds one value per \
                 option"
                    .to_string(),
                "set it once (an option, a placeholder), or render to INI".to_string()
            )]
        );
    }

    #[test]
    fn strict_plugin_lines_and_plugin_options_need_an_order() {
        let section = |strict: bool| {
            let mut section = Section::new();
            section
                .set_strict(strict)
                .set_plugins_params(crate::PluginsParams::new().plugins("http"))
                .set_option("http", "127.0.0.1:8080")
                .set_option("http-timeout", 5);
            section
        };
        let problems = refused(&section(true));
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].0, ProblemKind::Unrepresentable);
        assert!(problems[0]
            .1
            .contains("`http` comes from a plugin and `plugin` loads"));
        assert!(section(false).to_env().is_ok());
        // A plugin the binary embeds needs no line, and has no order to keep.
        let mut embedded = Section::new();
        embedded
            .set_strict(true)
            .set_embedded_plugins(["http"])
            .set_option("http", "127.0.0.1:8080");
        assert!(embedded.to_env().is_ok());
    }

    #[test]
    fn what_needs_its_place_among_the_options_is_refused() {
        let cases = [
            (
                "if-env",
                "PATH",
                "opens config logic, which applies to the options read after it",
            ),
            (
                "for",
                "a b",
                "opens config logic, which applies to the options read after it",
            ),
            ("endif", "", "ends config logic where it stands"),
            (
                "ini",
                "/etc/app.ini",
                "loads a config whose options take its place among the others",
            ),
            (
                "include",
                "/etc/app.ini",
                "loads a config whose options take its place among the others",
            ),
            (
                "json",
                "/etc/app.json",
                "loads a config whose options take its place among the others",
            ),
            ("blacklist", "x", "applies to the options read after it"),
        ];
        for (name, value, place) in cases {
            let mut section = Section::new();
            section.add_option(name, value);
            let message = format!(
                "`{name}` {place}, and uWSGI reads the environment in whatever order it holds"
            );
            let problems = refused(&section);
            assert!(
                problems.iter().any(|p| p.1 == message
                    && p.0 == ProblemKind::Unrepresentable
                    && p.2 == "render to INI, or give it on the command line"),
                "{name}: {problems:?}"
            );
        }
        // A block: the opener and the end are each refused; the line inside is fine, and INI
        // keeps the order.
        let mut section = Section::new();
        section
            .add_option("if-env", "PATH")
            .set_option("vacuum", true)
            .add_option("endif", "");
        assert_eq!(refused(&section).len(), 2);
        assert!(section.to_ini().is_ok());
        // Plugins are loaded whatever their place: uWSGI looks options up again once it has
        // read everything.
        let mut section = Section::new();
        section.set_option("plugins", "python3");
        assert!(section.to_env().is_ok());
    }

    #[test]
    fn one_line_that_acts_where_it_stands_has_no_order_to_keep() {
        let mut section = Section::new();
        section
            .add_option("print", "hello")
            .set_option("procname", "app");
        assert_eq!(
            section.to_env().unwrap(),
            pairs(&[("UWSGI_PRINT", "hello"), ("UWSGI_PROCNAME", "app")])
        );
        section.add_option("flock", "/run/app.lock");
        assert_eq!(
            refused(&section),
            [(
                ProblemKind::Unrepresentable,
                "`print` and `flock` each act as uWSGI reads them, and it reads the environment \
                 in whatever order it holds"
                    .to_string(),
                "keep one of them, or render to INI".to_string()
            )]
        );
        // A second `print` is a second value of one variable: one problem.
        let mut section = Section::new();
        section.add_option("print", "a").add_option("print", "b");
        let problems = refused(&section);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0]
            .1
            .starts_with("`print` would be written more than once"));
    }

    #[test]
    fn immediate_owner_options_need_an_order() {
        let mut section = Section::new();
        section.main_process().set_owner_params(
            OwnerParams::new()
                .uid("nobody")
                .gid("nogroup")
                .set_asap(true),
        );
        let problems = refused(&section);
        assert_eq!(
            problems,
            [(
                ProblemKind::Unrepresentable,
                "`immediate-gid` and `immediate-uid` each act as uWSGI reads them, and it reads \
                 the environment in whatever order it holds (the group must come first: once \
                 the user is dropped, setgid() fails)"
                    .to_string(),
                "drop privileges after reading (no set_asap), or render to INI".to_string()
            )]
        );
        // Without set_asap, uWSGI drops privileges after reading everything.
        let mut section = Section::new();
        section
            .main_process()
            .set_owner_params(OwnerParams::new().uid("nobody").gid("nogroup"));
        assert_eq!(
            section.to_env().unwrap(),
            pairs(&[("UWSGI_UID", "nobody"), ("UWSGI_GID", "nogroup")])
        );
        // One of them alone has no order to keep, nor has one with a `print`.
        let mut section = Section::new();
        section
            .set_option("immediate-gid", "nogroup")
            .add_option("print", "x");
        assert!(section.to_env().is_ok());
    }

    #[test]
    fn names_that_do_not_come_back_are_refused() {
        let mut section = Section::new();
        section.set_option("pivot_root", "/new");
        assert_eq!(
            refused(&section),
            [(
                ProblemKind::Unrepresentable,
                "`pivot_root` cannot be named in the environment: uWSGI reads UWSGI_PIVOT_ROOT as \
                 `pivot-root`"
                    .to_string(),
                "set `pivot-root` if it is the same option, or render to INI".to_string()
            )]
        );
        let mut section = Section::new();
        // A python plugin option: declared embedded, only its name is at stake here.
        section.set_embedded_plugins(["python"]);
        section.set_option("start_response-nodelay", true);
        assert_eq!(
            refused(&section)[0].2,
            "render to INI",
            "`start-response-nodelay` is no option"
        );
        // Every other option of the catalogue comes back as itself, under its own variable.
        let mut variables = std::collections::BTreeMap::new();
        for spec in options::all() {
            let variable = variable_name(spec.name());
            let back = option_name(&variable);
            let plain = spec
                .name()
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
            assert_eq!(
                back.as_deref() == Some(spec.name()),
                plain,
                "{}",
                spec.name()
            );
            if plain {
                assert_eq!(variables.insert(variable, spec.name()), None);
            }
        }
    }

    #[test]
    fn names_uwsgi_skips_are_refused() {
        // No option of the catalogue has one of these names; a plugin's might.
        for variable in SKIPPED {
            let name = variable["UWSGI_".len()..]
                .to_ascii_lowercase()
                .replace('_', "-");
            assert_eq!(variable_name(&name), variable);
            assert_eq!(option_name(variable), None);
            assert!(options::lookup(&name).is_none(), "{name}");
            let refusal = Env::admit_name(&name).unwrap_err();
            assert_eq!(
                refusal.message,
                format!(
                    "`{name}` would be the variable {variable}, which uWSGI does not read as an \
                     option: it passes that variable to itself"
                )
            );
        }
    }

    #[test]
    fn a_config_is_one_environment() {
        let mut first = Section::new();
        first.set_option("procname", "app");
        let mut second = Section::named("second");
        second.set_option("chdir", "/srv");
        let mut config = Config::new();
        config.add_section(first.clone()).add_section(second);
        let problems = config.to_env().unwrap_err().into_problems();
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].origin(), "Config::to_env");
        assert_eq!(
            problems[0].message(),
            "the environment has no sections, and without autoinclude uWSGI would read only the \
             first"
        );
        config.autoinclude(true);
        assert_eq!(
            config.to_env().unwrap(),
            pairs(&[("UWSGI_PROCNAME", "app"), ("UWSGI_CHDIR", "/srv")])
        );
        // An option of two sections would be two values of one variable.
        config.add_section({
            let mut third = Section::named("third");
            third.set_option("procname", "other");
            third
        });
        let problems = config.to_env().unwrap_err().into_problems();
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0]
            .message()
            .starts_with("`procname` would be written more than once"));
        // One section alone.
        let mut config = Config::new();
        config.add_section(first);
        assert_eq!(
            config.to_env().unwrap(),
            pairs(&[("UWSGI_PROCNAME", "app")])
        );
    }
}
