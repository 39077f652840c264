//! uWSGI plugins: the lines that load them (uwsgiconf's `Section.set_plugins_params` and
//! `print_plugins`), the plugins a build embeds, and the rule that an option a plugin
//! provides comes after a line loading that plugin.
//!
//! Measured on Debian's uWSGI 2.0.21 (`uwsgi-core`, which embeds no plugin at all:
//! `uwsgi --plugins-list` lists none, every plugin is a `.so` in `/usr/lib/uwsgi/plugins`):
//!
//! * `plugin`, `plugins` and `need-plugin` load the plugin at once, where they are read;
//! * on the command line, an option of a plugin not loaded yet is a `getopt_long()` error
//!   (exit 1), strict mode or not: `--http .. --plugin http` fails;
//! * from a file or the environment, uWSGI keeps every option it reads and looks it up again
//!   once it has read them all: without strict mode a plugin line after its option works,
//!   and an option whose plugin is never loaded is silently ignored; in strict mode (which
//!   the crate writes first) an unknown option is refused as soon as it is read
//!   (`[strict-mode] unknown config directive: http`), so the plugin line must come first;
//! * `plugin = nosuch` only logs `UNABLE to load uWSGI plugin` and goes on, while
//!   `need-plugin = nosuch` stops uWSGI (exit 1);
//! * a line for a plugin already loaded or embedded does nothing (uWSGI's loader returns
//!   early for a plugin it has by name or alias), so loading a plugin a build embeds is
//!   harmless;
//! * `autoload = true` makes uWSGI look for an unknown option in every plugin of its plugin
//!   directory (`option "http" found in plugin .../http_plugin.so`).
//!
//! So the crate asks for the plugin line before the plugin's options, which works in every
//! format, strict or not.
//!
//! The crate does not add plugin lines to options given by name: a plugin's file is not
//! always named after it (Debian loads the `python` plugin as `python3`, `lua` as `lua51`,
//! `gevent` as `gevent_python311`), and a line naming a file the install lacks would turn a
//! clear refusal into a silent one. An option from a plugin that no earlier line loads (and
//! that the section does not declare [embedded](Section::set_embedded_plugins)) is reported
//! as [`ProblemKind::MissingPlugin`], with the line to add. The crate's own methods that
//! know their plugin write its line themselves (`set_zerg_server_params` writes
//! `plugin = zergpool`).

use crate::dsl::{ItemSpec, Kind, Param, Receiver};
use crate::error::{Blame, Problem, ProblemKind};
use crate::groups::params::{non_empty, params, refuse};
use crate::groups::{Check, Rule};
use crate::options::{self, key, Key, OptionSpec};
use crate::section::Section;
use crate::validate::{Groups, Line};
use crate::value::{IntoValues, Value, ValueRef};

params! {
    /// Parameters of [`Section::set_plugins_params`].
    pub struct PluginsParams {
        /// Plugins to load (`plugin`), each by the name of its file in the plugin directory
        /// without `_plugin.so` (`http`, `python3`), or by the file's path.
        plugins: Values,
        /// Directories to look for plugins in before the build's own (`plugins-dir`),
        /// written before the plugins.
        search_dirs: Values,
        /// Let uWSGI look for an unknown option in the plugins of its plugin directory
        /// (`autoload`).
        autoload: bool,
        /// Stop uWSGI when a plugin cannot be loaded (`need-plugin` instead of `plugin`).
        required: bool,
    }
}

/// The options that load plugins, as they are read: at once, where they stand.
const LOADERS: [Key; 4] = [
    key::PLUGIN,
    key::PLUGINS,
    key::NEED_PLUGIN,
    key::NEED_PLUGINS,
];

