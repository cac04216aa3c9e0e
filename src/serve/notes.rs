//! The fast path of the preview: a change of notes alone updates the site
//! in memory instead of making it again.
//!
//! Notes are leaves of the model: no score, status, rank or deadline
//! depends on them. So when only note files changed since the site in
//! memory was made, the changed notes are checked alone against its model
//! (the checks of [`validate::notes_alone`], the same as a full validation
//! makes), and only what is made of notes is put right: the list of notes,
//! the lookups of notes by unit and criterion, the page map when notes came,
//! went or moved, and the open data and search index (made again on the
//! next request). The pages are rendered on request from the model, so
//! each is then what a full rebuild would serve (the tests below compare
//! them byte for byte). Whatever this cannot decide safely makes the site
//! again: see [`Live::plan`].

use std::collections::{BTreeMap, HashSet};
use std::path::Path;
use std::sync::OnceLock;

use super::live::{Live, Ready, is_note};
use crate::diagnostics::{Diagnostic, Severity};
use crate::model::Note;
use crate::render::single::PageMap;
use crate::validate;

/// What a change asks of the site in memory.
pub enum Plan {
    /// Only notes changed and they are right: update the site in memory.
    Update(NoteUpdate),
    /// Only notes changed, and one of them has an error: the site shows
    /// it, and keeps the site in memory for the next save of notes. With
    /// the problems validation found in each changed file; `None` when a
    /// note could not be read, which a full validation must tell (it then
    /// leaves out the checks that need every file).
    NoteErrors(Option<BTreeMap<String, Vec<Diagnostic>>>),
    /// Make the site again.
    Full,
}

/// The changed notes, checked, ready to go into the site in memory.
pub struct NoteUpdate {
    /// The names of the changed note files: notes of these names leave
    /// the model…
    ids: HashSet<String>,
    /// …and these take their place (those for the site's audience).
    notes: Vec<Note>,
    /// The problems validation found in each changed file (no error).
    pub checked: BTreeMap<String, Vec<Diagnostic>>,
}

/// The name of the note that `rel` makes, as [`crate::load`] names it.
fn note_id(rel: &str) -> &str {
    Path::new(rel)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default()
}

impl Live {
    /// Decides how the site in memory (`held`, if any) follows the changes
    /// read since it was made. A full rebuild unless only notes changed,
    /// the theme is right, and each changed note's name is that of no other
    /// note file (so that the note of that name in the model came from the
    /// same file, and names stay unique).
    pub fn plan(&self, held: Option<&Ready>) -> Plan {
        let Some(held) = held else {
            return Plan::Full;
        };
        if self.others_changed || self.theme.is_err() || self.notes_changed.is_empty() {
            return Plan::Full;
        }
        // A note moved to another folder is one name twice: once gone.
        let ids: HashSet<String> = self
            .notes_changed
            .iter()
            .map(|rel| note_id(rel).to_string())
            .collect();
        let mut files = Vec::new();
        let mut present = HashSet::new();
        for (id, f) in self.content.files.iter().enumerate() {
            if self.notes_changed.contains(&f.rel) {
                files.push(id);
                if !present.insert(note_id(&f.rel)) {
                    return Plan::Full;
                }
            } else if ids.contains(note_id(&f.rel)) && is_note(&f.rel) {
                return Plan::Full;
            }
        }
        for rel in &self.notes_changed {
            let problems = self.load_problems.get(rel).into_iter().flatten();
            let mut severities = problems.map(|d| d.severity);
            if severities.any(|s| s == Severity::Error) {
                return Plan::NoteErrors(None);
            }
            if self.load_problems.contains_key(rel) {
                // A warning while reading a note: not one load gives.
                return Plan::Full;
            }
        }
        let (notes, diags) =
            validate::notes_alone(&self.content, &held.model, &self.options, &files);
        let errors = diags.has_errors();
        let mut checked: BTreeMap<String, Vec<Diagnostic>> = BTreeMap::new();
        for d in diags.sorted() {
            checked.entry(d.file.clone()).or_default().push(d);
        }
        if errors {
            return Plan::NoteErrors(Some(checked));
        }
        Plan::Update(NoteUpdate {
            ids,
            notes,
            checked,
        })
    }

    /// Every problem, as a full rebuild would give it, when the changed
    /// notes have the problems `checked` (by file) and every other file
    /// those of the site in memory.
    pub fn problems_with(&self, checked: &BTreeMap<String, Vec<Diagnostic>>) -> Vec<Diagnostic> {
        let others = self
            .checked
            .iter()
            .filter(|(rel, _)| !self.notes_changed.contains(*rel));
        let validated = others
            .flat_map(|(_, ds)| ds)
            .chain(checked.values().flatten())
            .cloned()
            .collect();
        self.all_problems(validated)
    }

