data = [1, 2]
print(len(data))
handle = open("data.txt")
