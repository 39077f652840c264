// What the macros' expansions use at run time is not in the documented API.
use uwsgiconf::dsl::{ActionList, Runtime};

fn main() {}
