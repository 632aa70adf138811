//! `resim serve`: the studio, a local web application for educators and
//! planners (`resilience_sim::studio`).

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;

use clap::Args;
use resilience_sim::jobs::JobError;
use resilience_sim::studio::{self, ASKS_WAITING, CLASS_REPLICATES, Config};

/// Arguments of `resim serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Port to listen on (0: any free port).
    #[arg(long, default_value_t = 8080)]
    port: u16,
    /// Address to listen on; anything but the loopback needs --token.
    #[arg(long, default_value_t = IpAddr::V4(Ipv4Addr::LOCALHOST))]
    bind: IpAddr,
    /// Open the studio in the default browser.
    #[arg(long)]
    open: bool,
    /// Results folder: every answer and job is written here.
    #[arg(long, default_value = "results")]
    results: PathBuf,
    /// Folder of the user's own scenarios (TOML), offered beside the bundled ones.
    #[arg(long, default_value = "scenarios")]
    scenarios: PathBuf,
    /// Jobs run at the same time.
    #[arg(long, default_value_t = 1)]
    jobs: usize,
    /// Jobs that may wait in the queue.
    #[arg(long, default_value_t = 8)]
    queue: usize,
    /// Replicates of a class question.
    #[arg(long, default_value_t = CLASS_REPLICATES)]
    class_replicates: u32,
    /// Class questions that may wait their turn (two are answered at a
    /// time); more are told at once that the studio is busy (HTTP 503).
    #[arg(long, default_value_t = ASKS_WAITING)]
    class_waiting: usize,
    /// Worker threads of each job [default: SLURM_CPUS_PER_TASK, else all cores].
    #[arg(long)]
    threads: Option<usize>,
    /// Access token every request must carry (required with --bind beyond the loopback).
    #[arg(long)]
    token: Option<String>,
}

/// Serves the studio until Ctrl-C (or SIGTERM): running jobs are then
/// stopped and recorded as interrupted, to be resumed by the next server.
pub fn serve(args: ServeArgs) -> Result<(), JobError> {
    if args.jobs == 0 || args.class_replicates == 0 {
        return Err(JobError::input("--jobs and --class-replicates: at least 1"));
    }
    let config = Config {
        addr: SocketAddr::new(args.bind, args.port),
        results: args.results,
        scenarios: Some(args.scenarios),
        workers: args.jobs,
        queue: args.queue,
        class_replicates: args.class_replicates,
        threads: args.threads,
        token: args.token,
        asks_waiting: args.class_waiting,
    };
    studio::run(config, args.open)
}
