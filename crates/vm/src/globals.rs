//! Reading and binding globals from the embedder (a REPL keeps state there
//! between the modules it loads into one namespace).

use crate::value::Value;
use crate::vm::{LoadError, UnitId, Vm};

impl Vm {
    /// The value of global `name` in the namespace of `unit`, if it is bound.
    pub fn global(&self, unit: UnitId, name: &str) -> Option<Value> {
        let ns = self
            .namespaces
            .get(self.units.get(unit.0 as usize)?.namespace)?;
        let slot = ns.names.iter().position(|n| n == name)?;
        match ns.values.get(slot) {
            Some(Value::Undef) | None => None,
            Some(v) => Some(*v),
        }
    }

    /// Binds global `name` in the namespace of `unit` (adding the name when
    /// the namespace does not have it yet). The namespace keeps the value alive.
    pub fn set_global(&mut self, unit: UnitId, name: &str, value: Value) -> Result<(), LoadError> {
        let index = self
            .units
            .get(unit.0 as usize)
            .ok_or(LoadError::NoSuchUnit)?
            .namespace;
        let ns = self
            .namespaces
            .get_mut(index)
            .ok_or(LoadError::NoSuchUnit)?;
        match ns.names.iter().position(|n| n == name) {
            Some(slot) => {
                if let Some(v) = ns.values.get_mut(slot) {
                    *v = value;
                }
            }
            None => {
                std::sync::Arc::make_mut(&mut ns.names).push(name.to_string());
                ns.values.push(value);
            }
        }
        Ok(())
    }
}
