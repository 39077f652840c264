//! Writes one value so that uWSGI reads exactly what the user gave, in a format that carries
//! what [`Carries`] says.
//!
//! What uWSGI does to a value, in order (measured on 2.0.21, identical in 2.0.31):
//! 1. files only: every `%x` is replaced (`%%` is `%`, unknown `%x` vanish, a `%` at the
//!    end of a line joins the next line);
//! 2. after parsing, for options not applied at parse time (not "immediate"): `$(NAME)`,
//!    then `@(file)`, then `%(name)` are expanded, rescanning after each replacement. There
//!    is no escape, but values set with `set-placeholder` are never expanded, so literal text
//!    holding `$(` or `@(` goes through a placeholder and is referenced as `%(name)`;
//! 3. INI trims blanks around a value and ends it at a newline; `set-placeholder` keeps the
//!    blanks after its `=`, so leading blanks go through a placeholder too.

use super::{Carries, Format};
use crate::error::{Blame, Problem, ProblemKind};
use crate::options::OptionSpec;
use crate::placeholder::{reserved_name, Placeholders, PLACEHOLDER_PREFIX};
use crate::value::{MagicVar, Part, Value};

/// A value ready to write, and the placeholders (`name`, `value`) it needs defined first.
#[derive(Debug, Default)]
pub(crate) struct Encoded {
    pub(crate) text: String,
    pub(crate) placeholders: Vec<(String, String)>,
}

const BLANKS: [char; 3] = [' ', '\t', '\r'];

/// Escapes literal text for format `F`: where uWSGI's magic pass reads it (files), `%` is
/// doubled.
pub(crate) fn escape<F: Format>(text: &str, out: &mut String) {
    if !F::CARRIES.magic {
        out.push_str(text);
        return;
    }
    double_percent(text, out);
}

/// [`escape`] for text already scanned: without a `%`, the text is copied as it is.
fn escape_scanned<F: Format>(text: &str, scan: &Scan, out: &mut String) {
    if scan.percent {
        escape::<F>(text, out);
    } else {
        out.push_str(text);
    }
}

/// Writes `text` with every `%` doubled: for uWSGI's magic pass here, and for printf text
/// ([`Action::printout`](crate::Action::printout)).
pub(crate) fn double_percent(text: &str, out: &mut String) {
    let mut rest = text;
    while let Some(at) = rest.find('%') {
        out.push_str(&rest[..=at]);
        out.push('%');
        rest = &rest[at + 1..];
    }
    out.push_str(rest);
}

/// How a value needs encoding, found once when its directive is recorded ([`ValueShape::of`]), so
/// that rendering writes most values without looking at their bytes again.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum ValueShape {
    /// Literal text (or nothing) that every format carries as it is: no NUL, line break or
    /// `(`, no blank at either end. Only the magic pass's `%` may need doubling.
    Plain {
        /// Holds `%`.
        percent: bool,
    },
    /// Anything else, which goes through [`encode_into`].
    Other,
}

impl ValueShape {
    /// The shape of `value`.
    pub(crate) fn of(value: &Value) -> ValueShape {
        if value.is_lossy() {
            return ValueShape::Other;
        }
        let text = match value.parts() {
            [] => return ValueShape::Plain { percent: false },
            [Part::Literal(text)] => text,
            _ => return ValueShape::Other,
        };
        // One table lookup per byte: most text holds none of these.
        let class = text
            .bytes()
            .fold(0, |class, byte| class | BYTE_CLASS[usize::from(byte)]);
        let percent = class & PERCENT != 0;
        let notable = class & NOTABLE != 0;
        // BLANKS, by byte.
        let blank = |byte: Option<&u8>| matches!(byte, Some(b' ' | b'\t' | b'\r'));
        let edge_blank = blank(text.as_bytes().first()) || blank(text.as_bytes().last());
        if notable || edge_blank {
            ValueShape::Other
        } else {
            ValueShape::Plain { percent }
        }
    }
}

