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
        let distance = damerau_levenshtein(&self.lower, &candidate.to_ascii_lowercase());
        (distance <= limit).then_some(distance)
    }
}

/// The Damerau-Levenshtein distance between `a` and `b`, in characters: the fewest
/// insertions, deletions, substitutions and transpositions of two characters (which may have
/// others between them, unlike the "optimal string alignment" distance) that turn one into
/// the other. Lowrance and Wagner's algorithm, as in the `strsim` crate (its tests compare
/// the two); written here so that the core has no dependency to wait for on a clean build.
fn damerau_levenshtein(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.is_empty() || b.is_empty() {
        return a.len().max(b.len());
    }
    // `d[j * width + i]` is the distance between the first i - 1 characters of `a` and the
    // first j - 1 of `b`; row and column 0 hold a bound no path reaches.
    let width = a.len() + 2;
    let at = |i: usize, j: usize| j * width + i;
    let mut d = vec![0; width * (b.len() + 2)];
    let bound = a.len() + b.len();
    d[0] = bound;
    for i in 0..=a.len() {
        d[at(i + 1, 0)] = bound;
        d[at(i + 1, 1)] = i;
    }
    for j in 0..=b.len() {
        d[at(0, j + 1)] = bound;
        d[at(1, j + 1)] = j;
    }
    // The last row where each character of `a` was seen, sorted by character.
    let mut last_row: Vec<(char, usize)> = Vec::new();
    for i in 1..=a.len() {
        let mut last_col = 0;
        for j in 1..=b.len() {
            let k = last_row
                .binary_search_by_key(&b[j - 1], |&(c, _)| c)
                .map_or(0, |found| last_row[found].1);
            let insertion = d[at(i, j + 1)] + 1;
            let deletion = d[at(i + 1, j)] + 1;
            let transposition = d[at(k, last_col)] + (i - k - 1) + 1 + (j - last_col - 1);
            let mut substitution = d[at(i, j)] + 1;
            if a[i - 1] == b[j - 1] {
                last_col = j;
                substitution -= 1;
            }
            d[at(i + 1, j + 1)] = substitution.min(insertion).min(deletion).min(transposition);
        }
        match last_row.binary_search_by_key(&a[i - 1], |&(c, _)| c) {
            Ok(found) => last_row[found].1 = i,
            Err(place) => last_row.insert(place, (a[i - 1], i)),
        }
    }
    d[at(a.len() + 1, b.len() + 1)]
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
    fn distances() {
        for (a, b, distance) in [
            ("", "", 0),
            ("", "damerau", 7),
            ("damerau", "", 7),
            ("damerau", "damerau", 0),
            ("ab", "bca", 2),
            ("ca", "abc", 2),
            ("pidfil", "pidfile", 1),
            ("mastre", "master", 1),
            ("é", "e", 1),
        ] {
            assert_eq!(damerau_levenshtein(a, b), distance, "{a:?} {b:?}");
        }
    }

    proptest::proptest! {
        // The same distance as the `strsim` crate, whose algorithm this is, on any names
        // (short alphabets, so that transpositions and repeats are frequent).
        #[test]
        fn distance_is_strsims(a in "[abc\\-é]{0,12}", b in "[abc\\-é]{0,12}") {
            proptest::prop_assert_eq!(
                damerau_levenshtein(&a, &b),
                strsim::damerau_levenshtein(&a, &b)
            );
        }

        #[test]
        fn distance_is_strsims_on_any_text(a in "\\PC{0,20}", b in "\\PC{0,20}") {
            proptest::prop_assert_eq!(
                damerau_levenshtein(&a, &b),
                strsim::damerau_levenshtein(&a, &b)
            );
        }
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
