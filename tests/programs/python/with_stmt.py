print("start")
with open("f") as f:
    pass
