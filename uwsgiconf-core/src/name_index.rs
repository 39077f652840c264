// The hash of option names, shared by codegen/catalogue.rs, which lays the catalogue's name
// index out, and by options.rs, which looks names up in it. Both `include!` it (so no inner
// attributes or `//!` comments here).

/// The slots of the name index: a power of two, about three times the options, so that most
/// lookups probe one or two slots (a test checks that the catalogue stays under half).
pub(crate) const NAME_SLOTS: usize = 4096;

/// The hash of a name, whatever its length in a few instructions: its first and last eight
/// bytes and its length, mixed by one multiplication (options that share a beginning, such
/// as `reload-on-as` and `reload-on-rss`, differ at the end or in length); the slot is this
/// modulo [`NAME_SLOTS`].
pub(crate) fn name_hash(name: &[u8]) -> usize {
    let word = |bytes: &[u8]| match <[u8; 8]>::try_from(bytes) {
        Ok(eight) => u64::from_le_bytes(eight),
        // Shorter than eight bytes: the whole name, byte by byte.
        Err(_) => (bytes.iter().rev()).fold(0, |word, &byte| word << 8 | u64::from(byte)),
    };
    let (head, tail) = match name.len() {
        0..=8 => (word(name), 0),
        len => (word(&name[..8]), word(&name[len - 8..])),
    };
    let mixed = (head ^ tail.rotate_left(29) ^ name.len() as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    // The high bits are the well-mixed ones.
    (mixed >> 40) as usize
}
