//! docs/isa.md is generated from the opcode table; this fails when it is stale.

#[test]
fn committed_isa_doc_matches_the_table() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/isa.md");
    let committed = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        committed == isa::docs::markdown(),
        "docs/isa.md is stale: run `cargo run -p isa --example gen_isa_doc`"
    );
}