    /// The site in memory took the changed notes: their problems replace
    /// those they had. Gives every problem, as a full rebuild would.
    pub fn updated(&mut self, checked: BTreeMap<String, Vec<Diagnostic>>) -> Vec<Diagnostic> {
        let all = self.problems_with(&checked);
        for rel in std::mem::take(&mut self.notes_changed) {
            self.checked.remove(&rel);
        }
        self.checked.extend(checked);
        all
    }
}

impl NoteUpdate {
    /// Puts the notes into `ready`. Gives its number of pages.
    pub fn apply(self, ready: &mut Ready) -> usize {
        let model = &mut ready.model;
        // A note edited in place (same name, same date) keeps its place in
        // the list, and every page its route.
        let mut places = Vec::new();
        for (i, n) in model.notes.iter().enumerate() {
            if self.ids.contains(&n.id) {
                places.push(i);
            }
        }
        let in_place = places.len() == self.notes.len()
            && self.notes.iter().all(|new| {
                places.iter().any(|&i| {
                    let old = &model.notes[i];
                    old.id == new.id && old.date == new.date
                })
            });
        if in_place {
            for note in self.notes {
                if let Some(old) = model.notes.iter_mut().find(|n| n.id == note.id) {
                    *old = note;
                }
            }
        } else {
            model.notes.retain(|n| !self.ids.contains(&n.id));
            model.notes.extend(self.notes);
            validate::sort_notes(&mut model.notes);
        }
        ready.computed.index.renote(model);
        if !in_place {
            ready.pages = PageMap::new(model, &ready.computed);
        }
        ready.data = OnceLock::new();
        ready.pages.len()
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;
    use std::sync::{Arc, Condvar, Mutex, RwLock};

    use super::super::{Done, Shared, State, refresh};
    use super::*;
    use crate::render::single;
    use crate::serve::live::Site;

    const NOTE: &str = "notes/2023-11-14-thu-dien-tu-cong-vu.md";

    /// The example content in a folder of its own, served from memory.
    struct Preview {
        _tmp: tempfile::TempDir,
        dir: PathBuf,
        live: Live,
        shared: Shared,
        options: validate::Options,
    }

    impl Preview {
        fn new(options: validate::Options) -> Preview {
            let tmp = tempfile::tempdir().unwrap();
            let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
            for entry in walkdir::WalkDir::new(&from) {
                let entry = entry.unwrap();
                let target = tmp.path().join(entry.path().strip_prefix(&from).unwrap());
                if entry.file_type().is_dir() {
                    std::fs::create_dir_all(&target).unwrap();
                } else {
                    std::fs::copy(entry.path(), &target).unwrap();
                }
            }
            let dir = tmp.path().canonicalize().unwrap();
            let mut live = Live::open(&dir, None, options.clone()).unwrap();
            let first = live.build();
            assert!(matches!(first.site, Site::Ready(_)), "the example is valid");
            let shared = Shared {
                state: RwLock::new(Arc::new(State {
                    version: 0,
                    site: first.site,
                })),
                version: Mutex::new(0),
                changed: Condvar::new(),
            };
            Preview {
                _tmp: tmp,
                dir,
                live,
                shared,
                options,
            }
        }

        fn read(&self, rel: &str) -> String {
            std::fs::read_to_string(self.dir.join(rel)).unwrap()
        }

        /// Writes (or, with `None`, deletes) `rel` and lets the preview
        /// follow, as the watcher would tell it.
        fn save(&mut self, rel: &str, text: Option<&str>) -> Done {
            let path = self.dir.join(rel);
            match text {
                Some(text) => std::fs::write(&path, text).unwrap(),
                None => std::fs::remove_file(&path).unwrap(),
            }
            self.follow(&[rel])
        }

        /// Lets the preview follow changes to `rels`.
        fn follow(&mut self, rels: &[&str]) -> Done {
            let paths: Vec<PathBuf> = rels.iter().map(|rel| self.dir.join(rel)).collect();
            let changes = self.live.changes(&paths);
            self.live.apply(&changes).unwrap();
            refresh(&mut self.live, &self.shared)
        }

        /// What the preview serves is what a preview started afresh on
        /// the same folder serves: the same problems and, when the site
        /// can be shown, every page and file byte for byte.
        fn same_as_afresh(&self, done: &Done) {
            let mut fresh = Live::open(&self.dir, None, self.options.clone()).unwrap();
            let files = |l: &Live| {
                let c = &l.content;
                let rels: Vec<String> = c.files.iter().map(|f| f.rel.clone()).collect();
                let notes: Vec<(usize, String)> =
                    c.notes.iter().map(|(f, n)| (*f, n.id.clone())).collect();
                (rels, notes, c.unparsed.clone(), l.load_problems.clone())
            };
            assert!(
                files(&self.live) == files(&fresh),
                "the content read differs"
            );
            let fresh = fresh.build();
            assert_eq!(done.diagnostics, fresh.diagnostics);
            let state = self.shared.current();
            let (ready, expected) = match (&state.site, &fresh.site) {
                (Site::Ready(a), Site::Ready(b)) => (a, b),
                (
                    Site::Broken {
                        problems, summary, ..
                    },
                    Site::Broken {
                        problems: p,
                        summary: s,
                        ..
                    },
                ) => {
                    assert_eq!((problems, summary), (p, s));
                    assert!(!done.ok);
                    return;
                }
                _ => panic!("one site is ready, the other is not"),
            };
            assert!(done.ok);
            assert_eq!(done.pages, expected.pages.len());
            let mut routes: Vec<&str> = ready.pages.routes().collect();
            let mut wanted: Vec<&str> = expected.pages.routes().collect();
            routes.sort_unstable();
            wanted.sort_unstable();
            assert_eq!(routes, wanted);
            let page = |r: &Ready, route: &str| {
                let page = r.pages.get(route).unwrap();
                single::render_page(&r.model, &r.computed, &r.theme, &page).unwrap()
            };
            for route in routes {
                assert!(
                    page(ready, route) == page(expected, route),
                    "{route} differs"
                );
            }
            for path in ["feed.xml", "sitemap.xml"] {
                let file = |r: &Ready| {
                    single::site_file(&r.model, &r.computed, &r.theme, &r.pages, path)
                        .unwrap()
                        .map(|f| f.bytes)
                };
                assert!(file(ready) == file(expected), "{path} differs");
                assert!(file(ready).is_some() || path == "sitemap.xml", "{path}");
            }
            // As a request makes them: once, until the site changes.
            let data = |r: &Ready| {
                r.data
                    .get_or_init(|| {
                        let (files, _) =
                            single::data_files(&r.model, &r.computed, &r.theme).unwrap();
                        files.into_iter().map(|f| (f.path, f.bytes)).collect()
                    })
                    .clone()
            };
            assert!(data(ready) == data(expected), "open data or search differ");
        }
    }

    #[test]
    fn notes_edited_added_moved_and_removed_serve_what_a_full_rebuild_serves() {
        let mut p = Preview::new(validate::Options::default());
        let text = p.read(NOTE);

        let edited = format!("{text}\nMột dòng mới.\n");
        let done = p.save(NOTE, Some(&edited));
        assert!(done.in_place, "a note's body changed: updated in place");
        p.same_as_afresh(&done);
        assert!(
            p.live
                .content
                .notes
                .iter()
                .any(|(_, n)| n.body.contains("Một dòng mới")),
            "only the note was read again"
        );

        let moved = edited.replace("unit: phong-van-hoa-thong-tin", "unit: hon-quan");
        assert_ne!(moved, edited);
        let done = p.save(NOTE, Some(&moved));
        assert!(done.in_place);
        p.same_as_afresh(&done);

        let later = moved.replace("date: 2023-11-14", "date: 2023-10-02");
        let done = p.save(NOTE, Some(&later));
        assert!(done.in_place, "a new date moves the note in the list");
        p.same_as_afresh(&done);

        let new = "---\ntitle: \"Ghi chú mới\"\ndate: 2023-11-20\nunit: an-phu\n\
                   criterion: district/1.1.2\ntask: tckh-8-2\n---\nNội dung *mới*.\n";
        let done = p.save("notes/2023-11-20-ghi-chu-moi.md", Some(new));
        assert!(done.in_place, "a new note goes into the site in memory");
        p.same_as_afresh(&done);

        let done = p.save("notes/2023-11-01-ban-chi-dao-bao-cao-1240.md", None);
        assert!(done.in_place, "a note removed leaves the site in memory");
        p.same_as_afresh(&done);

        std::fs::create_dir_all(p.dir.join("notes/2023")).unwrap();
        let elsewhere = format!("notes/2023/{}", NOTE.trim_start_matches("notes/"));
        std::fs::rename(p.dir.join(NOTE), p.dir.join(&elsewhere)).unwrap();
        let done = p.follow(&[NOTE, &elsewhere]);
        assert!(
            done.in_place,
            "a note moved to another folder keeps its name"
        );
        p.same_as_afresh(&done);
        std::fs::rename(p.dir.join(&elsewhere), p.dir.join(NOTE)).unwrap();
        let done = p.follow(&[&elsewhere, NOTE]);
        assert!(done.in_place);
        p.same_as_afresh(&done);

        let hidden = later.replace("audience: public", "audience: committee");
        let done = p.save(NOTE, Some(&hidden));
        assert!(done.in_place);
        p.same_as_afresh(&done);

        let done = p.save(NOTE, Some(&later));
        assert!(done.in_place);
        p.same_as_afresh(&done);
    }

    #[test]
    fn a_broken_note_shows_its_line_and_the_next_good_save_updates_in_place() {
        let mut p = Preview::new(validate::Options::default());
        // A warning elsewhere, which each update must keep.
        let tasks = "source: \"Văn bản thử\"\ntasks:\n  - id: thu-khong-han\n    \
                     title: \"Việc không có thời hạn\"\n    lead: an-phu\n";
        let done = p.save("tasks/thu.yaml", Some(tasks));
        assert!(done.ok && !done.in_place);
        assert!(done.diagnostics.iter().any(|d| d.file == "tasks/thu.yaml"));
        let good = p.read(NOTE);
        let line = good.lines().position(|l| l.starts_with("unit:")).unwrap() + 1;

        let bad = good.replace("unit: phong-van-hoa-thong-tin", "unit: phong-van-hoa");
        let done = p.save(NOTE, Some(&bad));
        assert!(done.in_place, "shown without validating every file");
        p.same_as_afresh(&done);
        {
            let state = p.shared.current();
            let Site::Broken { problems, kept, .. } = &state.site else {
                panic!("a note naming no unit breaks the site");
            };
            assert!(
                problems
                    .iter()
                    .any(|t| t.contains(&format!("{NOTE}:{line}:"))),
                "{problems:?}"
            );
            assert!(kept.is_some(), "the site in memory stays for the next save");
        }

        // Every other check of a note, each as a full validation tells it.
        for (from, to) in [
            ("date: 2023-11-14", "date: 2023-11-31"),
            ("criterion: district/7.2.5", "criterion: district/7.2.9"),
            ("criterion: district/7.2.5", "criterion: huyen/7.2.5"),
            ("task: vhtt-7-2-5-cap-thu", "task: vhtt-7-2-5"),
            ("audience: public", "audience: everyone"),
        ] {
            let done = p.save(NOTE, Some(&good.replace(from, to)));
            assert!(!done.ok && done.in_place, "{to}");
            p.same_as_afresh(&done);
        }
        let done = p.save("notes/Ghi chú.md", Some(&good));
        assert!(!done.ok && done.in_place, "a file name that is no id");
        p.same_as_afresh(&done);
        let done = p.save("notes/Ghi chú.md", None);
        assert!(!done.ok && done.in_place);
        p.same_as_afresh(&done);

        // Front matter that does not parse, then a good save.
        let done = p.save(NOTE, Some(&good.replacen("title:", "title: [", 1)));
        p.same_as_afresh(&done);
        assert!(
            done.diagnostics
                .iter()
                .any(|d| d.file == NOTE && d.line > 0)
        );
        let fixed = format!("{good}\nĐã sửa.\n");
        let done = p.save(NOTE, Some(&fixed));
        assert!(
            done.in_place,
            "the good save updates the site kept in memory"
        );
        p.same_as_afresh(&done);
    }

    #[test]
    fn what_the_fast_path_cannot_decide_makes_the_site_again() {
        let mut p = Preview::new(validate::Options::default());
        // A second note of the same name, in another folder.
        std::fs::create_dir_all(p.dir.join("notes/khac")).unwrap();
        let twin = format!("notes/khac/{}", NOTE.trim_start_matches("notes/"));
        let done = p.save(&twin, Some(&p.read(NOTE)));
        assert!(!done.in_place && !done.ok);
        p.same_as_afresh(&done);
        let done = p.save(&twin, None);
        assert!(!done.in_place, "no site was kept behind the error");
        p.same_as_afresh(&done);

        // Anything but notes.
        let site = p.read("site.yaml");
        let done = p.save("site.yaml", Some(&format!("{site}\n")));
        assert!(!done.in_place && done.ok);
        p.same_as_afresh(&done);
    }

    #[test]
    fn the_committee_site_follows_its_own_notes() {
        let mut p = Preview::new(validate::Options {
            as_of: None,
            committee: true,
        });
        let rel = "notes/2023-11-14-ghi-chu-noi-bo.md";
        let text = p.read(rel);
        let done = p.save(rel, Some(&format!("{text}\n- Thêm một điểm.\n")));
        assert!(done.in_place);
        p.same_as_afresh(&done);
    }
}
