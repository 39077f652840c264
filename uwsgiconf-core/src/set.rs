//! `set = key=value` and the placeholder setters (`set-placeholder`, `set-ph`, `resolve`).
//!
//! What uWSGI does (2.0.21, `uwsgi_opt_set_placeholder`, measured):
//! - `set` (`-S` on the command line) splits its value at the first `=` and defines option
//!   `key` with the rest, exactly as a `key = value` line would: an owner option changes the
//!   owner (`set = uid=root` after `uid = nobody` ran as root), an immediate option runs at
//!   once, the value of a later-applied option goes through the `$(..)`, `@(..)` and `%(..)`
//!   passes (`set = env=H=$(HOME)` gave `/root`), `set = set=k=v` recurses.
//!   `--show-config` lists `set = k=v` then `k = v`; `%(k)` reads `v` either way.
//! - a key that is not an option defines a placeholder, which strict mode refuses
//!   (`[strict-mode] unknown config directive`); `set-placeholder` is the way to define one.
//! - `set-placeholder`, `set-ph` and `resolve` define placeholders only, and exit when the
//!   name is an option ("you cannot use uid as a placeholder").
//! - no `=` at all: uWSGI exits ("invalid placeholder/--set value").
//!
//! So `set` is recorded as a directive of the option it defines, where every rule of that
//! option applies (catalogue, owner, integers, switches, conflicts, value protection), and it
//! is written back as `key = value`, which uWSGI reads identically.

use crate::error::{Problem, ProblemKind};
use crate::options::{self, key, OptionSpec};
use crate::section::Setting;
use crate::value::Value;

/// Whether `spec` is `set`, whose value defines another option.
pub(crate) fn defines_option(spec: &'static OptionSpec) -> bool {
    key::SET.is(spec)
}

/// The option a `set` value defines, and the setting to record for it; or why it cannot be
/// recorded.
pub(crate) fn resolve(
    mut value: Value,
    origin: &'static str,
) -> Result<(&'static OptionSpec, Setting), Box<Problem>> {
    let given = value.to_string();
    loop {
        let Some((key, rest)) = value.split_leading_literal('=') else {
            return Err(Box::new(no_key(&value, &given, origin)));
        };
        let Some(spec) = options::lookup(key) else {
            return Err(Box::new(unknown_key(key, &given, origin)));
        };
        if defines_option(spec) {
            // `set = set=k=v` defines `set`, which defines `k`.
            value = rest;
            continue;
        }
        if spec.takes_bool() {
            return switch(spec, &rest, &given, origin).map(|on| (spec, Setting::Flag(on)));
        }
        return Ok((spec, Setting::Value(rest)));
    }
}

fn no_key(value: &Value, given: &str, origin: &'static str) -> Problem {
    if value.as_literal().is_some() {
        Problem::new(
            ProblemKind::InvalidValue,
            origin,
            "`set` takes `option=value`, and uWSGI exits on a value without `=` \
             (\"invalid placeholder/--set value\")",
        )
        .with_value(given)
        .with_fix("set the option itself: set_option(\"procname\", \"app\")")
    } else {
        Problem::new(
            ProblemKind::MisplacedVariable,
            origin,
            "`set` defines the option named before its first `=`, and a name that is not \
             literal text cannot be checked (it could name `uid`)",
        )
        .with_value(given)
        .with_fix(
            "set the option itself, with the variable as its value: \
             add_option(\"procname\", Value::env(\"NAME\"))",
        )
    }
}

fn unknown_key(key: &str, given: &str, origin: &'static str) -> Problem {
    let hint = crate::suggest::did_you_mean(&options::suggest(key));
    let placeholder = "to define a placeholder, use set-placeholder (uWSGI's strict mode \
                       refuses `set` of a name that is not an option)";
    Problem::new(
        ProblemKind::UnknownOption,
        origin,
        format!("`set` defines the option named before `=`, and `{key}` is not a uWSGI option"),
    )
    .with_value(given)
    .with_fix(if hint.is_empty() {
        placeholder.to_string()
    } else {
        format!("{hint} {placeholder}")
    })
}

/// A switch defined by `set` gets the value uWSGI's `uwsgi_opt_true` reads: `false`, `off`,
/// `no` (any case) and `0` turn it off, everything else on.
fn switch(
    spec: &OptionSpec,
    rest: &Value,
    given: &str,
    origin: &'static str,
) -> Result<bool, Box<Problem>> {
    let text = rest.as_literal().map(str::to_ascii_lowercase);
    match text.as_deref() {
        Some("true" | "on" | "yes" | "1") => Ok(true),
        Some("false" | "off" | "no" | "0") => Ok(false),
        _ => Err(Box::new(
            Problem::new(
                ProblemKind::WrongValueType,
                origin,
                format!(
                    "`{}` is a switch: uWSGI reads any `set` value but false, off, no and 0 as on",
                    spec.name()
                ),
            )
            .with_value(given)
            .with_fix(format!(
                "set the switch itself: set_option(\"{}\", true)",
                spec.name()
            )),
        )),
    }
}

