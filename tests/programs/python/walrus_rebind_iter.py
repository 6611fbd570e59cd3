print([i for i in range(3) if (i := i * 2)])
