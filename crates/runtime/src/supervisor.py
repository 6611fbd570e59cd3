# Supervisors, after OTP's: a process that starts child processes, links to
# them, and restarts them by a strategy when they end. Shipped with Rhodium
# and compiled when a program does `import supervisor`.
import process

_STRATEGIES = ("one_for_one", "one_for_all", "rest_for_one")
_RESTARTS = ("permanent", "transient", "temporary")


def start(children, strategy="one_for_one", intensity=3, period=5.0):
    """Starts a supervisor process for `children`, a list of (fn, args, restart)
    tuples, and returns its pid at once."""
    if strategy not in _STRATEGIES:
        raise ValueError("unknown supervisor strategy " + repr(strategy)
                         + " (expected 'one_for_one', 'one_for_all' or 'rest_for_one')")
    if not isinstance(intensity, int) or intensity < 0:
        raise ValueError("intensity must be an int >= 0, not " + repr(intensity))
    if not isinstance(period, (int, float)) or period <= 0:
        raise ValueError("period must be a number of seconds > 0, not " + repr(period))
    specs = []
    for spec in children:
        if not isinstance(spec, tuple) or len(spec) != 3:
            raise TypeError("a child spec is a tuple (fn, args, restart), not " + repr(spec))
        fn, args, restart = spec
        if restart not in _RESTARTS:
            raise ValueError("unknown restart " + repr(restart)
                             + " (expected 'permanent', 'transient' or 'temporary')")
        specs.append((fn, tuple(args), restart))
    return process.spawn(_supervise, specs, strategy, intensity, period)


def _start(spec):
    fn, args, restart = spec
    return process.spawn_link(fn, *args)


def _next(held):
    # Messages put aside while waiting for a child to stop come first, in order.
    if held:
        return held.pop(0)
    return process.receive()


def _stop(pid, held):
    # Stops a child and waits for it to be gone, as OTP's brutal_kill does;
    # the supervisor stays linked, so the child's EXIT message is certain.
    for k in range(len(held)):
        m = held[k]
        if isinstance(m, tuple) and len(m) == 3 and m[0] == "EXIT" and m[1] == pid:
            held.pop(k)
            return
    process.kill(pid, "kill")
    while True:
        m = process.receive()
        if isinstance(m, tuple) and len(m) == 3 and m[0] == "EXIT" and m[1] == pid:
            return
        held.append(m)


def _supervise(specs, strategy, intensity, period):
    process.trap_exits(True)
    pids = []
    for spec in specs:
        pids.append(_start(spec))
    restarts = []
    held = []
    while True:
        message = _next(held)
        if not (isinstance(message, tuple) and len(message) == 3 and message[0] == "EXIT"):
            continue
        pid = message[1]
        reason = message[2]
        if pid not in pids:
            # Not a running child (a process linked from outside): ignore.
            continue
        i = pids.index(pid)
        pids[i] = None
        restart = specs[i][2]
        if restart == "temporary" or (restart == "transient" and reason in ("normal", "shutdown")):
            continue
        now = process.monotonic()
        restarts = [t for t in restarts if now - t <= period]
        restarts.append(now)
        if len(restarts) > intensity:
            # Too many restarts: stop every child, last started first, then give up.
            for j in range(len(pids) - 1, -1, -1):
                if pids[j] is not None:
                    _stop(pids[j], held)
            process.exit("shutdown")
        if strategy == "one_for_one":
            pids[i] = _start(specs[i])
            continue
        first = 0
        if strategy == "rest_for_one":
            first = i
        again = [i]
        for j in range(len(pids) - 1, first - 1, -1):
            if pids[j] is not None:
                _stop(pids[j], held)
                pids[j] = None
                if specs[j][2] != "temporary":
                    again.append(j)
        again.sort()
        for j in again:
            pids[j] = _start(specs[j])
