//! "Did you mean" candidates, shared by option, phase, action and (in the macro) item names.

/// The longest name, in characters, that is compared at all: every name uwsgiconf suggests
/// (options, phases, actions, flags, macro items and parameters) is far shorter, and the edit
/// distance costs the product of the two lengths in time and memory.
pub(crate) const MAX_COMPARED_LEN: usize = 256;

/// The names of `candidates` closest to `wanted`, best first, at most three.
///
/// Closeness is Damerau-Levenshtein distance on lower-cased names, accepted up to a third of
/// the longer name (at least 1), so that short names only match near misses; only the
/// candidates at the smallest distance are kept.
///
/// The work is bounded whatever the input: a name longer than 256 characters gets no
/// suggestion, and a candidate whose length alone puts it beyond the accepted distance
/// is skipped without computing the distance.
///
/// ```
/// use uwsgiconf_core::closest_names;
///
/// assert_eq!(closest_names("pidfil", ["pidfile", "procname"]), ["pidfile"]);
/// assert!(closest_names(&"p".repeat(1 << 20), ["pidfile"]).is_empty());
/// ```
pub fn closest<'a>(wanted: &str, candidates: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    // Only the loop over the candidates is generic: the scoring, sorting and trimming are
    // compiled once, not once per caller's iterator type (nine of them).
    let Some(wanted) = Wanted::new(wanted) else {
        return Vec::new();
    };
    let scored: Vec<(usize, &'a str)> = candidates
        .into_iter()
        .filter_map(|candidate| Some((wanted.distance(candidate)?, candidate)))
        .collect();
    nearest(scored)
}

/// The name suggestions are sought for, lower-cased, with its length in characters.
struct Wanted {
    lower: String,
    len: usize,
}

impl Wanted {
    /// `None` for a name too long to compare.
    fn new(wanted: &str) -> Option<Wanted> {
        // `len()` counts bytes, at least the number of characters: a cheap first bound.
        if wanted.len() > 4 * MAX_COMPARED_LEN {
            return None;
        }
        let len = wanted.chars().count();
        (len <= MAX_COMPARED_LEN).then(|| Wanted {
            lower: wanted.to_ascii_lowercase(),
            len,
        })
    }

    /// The distance to `candidate`, when it is within the accepted distance.
    fn distance(&self, candidate: &str) -> Option<usize> {
        if candidate.len() > 4 * MAX_COMPARED_LEN {
            return None;
        }
        let candidate_len = candidate.chars().count();
        let limit = (self.len.max(candidate_len) / 3).max(1);
        // The distance is at least the difference in length.
        if candidate_len > MAX_COMPARED_LEN || self.len.abs_diff(candidate_len) > limit {
            return None;
        }
        let distance = strsim::damerau_levenshtein(&self.lower, &candidate.to_ascii_lowercase());
        (distance <= limit).then_some(distance)
    }
}

/// The nearest of the scored candidates, by name, at most three.
fn nearest(mut scored: Vec<(usize, &str)>) -> Vec<&str> {
    scored.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(b.1)));
    scored.dedup_by(|a, b| a.1 == b.1);
    // Only the nearest candidates: a farther one is noise next to them.
    let best = scored.first().map_or(0, |s| s.0);
    scored.retain(|s| s.0 == best);
    scored.into_iter().take(3).map(|(_, name)| name).collect()
}

/// `" (did you mean `a` or `b`?)"`, or nothing when there is no candidate.
pub fn did_you_mean(candidates: &[&str]) -> String {
    match candidates {
        [] => String::new(),
        [one] => format!("did you mean `{one}`?"),
        [rest @ .., last] => {
            let rest: Vec<String> = rest.iter().map(|c| format!("`{c}`")).collect();
            format!("did you mean {} or `{last}`?", rest.join(", "))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_near_misses_only() {
        assert_eq!(
            closest("JAIL_PER", ["JAIL_PRE", "JAIL_POST", "ASAP"]),
            ["JAIL_PRE"]
        );
        assert!(closest("zzz", ["asap", "exit"]).is_empty());
    }

    #[test]
    fn long_names_get_no_suggestion() {
        // A megabyte name: compared with nothing (a full edit distance against a name as
        // long would need a table of 10^12 cells).
        let huge = "never-swap".repeat(100_000);
        assert!(closest(&huge, [huge.as_str(), "never-swap"]).is_empty());
        assert!(closest("never-swap", [huge.as_str()]).is_empty());
        // At the bound, names are still compared.
        let long = "a".repeat(MAX_COMPARED_LEN);
        let near = format!("{}b", "a".repeat(MAX_COMPARED_LEN - 1));
        assert_eq!(closest(&long, [near.as_str()]), [near.as_str()]);
        let longer = "a".repeat(MAX_COMPARED_LEN + 1);
        assert!(closest(&longer, [long.as_str()]).is_empty());
        // Multi-byte characters count as one.
        let accents = "é".repeat(MAX_COMPARED_LEN);
        assert_eq!(closest(&accents, [accents.as_str()]), [accents.as_str()]);
    }

    #[test]
    fn phrases_suggestions() {
        assert_eq!(did_you_mean(&[]), "");
        assert_eq!(did_you_mean(&["a"]), "did you mean `a`?");
        assert_eq!(
            did_you_mean(&["a", "b", "c"]),
            "did you mean `a`, `b` or `c`?"
        );
    }
}
