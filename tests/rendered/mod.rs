//! What the render tests share: rendering that must succeed or fail, and the golden
//! matrices' line and refusal assertions. Each test file takes what it needs.
#![allow(dead_code)]

use uwsgiconf::{Error, ProblemKind, Section};

/// The section as INI; fails the test on an error.
pub fn ini(section: &Section) -> String {
    section
        .to_ini()
        .unwrap_or_else(|error| panic!("unexpected error:\n{error}"))
}

/// The section as arguments; fails the test on an error.
pub fn args(section: &Section) -> Vec<String> {
    section
        .to_args()
        .unwrap_or_else(|error| panic!("unexpected error:\n{error}"))
}

/// The error rendering the section as INI gives; fails the test on output.
pub fn ini_error(section: &Section) -> Error {
    match section.to_ini() {
        Ok(text) => panic!("expected an error, got:\n{text}"),
        Err(error) => error,
    }
}

/// The error rendering the section as arguments gives; fails the test on output.
pub fn args_error(section: &Section) -> Error {
    match section.to_args() {
        Ok(args) => panic!("expected an error, got {args:?}"),
        Err(error) => error,
    }
}

/// The kinds of an error's problems, in order.
pub fn kinds(error: &Error) -> Vec<ProblemKind> {
    error.problems().iter().map(|p| p.kind()).collect()
}

/// `[uwsgi]` then the lines, as the INI renderer writes them.
pub fn ini_lines(lines: &[&str]) -> String {
    let mut out = String::from("[uwsgi]\n");
    for line in lines {
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// The section renders to exactly these INI lines.
pub fn assert_lines(label: &str, section: &Section, lines: &[&str]) {
    match section.to_ini() {
        Ok(text) => assert_eq!(text, ini_lines(lines), "{label}"),
        Err(error) => panic!("{label}: expected lines {lines:?}, got error:\n{error}"),
    }
}

/// The INI renderer refuses the section with these kinds, in order, saying each of `says`,
/// and every problem says how to fix it.
pub fn assert_refused(label: &str, section: &Section, kinds: &[ProblemKind], says: &[&str]) {
    let error = match section.to_ini() {
        Ok(text) => panic!("{label}: expected {kinds:?}, got output:\n{text}"),
        Err(error) => error,
    };
    let found: Vec<ProblemKind> = error.problems().iter().map(|p| p.kind()).collect();
    assert_eq!(found, kinds, "{label}: {error}");
    let shown = error.to_string();
    for words in says {
        assert!(
            shown.contains(words),
            "{label}: the error should say {words:?}:\n{shown}"
        );
    }
    for problem in error.problems() {
        assert!(
            problem.fix().is_some_and(|fix| fix.len() > 5),
            "{label}: no fix for {problem}"
        );
    }
}
