"""auger search's Optuna driver: one study, spoken to in JSON lines over stdin/stdout (engine/search/optuna_study.h).

auger starts it as ``python3 -c SOURCE`` (the source is compiled into auger). Requests and replies, one per line:

  {"op": "init", "space": [...], "strategy": "tpe", "seed": 0, "storage": null, "study": null,
   "minimize": false, "trials": 20, "grid": {"name": [values]}}        -> {"ok": true, "existing": 3}
  {"op": "ask"}                                                         -> {"number": 4, "args": {...}}
                                                                           or {"stop": true}
  {"op": "tell", "number": 4, "score": 0.9, "error": null, "seconds": 1.5}   -> {"ok": true}
  {"op": "trials"}                                                      -> {"trials": [{...}, ...]}

Any failure is answered {"error": "..."}; a missing Optuna is {"error": ..., "missing": "optuna"}.
"""
import json
import os
import signal
import sys


def reply(obj):
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()


class Driver:
    def __init__(self, req):
        import optuna
        optuna.logging.set_verbosity(optuna.logging.WARNING)
        self.optuna = optuna
        self.space = req["space"]
        self.open = {}  # asked, not yet told: number -> trial
        self.limit = int(req["trials"])
        seed = req.get("seed")
        self.storage = req.get("storage")
        if self.storage and seed is not None:
            # Processes sharing a study must not draw the same points: each gets its own stream.
            seed = (int(seed) * 1000003 + os.getpid()) % (2 ** 32)
        sampler = self.make_sampler(req["strategy"], seed, req.get("grid") or {})
        direction = "minimize" if req.get("minimize") else "maximize"
        self.study = self.open_study(req.get("study") or None, sampler, direction)

    def open_study(self, name, sampler, direction):
        """Creates or loads the study. Processes started together race to create the storage's tables (SQLite:
        "table ... already exists", a UNIQUE constraint on the schema's version); the loser retries, and then
        finds them."""
        import time
        for attempt in range(6):
            try:
                return self.optuna.create_study(storage=self.storage or None, study_name=name, sampler=sampler,
                                                direction=direction, load_if_exists=True)
            except Exception as e:  # noqa: BLE001 - SQLAlchemy's errors, whose module may vary
                racing = ("already exists", "locked", "UNIQUE constraint", "Duplicate")
                if attempt == 5 or not any(word in str(e) for word in racing):
                    raise
                time.sleep(0.1 * (attempt + 1))

    def make_sampler(self, strategy, seed, grid):
        s = self.optuna.samplers
        if strategy == "grid":
            return s.GridSampler({name: list(values) for name, values in grid.items()}, seed=seed)
        if strategy == "random":
            return s.RandomSampler(seed=seed)
        if strategy == "tpe":
            return s.TPESampler(seed=seed)
        if strategy == "evolution":
            return s.CmaEsSampler(seed=seed, warn_independent_sampling=False)
        raise ValueError(f"unknown strategy {strategy}")

    def counted(self):
        """Trials that count towards --trials: finished, failed, or running (in this process or another)."""
        states = (self.optuna.trial.TrialState.COMPLETE, self.optuna.trial.TrialState.FAIL,
                  self.optuna.trial.TrialState.RUNNING)
        return len(self.study.get_trials(deepcopy=False, states=states))

    def ask(self):
        if self.counted() >= self.limit:
            return {"stop": True}
        trial = self.study.ask()
        self.open[trial.number] = trial
        args = {}
        for p in self.space:
            name = p["name"]
            if p["kind"] == "choice":
                args[name] = trial.suggest_categorical(name, p["choices"])
            elif p["kind"] == "int":
                args[name] = trial.suggest_int(name, int(p["low"]), int(p["high"]))
            else:
                args[name] = trial.suggest_float(name, float(p["low"]), float(p["high"]))
        return {"number": trial.number, "args": args}

    def tell(self, req):
        trial = self.open.pop(int(req["number"]))
        trial.set_user_attr("seconds", float(req.get("seconds") or 0))
        try:
            if req.get("error"):
                trial.set_user_attr("error", str(req["error"]))
                self.study.tell(trial, state=self.optuna.trial.TrialState.FAIL)
            else:
                self.study.tell(trial, float(req["score"]))
        except RuntimeError as e:
            # GridSampler calls Study.stop() after the grid's last point, which only an optimize() loop may; the
            # trial is recorded by then (tell stores it in a `finally`), and ask() stops at --trials anyway.
            if "Study.stop" not in str(e):
                raise
        return {"ok": True}

    def trials(self):
        out = []
        for t in self.study.get_trials(deepcopy=False):
            state = t.state.name.lower()
            if state not in ("complete", "fail"):
                continue
            out.append({"number": t.number, "args": t.params, "score": t.value if state == "complete" else None,
                        "seconds": t.user_attrs.get("seconds", 0.0), "error": t.user_attrs.get("error")})
        return {"trials": out}


def main():
    # Ctrl-C reaches the whole foreground group, this driver too: auger stops asking, reports and closes our stdin,
    # so the driver ends at its end of input rather than with a KeyboardInterrupt traceback mid-request.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    driver = None
    for line in sys.stdin:
        try:
            req = json.loads(line)
            op = req.get("op")
            if op == "init":
                try:
                    import optuna  # noqa: F401
                except ImportError as e:
                    reply({"error": f"{sys.executable} cannot import optuna: {e}", "missing": "optuna"})
                    continue
                driver = Driver(req)
                reply({"ok": True, "existing": driver.counted()})
            elif op == "ask":
                reply(driver.ask())
            elif op == "tell":
                reply(driver.tell(req))
            elif op == "trials":
                reply(driver.trials())
            else:
                reply({"error": f"unknown request {op!r}"})
        except Exception as e:  # the client reports it; the driver keeps serving
            reply({"error": f"{type(e).__name__}: {e}"})


if __name__ == "__main__":
    main()