impl Section {
    /// uwsgiconf's `set_plugins_params`: the plugin directories (`plugins-dir`), the plugins
    /// to load (`plugin`, or `need-plugin` when `required`), and `autoload`.
    ///
    /// Call it before setting the options of those plugins: uWSGI loads a plugin where the
    /// line stands, and refuses a plugin's option read before it (the renderer reports that).
    /// A plugin already loaded by an earlier call is not written again. Unlike uwsgiconf, a
    /// plugin the section [declares embedded](Section::set_embedded_plugins) is still
    /// written: uWSGI skips a plugin it already has, and the file then also works with a
    /// build that does not embed it.
    ///
    /// ```
    /// use uwsgiconf_core::{PluginsParams, Section};
    ///
    /// let mut section = Section::new();
    /// section
    ///     .set_plugins_params(PluginsParams::new().plugins("http"))
    ///     .set_option("http", "127.0.0.1:8080");
    /// assert_eq!(
    ///     section.to_ini().unwrap(),
    ///     "[uwsgi]\nplugin = http\nhttp = 127.0.0.1:8080\n"
    /// );
    ///
    /// let mut section = Section::new();
    /// section.set_plugins_params(
    ///     PluginsParams::new()
    ///         .search_dirs("/opt/uwsgi/plugins")
    ///         .plugins(["python3", "http"])
    ///         .required(true),
    /// );
    /// assert_eq!(
    ///     section.to_ini().unwrap(),
    ///     "[uwsgi]\nplugins-dir = /opt/uwsgi/plugins\nneed-plugin = python3\n\
    ///      need-plugin = http\n"
    /// );
    /// ```
    pub fn set_plugins_params(&mut self, params: PluginsParams) -> &mut Self {
        const ORIGIN: &str = "set_plugins_params";
        let call = self.next_call();
        for dir in params.search_dirs {
            let why = "uWSGI would look for plugins in the working directory";
            if non_empty(self, ORIGIN, "search_dirs", &dir, why, call) {
                self.put_value(key::PLUGINS_DIR, dir, ORIGIN, call);
            }
        }
        let loader = if params.required {
            key::NEED_PLUGIN
        } else {
            key::PLUGIN
        };
        for plugin in params.plugins {
            let why = "uWSGI would try to load a file named `_plugin.so`";
            if !non_empty(self, ORIGIN, "plugins", &plugin, why, call) {
                continue;
            }
            if plugin.literal_contains(',') {
                refuse(
                    self,
                    ProblemKind::InvalidValue,
                    (ORIGIN, "plugins"),
                    &plugin,
                    "a plugin name cannot hold `,`: uWSGI splits the line at `,`",
                    "give one plugin per item: plugins([\"a\", \"b\"])",
                    call,
                );
                continue;
            }
            if !self.loads_plugin(&plugin, loader) {
                self.put_value(loader, plugin, ORIGIN, call);
            }
        }
        if params.autoload {
            self.put_flag(key::AUTOLOAD, true, ORIGIN, call);
        }
        self
    }

    /// uwsgiconf's `print_plugins`: uWSGI lists the plugins it has loaded when it starts
    /// (`plugins-list`).
    ///
    /// ```
    /// use uwsgiconf_core::Section;
    ///
    /// let mut section = Section::new();
    /// section.print_plugins();
    /// assert_eq!(section.to_ini().unwrap(), "[uwsgi]\nplugins-list = true\n");
    /// ```
    pub fn print_plugins(&mut self) -> &mut Self {
        let call = self.next_call();
        self.put_flag(key::PLUGINS_LIST, true, "print_plugins", call);
        self
    }

    /// Declares the plugins the uWSGI binary embeds (uwsgiconf's `embedded_plugins`), by the
    /// name the catalogue gives them (`http`, `python`): their options need no plugin line.
    /// Replaces any earlier declaration.
    ///
    /// By default none: Debian's `uwsgi-core` 2.0.21 embeds none (measured with
    /// `uwsgi --plugins-list`), and since a line loading a plugin a build embeds does
    /// nothing, a file written for no embedded plugin works with every build.
    /// `uwsgiconf::deploy::plugins::probe` reads what an installed
    /// binary embeds.
    ///
    /// ```
    /// use uwsgiconf_core::{ProblemKind, Section};
    ///
    /// let mut section = Section::new();
    /// section.set_option("http", "127.0.0.1:8080");
    /// let problem = section.to_ini().unwrap_err().into_problems().remove(0);
    /// assert_eq!(problem.kind(), ProblemKind::MissingPlugin);
    ///
    /// section.set_embedded_plugins(["http"]);
    /// assert_eq!(section.to_ini().unwrap(), "[uwsgi]\nhttp = 127.0.0.1:8080\n");
    /// ```
    pub fn set_embedded_plugins(&mut self, plugins: impl IntoValues) -> &mut Self {
        const ORIGIN: &str = "set_embedded_plugins";
        let call = self.next_call();
        let mut names = Vec::new();
        for plugin in plugins.into_values() {
            match plugin.as_literal() {
                Some(name) if !name.is_empty() => names.push(name.to_string()),
                _ => refuse(
                    self,
                    ProblemKind::InvalidValue,
                    (ORIGIN, "plugins"),
                    &plugin,
                    "an embedded plugin is named by literal, non-empty text: the check is made \
                     when the section is rendered",
                    "name it (\"http\")",
                    call,
                ),
            }
        }
        self.embedded_plugins = names;
        self
    }

