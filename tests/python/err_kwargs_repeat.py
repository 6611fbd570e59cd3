# A keyword given both explicitly and through ** is a TypeError naming the function.
def connect(host, port=80):
    return host, port
print(connect(**{"host": "a"}, port=1))
options = {"port": 8080}
print(connect("b", port=1, **options))
