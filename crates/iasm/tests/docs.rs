//! docs/tutorial-dialect.md documents every instruction the assembler accepts.

use iasm::Op;

#[test]
fn the_dialect_document_lists_every_instruction() {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/tutorial-dialect.md");
    let doc = std::fs::read_to_string(&path).expect("docs/tutorial-dialect.md exists");
    let missing: Vec<&str> = Op::ALL
        .iter()
        .map(|op| op.usage())
        .filter(|usage| !doc.contains(&format!("| `{usage}` |")))
        .collect();
    assert!(
        missing.is_empty(),
        "not in the instruction table: {missing:?}"
    );
}