    /// The plugins the section declares embedded (see [`Section::set_embedded_plugins`]).
    pub fn embedded_plugins(&self) -> &[String] {
        &self.embedded_plugins
    }

    /// Whether an earlier line loads `plugin` with `loader` already.
    fn loads_plugin(&self, plugin: &Value, loader: Key) -> bool {
        self.directives().iter().any(|directive| {
            loader.is(directive.spec())
                && self
                    .value_of(directive)
                    .is_some_and(|value| value == *plugin)
        })
    }
}

/// The plugin a plugin line's name stands for, as the catalogue names providers: a path
/// (`/usr/lib/uwsgi/plugins/http_plugin.so`) by its file name, and Debian's names for the
/// builds of a plugin (the files of its `uwsgi-plugin-*` packages for 2.0.21) by the plugin:
/// `python3` and `python311` are `python`, `lua51` is `lua`, `rack_ruby31` is `rack`,
/// `jvm_openjdk17` is `jvm`, `gevent_python311` is `gevent`.
///
/// ```
/// use uwsgiconf_core::plugins::provider_of;
///
/// assert_eq!(provider_of("http"), "http");
/// assert_eq!(provider_of("python3"), "python");
/// assert_eq!(provider_of("gevent_python311"), "gevent");
/// assert_eq!(provider_of("/usr/lib/uwsgi/plugins/rack_ruby31_plugin.so"), "rack");
/// assert_eq!(provider_of("router_static"), "router_static");
/// ```
pub fn provider_of(plugin: &str) -> &str {
    let file = plugin.rsplit('/').next().unwrap_or(plugin);
    let name = file.strip_suffix(".so").unwrap_or(file);
    let name = name.strip_suffix("_plugin").unwrap_or(name);
    let providers = || {
        options::all()
            .iter()
            .map(|spec| spec.provider())
            .filter(|provider| *provider != "core")
    };
    if providers().any(|provider| provider == name) {
        return name;
    }
    // A build of a plugin (`python311`, `rack_ruby31`, `gevent_python311`): the longest
    // provider it starts with, followed by a version or `_`.
    providers()
        .filter(|provider| {
            name.strip_prefix(provider).is_some_and(|rest| {
                rest.starts_with(|c: char| c.is_ascii_digit() || c == '_' || c == '.')
            })
        })
        .max_by_key(|provider| provider.len())
        .unwrap_or(name)
}

