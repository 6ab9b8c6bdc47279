//! Values as trees of RON shapes (structs with their fields in declaration order, lists, enum
//! variants, literals), built from any `Serialize` value. The edit model diffs two trees to find
//! what an edit changed, and writes trees out in the house style (`style.rs`).
//!
//! Fields left at their default are left out, as a trainer would leave them out: effects of 0,
//! `version: 1`, `language: "en"`, `max_chars: 600`, `public_only: false`, default scoring.

use std::sync::OnceLock;

use serde::Serialize;
use serde::ser::{self, Impossible};

use crate::path::{Path, Seg};

/// One value.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Tree {
    /// A number, `true`/`false` or a unit variant, as written.
    Atom(String),
    /// A string, decoded.
    Str(String),
    /// Named fields, in declaration order; the name is the Rust type's (or its serde rename).
    Struct(&'static str, Vec<(&'static str, Tree)>),
    List(Vec<Tree>),
    /// `Name(args)`: newtype and tuple variants; tuples have an empty name.
    Variant(&'static str, Vec<Tree>),
    /// `None`: a field holding it is left out.
    Absent,
}

impl Tree {
    /// The tree of `value`, with default fields left out.
    pub(crate) fn of<T: Serialize + ?Sized>(value: &T) -> Tree {
        value
            .serialize(Builder { prune: true })
            .unwrap_or_else(|e| Tree::Atom(format!("/* {e} */")))
    }

    /// The value at `path`, if there is one.
    pub(crate) fn get(&self, path: &Path) -> Option<&Tree> {
        path.segs().iter().try_fold(self, |t, seg| match (t, seg) {
            (Tree::Struct(_, fields), Seg::Field(f)) => {
                fields.iter().find(|(n, _)| n == f).map(|(_, v)| v)
            }
            (Tree::List(items) | Tree::Variant(_, items), Seg::Index(i)) => items.get(*i),
            _ => None,
        })
    }

    /// The field names of a struct, in order; empty for anything else.
    pub(crate) fn field_names(&self) -> Vec<&'static str> {
        match self {
            Tree::Struct(_, fields) => fields.iter().map(|(n, _)| *n).collect(),
            _ => Vec::new(),
        }
    }
}

/// Error of the tree builder (a shape RON files do not use).
#[derive(Debug)]
pub(crate) struct Unsupported(String);

impl std::fmt::Display for Unsupported {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "cannot write {}", self.0)
    }
}

impl std::error::Error for Unsupported {}

impl ser::Error for Unsupported {
    fn custom<T: std::fmt::Display>(msg: T) -> Self {
        Unsupported(msg.to_string())
    }
}

#[derive(Clone, Copy)]
struct Builder {
    /// Leave default fields out (off only to build the defaults themselves).
    prune: bool,
}

type Result<T> = std::result::Result<T, Unsupported>;

fn atom(v: impl ToString) -> Result<Tree> {
    Ok(Tree::Atom(v.to_string()))
}

impl ser::Serializer for Builder {
    type Ok = Tree;
    type Error = Unsupported;
    type SerializeSeq = Items;
    type SerializeTuple = Items;
    type SerializeTupleStruct = Items;
    type SerializeTupleVariant = Items;
    type SerializeMap = Impossible<Tree, Unsupported>;
    type SerializeStruct = Fields;
    type SerializeStructVariant = Impossible<Tree, Unsupported>;

