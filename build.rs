//! Rebuilds the binary when the embedded seed bundles, migrations or built
//! playground (`web/dist`) change (`include_dir!` cannot see files added to
//! a folder on its own).

fn main() {
    println!("cargo:rerun-if-changed=data/seed");
    println!("cargo:rerun-if-changed=migrations");
    println!("cargo:rerun-if-changed=web/dist");
}
