// The names of the option constants (`options::key::TOUCH_RELOAD`), shared by
// codegen/catalogue.rs, which generates them, and the crate's tests, which check the rule. Included with `include!`, so
// no inner attributes or `//!` comments here.

/// The constant that names option `option`: upper case, `-` as `_`, and `_` doubled, since
/// uWSGI has `pivot_root` beside `pivot-root` (`PIVOT__ROOT`, `PIVOT_ROOT`). Any other
/// character, or a leading digit, has no rule and is an error.
pub(crate) fn const_name(option: &str) -> Result<String, String> {
    let mut name = String::with_capacity(option.len() + 4);
    for c in option.chars() {
        match c {
            'a'..='z' | 'A'..='Z' | '0'..='9' => name.push(c.to_ascii_uppercase()),
            '-' => name.push('_'),
            '_' => name.push_str("__"),
            other => return Err(format!("option `{option}` holds {other:?}, which no constant name can")),
        }
    }
    match name.chars().next() {
        Some(first) if first.is_ascii_alphabetic() => Ok(name),
        _ => Err(format!("option `{option}` does not start with a letter, as a constant must")),
    }
}

/// Every set of options that `name_of` maps to one constant name, as
/// `(constant, [options...])`, sorted by constant. Empty when the mapping tells them apart.
pub(crate) fn collisions<'a>(
    options: impl IntoIterator<Item = &'a str>,
    name_of: impl Fn(&str) -> String,
) -> Vec<(String, Vec<&'a str>)> {
    let mut named: Vec<(String, &'a str)> = options
        .into_iter()
        .map(|option| (name_of(option), option))
        .collect();
    named.sort();
    let mut found: Vec<(String, Vec<&'a str>)> = Vec::new();
    for pair in named.windows(2) {
        if pair[0].0 != pair[1].0 {
            continue;
        }
        match found.last_mut() {
            Some((name, options)) if *name == pair[0].0 => options.push(pair[1].1),
            _ => found.push((pair[0].0.clone(), vec![pair[0].1, pair[1].1])),
        }
    }
    found
}