/// [`BYTE_CLASS`] of a byte that makes a value [`ValueShape::Other`]: NUL, a line break, `(`.
const NOTABLE: u8 = 1;
/// [`BYTE_CLASS`] of `%`.
const PERCENT: u8 = 2;

/// What [`ValueShape::of`] looks for, by byte.
static BYTE_CLASS: [u8; 256] = {
    let mut class = [0; 256];
    class[0] = NOTABLE;
    class[b'\n' as usize] = NOTABLE;
    class[b'\r' as usize] = NOTABLE;
    class[b'(' as usize] = NOTABLE;
    class[b'%' as usize] = PERCENT;
    class
};

/// The text to write for a value of [`ValueShape::Plain`] in format `F`: the value itself, or,
/// where the magic pass reads it and it holds `%`, the value with `%` doubled in `buffer`.
/// Exactly what [`encode_into`] writes for such a value, without its checks (none applies).
pub(crate) fn plain<'a, F: Format>(
    text: &'a str,
    percent: bool,
    buffer: &'a mut String,
) -> &'a str {
    if percent && F::CARRIES.magic {
        buffer.clear();
        double_percent(text, buffer);
        buffer
    } else {
        text
    }
}

struct Context<'a> {
    spec: &'a OptionSpec,
    origin: &'a str,
    call: Option<usize>,
    blame: Blame,
    problems: &'a mut Vec<Problem>,
}

impl Context<'_> {
    fn refuse(
        &mut self,
        kind: ProblemKind,
        value: &Value,
        message: String,
        fix: impl Into<String>,
    ) {
        self.problems.push(
            Problem::new(kind, self.origin, message)
                .with_value(value.to_string())
                .with_fix(fix)
                .with_call(self.call)
                .with_blame(self.blame),
        );
    }
}

/// Encodes `value` for option `spec` in format `F`; problems are appended to `problems`.
#[cfg(test)]
pub(crate) fn encode<F: Format>(
    value: &Value,
    spec: &OptionSpec,
    placeholders: &mut Placeholders,
    origin: &str,
    place: (Option<usize>, Blame),
    problems: &mut Vec<Problem>,
) -> Encoded {
    let mut out = Encoded::default();
    encode_into::<F>(value, spec, placeholders, origin, place, problems, &mut out);
    out
}

