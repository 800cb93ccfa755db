"""auger.search: policy search from Python (cli.md "auger search", docs/search.md).

    result = auger.search("imagenet.aug", "train", objective=train_and_score, trials=20, strategy="tpe")
    result["best"]["args"]      # {"magnitude": 12, "erase_p": 0.31}

The search itself is auger's (engine/search/): the same grid, the same seeded random draws and the same Optuna
driver as ``auger search``; only the objective is a Python function here instead of a command.
"""
import json as _json
import os as _os
import sys as _sys

from . import _auger


def search(policy_path, policy=None, objective=None, trials=20, strategy="random", *, seed=0, minimize=False,
           storage=None, study=None, fixed=None, load_seed=0, exec_path="fused", progress=False):
    """Searches the parameters of `policy` (in the file `policy_path`) that have a domain, an enum or a bool type.

    Each trial calls ``objective(p)`` with ``p = auger.load(policy_path, policy, args=<the trial's arguments and
    fixed>, seed=load_seed, exec_path=exec_path)`` and takes the float it returns as the score (higher is better;
    ``minimize=True`` flips it). An objective that raises an ``Exception`` (or returns something that is not a
    finite number) is a failed trial, recorded with the reason, and the search goes on; ``KeyboardInterrupt``
    stops it. Binding a trial's arguments compiles no kernel: they are arguments of the kernels built into auger.

    `strategy`: "grid", "random", "tpe" (Optuna) or "evolution" (Optuna's CMA-ES). `storage` (an Optuna storage
    URL such as ``sqlite:///study.db``) and `study` make the search resumable and shared by several processes;
    `trials` is then the study's total. `fixed` binds parameters that are not searched. `progress=True` prints a
    line per trial on stderr.

    Returns ``{"best": {"args": {...}, "score": x} or None, "trials": [{"args", "score", "seconds"[, "error"]}]}``,
    the shape ``auger search --json`` prints. Raises :class:`auger.Error` for a policy with errors, nothing to
    search, or a strategy that needs Optuna where it cannot be imported.
    """
    if objective is None:
        raise TypeError("auger.search needs an objective: a function of the bound policy that returns a float")
    from . import load, _arg_value
    fixed = dict(fixed or {})

    def run_trial(args):
        try:
            bound = load(policy_path, policy, args={**fixed, **args}, seed=load_seed, exec_path=exec_path)
            score = float(objective(bound))
        except Exception as e:  # noqa: BLE001 - a failed trial, as a failing --eval command is
            return None, f"{type(e).__name__}: {e}"
        if score != score or score in (float("inf"), float("-inf")):
            return None, f"the objective returned {score}"
        return score, ""

    def show(number, i, n, args_json, score, error, best):
        # Numbered from 0 as the report and Optuna's storage are; (i/n) is how far this run is.
        result = f"{score:.6g}" if score is not None else f"failed ({error})"
        line = f"trial {number} ({i}{'/' + str(n) if n else ''}): {args_json} -> {result}"
        if best is not None:
            line += f"; best {best:.6g}"
        print(line, file=_sys.stderr, flush=True)

    options = _auger.SearchOptions()
    options.strategy = str(strategy)
    options.trials = int(trials)
    options.seed = int(seed)
    options.minimize = bool(minimize)
    options.storage = str(storage or "")
    options.study = str(study or "")
    options.python = _os.environ.get("AUGER_PYTHON") or _sys.executable
    if options.trials < 1:
        raise ValueError("trials must be at least 1")
    values = {str(k): _arg_value(v) for k, v in fixed.items()}
    text = _auger.search(_os.fspath(policy_path), policy or "", values, options, run_trial,
                         show if progress else None)
    return _json.loads(text)
