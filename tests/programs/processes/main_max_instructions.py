# --max-instructions ends the main process after that many instructions (exit code 3).
n = 0
while True:
    n += 1
