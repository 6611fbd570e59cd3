try:
    1 / 0
except ZeroDivisionError as e:
    raise RuntimeError("calculation failed") from e
