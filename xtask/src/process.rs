//! Running external commands with the command line echoed, so a failing CI log says
//! exactly what to re-run by hand.

use std::path::Path;
use std::process::{Command, Stdio};

/// What went wrong in a task, in words a person can act on.
pub type TaskResult<T> = Result<T, String>;

/// Render a command roughly as a shell would show it.
pub fn describe(cmd: &Command) -> String {
    let mut line = String::new();
    for (key, value) in cmd.get_envs() {
        if let Some(value) = value {
            line.push_str(&format!(
                "{}={} ",
                key.to_string_lossy(),
                value.to_string_lossy()
            ));
        }
    }
    line.push_str(&cmd.get_program().to_string_lossy());
    for arg in cmd.get_args() {
        line.push(' ');
        line.push_str(&arg.to_string_lossy());
    }
    if let Some(dir) = cmd.get_current_dir() {
        line.push_str(&format!("    (in {})", dir.display()));
    }
    line
}

/// Run to completion with inherited stdio; an error if it cannot start or exits non-zero.
pub fn run(cmd: &mut Command) -> TaskResult<()> {
    let line = describe(cmd);
    eprintln!("$ {line}");
    // No stdin: CI has none, and nothing we run should prompt.
    let status = cmd
        .stdin(Stdio::null())
        .status()
        .map_err(|e| format!("could not start `{line}`: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{line}` failed ({status})"))
    }
}

/// Run quietly and return trimmed stdout, or None if the program is missing or fails.
pub fn output_of(program: &str, args: &[&str]) -> Option<String> {
    let out = Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// True when a program can be started from PATH (or is an existing absolute path).
pub fn is_available(program: &str) -> bool {
    if program.contains('/') {
        return Path::new(program).is_file();
    }
    let Some(path) = std::env::var_os("PATH") else {
        return false;
    };
    std::env::split_paths(&path).any(|dir| dir.join(program).is_file())
}
