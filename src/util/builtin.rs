//! Files compiled into the binary by `build.rs`: every built-in policy (`policies/**/*.rego`)
//! and compliance framework (`policies/frameworks/*.yaml`), as (path relative to the
//! repository, contents), in path order.

mod generated {
    include!(concat!(env!("OUT_DIR"), "/builtin_policies.rs"));
}

/// The built-in Rego files: policies, their tests and the shared libraries.
pub fn policy_files() -> &'static [(&'static str, &'static str)] {
    generated::BUILTIN_FILES
}

/// The built-in framework files.
pub fn framework_files() -> &'static [(&'static str, &'static str)] {
    generated::BUILTIN_FRAMEWORKS
}
