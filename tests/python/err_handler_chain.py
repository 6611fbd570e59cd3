# An exception raised while handling another, two levels deep.
def lookup(table, key):
    try:
        return table[key]
    except KeyError:
        return fallback(key)
def fallback(key):
    try:
        return int(key)
    except ValueError as e:
        raise LookupError(f"no value for {key}") from e
print(lookup({"a": 1}, "a"), lookup({}, "7"))
lookup({}, "b")