/// The plugins a line loads, by provider; `None` for a line whose names are only known when
/// uWSGI reads it (variables), which is taken to load any plugin.
fn loaded_by(value: Option<ValueRef<'_>>) -> Option<Vec<&'static str>> {
    let text = value?.as_literal()?;
    Some(
        text.split(',')
            .map(str::trim)
            .filter(|name| !name.is_empty())
            .map(|name| {
                let provider = provider_of(name);
                // Back to a `'static` name: the catalogue's, or none for an unknown plugin.
                options::all()
                    .iter()
                    .map(|spec| spec.provider())
                    .find(|known| *known == provider)
                    .unwrap_or("")
            })
            .collect(),
    )
}

/// The rule: every option from a plugin comes after a line loading it, unless the section
/// declares the plugin embedded or turns `autoload` on before it. A section uWSGI reads
/// after others (autoinclude) has what they loaded or declared.
fn check(section: &Section, earlier: &[Section], groups: &Groups<'_>, problems: &mut Vec<Problem>) {
    let embedded = || {
        std::iter::once(section)
            .chain(earlier)
            .flat_map(Section::embedded_plugins)
    };
    // Most sections use no plugin option: nothing to collect for them.
    let needs_plugin =
        |spec: &OptionSpec| !spec.is_core() && !embedded().any(|e| e == spec.provider());
    if !groups.iter().any(|group| needs_plugin(group[0].spec())) {
        return;
    }
    let lines: Vec<&Line<'_>> = groups.iter().flatten().collect();
    let mut loaded: Vec<&'static str> = Vec::new();
    let mut anything = false;
    // Every line of an earlier section comes before this section's.
    for before in earlier {
        for directive in before.directives() {
            let spec = directive.spec();
            if LOADERS.iter().any(|loader| loader.is(spec)) {
                match loaded_by(before.value_of(directive)) {
                    Some(names) => loaded.extend(names),
                    None => anything = true,
                }
            } else if key::AUTOLOAD.is(spec) {
                anything = true;
            }
        }
    }
    let mut reported: Vec<&'static str> = Vec::new();
    for (index, line) in lines.iter().enumerate() {
        if LOADERS.iter().any(|loader| loader.is(line.spec())) {
            match loaded_by(line.value()) {
                Some(names) => loaded.extend(names),
                None => anything = true,
            }
            continue;
        }
        if key::AUTOLOAD.is(line.spec()) {
            anything = true;
            continue;
        }
        let spec = line.spec();
        if !needs_plugin(spec) || anything || loaded.contains(&spec.provider()) {
            continue;
        }
        if reported.contains(&spec.name()) {
            continue;
        }
        reported.push(spec.name());
        let later = lines[index..].iter().any(|later| {
            LOADERS.iter().any(|loader| loader.is(later.spec()))
                && loaded_by(later.value()).map_or(true, |names| names.contains(&spec.provider()))
        });
        problems.push(missing_plugin(line, later));
    }
}

fn missing_plugin(line: &Line<'_>, later: bool) -> Problem {
    let (name, provider) = (line.spec().name(), line.spec().provider());
    let (message, fix) = if later {
        (
            format!(
                "`{name}` comes from uWSGI's `{provider}` plugin, which is loaded only after \
                 it: uWSGI loads a plugin where its line stands, and refuses an option read \
                 before it on the command line and in strict mode"
            ),
            "call set_plugins_params before setting the plugin's options".to_string(),
        )
    } else {
        (
            format!(
                "`{name}` comes from uWSGI's `{provider}` plugin, and no line loads it: a \
                 uWSGI that does not embed the plugin (Debian's embeds none) refuses the \
                 option on the command line and in strict mode, and ignores it otherwise"
            ),
            format!(
                "load the plugin before the option, by its file name on the target \
                 (set_plugins_params(PluginsParams::new().plugins(\"{provider}\")); Debian \
                 names some builds apart, such as python3 for python), or declare it built \
                 in (set_embedded_plugins([\"{provider}\"]))"
            ),
        )
    };
    Problem::new(ProblemKind::MissingPlugin, line.origin(), message)
        .with_value(name)
        .with_fix(fix)
        .with_call(line.call())
        .with_blame(Blame::line(name, line.entry()).with_param("key"))
}

/// The fix of a [`missing_plugin`] problem in the words of the macros.
pub(crate) fn macro_fix(problem: &Problem) -> Option<String> {
    let fix = problem.fix()?;
    if fix.starts_with("call set_plugins_params before") {
        return Some("write plugins(..) before the plugin's options".into());
    }
    let provider = options::lookup(problem.value()?)?.provider();
    Some(format!(
        "load the plugin before the option, by its file name on the target \
         (plugins(plugins = \"{provider}\"); Debian names some builds apart, such as python3 \
         for python), or declare it built in (embedded_plugins([\"{provider}\"]))"
    ))
}

/// The rules of this module, run with the option groups' rules.
pub(crate) const RULES: &[Rule] = &[Rule {
    name: "plugin options after their plugin",
    // Options of any plugin: the check tells them apart itself.
    watches: &[],
    check: check as Check,
}];

/// The section's plugin items in the macro language (`print_plugins` is
/// `option("plugins-list", true)` there).
pub(crate) const ITEMS: &[ItemSpec] = &[
    ItemSpec {
        name: "plugins",
        receiver: Receiver::Section,
        method: "set_plugins_params",
        params_type: Some("PluginsParams"),
        params: &[
            Param::setter("plugins", Kind::Values, &["plugin", "need-plugin"]),
            Param::setter("search_dirs", Kind::Values, &["plugins-dir"]),
            Param::setter("autoload", Kind::Bool, &["autoload"]),
            Param::setter("required", Kind::Bool, &["need-plugin"]),
        ],
        doc: "plugins to load, where to find them, autoload",
        apply: |s, a| {
            s.set_plugins_params(PluginsParams::from_args(a));
        },
    },
    ItemSpec {
        name: "embedded_plugins",
        receiver: Receiver::Section,
        method: "set_embedded_plugins",
        params_type: None,
        params: &[Param::arg("plugins", Kind::Values, &[])],
        doc: "the plugins the uWSGI binary embeds (none by default)",
        apply: |s, a| {
            s.set_embedded_plugins(a.values("plugins"));
        },
    },
];

#[cfg(test)]
mod tests {
    use crate::{PluginsParams, Problem, ProblemKind, Section};

    fn problems(section: &Section) -> Vec<Problem> {
        section
            .to_ini()
            .err()
            .map_or_else(Vec::new, |e| e.into_problems())
    }

    #[test]
    fn sections_read_earlier_lend_their_plugins_only_with_autoinclude() {
        let config = |autoinclude: bool| {
            let mut first = Section::new();
            first.set_embedded_plugins(["http"]);
            let mut app = Section::named("app");
            app.set_option("http", "127.0.0.1:8080");
            let mut config = crate::Config::new();
            config
                .add_section(first)
                .add_section(app)
                .autoinclude(autoinclude);
            config
        };
        assert!(config(true).to_ini().is_ok());
        // Without autoinclude [app] is read alone (`--ini file:app`).
        let problems = config(false).to_ini().unwrap_err().into_problems();
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].kind(), ProblemKind::MissingPlugin);
    }

    #[test]
    fn a_plugin_option_needs_its_plugin_first() {
        let mut section = Section::new();
        section.set_option("http", "127.0.0.1:8080");
        let found = problems(&section);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].kind(), ProblemKind::MissingPlugin);
        assert_eq!(found[0].value(), Some("http"));
        assert!(found[0].fix().unwrap().contains("plugins(\"http\")"));

        // Loaded after the option: refused by uWSGI, reported with another fix.
        section.set_plugins_params(PluginsParams::new().plugins("http"));
        let found = problems(&section);
        assert_eq!(found.len(), 1);
        assert!(found[0].fix().unwrap().contains("before"), "{}", found[0]);

        let mut section = Section::new();
        section
            .set_plugins_params(PluginsParams::new().plugins("http"))
            .set_option("http", "127.0.0.1:8080")
            .set_option("http-timeout", 5);
        assert_eq!(
            section.to_args().unwrap(),
            [
                "--plugin",
                "http",
                "--http",
                "127.0.0.1:8080",
                "--http-timeout",
                "5"
            ]
        );
    }

    #[test]
    fn what_satisfies_a_plugin() {
        let with = |build: fn(&mut Section)| {
            let mut section = Section::new();
            build(&mut section);
            section.set_option("pyargv", "a");
            problems(&section)
        };
        // Debian's name for the python plugin.
        assert!(with(|s| {
            s.set_plugins_params(PluginsParams::new().plugins("python3"));
        })
        .is_empty());
        assert!(with(|s| {
            s.add_option("plugins", "http,python3");
        })
        .is_empty());
        assert!(with(|s| {
            s.set_plugins_params(PluginsParams::new().autoload(true));
        })
        .is_empty());
        assert!(with(|s| {
            s.set_embedded_plugins(["python"]);
        })
        .is_empty());
        // Another plugin does not.
        let found = with(|s| {
            s.set_plugins_params(PluginsParams::new().plugins(["http", "gevent_python311"]));
        });
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].kind(), ProblemKind::MissingPlugin);
    }

    #[test]
    fn plugins_params_as_uwsgiconf_writes_them() {
        let mut section = Section::new();
        section
            .set_plugins_params(PluginsParams::new().plugins("python3"))
            .set_plugins_params(PluginsParams::new().plugins("python3"));
        assert_eq!(section.to_ini().unwrap(), "[uwsgi]\nplugin = python3\n");

        let mut section = Section::new();
        section.set_plugins_params(
            PluginsParams::new()
                .plugins("http")
                .search_dirs(["/a", "/b"])
                .autoload(true),
        );
        assert_eq!(
            section.to_ini().unwrap(),
            "[uwsgi]\nplugins-dir = /a\nplugins-dir = /b\nplugin = http\nautoload = true\n"
        );

        let mut section = Section::new();
        section.set_plugins_params(PluginsParams::new());
        assert_eq!(section.to_ini().unwrap(), "[uwsgi]\n");

        let mut section = Section::new();
        section.set_plugins_params(PluginsParams::new().plugins(["", "a,b"]));
        let kinds: Vec<ProblemKind> = problems(&section).iter().map(Problem::kind).collect();
        assert_eq!(kinds, [ProblemKind::EmptyValue, ProblemKind::InvalidValue]);
    }

    #[test]
    fn embedded_plugins_are_literal_names() {
        let mut section = Section::new();
        section.set_embedded_plugins(["http", ""]);
        assert_eq!(section.embedded_plugins(), ["http"]);
        assert_eq!(problems(&section)[0].kind(), ProblemKind::InvalidValue);
    }
}
