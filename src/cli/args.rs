//! Arguments and exit codes shared by several commands.

use crate::compliance::Catalog;
use crate::config::{Config, ConfigError};
use clap::ValueEnum;
use std::path::PathBuf;

/// Exit codes: 0 ran clean, 1 failing findings at or above `--fail-on`, 2 error.
pub const EXIT_OK: i32 = 0;
pub const EXIT_FINDINGS: i32 = 1;
pub const EXIT_ERROR: i32 = 2;

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Terminal,
    Json,
    Sarif,
    Markdown,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ListFormat {
    Text,
    Json,
}

/// Policy directories shared by every command that loads policies.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct PolicyArgs {
    /// Add a directory of custom policies (same layout as the built-ins); repeatable.
    #[arg(long = "policies", value_name = "DIR")]
    pub dirs: Vec<PathBuf>,
    /// Leave out the built-in policies (custom policies only).
    #[arg(long)]
    pub no_builtin: bool,
}

impl PolicyArgs {
    /// The policies and frameworks, loaded and bound.
    pub fn load(&self) -> anyhow::Result<Catalog> {
        Ok(Catalog::load(!self.no_builtin, &self.dirs)?)
    }
}

/// The config file: `--config FILE`, else the demo's with `--demo`, else `./palisade.toml` when
/// it exists, else none (no segments).
#[derive(clap::Args, Debug, Clone, Default)]
pub struct ConfigArg {
    /// Palisade config (segments and allowed flows) [default: ./palisade.toml if present].
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

impl ConfigArg {
    pub fn load(&self, demo: bool) -> anyhow::Result<Config> {
        if let Some(path) = &self.config {
            return Ok(Config::load(path)?);
        }
        if demo {
            let parsed = Config::parse_file("<embedded demo>/palisade.toml", crate::config::DEMO);
            return Ok(parsed.map_err(|diagnostics| ConfigError::Invalid {
                path: "<embedded demo>/palisade.toml".into(),
                diagnostics,
            })?);
        }
        let default = PathBuf::from("palisade.toml");
        if default.is_file() {
            return Ok(Config::load(&default)?);
        }
        Ok(Config::default())
    }
}
