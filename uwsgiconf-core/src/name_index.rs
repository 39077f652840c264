// The hash of option names, shared by codegen/catalogue.rs, which lays the catalogue's name
// index out, and by options.rs, which looks names up in it. Both `include!` it (so no inner
// attributes or `//!` comments here).

/// The slots of the name index: a power of two, about three times the options, so that most
/// lookups probe one or two slots (a test checks that the catalogue stays under half).
pub(crate) const NAME_SLOTS: usize = 4096;

/// FNV-1a of a name (a few instructions per byte, for short names), folded so that its high
/// bits count too; the slot is this modulo [`NAME_SLOTS`].
pub(crate) fn name_hash(name: &[u8]) -> usize {
    let hash = name.iter().fold(0x811c_9dc5_u32, |hash, &byte| {
        (hash ^ u32::from(byte)).wrapping_mul(0x0100_0193)
    });
    (hash ^ (hash >> 16)) as usize
}
