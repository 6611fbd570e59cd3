//! Writes docs/isa.md from the opcode table.
fn main() -> std::io::Result<()> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/isa.md");
    std::fs::write(path, isa::docs::markdown())
}
