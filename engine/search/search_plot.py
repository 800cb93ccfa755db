"""auger search --plot: score against each parameter, one panel per parameter, as a PNG (matplotlib).

auger runs it as ``python3 -c SOURCE`` and writes one JSON line to its stdin:
  {"out": "plot.png", "title": "...", "params": [{"name", "kind", "choices"}], "trials": [{"args", "score"}]}
It answers one line: {"ok": true} or {"error": "...", "missing": "matplotlib"}.
"""
import json
import sys


def main():
    req = json.loads(sys.stdin.readline())
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError as e:
        print(json.dumps({"error": f"{sys.executable} cannot import matplotlib: {e}", "missing": "matplotlib"}))
        return
    params = req["params"]
    done = [t for t in req["trials"] if t["score"] is not None]
    failed = len(req["trials"]) - len(done)
    cols = min(3, max(1, len(params)))
    rows = (len(params) + cols - 1) // cols
    fig, axes = plt.subplots(rows, cols, figsize=(4.5 * cols, 3.5 * rows), squeeze=False)
    for ax in axes.flat[len(params):]:
        ax.set_visible(False)
    for ax, p in zip(axes.flat, params):
        xs = [t["args"][p["name"]] for t in done]
        if p["kind"] == "choice":
            labels = [json.dumps(c) if not isinstance(c, str) else c for c in p["choices"]]
            index = {json.dumps(c): i for i, c in enumerate(p["choices"])}
            xs = [index[json.dumps(x)] for x in xs]
            ax.set_xticks(range(len(labels)))
            ax.set_xticklabels(labels, rotation=30 if len(labels) > 4 else 0)
        ax.scatter(xs, [t["score"] for t in done], s=18, alpha=0.75)
        ax.set_xlabel(p["name"])
        ax.set_ylabel("score")
        ax.grid(True, alpha=0.3)
    title = req.get("title", "auger search")
    if failed:
        title += f" ({failed} failed trial{'s' if failed > 1 else ''} not shown)"
    fig.suptitle(title)
    fig.tight_layout()
    try:
        fig.savefig(req["out"], dpi=100)
    except OSError as e:
        print(json.dumps({"error": f"cannot write {req['out']}: {e}"}))
        return
    print(json.dumps({"ok": True}))


if __name__ == "__main__":
    main()