    fn serialize_bool(self, v: bool) -> Result<Tree> {
        atom(v)
    }
    fn serialize_i8(self, v: i8) -> Result<Tree> {
        atom(v)
    }
    fn serialize_i16(self, v: i16) -> Result<Tree> {
        atom(v)
    }
    fn serialize_i32(self, v: i32) -> Result<Tree> {
        atom(v)
    }
    fn serialize_i64(self, v: i64) -> Result<Tree> {
        atom(v)
    }
    fn serialize_u8(self, v: u8) -> Result<Tree> {
        atom(v)
    }
    fn serialize_u16(self, v: u16) -> Result<Tree> {
        atom(v)
    }
    fn serialize_u32(self, v: u32) -> Result<Tree> {
        atom(v)
    }
    fn serialize_u64(self, v: u64) -> Result<Tree> {
        atom(v)
    }
    fn serialize_f32(self, v: f32) -> Result<Tree> {
        // `{:?}` is the shortest text that reads back as the same number, and keeps the `.0`.
        atom(format!("{v:?}"))
    }
    fn serialize_f64(self, v: f64) -> Result<Tree> {
        atom(format!("{v:?}"))
    }
    fn serialize_char(self, v: char) -> Result<Tree> {
        atom(format!("{v:?}"))
    }
    fn serialize_str(self, v: &str) -> Result<Tree> {
        Ok(Tree::Str(v.to_owned()))
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<Tree> {
        Err(Unsupported("bytes".into()))
    }
    fn serialize_none(self) -> Result<Tree> {
        Ok(Tree::Absent)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<Tree> {
        // Files are read with implicit `Some`: the value is written bare.
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<Tree> {
        Ok(Tree::Variant("", Vec::new()))
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<Tree> {
        Ok(Tree::Variant("", Vec::new()))
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<Tree> {
        atom(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<Tree> {
        Ok(Tree::Variant("", vec![value.serialize(self)?]))
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<Tree> {
        Ok(Tree::Variant(variant, vec![value.serialize(self)?]))
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<Items> {
        Ok(Items::new(self, None, len))
    }
    fn serialize_tuple(self, len: usize) -> Result<Items> {
        Ok(Items::new(self, Some(""), Some(len)))
    }
    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> Result<Items> {
        Ok(Items::new(self, Some(""), Some(len)))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Items> {
        Ok(Items::new(self, Some(variant), Some(len)))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap> {
        Err(Unsupported("a map".into()))
    }
    fn serialize_struct(self, name: &'static str, len: usize) -> Result<Fields> {
        Ok(Fields {
            builder: self,
            name,
            fields: Vec::with_capacity(len),
        })
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant> {
        Err(Unsupported(format!("the struct variant {variant}")))
    }
}

/// Elements of a list (no name) or of a tuple or variant (named, maybe "").
struct Items {
    builder: Builder,
    name: Option<&'static str>,
    items: Vec<Tree>,
}

impl Items {
    fn new(builder: Builder, name: Option<&'static str>, len: Option<usize>) -> Items {
        Items {
            builder,
            name,
            items: Vec::with_capacity(len.unwrap_or(0)),
        }
    }

    fn push<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        self.items.push(value.serialize(self.builder)?);
        Ok(())
    }

    fn done(self) -> Result<Tree> {
        Ok(match self.name {
            None => Tree::List(self.items),
            Some(name) => Tree::Variant(name, self.items),
        })
    }
}

macro_rules! items_impl {
    ($($tr:ident :: $method:ident),*) => {$(
        impl ser::$tr for Items {
            type Ok = Tree;
            type Error = Unsupported;
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
                self.push(value)
            }
            fn end(self) -> Result<Tree> {
                self.done()
            }
        }
    )*};
}

items_impl!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

/// The fields of a struct.
struct Fields {
    builder: Builder,
    name: &'static str,
    fields: Vec<(&'static str, Tree)>,
}

impl ser::SerializeStruct for Fields {
    type Ok = Tree;
    type Error = Unsupported;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<()> {
        let value = value.serialize(self.builder)?;
        if value != Tree::Absent {
            self.fields.push((key, value));
        }
        Ok(())
    }

    fn end(mut self) -> Result<Tree> {
        if self.builder.prune {
            prune(self.name, &mut self.fields);
        }
        Ok(Tree::Struct(self.name, self.fields))
    }
}

/// Leaves out the fields of struct `name` that hold the value they default to when missing.
fn prune(name: &str, fields: &mut Vec<(&'static str, Tree)>) {
    let at = |v: &str| Tree::Atom(v.to_owned());
    let is_default = |field: &str, value: &Tree| match (name, field) {
        ("RawEffects", _) => *value == at("0"),
        ("Scenario", "version") => *value == at("1"),
        ("Scenario", "language") => *value == Tree::Str("en".into()),
        ("Scenario", "scoring") => *value == Tree::Struct("RawScoring", Vec::new()),
        ("RawTyped", "max_chars") => *value == at("600"),
        ("RawRubricEntry", "public_only") => *value == at("false"),
        ("RawScoring" | "RawWeights" | "RawPass" | "RawBaseline", _) => {
            matches!(value, Tree::Struct(_, f) if f.is_empty())
                || scoring_default(name).and_then(|d| d.get(&Path::root().field(field)))
                    == Some(value)
        }
        _ => false,
    };
    fields.retain(|(field, value)| !is_default(field, value));
}

/// The default scoring (or one of its parts, by type name) with every field written.
fn scoring_default(name: &str) -> Option<&'static Tree> {
    static DEFAULT: OnceLock<Tree> = OnceLock::new();
    let all = DEFAULT.get_or_init(|| {
        crate::raw::RawScoring::default()
            .serialize(Builder { prune: false })
            .unwrap_or(Tree::Absent)
    });
    let part = match name {
        "RawWeights" => "weights",
        "RawPass" => "pass",
        "RawBaseline" => "baseline",
        _ => return Some(all),
    };
    all.get(&Path::root().field(part))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::raw::{RawEffects, RawScoring};

    #[test]
    fn zero_effects_and_default_scoring_are_left_out() {
        let e = RawEffects {
            empathy: 5,
            ..RawEffects::default()
        };
        assert_eq!(
            Tree::of(&e),
            Tree::Struct("RawEffects", vec![("empathy", Tree::Atom("5".into()))])
        );
        assert_eq!(
            Tree::of(&RawScoring::default()),
            Tree::Struct("RawScoring", Vec::new())
        );
        let mut s = RawScoring::default();
        s.pass.overall = 80;
        let t = Tree::of(&s);
        assert_eq!(
            t.get(&Path::root().field("pass").field("overall")),
            Some(&Tree::Atom("80".into()))
        );
        assert_eq!(t.field_names(), vec!["pass"]);
    }
}