/// Encodes `value` for option `spec` in format `F` into `out`, emptied first: the renderer
/// reuses one buffer for every line rather than allocating a string per line.
pub(crate) fn encode_into<F: Format>(
    value: &Value,
    spec: &OptionSpec,
    placeholders: &mut Placeholders,
    origin: &str,
    (call, blame): (Option<usize>, Blame),
    problems: &mut Vec<Problem>,
    out: &mut Encoded,
) {
    out.text.clear();
    out.placeholders.clear();
    let mut cx = Context {
        spec,
        origin,
        call,
        blame,
        problems,
    };
    // The option, named only when a message is written (`Display`).
    let key = spec;
    if value.is_lossy() {
        cx.refuse(
            ProblemKind::Unrepresentable,
            value,
            format!("`{key}`: the path is not valid UTF-8"),
            "use a UTF-8 path",
        );
    }
    let parts = value.parts();
    let expands = !spec.immediate;
    if expands {
        check_junctions(&mut cx, value);
    }
    for (index, part) in parts.iter().enumerate() {
        let first = index == 0;
        let last = index + 1 == parts.len();
        match part {
            Part::Literal(text) => literal::<F>(
                &mut cx,
                value,
                text,
                first,
                last,
                expands,
                placeholders,
                out,
            ),
            Part::Magic(var) => {
                if F::CARRIES.magic {
                    if let MagicVar::ConfigDirComponent(n @ 10..) = var {
                        // `code()` would write `%9`: another component, silently.
                        cx.refuse(
                            ProblemKind::InvalidValue,
                            value,
                            format!("`{key}`: there is no magic variable for directory component {n}, only %0 to %9"),
                            "use ConfigDirComponent(0) to ConfigDirComponent(9)",
                        );
                    }
                    out.text.push('%');
                    out.text.push(var.code());
                } else {
                    cx.refuse(
                        ProblemKind::MisplacedVariable,
                        value,
                        format!(
                            "`{key}`: magic variables such as %{} exist only in config files",
                            var.code()
                        ),
                        format!("render to {}, or write the value out", F::OTHERWISE),
                    );
                }
            }
            Part::Placeholder(name) | Part::Env(name) | Part::File(name) => {
                let (sigil, what) = match part {
                    Part::Placeholder(_) => ('%', "placeholder"),
                    Part::Env(_) => ('$', "environment variable"),
                    _ => ('@', "file"),
                };
                if !expands {
                    cx.refuse(
                        ProblemKind::MisplacedVariable,
                        value,
                        format!("`{key}` is applied while the config is read, before uWSGI expands {sigil}(..)"),
                        "write the value out",
                    );
                }
                if sigil == '%' && name.starts_with(PLACEHOLDER_PREFIX) {
                    cx.problems.push(
                        reserved_name(cx.origin, key.name(), &value.to_string())
                            .with_call(cx.call)
                            .with_blame(cx.blame),
                    );
                }
                let bad_name = name.is_empty()
                    || name.contains([')', '(', '\n', '\r', '\0'])
                    || (sigil == '%' && name.contains([' ', '\t']));
                if bad_name {
                    cx.refuse(
                        ProblemKind::InvalidValue,
                        value,
                        format!("`{key}`: {name:?} cannot be the name of a {what}"),
                        "use a non-empty name without parentheses (or spaces, for placeholders)",
                    );
                }
                out.text.push(sigil);
                out.text.push('(');
                escape::<F>(name, &mut out.text);
                out.text.push(')');
            }
        }
    }
}

/// Refuses two parts that uWSGI would read as one variable once it has replaced them.
///
/// uWSGI replaces `$(..)` in every option, then `@(..)`, then `%(..)`, and after each
/// replacement scans the whole value again for the pass under way. A variable's value
/// therefore joins the text around it: `user@` followed by `$(X)` becomes `user@(exec://..)`
/// when X holds `(exec://..)`, and the `@` pass runs that command (measured on 2.0.21). A
/// junction is refused when its left side may end with `$`, `@` or `%` and its right side
/// may begin with `(`, and a pass for that sigil runs after both sides are in place:
/// - after a literal `$`: an environment variable (the `$` pass rescans);
/// - after a literal `@`: an environment variable or a file (the `@` pass comes later, or
///   rescans);
/// - after a literal `%`: any variable (the `%` pass is the last);
/// - a variable followed by literal text starting with `(`, and two variables side by side:
///   a variable's value may end with any sigil.
///
/// A magic variable (`%h`...) is replaced while the file is read, before every pass; one
/// whose value has a fixed form (numbers, the version) or is an absolute path cannot start
/// with `(`, see [`MagicVar::may_start_with_paren`].
fn check_junctions(cx: &mut Context<'_>, value: &Value) {
    let key = cx.spec;
    for pair in value.parts().windows(2) {
        let risky = match (&pair[0], &pair[1]) {
            // Literal text is merged into one part; nothing to join.
            (Part::Literal(_), Part::Literal(_)) => false,
            (Part::Literal(text), right) => match (text.chars().last(), right) {
                (Some('$' | '@' | '%'), Part::Magic(var)) => var.may_start_with_paren(),
                (Some('$'), right) => matches!(right, Part::Env(_)),
                (Some('@'), right) => matches!(right, Part::Env(_) | Part::File(_)),
                (Some('%'), _) => true,
                _ => false,
            },
            (left, Part::Literal(text)) => text.starts_with('(') && may_end_with_sigil(left),
            (left, right) => may_end_with_sigil(left) && may_start_with_paren(right),
        };
        if risky {
            cx.refuse(
                ProblemKind::MisplacedVariable,
                value,
                format!(
                    "`{key}`: `{}` then `{}` side by side: once uWSGI has replaced the \
                     variable, the two could form a new `$(`, `@(` or `%(` that uWSGI expands \
                     again (an environment variable holding `(exec://...)` after `user@` runs \
                     a command)",
                    Value::from_part(pair[0].clone()),
                    Value::from_part(pair[1].clone()),
                ),
                "put a character other than `$`, `@`, `%` and `(` between them",
            );
        }
    }
}

