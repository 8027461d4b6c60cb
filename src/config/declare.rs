//! The machinery behind `parameters.rs`: one macro turns the list of declarations into the
//! [`Config`](super::Config) struct, the [`Field`](super::Field) enum, the table
//! [`PARAMETERS`](super::PARAMETERS) and `Config::get` / `Config::set`, so that a
//! parameter is declared in exactly one place. A second macro does the same for the options
//! of a choice parameter (an enum, its URL values and its labels).

use super::value::Value;

/// How a field's Rust value travels through the table's readers and writers. The table's
/// `kind` decides what [`Value`] a reader yields; this converts it to the field's type.
pub(crate) trait ParamValue: Sized {
    fn to_value(&self) -> Value;
    /// `None` when `value` is not the kind this type holds (a declaration bug, caught by
    /// the config tests).
    fn from_value(value: Value) -> Option<Self>;
}

/// The types a [`Value`] variant holds as they are.
macro_rules! value_as_is {
    ($($ty:ty => $variant:ident),*) => {$(
        impl ParamValue for $ty {
            fn to_value(&self) -> Value {
                Value::$variant(self.clone())
            }
            fn from_value(value: Value) -> Option<Self> {
                match value {
                    Value::$variant(v) => Some(v),
                    _ => None,
                }
            }
        }
    )*};
}
value_as_is!(u64 => Int, f32 => Float, String => Text);

impl ParamValue for usize {
    fn to_value(&self) -> Value {
        Value::Int(*self as u64)
    }
    fn from_value(value: Value) -> Option<Self> {
        // Saturates: ranges are checked against the u64, never against a wrapped value.
        u64::from_value(value).map(|v| usize::try_from(v).unwrap_or(usize::MAX))
    }
}

impl ParamValue for u32 {
    fn to_value(&self) -> Value {
        Value::Int(u64::from(*self))
    }
    fn from_value(value: Value) -> Option<Self> {
        u64::from_value(value).map(|v| u32::try_from(v).unwrap_or(u32::MAX))
    }
}

