//! A location inside a scenario file's value tree, like `beats[3].responses[1].next`.

use std::fmt;

/// One step of a [`Path`]: a named field (or string map key), or a list/tuple position.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Seg {
    Field(String),
    Index(usize),
}

/// A sequence of steps from the file's root value; the empty path is the root itself.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Path(pub Vec<Seg>);

impl Path {
    /// The root value of the file.
    pub fn root() -> Path {
        Path(Vec::new())
    }

    /// This path extended by the named field (or string map key) `name`.
    pub fn field(&self, name: &str) -> Path {
        self.with(Seg::Field(name.to_owned()))
    }

    /// This path extended by the `i`-th element (0-based) of a list or tuple.
    pub fn index(&self, i: usize) -> Path {
        self.with(Seg::Index(i))
    }

    /// The steps, outermost first.
    pub fn segs(&self) -> &[Seg] {
        &self.0
    }

    fn with(&self, seg: Seg) -> Path {
        let mut segs = Vec::with_capacity(self.0.len() + 1);
        segs.extend_from_slice(&self.0);
        segs.push(seg);
        Path(segs)
    }
}

impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, seg) in self.0.iter().enumerate() {
            match seg {
                Seg::Field(name) if i == 0 => f.write_str(name)?,
                Seg::Field(name) => write!(f, ".{name}")?,
                Seg::Index(n) => write!(f, "[{n}]")?,
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn displays_like_an_accessor_chain() {
        let p = Path::root()
            .field("beats")
            .index(3)
            .field("responses")
            .index(1)
            .field("next");
        assert_eq!(p.to_string(), "beats[3].responses[1].next");
        assert_eq!(p.segs().len(), 5);
        assert_eq!(p.segs()[1], Seg::Index(3));
    }

    #[test]
    fn root_is_empty_and_builders_do_not_mutate() {
        let root = Path::root();
        assert_eq!(root.to_string(), "");
        assert_eq!(root, Path::default());
        let a = root.field("a");
        let b = a.index(0);
        assert_eq!(a.to_string(), "a");
        assert_eq!(b.to_string(), "a[0]");
        assert!(root.segs().is_empty());
        assert_eq!(Path::root().index(2).field("x").to_string(), "[2].x");
    }
}
