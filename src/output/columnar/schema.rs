//! The Arrow schema of a table, traced from its row struct.
//!
//! A row struct's `Deserialize` implementation is asked for one row by a
//! deserializer that is not human-readable and answers every request with
//! a zero value, noting what was asked for: `u32` becomes `UInt32`, a
//! string `Utf8`, an `Option` a nullable column. The cell helpers of
//! [`crate::output::na`] ask for the native value (an `f64` that may be
//! missing, a `bool`) when the format is not human-readable, so a column
//! written as text in CSV gets its real type here. The schema therefore
//! follows the struct: adding a field adds the column to both formats.

use std::fmt;
use std::sync::Arc;

use arrow_schema::{DataType, Field, Schema, SchemaRef};
use serde::Deserializer;
use serde::de::{self, DeserializeOwned, DeserializeSeed, SeqAccess, Visitor};

/// The type of a column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Yes/no (`0`/`1` in CSV).
    Bool,
    /// A small whole number.
    U8,
    /// A whole number.
    U32,
    /// A large whole number.
    U64,
    /// A number (`NA` in CSV is null).
    F64,
    /// Text.
    Str,
}

impl Kind {
    /// The Arrow type of the column.
    pub fn data_type(self) -> DataType {
        match self {
            Kind::Bool => DataType::Boolean,
            Kind::U8 => DataType::UInt8,
            Kind::U32 => DataType::UInt32,
            Kind::U64 => DataType::UInt64,
            Kind::F64 => DataType::Float64,
            Kind::Str => DataType::Utf8,
        }
    }
}

/// One column of a table: its name (the CSV header's), type, and whether
/// it may hold missing values (`NA`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    /// Column name.
    pub name: String,
    /// Type.
    pub kind: Kind,
    /// Whether a value may be missing (null).
    pub nullable: bool,
}

impl Column {
    /// A number column that may be missing (an outcome, a swept parameter).
    pub fn number(name: &str) -> Column {
        Column {
            name: name.to_string(),
            kind: Kind::F64,
            nullable: true,
        }
    }

    /// The Arrow field.
    pub fn field(&self) -> Field {
        Field::new(&self.name, self.kind.data_type(), self.nullable)
    }
}

/// The Arrow schema of these columns.
pub fn schema(columns: &[Column]) -> SchemaRef {
    Arc::new(Schema::new(
        columns.iter().map(Column::field).collect::<Vec<_>>(),
    ))
}

/// The columns of a row struct, in order, with their types.
///
/// # Panics
/// If `T` is not a struct of numbers, flags and text (a program error,
/// caught by the tests of every row struct).
pub fn columns_of<T: DeserializeOwned>() -> Vec<Column> {
    let mut probe = Probe::default();
    if let Err(e) = T::deserialize(&mut probe) {
        panic!("{} cannot be a table row: {e}", std::any::type_name::<T>());
    }
    assert_eq!(
        probe.names.len(),
        probe.kinds.len(),
        "{}: every field of a table row is one column",
        std::any::type_name::<T>()
    );
    probe
        .names
        .iter()
        .zip(probe.kinds)
        .map(|(name, (kind, nullable))| Column {
            name: name.to_string(),
            kind,
            nullable,
        })
        .collect()
}

/// A deserializer that notes the type of every field asked for.
#[derive(Default)]
struct Probe {
    names: &'static [&'static str],
    kinds: Vec<(Kind, bool)>,
    nullable: bool,
}

impl Probe {
    fn note(&mut self, kind: Kind) {
        let nullable = std::mem::take(&mut self.nullable);
        self.kinds.push((kind, nullable));
    }
}

/// A field type a table cannot hold.
#[derive(Debug)]
struct Unsupported(String);

impl fmt::Display for Unsupported {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Unsupported {}

impl de::Error for Unsupported {
    fn custom<M: fmt::Display>(m: M) -> Self {
        Unsupported(m.to_string())
    }
}

impl<'de> Deserializer<'de> for &mut Probe {
    type Error = Unsupported;

    fn is_human_readable(&self) -> bool {
        false
    }

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Unsupported> {
        Err(Unsupported(
            "a field of no fixed type (give it a number, flag or text type)".into(),
        ))
    }

    fn deserialize_bool<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Unsupported> {
        self.note(Kind::Bool);
        v.visit_bool(false)
    }

    fn deserialize_u8<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Unsupported> {
        self.note(Kind::U8);
        v.visit_u8(0)
    }

    fn deserialize_u32<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Unsupported> {
        self.note(Kind::U32);
        v.visit_u32(0)
    }

    fn deserialize_u64<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Unsupported> {
        self.note(Kind::U64);
        v.visit_u64(0)
    }

    fn deserialize_f64<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Unsupported> {
        self.note(Kind::F64);
        v.visit_f64(0.0)
    }

    fn deserialize_str<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Unsupported> {
        self.note(Kind::Str);
        v.visit_str("")
    }

    fn deserialize_string<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Unsupported> {
        self.deserialize_str(v)
    }

    fn deserialize_option<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Unsupported> {
        self.nullable = true;
        v.visit_some(self)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, Unsupported> {
        self.names = fields;
        v.visit_seq(Fields {
            probe: self,
            left: fields.len(),
        })
    }

    serde::forward_to_deserialize_any! {
        i8 i16 i32 i64 i128 u16 u128 f32 char bytes byte_buf unit unit_struct
        newtype_struct seq tuple tuple_struct map enum identifier ignored_any
    }
}

/// The fields of the struct being probed, one after the other.
struct Fields<'a> {
    probe: &'a mut Probe,
    left: usize,
}

impl<'de> SeqAccess<'de> for Fields<'_> {
    type Error = Unsupported;

    fn next_element_seed<S: DeserializeSeed<'de>>(
        &mut self,
        seed: S,
    ) -> Result<Option<S::Value>, Unsupported> {
        if self.left == 0 {
            return Ok(None);
        }
        self.left -= 1;
        seed.deserialize(&mut *self.probe).map(Some)
    }
}
