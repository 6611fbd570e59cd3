# args: alpha 42 --flag
import sys
print(len(sys.argv), sys.argv[1:])
print(sys.argv[0].endswith("sys_argv.py"))
n = int(sys.argv[2]) if len(sys.argv) > 2 else 0
print(n * 2)
