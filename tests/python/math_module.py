import math
print(math.sqrt(16), math.sqrt(2), math.floor(3.7), math.floor(-3.2), math.ceil(3.2), math.ceil(-3.7))
print(math.pi, math.e, math.inf, -math.inf, math.isnan(math.nan), math.isinf(math.inf), math.isnan(1.0))
print(math.sin(0), math.cos(0), math.tan(0), round(math.sin(math.pi / 2), 10), math.atan2(1, 1))
print(math.log(math.e), math.log(100, 10), math.log(8, 2), math.exp(0), math.exp(1), math.fabs(-2), math.fabs(3))
print(math.floor(5), math.ceil(5), type(math.floor(2.5)).__name__, math.log(2 ** 1000))
print(math.sqrt(0.25), math.floor(1e20), math.gcd(12, 18))
from math import sqrt, pi
print(sqrt(81), pi)
