//! `resim`: the command-line shell around the `resilience_sim` library.
//!
//! It parses flags, runs the library's jobs (`resilience_sim::jobs`),
//! prints, and maps failures to exit codes: 0 success, 1 internal error,
//! 2 bad input or usage, 3 validation failed (`resim validate --strict`),
//! 130 interrupted.

mod cli;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    // Like other Unix tools, end quietly when the reader of stdout goes away
    // (`resim run … | head`) instead of panicking on the broken pipe. Result
    // files are renamed into place before anything is printed.
    #[cfg(unix)]
    // SAFETY: restoring the default action of SIGPIPE before any thread starts.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    let args = match cli::Cli::try_parse() {
        Ok(a) => a,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    // A panic is a bug: the hook has printed it; exit with the documented
    // code for an internal error rather than the runtime's 101. Unwinding has
    // removed every temporary file on the way.
    match std::panic::catch_unwind(move || cli::dispatch(args)) {
        Ok(Ok(())) => ExitCode::SUCCESS,
        Ok(Err(e)) => {
            eprintln!("{}", cli::message(&e));
            ExitCode::from(cli::exit_code(&e))
        }
        Err(_) => {
            eprintln!(
                "internal error: resim panicked; this is a bug, please report it with the scenario file"
            );
            ExitCode::from(1)
        }
    }
}