fn may_end_with_sigil(part: &Part) -> bool {
    match part {
        Part::Literal(text) => text.ends_with(['$', '@', '%']),
        Part::Magic(var) => var.may_end_with_sigil(),
        Part::Placeholder(_) | Part::Env(_) | Part::File(_) => true,
    }
}

fn may_start_with_paren(part: &Part) -> bool {
    match part {
        Part::Literal(text) => text.starts_with('('),
        Part::Magic(var) => var.may_start_with_paren(),
        Part::Placeholder(_) | Part::Env(_) | Part::File(_) => true,
    }
}

/// What the checks of a literal need to know of its text, found in one pass over its bytes
/// (every character the scan looks for is ASCII, so a byte never splits a character).
#[derive(Debug, Default)]
struct Scan {
    nul: bool,
    line_break: bool,
    /// Holds `$(` or `@(`, which uWSGI's passes would expand.
    expands: bool,
    /// Where the first `%(` starts.
    percent_paren: Option<usize>,
    /// Holds `%`, which the magic pass needs doubled.
    percent: bool,
}

impl Scan {
    fn of(text: &str) -> Scan {
        // Most text holds none of the bytes looked for: a branch-free pass (which the
        // compiler vectorizes) says so before the byte-by-byte one.
        let (notable, percent) = text.bytes().fold((false, false), |(seen, percent), byte| {
            (
                seen | matches!(byte, b'\0' | b'\n' | b'\r' | b'('),
                percent | (byte == b'%'),
            )
        });
        if !notable {
            return Scan {
                percent,
                ..Scan::default()
            };
        }
        let mut scan = Scan {
            percent,
            ..Scan::default()
        };
        let mut previous = 0u8;
        for (index, &byte) in text.as_bytes().iter().enumerate() {
            match byte {
                b'\0' => scan.nul = true,
                b'\n' | b'\r' => scan.line_break = true,
                b'(' => match previous {
                    b'$' | b'@' => scan.expands = true,
                    b'%' if scan.percent_paren.is_none() => scan.percent_paren = Some(index - 1),
                    _ => {}
                },
                _ => {}
            }
            previous = byte;
        }
        scan
    }
}

