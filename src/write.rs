//! Stage 6, write: put the built files into a fresh folder beside the output
//! folder, then swap it in. A build that fails or is killed before the swap
//! leaves the previous site as it was.

use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};

/// Refuses output folders whose replacement would destroy something else:
/// the content folder or a folder holding it, the file system root, the
/// home folder.
pub fn check_output_folder(output: &Path, content: &Path) -> anyhow::Result<()> {
    let abs = |p: &Path| -> PathBuf {
        let p = if p.is_absolute() {
            p.to_path_buf()
        } else {
            std::env::current_dir().unwrap_or_default().join(p)
        };
        normalize(&p)
    };
    let out = abs(output);
    let content = abs(content);
    let content = content.canonicalize().unwrap_or(content);
    let out_real = out.canonicalize().unwrap_or_else(|_| out.clone());
    if out_real.parent().is_none() {
        bail!(
            "thư mục xuất `{}` là thư mục gốc: hãy chọn một thư mục riêng như public/",
            output.display()
        );
    }
    if content.starts_with(&out_real) {
        bail!(
            "thư mục xuất `{}` chứa thư mục nội dung: tiendo sẽ thay thế toàn bộ thư mục xuất, hãy chọn thư mục khác (ví dụ public/)",
            output.display()
        );
    }
    if let Some(home) = std::env::var_os("HOME").map(PathBuf::from)
        && home.canonicalize().unwrap_or(home) == out_real
    {
        bail!(
            "thư mục xuất `{}` là thư mục home: hãy chọn thư mục riêng như public/",
            output.display()
        );
    }
    if out_real.join(".git").exists() {
        bail!(
            "thư mục xuất `{}` là một kho git: hãy chọn thư mục riêng như public/",
            output.display()
        );
    }
    Ok(())
}

/// `a/./b/../c` → `a/c`, without touching the file system.
fn normalize(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// A fresh folder beside the output folder that the new site is written
/// into, file by file, then swapped in by [`Staging::commit`]. Dropped
/// without commit, it removes itself; killed, it is cleaned by the next
/// build.
pub struct Staging {
    output: PathBuf,
    dir: PathBuf,
    retired: PathBuf,
    committed: bool,
}

impl Staging {
    pub fn new(output: &Path) -> anyhow::Result<Staging> {
        let name = output
            .file_name()
            .and_then(|n| n.to_str())
            .context("the output folder has no name")?;
        let parent = match output.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        std::fs::create_dir_all(&parent)
            .with_context(|| format!("creating {}", parent.display()))?;
        if output.exists() && !output.is_dir() {
            bail!("`{}` đã có và không phải thư mục", output.display());
        }
        let pid = std::process::id();
        let dir = parent.join(format!(".{name}.tiendo-new-{pid}"));
        let retired = parent.join(format!(".{name}.tiendo-old-{pid}"));
        remove_leftovers(&parent, name);
        std::fs::create_dir(&dir).with_context(|| format!("creating {}", dir.display()))?;
        Ok(Staging {
            output: output.to_path_buf(),
            dir,
            retired,
            committed: false,
        })
    }

    /// Writes one file of the new site; `rel` is a relative path with `/`.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> anyhow::Result<()> {
        if rel.is_empty()
            || rel.starts_with('/')
            || rel.split('/').any(|part| part == ".." || part.is_empty())
        {
            bail!("refusing to write outside the output folder: {rel}");
        }
        let path = self.dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("creating {}", parent.display()))?;
        }
        std::fs::write(&path, bytes).with_context(|| format!("writing {}", path.display()))
    }

    /// Puts the new site in place of the old one.
    pub fn commit(mut self) -> anyhow::Result<()> {
        self.committed = true;
        let (output, staging, retired) = (&self.output, &self.dir, &self.retired);
        if !output.exists() {
            return std::fs::rename(staging, output)
                .with_context(|| format!("moving the new site into {}", output.display()));
        }
        // Swap both folders in one step where the system allows it: there is
        // no moment without a whole site at `output`.
        if exchange(staging, output).is_ok() {
            // `staging` now holds the previous site.
            return std::fs::remove_dir_all(staging)
                .with_context(|| format!("removing the old site {}", staging.display()));
        }
        std::fs::rename(output, retired)
            .with_context(|| format!("moving the old site {} aside", output.display()))?;
        if let Err(e) = std::fs::rename(staging, output) {
            // Put the old site back.
            let _ = std::fs::rename(retired, output);
            return Err(e)
                .with_context(|| format!("moving the new site into {}", output.display()));
        }
        std::fs::remove_dir_all(retired)
            .with_context(|| format!("removing the old site {}", retired.display()))
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(std::io::Error::from)
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> std::io::Result<()> {
    Err(std::io::ErrorKind::Unsupported.into())
}

/// Whether the process that made a leftover folder may still be writing it.
fn process_alive(pid: u32) -> bool {
    if cfg!(target_os = "linux") {
        pid == std::process::id() || Path::new(&format!("/proc/{pid}")).exists()
    } else {
        // Without a cheap check, leave other processes' folders alone.
        pid != std::process::id()
    }
}

fn remove_leftovers(parent: &Path, name: &str) {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    let new_prefix = format!(".{name}.tiendo-new-");
    let old_prefix = format!(".{name}.tiendo-old-");
    for e in entries.flatten() {
        let file_name = e.file_name();
        let Some(n) = file_name.to_str() else {
            continue;
        };
        let pid = n
            .strip_prefix(&new_prefix)
            .or_else(|| n.strip_prefix(&old_prefix))
            .and_then(|p| p.parse::<u32>().ok());
        let Some(pid) = pid else { continue };
        if e.file_type().is_ok_and(|t| t.is_dir())
            && (pid == std::process::id() || !process_alive(pid))
        {
            let _ = std::fs::remove_dir_all(e.path());
        }
    }
}
