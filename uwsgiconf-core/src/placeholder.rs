//! The `set-placeholder` names the renderers define to carry literal text past uWSGI's
//! expansion passes: their reserved prefix, how they are named, and the names of one render.
//!
//! Used by validation (a user's placeholder may not take a reserved name) and by encoding
//! (which defines them), so that neither depends on the other.

use std::collections::BTreeMap;

use crate::error::{Problem, ProblemKind};

/// The prefix of the `set-placeholder` names the renderers define; reserved: a user's
/// placeholder of that name would replace (or be replaced by) the crate's value.
pub(crate) const PLACEHOLDER_PREFIX: &str = "uwsgiconf-literal-";

/// The name of the `set-placeholder` entry that carries `text` past uWSGI's expansion
/// passes: the prefix and the first 128 bits of the SHA-256 of the text, in hex.
///
/// Named after the content, not numbered: uWSGI keeps the *first* definition of a name, so
/// numbered names made each config rendered on its own take the values of another one loaded
/// before it (`--ini a.ini --ini b.ini`). With content names, two configs share a name only
/// for the same text, which is harmless, and the output stays deterministic.
pub(crate) fn placeholder_name(text: &str) -> String {
    // SHA-256, not a quick hash: hostile text must not be able to pick another text's name.
    let digest = hmac_sha256::Hash::hash(text.as_bytes());
    let mut name = String::with_capacity(PLACEHOLDER_PREFIX.len() + 32);
    name.push_str(PLACEHOLDER_PREFIX);
    for byte in &digest[..16] {
        name.push(char::from(b"0123456789abcdef"[usize::from(byte >> 4)]));
        name.push(char::from(b"0123456789abcdef"[usize::from(byte & 0xf)]));
    }
    name
}

/// The placeholders of one render (every section of it), by name, with the text each carries:
/// a name given to two texts would be a digest collision, reported rather than written.
#[derive(Debug, Default)]
pub(crate) struct Placeholders {
    named: BTreeMap<String, String>,
}

impl Placeholders {
    /// The name for `text` (the text uWSGI must end up with), or the other text this render
    /// already gave that name.
    pub(crate) fn name_for(&mut self, text: &str) -> Result<String, String> {
        let name = placeholder_name(text);
        match self.named.get(&name) {
            Some(earlier) if earlier != text => Err(earlier.clone()),
            Some(_) => Ok(name),
            None => {
                self.named.insert(name.clone(), text.to_string());
                Ok(name)
            }
        }
    }

    /// Gives `name` to `text`, as a digest collision would.
    #[cfg(test)]
    pub(crate) fn forge(&mut self, name: String, text: &str) {
        self.named.insert(name, text.to_string());
    }
}

/// The problem of a user's placeholder named with the crate's reserved prefix.
pub(crate) fn reserved_name(origin: &str, key: &str, value: &str) -> Problem {
    Problem::new(
        ProblemKind::InvalidValue,
        origin,
        format!(
            "`{key}`: placeholder names starting with `{PLACEHOLDER_PREFIX}` are reserved for \
             the values the renderers protect, and uWSGI keeps only one value per name"
        ),
    )
    .with_value(value)
    .with_fix("choose another name")
}

#[cfg(test)]
mod tests {
    use super::{placeholder_name, Placeholders};

    #[test]
    fn a_name_given_to_two_texts_is_refused() {
        let mut placeholders = Placeholders::default();
        assert_eq!(placeholders.name_for("x"), Ok(placeholder_name("x")));
        assert_eq!(placeholders.name_for("x"), Ok(placeholder_name("x")));
        placeholders.forge(placeholder_name("$(y)"), "forged");
        assert_eq!(placeholders.name_for("$(y)"), Err("forged".into()));
    }
}
