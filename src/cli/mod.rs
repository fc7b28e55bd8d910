//! The command line: argument definitions and dispatch. `anyhow` lives here, at the edge.

mod accounts;
mod args;
mod collect;
mod frameworks;
mod iam;
mod merge;
mod network;
mod output;
mod policies;
mod reference;
mod scan;
mod shell;
mod source;

use crate::util::diagnostic::Diagnostics;
use args::{EXIT_ERROR, EXIT_OK};
use clap::{CommandFactory, Parser, Subcommand};

#[derive(Parser, Debug)]
#[command(
    name = "palisade",
    version,
    about = "AWS security and compliance scanner: least privilege, segmentation, encryption and logging checks",
    long_about = None,
)]
pub struct Cli {
    /// More logging on stderr (-v info, -vv debug).
    #[arg(short, long, action = clap::ArgAction::Count, global = true)]
    pub verbose: u8,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Evaluate the policies against a live AWS account, a snapshot, or the embedded demo.
    Scan(scan::ScanArgs),
    /// Read AWS into a snapshot file for a later `scan --snapshot` (a whole organization, or
    /// one shard of it with --shard).
    Collect(collect::CollectArgs),
    /// Join the snapshots of an organization's shards into one.
    Merge(merge::MergeArgs),
    /// List the organization's active accounts and the shard of each (to plan --shard K/N).
    Accounts(accounts::AccountsArgs),
    /// List, show and test policies.
    #[command(subcommand)]
    Policies(policies::PoliciesCommand),
    /// The compliance frameworks (HIPAA, PCI DSS, CIS AWS) and the policies behind each control.
    #[command(subcommand)]
    Frameworks(frameworks::FrameworksCommand),
    /// IAM analysis on its own: effective permissions, escalation methods and paths.
    #[command(subcommand)]
    Iam(iam::IamCommand),
    /// Can one segment or resource reach another (or the internet reach it)? With every path.
    Reach(network::ReachArgs),
    /// Network analysis on its own: internet exposure, segments and flows.
    #[command(subcommand)]
    Network(network::NetworkCommand),
    /// The inventory collections policies read, and the AWS calls (and IAM actions) behind each.
    Collections(reference::CollectionsArgs),
    /// Print the read-only IAM policy that allows every call Palisade makes.
    Permissions,
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish).
    Completions(shell::CompletionsArgs),
    /// Print the man page (roff), or write a page per command with `--dir`.
    Man(shell::ManArgs),
    /// Regenerate the reference docs of a Palisade checkout (policy pages, collection table,
    /// permissions); `--check` only reports stale files.
    #[command(hide = true)]
    Docs(reference::DocsArgs),
}

fn init_tracing(verbose: u8) {
    let level = match verbose {
        0 => "warn",
        1 => "info",
        _ => "debug",
    };
    let filter = tracing_subscriber::EnvFilter::try_from_env("PALISADE_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(format!("palisade={level}")));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_target(false)
        .try_init();
}

/// Runs the CLI and returns the process exit code.
pub fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return match e.kind() {
                clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion => {
                    EXIT_OK
                }
                _ => EXIT_ERROR,
            };
        }
    };
    init_tracing(cli.verbose);
    let result = match cli.command {
        Command::Scan(args) => scan::run(args),
        Command::Collect(args) => collect::run(args),
        Command::Merge(args) => merge::run(args),
        Command::Accounts(args) => accounts::run(args),
        Command::Policies(cmd) => policies::run(cmd),
        Command::Frameworks(cmd) => frameworks::run(cmd),
        Command::Iam(cmd) => iam::run(cmd),
        Command::Reach(args) => network::reach(args),
        Command::Network(cmd) => network::run(cmd),
        Command::Collections(args) => reference::collections(args),
        Command::Permissions => reference::permissions(),
        Command::Completions(args) => shell::completions(args, Cli::command()),
        Command::Man(args) => shell::man(args, Cli::command()),
        Command::Docs(args) => reference::generate(args),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            report(&e);
            EXIT_ERROR
        }
    }
}

/// One line, `palisade: error: ` and the chain of causes; located mistakes in the user's files
/// (config, policies, frameworks) come first, one block each, and the line sums them up.
fn report(e: &anyhow::Error) {
    let mut causes = Vec::new();
    for cause in e.chain() {
        if let Some(diagnostics) = cause.downcast_ref::<Diagnostics>() {
            eprint!("{diagnostics}");
            break;
        }
        causes.push(cause.to_string());
    }
    eprintln!("palisade: error: {}", causes.join(": "));
}
