//! What the fuzz targets found (`fuzz/`, see SECURITY.md), each kept as a regression test of
//! the normal suite: the input, reduced, and the answer the crate must give.

use uwsgiconf_core::workers::{MuleFarm, MulesParams};
use uwsgiconf_core::{ProblemKind, Section};

/// `render` found it: a farm of 1,761,804,288 mules made `set_mules_params` list every mule
/// number, a line of that many numbers, and the process ran out of memory. Linux runs at most
/// 4,194,304 processes (`PID_MAX_LIMIT`), so no uWSGI could start such a farm: it is refused
/// without listing the numbers.
#[test]
fn a_farm_of_more_mules_than_linux_runs_is_refused_without_listing_them() {
    for (farms, at) in [
        (vec![MuleFarm::new("big", 4_194_305)], "big"),
        (
            vec![MuleFarm::new("a", 4_194_300), MuleFarm::new("b", 5)],
            "b",
        ),
        (vec![MuleFarm::new("huge", u32::MAX)], "huge"),
    ] {
        let mut section = Section::new();
        section
            .workers()
            .set_mules_params(MulesParams::new().farms(farms));
        let Err(error) = section.to_ini() else {
            panic!("a farm of more mules than Linux runs was written ({at})");
        };
        let problems = error.problems();
        assert_eq!(problems.len(), 1, "{error}");
        assert_eq!(problems[0].kind(), ProblemKind::InvalidValue, "{error}");
        assert!(problems[0].to_string().contains(at), "{error}");
    }
    // A farm Linux can run is written as before.
    let mut section = Section::new();
    section
        .workers()
        .set_mules_params(MulesParams::new().farms([MuleFarm::new("small", 3)]));
    assert_eq!(
        section.to_ini().unwrap(),
        "[uwsgi]\nfarm = small:1,2,3\nmules = 3\n"
    );
}
