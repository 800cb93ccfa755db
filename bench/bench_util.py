"""What the bench/ scripts share: logging to stderr, pinning to cores, running a measurement that prints JSON."""
import json
import shutil
import subprocess
import sys


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def pin(cores, cmd):
    """`cmd` under `taskset -c CORES` when CORES is given and taskset exists."""
    if cores and shutil.which("taskset"):
        return ["taskset", "-c", str(cores)] + cmd
    return cmd


def run_json(cmd, env=None):
    """The JSON object on the last line `cmd` prints, or None (with its stderr logged) when it fails."""
    log("+ " + " ".join(cmd[:6]) + (" …" if len(cmd) > 6 else ""))
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env)
    if proc.returncode != 0:
        log(proc.stderr[-2000:])
        return None
    return json.loads(proc.stdout.strip().splitlines()[-1])