#[allow(clippy::too_many_arguments)]
fn literal<F: Format>(
    cx: &mut Context<'_>,
    value: &Value,
    text: &str,
    first: bool,
    last: bool,
    expands: bool,
    placeholders: &mut Placeholders,
    out: &mut Encoded,
) {
    let key = cx.spec;
    let Carries {
        line_breaks,
        leading_blanks,
        trailing_blanks,
        ..
    } = F::CARRIES;
    let (name_of_format, otherwise) = (F::NAME, F::OTHERWISE);
    let scan = Scan::of(text);
    if scan.nul {
        cx.refuse(
            ProblemKind::Unrepresentable,
            value,
            format!("`{key}` contains a NUL byte, which uWSGI cannot read"),
            "remove it",
        );
    }
    if !line_breaks && scan.line_break {
        cx.refuse(
            ProblemKind::Unrepresentable,
            value,
            format!(
                "`{key}` contains a line break, which would start a new {name_of_format} directive"
            ),
            format!("remove it, or render to {otherwise}"),
        );
    }
    if !trailing_blanks && last && text.ends_with(BLANKS) {
        cx.refuse(
            ProblemKind::Unrepresentable,
            value,
            format!("`{key}` ends with a blank, which {name_of_format} drops"),
            format!("remove the trailing blank, or render to {otherwise}"),
        );
    }
    if expands {
        if let Some(at) = scan.percent_paren {
            // `%(` opens a placeholder that uWSGI expands even from a placeholder's value.
            if text.as_bytes()[at..].contains(&b')') || !last {
                cx.refuse(
                    ProblemKind::Unrepresentable,
                    value,
                    format!("`{key}` contains `%(`, which uWSGI expands and offers no escape for"),
                    "avoid `%(` in the text, or use Value::placeholder on purpose",
                );
            }
        }
    }
    // `set-placeholder` keeps the blanks after its own `=`: the way to carry leading blanks.
    let leading_blank = !leading_blanks && first && text.starts_with(BLANKS);
    let needs_placeholder = scan.expands || leading_blank;
    if !needs_placeholder {
        escape_scanned::<F>(text, &scan, &mut out.text);
        return;
    }
    if !expands {
        if leading_blank {
            cx.refuse(
                ProblemKind::Unrepresentable,
                value,
                format!("`{key}` starts with a blank, which {name_of_format} drops"),
                "remove the leading blank",
            );
        }
        // No expansion pass runs on immediate options: `$(` is literal already.
        escape_scanned::<F>(text, &scan, &mut out.text);
        return;
    }
    // A placeholder's value ends its line, where a format that drops trailing blanks drops
    // them too: keep them outside (mid-line, where they survive).
    let kept = if trailing_blanks {
        text
    } else {
        text.trim_end_matches(BLANKS)
    };
    if kept.is_empty() {
        cx.refuse(
            ProblemKind::Unrepresentable,
            value,
            format!("`{key}` starts with blanks only, which {name_of_format} cannot carry here"),
            "remove the leading blanks",
        );
        return;
    }
    let name = match placeholders.name_for(kept) {
        Ok(name) => name,
        Err(earlier) => {
            cx.refuse(
                ProblemKind::Conflict,
                value,
                format!(
                    "`{key}`: this text and {earlier:?} would get the same placeholder name \
                     (a digest collision)"
                ),
                "change either text",
            );
            return;
        }
    };
    let mut stored = String::with_capacity(kept.len());
    escape::<F>(kept, &mut stored);
    out.text.push_str("%(");
    out.text.push_str(&name);
    out.text.push(')');
    escape::<F>(&text[kept.len()..], &mut out.text);
    out.placeholders.push((name, stored));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::ini::Ini;
    use crate::options;
    use crate::placeholder::placeholder_name;
    use proptest::prelude::{prop_assert, prop_assert_eq, TestCaseError};

    fn ini(value: impl Into<Value>) -> (String, Vec<(String, String)>, usize) {
        let mut problems = Vec::new();
        let encoded = encode::<Ini>(
            &value.into(),
            options::key::PROCNAME.spec(),
            &mut Placeholders::default(),
            "test",
            (None, Blame::default()),
            &mut problems,
        );
        (encoded.text, encoded.placeholders, problems.len())
    }

    #[test]
    fn one_scan_finds_what_the_substring_searches_find() {
        for text in [
            "",
            "a",
            "$(",
            "@(",
            "%(",
            "a$(b",
            "a@(b",
            "x%(y)",
            "%%(",
            "(",
            "$",
            "$$((",
            "nul\0",
            "two\nlines",
            "cr\r",
            "日本$(",
            "é@(",
            "50%(",
            "%(a%(b",
            "100% done",
            "plain",
        ] {
            let scan = Scan::of(text);
            assert_eq!(scan.nul, text.contains('\0'), "{text:?}");
            assert_eq!(scan.line_break, text.contains(['\n', '\r']), "{text:?}");
            assert_eq!(
                scan.expands,
                text.contains("$(") || text.contains("@("),
                "{text:?}"
            );
            assert_eq!(scan.percent_paren, text.find("%("), "{text:?}");
            assert_eq!(scan.percent, text.contains('%'), "{text:?}");
        }
    }

    #[test]
    fn percent_is_doubled_in_files() {
        assert_eq!(ini("100%").0, "100%%");
        assert_eq!(ini("%%").0, "%%%%");
    }

    #[test]
    fn dollar_paren_goes_through_a_placeholder() {
        let (text, placeholders, problems) = ini("a $(HOME) b");
        let name = placeholder_name("a $(HOME) b");
        assert_eq!(text, format!("%({name})"));
        assert_eq!(placeholders, [(name, "a $(HOME) b".into())]);
        assert_eq!(problems, 0);
    }

    #[test]
    fn trailing_blanks_stay_outside_placeholders() {
        let (text, placeholders, problems) = ini(Value::from("@(x)  ") + Value::env("A"));
        assert_eq!(text, format!("%({})  $(A)", placeholder_name("@(x)")));
        assert_eq!(placeholders[0].1, "@(x)");
        assert_eq!(problems, 0);
    }

    #[test]
    fn refusals() {
        assert_eq!(ini("a\nb").2, 1);
        assert_eq!(ini("a ").2, 1);
        assert_eq!(ini("%(x)").2, 1);
        assert_eq!(ini("50%(").2, 0);
        assert_eq!(ini("nul\0").2, 1);
        assert_eq!(ini(Value::placeholder("two words")).2, 1);
    }

    #[test]
    fn a_placeholder_name_given_to_two_texts_is_reported() {
        let mut placeholders = Placeholders::default();
        // Forge a digest collision: another text already holds the name of "$(y)".
        placeholders.forge(placeholder_name("$(y)"), "forged");
        let mut problems = Vec::new();
        encode::<Ini>(
            &Value::from("$(y)"),
            options::key::PROCNAME.spec(),
            &mut placeholders,
            "test",
            (None, Blame::default()),
            &mut problems,
        );
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].kind(), ProblemKind::Conflict);
    }

    /// What [`plain`] writes for a value of [`ValueShape::Plain`] in format `F`, against the full
    /// encoder: the same text, and nothing refused or carried by a placeholder.
    fn plain_as_encoded<F: Format>(text: &str) -> Result<(), TestCaseError> {
        let value = Value::from(text);
        let ValueShape::Plain { percent } = ValueShape::of(&value) else {
            return Ok(());
        };
        let mut problems = Vec::new();
        let encoded = encode::<F>(
            &value,
            options::key::PROCNAME.spec(),
            &mut Placeholders::default(),
            "test",
            (None, Blame::default()),
            &mut problems,
        );
        let mut buffer = String::new();
        prop_assert_eq!(
            plain::<F>(text, percent, &mut buffer),
            encoded.text.as_str()
        );
        prop_assert!(problems.is_empty() && encoded.placeholders.is_empty());
        Ok(())
    }

    proptest::proptest! {
        #[test]
        fn plain_values_are_written_as_the_encoder_writes_them(
            text in "[ a%$@()\t\r\n\0]{0,8}",
        ) {
            plain_as_encoded::<Ini>(&text)?;
            plain_as_encoded::<crate::format::args::Args>(&text)?;
            plain_as_encoded::<crate::format::env::Env>(&text)?;
            plain_as_encoded::<crate::format::json::Json>(&text)?;
            plain_as_encoded::<crate::format::yaml::Yaml>(&text)?;
            plain_as_encoded::<crate::format::xml::Xml>(&text)?;
        }
    }

    #[test]
    fn shapes() {
        let shape = |text: &str| ValueShape::of(&Value::from(text));
        assert_eq!(shape("a b"), ValueShape::Plain { percent: false });
        assert_eq!(shape("100%"), ValueShape::Plain { percent: true });
        assert_eq!(shape(""), ValueShape::Plain { percent: false });
        for other in [" a", "a\t", "a\nb", "$(A)", "a\0", "x\r"] {
            assert_eq!(shape(other), ValueShape::Other, "{other:?}");
        }
        assert_eq!(
            ValueShape::of(&(Value::from("a") + Value::env("B"))),
            ValueShape::Other
        );
    }
}
