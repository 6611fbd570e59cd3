//! The syntax tree of an expression, shared by the evaluator and both code generators.
//!
//! Nodes live in one vector in post-order: a node's operands always come
//! before it, and the root is the last node. Walks over the tree therefore
//! need no native recursion, however deep the nesting.

use crate::arith::BinOp;
use diagnostics::Span;

/// The index of a node in its [`Expr`].
pub type NodeId = u32;

/// One node of the tree.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Node {
    /// An integer literal (a minus sign written directly before it is part of it).
    Num(i64),
    /// Unary minus.
    Neg(NodeId),
    /// A binary operation: operator, left operand, right operand.
    Bin(BinOp, NodeId, NodeId),
}

/// A parsed expression: its nodes in post-order, each with the place in the
/// source it stands for (a literal, or the operator's symbol).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Expr {
    nodes: Vec<Node>,
    spans: Vec<Span>,
}

impl Expr {
    /// An empty tree to append nodes to.
    pub(crate) fn new() -> Expr {
        Expr {
            nodes: Vec::new(),
            spans: Vec::new(),
        }
    }

    /// Appends a node whose operands are already in the tree.
    pub(crate) fn push(&mut self, node: Node, span: Span) -> NodeId {
        self.nodes.push(node);
        self.spans.push(span);
        (self.nodes.len() - 1) as NodeId
    }

    /// The root (the last node).
    pub fn root(&self) -> NodeId {
        self.nodes.len().saturating_sub(1) as NodeId
    }

    /// A node.
    pub fn node(&self, id: NodeId) -> Node {
        self.nodes[id as usize]
    }

    /// Where a node is in the source.
    pub fn span(&self, id: NodeId) -> Span {
        self.spans[id as usize]
    }

    /// All nodes, operands before the operations that use them.
    pub fn nodes(&self) -> &[Node] {
        &self.nodes
    }

    /// The number of operators (binary and unary).
    pub fn operators(&self) -> usize {
        self.nodes
            .iter()
            .filter(|n| !matches!(n, Node::Num(_)))
            .count()
    }

    /// The number of literals.
    pub fn literals(&self) -> usize {
        self.nodes.len() - self.operators()
    }

    /// The literal value of a node, if it is a literal.
    pub fn literal(&self, id: NodeId) -> Option<i64> {
        match self.node(id) {
            Node::Num(v) => Some(v),
            _ => None,
        }
    }
}
