//! The `rhodium` command-line tool: argument definitions, program loading by
//! file type, and the commands. Errors from every phase are rendered here.

pub mod calc;
pub mod cli;
pub mod commands;
pub mod load;
pub mod output;
pub mod tutorial;
