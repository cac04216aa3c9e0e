//! The content in memory kept as the files change, for `tiendo serve`: a
//! file read again, added or removed, the others keeping their place.

use std::path::Path;

use super::parse::read_and_parse;
use super::{Content, FileId, Kind, Parsed, SourceFile, is_content_file, kind_of};
use crate::diagnostics::Diagnostic;

impl Content {
    /// Reads the file `rel` of `root` again, in place, as [`load`] would:
    /// for a preview that follows edits without reading the whole folder.
    /// Gives the file's new parse problem (`Some(None)`: none), or `None`
    /// when the file was not loaded before or is gone: load the folder again.
    pub fn reread(&mut self, root: &Path, rel: &str) -> Option<Option<Diagnostic>> {
        let path = Path::new(rel);
        let kind = kind_of(path).filter(|_| is_content_file(path))?;
        let id = self.files.iter().position(|f| f.rel == rel)?;
        if !root.join(path).is_file() {
            return None;
        }
        let (source, result) = read_and_parse(root, path, kind);
        self.files[id] = source;
        self.unparsed.retain(|&f| f != id);
        fn put<T>(list: &mut Vec<(FileId, T)>, id: FileId, value: Option<T>) {
            list.retain(|(f, _)| *f != id);
            if let Some(value) = value {
                let at = list.partition_point(|(f, _)| *f < id);
                list.insert(at, (id, value));
            }
        }
        let mut problem = None;
        match result {
            Ok(Parsed::Site(v)) => self.site = Some((id, v)),
            Ok(Parsed::Units(v)) => self.units = Some((id, v)),
            Ok(Parsed::Framework(v)) => put(&mut self.frameworks, id, Some(v)),
            Ok(Parsed::Assignments(v)) => put(&mut self.assignments, id, Some(v)),
            Ok(Parsed::Snapshot(v)) => put(&mut self.snapshots, id, Some(v)),
            Ok(Parsed::Directive(v)) => put(&mut self.directives, id, Some(v)),
            Ok(Parsed::Note(v)) => put(&mut self.notes, id, Some(v)),
            Err(d) => {
                match kind {
                    Kind::Site => self.site = None,
                    Kind::Units => self.units = None,
                    Kind::Framework => put(&mut self.frameworks, id, None),
                    Kind::Assignments => put(&mut self.assignments, id, None),
                    Kind::Snapshot => put(&mut self.snapshots, id, None),
                    Kind::Directive => put(&mut self.directives, id, None),
                    Kind::Note => put(&mut self.notes, id, None),
                }
                let at = self.unparsed.partition_point(|&f| f < id);
                self.unparsed.insert(at, id);
                problem = Some(d);
            }
        }
        Some(problem)
    }

    /// Adds the new file `rel` of `root`, read and parsed as [`load`]
    /// would, in its place in [`load`]'s order. Gives its parse problem
    /// (`Some(None)`: none), or `None` when it is no content file, is
    /// loaded already or is no plain file: load the folder again.
    pub fn insert(&mut self, root: &Path, rel: &str) -> Option<Option<Diagnostic>> {
        let path = Path::new(rel);
        let meta = std::fs::symlink_metadata(root.join(path)).ok()?;
        if !is_content_file(path) || !meta.is_file() || self.files.iter().any(|f| f.rel == rel) {
            return None;
        }
        // load walks each folder in name order: the order of components.
        let at = self.files.partition_point(|f| Path::new(&f.rel) < path);
        self.renumber(|id| if id >= at { id + 1 } else { id });
        self.files.insert(at, SourceFile::unread(rel));
        self.reread(root, rel)
    }

    /// Forgets the file `rel`, gone from the folder. Gives whether it was
    /// loaded.
    pub fn remove(&mut self, rel: &str) -> bool {
        let Some(gone) = self.files.iter().position(|f| f.rel == rel) else {
            return false;
        };
        self.files.remove(gone);
        if self.site.as_ref().is_some_and(|(f, _)| *f == gone) {
            self.site = None;
        }
        if self.units.as_ref().is_some_and(|(f, _)| *f == gone) {
            self.units = None;
        }
        self.frameworks.retain(|(f, _)| *f != gone);
        self.assignments.retain(|(f, _)| *f != gone);
        self.snapshots.retain(|(f, _)| *f != gone);
        self.directives.retain(|(f, _)| *f != gone);
        self.notes.retain(|(f, _)| *f != gone);
        self.unparsed.retain(|f| *f != gone);
        self.renumber(|id| if id > gone { id - 1 } else { id });
        true
    }

    /// Gives every file id a new number, in the same order.
    fn renumber(&mut self, new: impl Fn(FileId) -> FileId) {
        fn each<T>(list: &mut [(FileId, T)], new: &impl Fn(FileId) -> FileId) {
            for (f, _) in list {
                *f = new(*f);
            }
        }
        each(
            self.site
                .as_mut()
                .map(std::slice::from_mut)
                .unwrap_or_default(),
            &new,
        );
        each(
            self.units
                .as_mut()
                .map(std::slice::from_mut)
                .unwrap_or_default(),
            &new,
        );
        each(&mut self.frameworks, &new);
        each(&mut self.assignments, &new);
        each(&mut self.snapshots, &new);
        each(&mut self.directives, &new);
        each(&mut self.notes, &new);
        for f in &mut self.unparsed {
            *f = new(*f);
        }
    }
}