/// `set-placeholder`, `set-ph` and `resolve` exit when the name they define is an option, or
/// when there is no `=`.
pub(crate) fn check_placeholder(
    spec: &'static OptionSpec,
    value: &Value,
    origin: &'static str,
) -> Option<Problem> {
    let defines_placeholder = (spec.sets_placeholder() && !defines_option(spec)) || spec.resolves();
    if !defines_placeholder {
        return None;
    }
    let key = spec.name();
    match value.split_leading_literal('=') {
        Some((name, _)) => options::lookup(name).map(|option| {
            Problem::new(
                ProblemKind::InvalidValue,
                origin,
                format!(
                    "`{key}` defines a placeholder, and uWSGI exits when its name is an \
                     option (\"you cannot use {name} as a placeholder\")"
                ),
            )
            .with_value(value.to_string())
            .with_fix(format!(
                "set the option itself (set_option(\"{}\", ..)), or name the placeholder \
                 otherwise",
                option.name()
            ))
        }),
        None if value.as_literal().is_some() => Some(
            Problem::new(
                ProblemKind::InvalidValue,
                origin,
                format!("`{key}` takes `name=value`, and uWSGI exits on a value without `=`"),
            )
            .with_value(value.to_string())
            .with_fix(format!("write `{key}` as name=value")),
        ),
        // Variables in the name: the renderer refuses them (the option is immediate).
        None => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolved(value: impl Into<Value>) -> Result<(&'static str, Setting), ProblemKind> {
        resolve(value.into(), "test")
            .map(|(spec, setting)| (spec.name(), setting))
            .map_err(|p| p.kind())
    }

    #[test]
    fn set_defines_the_option_before_the_first_equals() {
        assert_eq!(
            resolved("uid=root"),
            Ok(("uid", Setting::Value("root".into())))
        );
        assert_eq!(
            resolved("env=A=1"),
            Ok(("env", Setting::Value("A=1".into())))
        );
        assert_eq!(
            resolved("set=set=gid=0"),
            Ok(("gid", Setting::Value("0".into())))
        );
        assert_eq!(
            resolved(Value::from("procname=") + Value::env("NAME")),
            Ok(("procname", Setting::Value(Value::env("NAME"))))
        );
        assert_eq!(resolved("master=On"), Ok(("master", Setting::Flag(true))));
        assert_eq!(resolved("master=0"), Ok(("master", Setting::Flag(false))));
        assert_eq!(resolved("master=maybe"), Err(ProblemKind::WrongValueType));
        assert_eq!(resolved("myvar=x"), Err(ProblemKind::UnknownOption));
        assert_eq!(resolved("uid"), Err(ProblemKind::InvalidValue));
        assert_eq!(
            resolved(Value::env("KEY") + "=root"),
            Err(ProblemKind::MisplacedVariable)
        );
        assert_eq!(
            resolved(Value::from("u") + Value::env("X") + "=root"),
            Err(ProblemKind::MisplacedVariable)
        );
    }

    #[test]
    fn unknown_keys_suggest_the_option_and_set_placeholder() {
        let problem = resolve("procnam=x".into(), "add_option").unwrap_err();
        let fix = problem.fix().unwrap();
        assert!(fix.contains("did you mean `procname`?"), "{fix}");
        assert!(fix.contains("set-placeholder"), "{fix}");
    }

    #[test]
    fn placeholders_cannot_take_option_names() {
        let check = |key: &str, value: &str| {
            check_placeholder(options::lookup(key).unwrap(), &value.into(), "test")
                .map(|p| p.kind())
        };
        assert_eq!(
            check("set-placeholder", "uid=x"),
            Some(ProblemKind::InvalidValue)
        );
        assert_eq!(
            check("set-ph", "procname=x"),
            Some(ProblemKind::InvalidValue)
        );
        assert_eq!(
            check("resolve", "uid=localhost"),
            Some(ProblemKind::InvalidValue)
        );
        assert_eq!(
            check("set-placeholder", "novalue"),
            Some(ProblemKind::InvalidValue)
        );
        assert_eq!(check("set-placeholder", "name=$(HOME)"), None);
        assert_eq!(check("env", "uid=x"), None);
    }
}
