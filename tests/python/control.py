# Control flow: if/elif/else, while/else, for/else, break, continue, pass.
for n in range(6):
    if n == 0:
        print("zero")
    elif n % 2 == 0:
        print("even", n)
    else:
        print("odd", n)
i = 0
while i < 10:
    i += 1
    if i % 3 == 0:
        continue
    if i == 8:
        break
    print("i", i)
else:
    print("no break")
j = 0
while j < 3:
    j += 1
else:
    print("while else", j)
for x in [1, 2, 3]:
    if x == 5:
        break
else:
    print("for else")
for x in "abc":
    if x == "b":
        break
else:
    print("not printed")
for k in range(10, 0, -3):
    print("k", k)
for k in range(5, 5):
    print("never")
else:
    print("empty range else")
for k in range(-3, 3, 2):
    pass
print("last k", k)
n = 0
while True:
    n += 1
    if n > 4:
        break
print("n", n)
for a in range(3):
    for b in range(3):
        if b == 2:
            break
        if a == 1:
            continue
        print(a, b)
print(list(range(0)), list(range(3)), list(range(2, 8, 3)), list(range(10, 2, -2)), range(5), range(1, 9, 2))
print(len(range(10, 0, -3)), range(5)[2], range(0, 20, 5)[-1], 3 in range(5), 7 in range(0, 10, 2))
