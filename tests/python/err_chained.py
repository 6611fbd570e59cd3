def load(data):
    try:
        return data["key"]
    except KeyError:
        raise ValueError("missing key")
load({})
