# `raise ... from None` hides the exception being handled.
def parse(text):
    try:
        return int(text)
    except ValueError:
        raise TypeError(f"not a number: {text!r}") from None
print(parse("12"))
print(parse("twelve"))