/// Declares every parameter of a run, in sections by the page's group of controls:
///
/// ```text
/// Group::Data {
///     /// doc comment of the Config field
///     field_name: RustType as FieldVariant { key: "...", kind: ..., ... },
/// },
/// ```
///
/// where the braces hold the [`ParamSpec`](super::ParamSpec) properties in this order:
/// `key`, `kind`, `defaults`, then optionally `tasks` (default: every task), `depends_on`
/// (default: none) and `live` (default: false, the run restarts on a change); the group is
/// the section's. Generates `Config`, `Field`, `Field::name`, `PARAMETERS`, `Config::get`,
/// `Config::set` and `Config::preset`. The entry order is the URL's key order and the page's
/// control order.
macro_rules! parameters {
    ($( Group::$group:ident { $(
        $(#[$attr:meta])*
        $field:ident : $ty:ty as $variant:ident {
            key: $key:expr,
            kind: $kind:expr,
            defaults: $defaults:expr
            $(, tasks: $tasks:expr)?
            $(, depends_on: $depends_on:expr)?
            $(, live: $live:expr)?
            $(,)?
        }
    ),* $(,)? } ),* $(,)?) => {
        /// Everything that defines a run. Ranges and defaults of each field are in its
        /// declaration in `parameters.rs` (see [`PARAMETERS`]), its words in the catalogs.
        #[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
        pub struct Config {
            $( $( $(#[$attr])* pub $field: $ty, )* )*
        }

        /// Names a field of [`Config`].
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Field {
            $( $( $variant, )* )*
        }

        impl Field {
            /// The struct / JSON field name, e.g. `"seq_len"`.
            pub fn name(self) -> &'static str {
                match self {
                    $( $( Field::$variant => stringify!($field), )* )*
                }
            }
        }

        /// Every parameter, in canonical order (the order of URL keys and of the docs).
        pub static PARAMETERS: &[ParamSpec] = &[
            $( $( ParamSpec {
                field: Field::$variant,
                key: $key,
                group: Group::$group,
                kind: $kind,
                defaults: $defaults,
                tasks: $crate::config::declare::or_default!($($tasks)?, &[]),
                depends_on: $crate::config::declare::or_default!($($depends_on)?, None),
                live: $crate::config::declare::or_default!($($live)?, false),
            }, )* )*
        ];

        impl Config {
            /// The preset of `task`: every declaration's default for that task.
            pub fn preset(task: TaskKind) -> Config {
                Config {
                    $( $( $field: $crate::config::declare::preset_value(Field::$variant, task), )* )*
                }
            }

            pub(crate) fn get(&self, field: Field) -> Value {
                use $crate::config::declare::ParamValue;
                match field {
                    $( $( Field::$variant => self.$field.to_value(), )* )*
                }
            }

            /// Stores a value read through the table. Readers only yield the kind the
            /// declaration gives, so a mismatch is a bug in this module; it is ignored in
            /// release builds rather than panicking on user input.
            pub(crate) fn set(&mut self, field: Field, value: Value) {
                use $crate::config::declare::ParamValue;
                match field {
                    $( $( Field::$variant => match <$ty>::from_value(value) {
                        Some(v) => self.$field = v,
                        None => debug_assert!(false, "{field:?} cannot hold that value"),
                    }, )* )*
                }
            }
        }
    };
}
pub(crate) use parameters;

/// The declared value of an optional property, or its default when left out.
macro_rules! or_default {
    ($value:expr, $default:expr) => {
        $value
    };
    (, $default:expr) => {
        $default
    };
}
pub(crate) use or_default;

/// A field's preset for `task`, converted to the field's type.
pub(crate) fn preset_value<T: ParamValue>(field: super::Field, task: super::TaskKind) -> T {
    let default = super::spec(field).defaults.for_task(task);
    T::from_value(Value::from_default(default))
        .expect("a declaration's defaults have the kind of its field (checked by the config tests)")
}

/// Declares the options of a choice parameter next to the enum they stand for:
///
/// ```text
/// LIST_NAME for EnumType in "option.param" {
///     Variant => { value: "url value", short: "Short", aliases: ["other"] },
/// }
/// ```
///
/// The menu name is the catalog message `option.param.<url value>` (see `crate::i18n`).
/// Generates the `ChoiceOption` list (for the table) and, on the enum, `ALL`, `key`,
/// `label`, `short_label` and `from_key`. It does not compile if the enum has a value the
/// list leaves out.
macro_rules! choice_options {
    ($(#[$attr:meta])* $list:ident for $ty:ident in $prefix:literal {
        $( $variant:ident => {
            value: $value:literal,
            short: $short:literal,
            aliases: [$($alias:literal),* $(,)?] $(,)?
        } ),* $(,)?
    }) => {
        $(#[$attr])*
        pub const $list: &[ChoiceOption] = &[
            $( ChoiceOption { value: $value, label_key: concat!($prefix, ".", $value), short: $short, aliases: &[$($alias),*] }, )*
        ];

        impl $ty {
            /// Every value, in menu order.
            pub const ALL: [$ty; $list.len()] = [$( $ty::$variant, )*];

            /// This value's option in the table.
            pub fn option(self) -> &'static ChoiceOption {
                // Exhaustive: a value missing from the list is a compile error here.
                let ($($ty::$variant)|*) = self;
                let index = Self::ALL.iter().position(|v| *v == self).unwrap_or(0);
                &$list[index]
            }

            /// The URL value, e.g. `"lstm"`.
            pub fn key(self) -> &'static str {
                self.option().value
            }

            /// The name in menus, in `catalog`'s language.
            pub fn label(self, catalog: &'static $crate::i18n::Catalog) -> &'static str {
                catalog.text(self.option().label_key)
            }

            /// The name where space is short (chart titles, tables).
            pub fn short_label(self) -> &'static str {
                self.option().short
            }

            /// The value named by `raw`: its URL value or an alias, in any ASCII case. The
            /// one reader of these names (URLs, JSON, lab lists, saved rows).
            pub fn from_key(raw: &str) -> Option<$ty> {
                let option = $crate::config::table::find_option($list, raw)?;
                Self::ALL.into_iter().find(|v| v.key() == option.value)
            }
        }

        impl $crate::config::declare::ParamValue for $ty {
            fn to_value(&self) -> Value {
                Value::Choice(self.key())
            }
            fn from_value(value: Value) -> Option<Self> {
                match value {
                    Value::Choice(key) => Self::from_key(key),
                    _ => None,
                }
            }
        }
    };
}
pub(crate) use choice_options;
