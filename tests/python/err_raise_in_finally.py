# An exception raised in `finally` while another propagates chains to it.
def close(resource):
    raise RuntimeError(f"cannot close {resource}")
def use(resource):
    try:
        return [1, 2][resource]
    finally:
        close(resource)
print("start")
use(5)
