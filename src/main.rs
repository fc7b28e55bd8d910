//! The `palisade` binary: everything is in the library; this only sets the exit code.

// Scans allocate millions of small values (the policy input, findings); mimalloc does that
// markedly faster than the system allocator and returns memory to the OS sooner. The
// `system-allocator` feature leaves it out, for heap profilers that hook `malloc` (heaptrack,
// valgrind's massif): `cargo build --release --features system-allocator`.
#[cfg(not(feature = "system-allocator"))]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    palisade::util::quiet_error_backtraces();
    std::process::exit(palisade::cli::main());
}
