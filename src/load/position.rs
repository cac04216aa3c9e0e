//! Finds where a value stands in a YAML text, by its path (`tasks[3].lead`).
//!
//! Loading uses serde for speed; positions are needed only when something is
//! wrong, so a file is scanned again for them only then.

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;

/// One step of a path into a YAML document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seg {
    Key(String),
    Index(usize),
}

impl From<&str> for Seg {
    fn from(k: &str) -> Self {
        Seg::Key(k.to_string())
    }
}

impl From<usize> for Seg {
    fn from(i: usize) -> Self {
        Seg::Index(i)
    }
}

/// Builds a path from keys and indices: `path!["tasks", 3, "lead"]`.
#[macro_export]
macro_rules! path {
    ($($seg:expr),* $(,)?) => {{
        #[allow(clippy::useless_vec)]
        let path: Vec<$crate::load::Seg> = vec![$($crate::load::Seg::from($seg)),*];
        path
    }};
}

enum Frame {
    Seq { next: usize },
    Map { key: Option<String> },
}

struct Finder<'a> {
    target: &'a [Seg],
    stack: Vec<Frame>,
    found: Option<(usize, usize)>,
    /// The deepest prefix of the target found, with its position: used when
    /// the value itself is missing (a required field left out).
    best: (usize, (usize, usize)),
    /// The place of the key that names the target, once seen.
    key_hit: Option<(usize, usize)>,
}

impl Finder<'_> {
    fn current_path_matches(&self) -> Option<usize> {
        // How many segments of the current path match the target's prefix;
        // None when the current path leaves the target.
        let mut depth = 0;
        for frame in &self.stack {
            let seg = match frame {
                Frame::Seq { next } => Seg::Index(*next),
                Frame::Map { key: Some(k) } => Seg::Key(k.clone()),
                Frame::Map { key: None } => return None,
            };
            if self.target.get(depth) != Some(&seg) {
                return None;
            }
            depth += 1;
        }
        Some(depth)
    }

    /// Called for a node in value position (scalar, sequence or mapping
    /// start). A scalar is found at its own place; a sequence or mapping at
    /// the key that names it, where the user looks for it.
    fn at_node(&mut self, mark: Marker, scalar: bool) {
        if self.found.is_some() {
            return;
        }
        if let Some(depth) = self.current_path_matches() {
            let pos = (mark.line(), mark.col() + 1);
            if depth == self.target.len() {
                self.found = Some(match self.key_hit {
                    Some(key) if !scalar => key,
                    _ => pos,
                });
            } else if depth >= self.best.0 {
                self.best = (depth, pos);
            }
        }
    }

    fn after_value(&mut self) {
        match self.stack.last_mut() {
            Some(Frame::Seq { next }) => *next += 1,
            Some(Frame::Map { key }) => *key = None,
            None => {}
        }
    }
}

impl MarkedEventReceiver for Finder<'_> {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        let key_position = matches!(self.stack.last(), Some(Frame::Map { key: None }));
        match ev {
            Event::Scalar(text, ..) => {
                if key_position {
                    if let Some(Frame::Map { key }) = self.stack.last_mut() {
                        *key = Some(text);
                    }
                    // A key's own position stands for its value when the value is empty.
                    self.at_key(mark);
                } else {
                    self.at_node(mark, true);
                    self.after_value();
                }
            }
            Event::Alias(_) => {
                if key_position {
                    if let Some(Frame::Map { key }) = self.stack.last_mut() {
                        *key = Some(String::new());
                    }
                } else {
                    self.at_node(mark, true);
                    self.after_value();
                }
            }
            Event::SequenceStart(..) => {
                self.at_node(mark, false);
                self.stack.push(Frame::Seq { next: 0 });
            }
            Event::MappingStart(..) => {
                self.at_node(mark, false);
                self.stack.push(Frame::Map { key: None });
            }
            Event::SequenceEnd | Event::MappingEnd => {
                self.stack.pop();
                self.after_value();
            }
            _ => {}
        }
    }
}

impl Finder<'_> {
    fn at_key(&mut self, mark: Marker) {
        if self.found.is_some() {
            return;
        }
        if let Some(depth) = self.current_path_matches() {
            if depth == self.target.len() {
                self.key_hit = Some((mark.line(), mark.col() + 1));
                self.best = (depth, (mark.line(), mark.col() + 1));
            } else if depth >= self.best.0 {
                self.best = (depth, (mark.line(), mark.col() + 1));
            }
        }
    }
}

/// The 1-based line and column of the value at `path` in `text`; when the
/// path does not exist, the position of its deepest existing parent; (0, 0)
/// when the text cannot be scanned at all.
pub fn locate(text: &str, path: &[Seg]) -> (usize, usize) {
    let mut finder = Finder {
        target: path,
        stack: Vec::new(),
        found: None,
        best: (0, (0, 0)),
        key_hit: None,
    };
    let mut parser = Parser::new_from_str(text);
    // A scan error leaves whatever was found so far.
    let _ = parser.load(&mut finder, false);
    finder.found.unwrap_or(finder.best.1)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "\
title: x
tasks:
  - id: a
    lead: foo
  - id: b
    lead: bar
    partners: [p, q]
points:
  \"8.2\": 0
  7.3.5:
    points: 1.4
";

    #[test]
    fn finds_nested_values() {
        assert_eq!(locate(TEXT, &path!["title"]), (1, 8));
        assert_eq!(locate(TEXT, &path!["tasks", 1, "lead"]), (6, 11));
        assert_eq!(locate(TEXT, &path!["tasks", 1, "partners", 1]), (7, 19));
        assert_eq!(locate(TEXT, &path!["points", "8.2"]), (9, 10));
        assert_eq!(locate(TEXT, &path!["points", "7.3.5"]), (10, 3));
        assert_eq!(locate(TEXT, &path!["points", "7.3.5", "points"]), (11, 13));
    }

    #[test]
    fn missing_value_points_at_its_parent() {
        assert_eq!(locate(TEXT, &path!["tasks", 0, "due"]).0, 3);
    }

    #[test]
    fn broken_or_empty_text() {
        assert_eq!(locate("", &path!["b"]), (0, 0));
        assert_eq!(locate("a: [", &path!["a", 0]).0, 1);
    }
}
