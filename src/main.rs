//! The `palisade` binary: everything is in the library; this only sets the exit code.

fn main() {
    std::process::exit(palisade::cli::main());
}
