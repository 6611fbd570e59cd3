//! Built-in classes: the exception hierarchy (numbered as in the ISA's table) followed by the value types.

use isa::docs::EXCEPTIONS;

/// A built-in class. Numbers below [`ClassId::FIRST_TYPE`] are the exception
/// classes in `isa::docs::EXCEPTIONS` order; the rest are value types.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ClassId(pub u16);

/// The value types after the exception classes, with their base class names.
const TYPES: &[(&str, &str)] = &[
    ("object", ""),
    ("int", "object"),
    ("float", "object"),
    ("bool", "int"),
    ("str", "object"),
    ("list", "object"),
    ("tuple", "object"),
    ("dict", "object"),
    ("set", "object"),
    ("NoneType", "object"),
    ("range", "object"),
    ("function", "object"),
    ("builtin_function_or_method", "object"),
    ("type", "object"),
    ("module", "object"),
    ("cell", "object"),
    ("iterator", "object"),
    ("memory", "object"),
    ("generator", "object"),
    ("dict_keys", "object"),
    ("dict_values", "object"),
    ("dict_items", "object"),
    ("TextIOWrapper", "object"),
    ("pid", "object"),
    ("reference", "object"),
];

macro_rules! type_ids {
    ($($name:ident = $idx:expr),* $(,)?) => {
        impl ClassId {
            $(
                #[doc = concat!("The built-in type at position ", stringify!($idx), " of the type table.")]
                pub const $name: ClassId = ClassId(EXCEPTIONS.len() as u16 + $idx);
            )*
        }
    };
}

type_ids! {
    OBJECT = 0, INT = 1, FLOAT = 2, BOOL = 3, STR = 4, LIST = 5, TUPLE = 6, DICT = 7, SET = 8,
    NONE_TYPE = 9, RANGE = 10, FUNCTION = 11, BUILTIN = 12, TYPE = 13, MODULE = 14, CELL = 15,
    ITERATOR = 16, MEMORY = 17, GENERATOR = 18, DICT_KEYS = 19, DICT_VALUES = 20, DICT_ITEMS = 21, TEXT_IO = 22, PID = 23, REF = 24,
}

macro_rules! exception_ids {
    ($($name:ident = $text:literal),* $(,)?) => {
        impl ClassId {
            $(
                #[doc = concat!("The built-in exception class `", $text, "`.")]
                pub const $name: ClassId = ClassId(exc_index($text));
            )*
        }
    };
}

const fn str_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

const fn exc_index(name: &str) -> u16 {
    let mut i = 0;
    while i < EXCEPTIONS.len() {
        if str_eq(EXCEPTIONS[i].0, name) {
            return i as u16;
        }
        i += 1;
    }
    panic!("unknown exception class")
}

exception_ids! {
    BASE_EXCEPTION = "BaseException", SYSTEM_EXIT = "SystemExit",
    KEYBOARD_INTERRUPT = "KeyboardInterrupt", EXCEPTION = "Exception",
    STOP_ITERATION = "StopIteration", ARITHMETIC_ERROR = "ArithmeticError",
    OVERFLOW_ERROR = "OverflowError", ZERO_DIVISION_ERROR = "ZeroDivisionError",
    ASSERTION_ERROR = "AssertionError", ATTRIBUTE_ERROR = "AttributeError",
    IMPORT_ERROR = "ImportError", MODULE_NOT_FOUND_ERROR = "ModuleNotFoundError",
    LOOKUP_ERROR = "LookupError", INDEX_ERROR = "IndexError", KEY_ERROR = "KeyError",
    MEMORY_ERROR = "MemoryError", NAME_ERROR = "NameError",
    UNBOUND_LOCAL_ERROR = "UnboundLocalError", OS_ERROR = "OSError",
    TIMEOUT_ERROR = "TimeoutError", RUNTIME_ERROR = "RuntimeError",
    NOT_IMPLEMENTED_ERROR = "NotImplementedError", RECURSION_ERROR = "RecursionError",
    TYPE_ERROR = "TypeError", VALUE_ERROR = "ValueError",
}

impl ClassId {
    /// The first value-type class number.
    pub const FIRST_TYPE: u16 = EXCEPTIONS.len() as u16;
    /// How many built-in classes there are.
    pub const COUNT: u16 = Self::FIRST_TYPE + TYPES.len() as u16;

    /// The class's name (`int`, `ValueError`).
    pub fn name(self) -> &'static str {
        let i = self.0 as usize;
        match EXCEPTIONS.get(i) {
            Some((name, _)) => name,
            None => TYPES.get(i - EXCEPTIONS.len()).map_or("?", |t| t.0),
        }
    }

    /// Whether the class is an exception class.
    pub fn is_exception(self) -> bool {
        (self.0 as usize) < EXCEPTIONS.len()
    }

    /// The base class, `None` for `object`.
    pub fn base(self) -> Option<ClassId> {
        let i = self.0 as usize;
        if let Some((_, base)) = EXCEPTIONS.get(i) {
            return Some(base.map_or(ClassId::OBJECT, |b| ClassId(b as u16)));
        }
        let (_, base) = TYPES.get(i - EXCEPTIONS.len())?;
        Self::by_name(base)
    }

    /// Whether `self` is `other` or derives from it.
    pub fn is_subclass(self, other: ClassId) -> bool {
        let mut c = Some(self);
        while let Some(k) = c {
            if k == other {
                return true;
            }
            c = k.base();
        }
        false
    }

    /// The built-in class with this name.
    pub fn by_name(name: &str) -> Option<ClassId> {
        (0..Self::COUNT).map(ClassId).find(|c| c.name() == name)
    }

    /// The exception class for the ISA's exception number.
    pub fn from_exception_number(n: usize) -> Option<ClassId> {
        (n < EXCEPTIONS.len()).then_some(ClassId(n as u16))
    }
}

#[cfg(test)]
mod tests {
    use super::ClassId;

    #[test]
    fn hierarchy_follows_cpython() {
        assert!(ClassId::ZERO_DIVISION_ERROR.is_subclass(ClassId::ARITHMETIC_ERROR));
        assert!(ClassId::ZERO_DIVISION_ERROR.is_subclass(ClassId::EXCEPTION));
        assert!(!ClassId::SYSTEM_EXIT.is_subclass(ClassId::EXCEPTION));
        assert!(ClassId::KEY_ERROR.is_subclass(ClassId::LOOKUP_ERROR));
        assert!(ClassId::BOOL.is_subclass(ClassId::INT));
        assert!(ClassId::BASE_EXCEPTION.is_subclass(ClassId::OBJECT));
        assert_eq!(ClassId::by_name("list"), Some(ClassId::LIST));
        assert_eq!(ClassId::UNBOUND_LOCAL_ERROR.name(), "UnboundLocalError");
    }
}
