# More printf-style formatting: floats, ints, mappings, star arguments.

CASES = [
    ("'%.10g' % (1/3)", lambda: '%.10g' % (1/3)),
    ("'%e' % 1e300", lambda: '%e' % 1e300),
    ("'%.3e' % -0.0", lambda: '%.3e' % -0.0),
    ("'%f' % 1e16", lambda: '%f' % 1e16),
    ("'%g' % 0.0001", lambda: '%g' % 0.0001),
    ("'%g' % 0.00001", lambda: '%g' % 0.00001),
    ("'%g' % 123456789", lambda: '%g' % 123456789),
    ("'%#o' % -8", lambda: '%#o' % -8),
    ("'%10.4s|' % 'abcdefg'", lambda: '%10.4s|' % 'abcdefg'),
    ("'%.0e' % 12345", lambda: '%.0e' % 12345),
    ("'%#.0g' % 12345", lambda: '%#.0g' % 12345),
    ("'%.1g' % 0.05", lambda: '%.1g' % 0.05),
    ("'%i' % -(2**100)", lambda: '%i' % -(2**100)),
    ("'é%z' % 1", lambda: 'é%z' % 1),
    ("'x' % ()", lambda: 'x' % ()),
    ("'%s' % []", lambda: '%s' % []),
    ("'%a' % 'a€b😀'", lambda: '%a' % 'a€b😀'),
    ("'%r' % 'é'", lambda: '%r' % 'é'),
    ("'%-010.3f|' % 3.14159", lambda: '%-010.3f|' % 3.14159),
    ("'%#x' % 0", lambda: '%#x' % 0),
    ("'%5.3d|' % -7", lambda: '%5.3d|' % -7),
    ("'%-8.3x|' % 255", lambda: '%-8.3x|' % 255),
    ("'%+.2e' % 12.5", lambda: '%+.2e' % 12.5),
    ("'%G' % float('nan')", lambda: '%G' % float('nan')),
    ("'%E' % float('-inf')", lambda: '%E' % float('-inf')),
    ("'% f' % float('inf')", lambda: '% f' % float('inf')),
    ("'%+g' % -0.0", lambda: '%+g' % -0.0),
    ("'%010.2g' % 1234.5", lambda: '%010.2g' % 1234.5),
    ("'%.15f' % 0.1", lambda: '%.15f' % 0.1),
    ("'%.17g' % 0.1", lambda: '%.17g' % 0.1),
    ("'%.20f' % 1.5", lambda: '%.20f' % 1.5),
    ("'%d items cost %.2f (%s)' % (3, 9.5, 'ok')", lambda: '%d items cost %.2f (%s)' % (3, 9.5, 'ok')),
    ("'%(n)d %(n)05.1f %(n)x' % {'n': 42}", lambda: '%(n)d %(n)05.1f %(n)x' % {'n': 42}),
    ("'%(a)s' % {'a': (1, 2)}", lambda: '%(a)s' % {'a': (1, 2)}),
    ("'%s' % ((),)", lambda: '%s' % ((),)),
    ("'%c%c%c' % (72, 'i', 33)", lambda: '%c%c%c' % (72, 'i', 33)),
    ("'%3s|%-3s|' % ('abcd', 'é')", lambda: '%3s|%-3s|' % ('abcd', 'é')),
    ("'%r' % None", lambda: '%r' % None),
    ("'%.2s' % None", lambda: '%.2s' % None),
    ("'%r' % {'k': [1.5, None]}", lambda: '%r' % {'k': [1.5, None]}),
    ("'%s' % 10**20", lambda: '%s' % 10**20),
    ("'%d' % True", lambda: '%d' % True),
    ("'%f' % True", lambda: '%f' % True),
    ("'%5s' % False", lambda: '%5s' % False),
    ("'%*.*s|' % (6, 2, 'abc')", lambda: '%*.*s|' % (6, 2, 'abc')),
    ("'%*d' % (True, 5)", lambda: '%*d' % (True, 5)),
    ("'%-*s|' % (4, 'a')", lambda: '%-*s|' % (4, 'a')),
    ("'%.*d' % (10**30, 1)", lambda: '%.*d' % (10**30, 1)),
    ("'%*d' % (2.0, 1)", lambda: '%*d' % (2.0, 1)),
    ("'%(a)s %(a)s' % {'a': 1}", lambda: '%(a)s %(a)s' % {'a': 1}),
    ("'%s' % 'é' * 2", lambda: '%s' % 'é' * 2),
    ("'%o' % 0o777", lambda: '%o' % 0o777),
    ("'%X' % 3054", lambda: '%X' % 3054),
    ("'%e' % 2**70", lambda: '%e' % 2**70),
    ("'%c' % 10**30", lambda: '%c' % 10**30),
    ("'%(a)s' % {1: 2}", lambda: '%(a)s' % {1: 2}),
    ("'%s' % (1,) + '%s' % [2]", lambda: '%s' % (1,) + '%s' % [2]),
    ("'%%s' % ()", lambda: '%%s' % ()),
    ("'%%%%' % ()", lambda: '%%%%' % ()),
    ("'%s%%' % 5", lambda: '%s%%' % 5),
    ("'%.3%' % ()", lambda: '%.3%' % ()),
    ("'a%sb' % ''", lambda: 'a%sb' % ''),
    ("'%*d' % (10**30, 1)", lambda: '%*d' % (10**30, 1)),
    ("'%.*d' % (-10**30, 1)", lambda: '%.*d' % (-10**30, 1)),
]

for text, f in CASES:
    try:
        print(text, '=>', repr(f()))
    except Exception as e:
        print(text, '=>', type(e).__name__ + ':', e)

# The format string need not be a literal, and %= works on a variable.
fmt = "%-6s|%6.2f|%03d"
rows = [("apple", 1.5, 7), ("kiwi", 12.25, 42), ("fig", -0.125, 1000)]
for row in rows:
    print(fmt % row)
line = "total:"
line %= ()
line += " %d" % sum(r[2] for r in rows)
print(line)
s = "%s"
for i in range(3):
    s = s % ("<%s>" if i < 2 else "end")
print(s)
print("%s and %r" % ("x", "x"), "%d%%" % 50)
n = 7
print("%d is %s" % (n, "odd" if n % 2 else "even"), n % 3)
