//! Stage 6, write: put the built files into a fresh folder beside the output
//! folder, then swap it in. A build that fails or is killed before the swap
//! leaves the previous site as it was.

use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};
use rayon::prelude::*;

use crate::render::OutputFile;

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

/// Writes `files` as the new content of `output`.
pub fn publish(output: &Path, files: &[OutputFile]) -> anyhow::Result<()> {
    let name = output
        .file_name()
        .and_then(|n| n.to_str())
        .context("the output folder has no name")?;
    let parent = match output.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&parent).with_context(|| format!("creating {}", parent.display()))?;
    if output.exists() && !output.is_dir() {
        bail!("`{}` đã có và không phải thư mục", output.display());
    }
    let pid = std::process::id();
    let staging = parent.join(format!(".{name}.tiendo-new-{pid}"));
    let retired = parent.join(format!(".{name}.tiendo-old-{pid}"));
    // Leftovers of an earlier build that was killed: ours to clean.
    remove_leftovers(&parent, name);
    std::fs::create_dir(&staging).with_context(|| format!("creating {}", staging.display()))?;
    if let Err(e) = write_all(&staging, files) {
        let _ = std::fs::remove_dir_all(&staging);
        return Err(e);
    }
    if !output.exists() {
        return std::fs::rename(&staging, output)
            .with_context(|| format!("moving the new site into {}", output.display()));
    }
    // Swap both folders in one step where the system allows it: there is
    // no moment without a whole site at `output`.
    if exchange(&staging, output).is_ok() {
        // `staging` now holds the previous site.
        return std::fs::remove_dir_all(&staging)
            .with_context(|| format!("removing the old site {}", staging.display()));
    }
    std::fs::rename(output, &retired)
        .with_context(|| format!("moving the old site {} aside", output.display()))?;
    if let Err(e) = std::fs::rename(&staging, output) {
        // Put the old site back.
        let _ = std::fs::rename(&retired, output);
        return Err(e).with_context(|| format!("moving the new site into {}", output.display()));
    }
    std::fs::remove_dir_all(&retired)
        .with_context(|| format!("removing the old site {}", retired.display()))
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

fn write_all(root: &Path, files: &[OutputFile]) -> anyhow::Result<()> {
    let mut dirs: Vec<PathBuf> = files
        .iter()
        .filter_map(|f| Path::new(&f.path).parent().map(Path::to_path_buf))
        .filter(|d| !d.as_os_str().is_empty())
        .collect();
    dirs.sort();
    dirs.dedup();
    for d in &dirs {
        let d = root.join(d);
        std::fs::create_dir_all(&d).with_context(|| format!("creating {}", d.display()))?;
    }
    files.par_iter().try_for_each(|f| {
        if f.path
            .split('/')
            .any(|part| part == ".." || part.is_empty())
        {
            bail!("refusing to write outside the output folder: {}", f.path);
        }
        let path = root.join(&f.path);
        std::fs::write(&path, &f.bytes).with_context(|| format!("writing {}", path.display()))
    })
}
