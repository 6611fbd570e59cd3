//! Binding call arguments to a bytecode function's parameters, with CPython's
//! rules and error messages.

use crate::error::{Raise, R};
use crate::heap::{FunctionObj, Object};
use crate::value::Value;
use crate::vm::Vm;

/// Joins names as CPython does in "missing arguments" messages: `'a'`, `'a' and 'b'`,
/// `'a', 'b', and 'c'`.
fn join_names(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("'{n}'")).collect();
    match quoted.len() {
        0 => String::new(),
        1 => quoted[0].clone(),
        2 => format!("{} and {}", quoted[0], quoted[1]),
        n => format!("{}, and {}", quoted[..n - 1].join(", "), quoted[n - 1]),
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// The values of the function's argument registers for this call: positional
/// parameters, keyword-only parameters, then `*args` and `**kwargs` if declared.
pub(crate) fn bind_arguments(
    vm: &mut Vm,
    f: &FunctionObj,
    args: Vec<Value>,
    kwargs: Vec<(Value, Value)>,
) -> R<Vec<Value>> {
    let proto = vm.units[f.unit as usize].function(f.func);
    let fname = proto.name.clone();
    let npos = proto.num_params as usize;
    let nkwonly = proto.num_kwonly as usize;
    let flags = proto.flags;
    let names: Vec<String> = proto.names.iter().take(npos + nkwonly).cloned().collect();
    let name_of = |i: usize| names.get(i).map_or("?", String::as_str).to_string();

    let defaults: Vec<Value> = f
        .defaults
        .and_then(|d| vm.heap.as_tuple(Value::Obj(d)).map(<[Value]>::to_vec))
        .unwrap_or_default();
    let mut slots = vec![Value::Undef; npos + nkwonly];
    let given = args.len();
    if given > npos && !flags.varargs {
        let kw_given = kwargs
            .iter()
            .filter(|(k, _)| {
                let k = vm.heap.as_str(k).unwrap_or("");
                names[npos..].iter().any(|n| n == k)
            })
            .count();
        let takes = if defaults.is_empty() || defaults.len() > npos {
            plural(npos, "positional argument")
        } else {
            format!(
                "from {} to {} positional arguments",
                npos - defaults.len(),
                npos
            )
        };
        let was = if given == 1 { "was" } else { "were" };
        let extra = if kw_given > 0 {
            format!(
                " positional argument{} (and {}) {}",
                if given == 1 { "" } else { "s" },
                plural(kw_given, "keyword-only argument"),
                was
            )
        } else {
            format!(" {was}")
        };
        return Err(Raise::type_error(format!(
            "{fname}() takes {takes} but {given}{extra} given"
        )));
    }
    let mut extra_pos = Vec::new();
    for (i, v) in args.into_iter().enumerate() {
        if i < npos {
            slots[i] = v;
        } else {
            extra_pos.push(v);
        }
    }
    let mut extra_kw: Vec<(Value, Value)> = Vec::new();
    for (k, v) in kwargs {
        let key = vm.heap.as_str(&k).unwrap_or("").to_string();
        match names.iter().position(|n| *n == key) {
            Some(i) => {
                if !matches!(slots[i], Value::Undef) {
                    return Err(Raise::type_error(format!(
                        "{fname}() got multiple values for argument '{key}'"
                    )));
                }
                slots[i] = v;
            }
            None if flags.varkw => extra_kw.push((k, v)),
            None => {
                return Err(Raise::type_error(format!(
                    "{fname}() got an unexpected keyword argument '{key}'"
                )))
            }
        }
    }
    // Fill defaults for the trailing positional parameters.
    let first_default = npos.saturating_sub(defaults.len());
    for i in first_default..npos {
        if matches!(slots[i], Value::Undef) {
            slots[i] = defaults[i - first_default];
        }
    }
    let missing: Vec<String> = (0..npos)
        .filter(|i| matches!(slots[*i], Value::Undef))
        .map(name_of)
        .collect();
    if !missing.is_empty() {
        let refs: Vec<&str> = missing.iter().map(String::as_str).collect();
        return Err(Raise::type_error(format!(
            "{fname}() missing {} {}: {}",
            missing.len(),
            if missing.len() == 1 {
                "required positional argument"
            } else {
                "required positional arguments"
            },
            join_names(&refs)
        )));
    }
    if nkwonly > 0 {
        let kwdefaults: Vec<(Value, Value)> = match f.kwdefaults.map(|d| vm.heap.get(d)) {
            Some(Object::Dict(d)) => d.iter().map(|e| (e.key, e.value)).collect(),
            _ => Vec::new(),
        };
        for (i, slot) in slots.iter_mut().enumerate().skip(npos).take(nkwonly) {
            if matches!(slot, Value::Undef) {
                let key = name_of(i);
                if let Some((_, v)) = kwdefaults
                    .iter()
                    .find(|(k, _)| vm.heap.as_str(k) == Some(key.as_str()))
                {
                    *slot = *v;
                }
            }
        }
        let missing: Vec<String> = (npos..npos + nkwonly)
            .filter(|i| matches!(slots[*i], Value::Undef))
            .map(name_of)
            .collect();
        if !missing.is_empty() {
            let refs: Vec<&str> = missing.iter().map(String::as_str).collect();
            return Err(Raise::type_error(format!(
                "{fname}() missing {} {}: {}",
                missing.len(),
                if missing.len() == 1 {
                    "required keyword-only argument"
                } else {
                    "required keyword-only arguments"
                },
                join_names(&refs)
            )));
        }
    }
    if flags.varargs {
        let t = vm.heap.tuple(extra_pos);
        slots.push(t);
    }
    if flags.varkw {
        let mut d = crate::dict::Dict::new();
        for (k, v) in extra_kw {
            let h = crate::ops::hash(&vm.heap, k)?;
            d.insert_new(h, k, v);
        }
        let dv = Value::Obj(vm.heap.alloc(Object::Dict(Box::new(d))));
        slots.push(dv);
    }
    Ok(slots)
}
