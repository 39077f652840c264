//! What the option groups share: the `params!` macro that declares their params structs.

/// Declares a params struct with `Default`, public fields and one chainable setter per field.
macro_rules! params {
    (
        $(#[$meta:meta])*
        pub struct $name:ident {
            $( $(#[$field_meta:meta])* $field:ident : $kind:tt $(<$inner:ty>)? ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Default, PartialEq, Eq)]
        #[non_exhaustive]
        pub struct $name {
            $( $(#[$field_meta])* pub $field: params!(@type $kind $(<$inner>)?), )*
        }

        impl $name {
            /// Every parameter unset.
            pub fn new() -> Self {
                Self::default()
            }

            $( params!(@setter $(#[$field_meta])* $field : $kind $(<$inner>)?); )*

            /// The params a macro item gives, each set through its setter: a group's row in
            /// the macro language calls the method with them.
            #[allow(dead_code)] // for the params of methods the macro language has a row for
            pub(crate) fn from_args(args: &crate::dsl::Args<'_>) -> Self {
                let mut params = Self::new();
                $(
                    if let Some(value) =
                        args.get::<params!(@arg $kind $(<$inner>)?)>(stringify!($field))
                    {
                        params = params.$field(value);
                    }
                )*
                params
            }
        }
    };
    (@arg Values) => { Vec<Value> };
    (@arg Text) => { Value };
    (@arg Option<$inner:ty>) => { $inner };
    (@arg Into<$inner:ty>) => { $inner };
    (@arg Vec<$inner:ty>) => { Vec<$inner> };
    (@arg bool) => { bool };
    (@type Values) => { Vec<Value> };
    (@type Text) => { Option<Value> };
    (@type Option<$inner:ty>) => { Option<$inner> };
    (@type Into<$inner:ty>) => { Option<$inner> };
    (@type Vec<$inner:ty>) => { Vec<$inner> };
    (@type bool) => { bool };
    (@setter $(#[$field_meta:meta])* $field:ident : Values) => {
        $(#[$field_meta])*
        pub fn $field(mut self, values: impl IntoValues) -> Self {
            self.$field.extend(values.into_values());
            self
        }
    };
    (@setter $(#[$field_meta:meta])* $field:ident : Text) => {
        $(#[$field_meta])*
        pub fn $field(mut self, value: impl Into<Value>) -> Self {
            self.$field = Some(value.into());
            self
        }
    };
    (@setter $(#[$field_meta:meta])* $field:ident : Option<$inner:ty>) => {
        $(#[$field_meta])*
        pub fn $field(mut self, value: $inner) -> Self {
            self.$field = Some(value);
            self
        }
    };
    (@setter $(#[$field_meta:meta])* $field:ident : Into<$inner:ty>) => {
        $(#[$field_meta])*
        pub fn $field(mut self, value: impl Into<$inner>) -> Self {
            self.$field = Some(value.into());
            self
        }
    };
    (@setter $(#[$field_meta:meta])* $field:ident : Vec<$inner:ty>) => {
        $(#[$field_meta])*
        pub fn $field(mut self, items: impl IntoIterator<Item = $inner>) -> Self {
            self.$field.extend(items);
            self
        }
    };
    (@setter $(#[$field_meta:meta])* $field:ident : bool) => {
        $(#[$field_meta])*
        pub fn $field(mut self, value: bool) -> Self {
            self.$field = value;
            self
        }
    };
}

pub(crate) use params;

use crate::error::{Blame, Problem, ProblemKind};
use crate::section::Section;
use crate::value::Value;

/// Whether `value` is non-empty; records an [`ProblemKind::EmptyValue`] problem otherwise.
/// `why` says what uWSGI would do with the empty value.
pub(crate) fn non_empty(
    section: &mut Section,
    origin: &'static str,
    param: &'static str,
    value: &Value,
    why: &str,
    call: usize,
) -> bool {
    if !value.is_empty() {
        return true;
    }
    section.problem(
        Problem::new(
            ProblemKind::EmptyValue,
            origin,
            format!("`{param}` is empty: {why}"),
        )
        .with_fix(format!("give `{param}` a value, or leave it out"))
        .with_blame(Blame::param(param)),
        call,
    );
    false
}

/// Records a problem of `kind` about `value` of parameter `param` of method `origin`.
pub(crate) fn refuse(
    section: &mut Section,
    kind: ProblemKind,
    (origin, param): (&'static str, &'static str),
    value: impl std::fmt::Display,
    message: impl Into<String>,
    fix: impl Into<String>,
    call: usize,
) {
    section.problem(
        Problem::new(kind, origin, message)
            .with_value(value.to_string())
            .with_fix(fix)
            .with_blame(Blame::param(param)),
        call,
    );
}
