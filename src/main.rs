//! The `gloss` command line: a thin layer over the library.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand, ValueEnum};

#[derive(Parser)]
#[command(
    name = "gloss",
    version,
    about = "A terminal reader for footnoted scholarly papers"
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// Papers or folders of papers to open.
    paths: Vec<PathBuf>,
}

#[derive(Subcommand)]
enum Command {
    /// Print the parsed structure of a paper.
    Dump {
        path: PathBuf,
        #[arg(long, value_enum, default_value_t = Format::Json)]
        format: Format,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Json,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("gloss: {error:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Some(Command::Dump {
            path,
            format: Format::Json,
        }) => {
            let source = gloss::Source::load(&path)?;
            for warning in &source.warnings {
                eprintln!("gloss: warning: {warning}");
            }
            let document = gloss::parse(&source);
            println!("{}", gloss::dump::to_json(&document));
            Ok(())
        }
        None => {
            let paths = if cli.paths.is_empty() {
                vec![PathBuf::from("texts")]
            } else {
                cli.paths
            };
            for path in paths {
                let document = gloss::parse_file(&path)
                    .with_context(|| format!("opening {}", path.display()))?;
                println!("{}", document.metadata.title.unwrap_or_default());
            }
            Ok(())
        }
    }
}
