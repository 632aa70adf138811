# %% [markdown]
# # resim from Python: a what-if, a small sweep and a Sobol' analysis with SALib
#
# A notebook-style script (cells marked `# %%`; open it in Jupyter with
# jupytext, or in VS Code / Spyder as cells). Run it whole with
#
#     python examples/python/whatif_sweep_sobol.py [FOLDER] [--size small|full]
#
# Plots go to FOLDER (default `results/python-example`). `--size small`
# (or `RESIM_EXAMPLE_SIZE=small`) runs a few replicates and a tiny Sobol'
# design: what CI runs. Needs `resilience_sim` (README: "From Python"),
# SALib and matplotlib.

# %%
import os
import sys
from pathlib import Path

import matplotlib

if not os.environ.get("DISPLAY") and "ipykernel" not in sys.modules:
    matplotlib.use("Agg")  # headless: write files only
import matplotlib.pyplot as plt
import numpy as np
from SALib.analyze import sobol as sobol_analyze
from SALib.sample import sobol as sobol_sample

import resilience_sim as rs

args = [a for a in sys.argv[1:] if not a.startswith("--")]
size = os.environ.get("RESIM_EXAMPLE_SIZE", "full")
if "--size" in sys.argv[1:]:
    size = sys.argv[sys.argv.index("--size") + 1]
    args = [a for a in args if a != size]
small = size == "small"
out = Path(args[0] if args else "results/python-example")
out.mkdir(parents=True, exist_ok=True)
replicates = 2 if small else 16

# %% [markdown]
# ## 1. What if one class added a contact book?

# %%
answer = rs.whatif("one_class_contact_book", add=["contact_book"], replicates=replicates, seed=1)
print(answer.text)

traj = answer.trajectories.query("subgroup == 'all' and outcome == 'resilience'")
fig, ax = plt.subplots(figsize=(6, 3.5))
for strategy, rows in traj.groupby("strategy"):
    ax.plot(rows["week"], rows["mean"], label=strategy)
ax.set_xlabel("week")
ax.set_ylabel("mean resilience (0-100)")
ax.set_title("What if the class added a contact book?")
ax.legend()
fig.tight_layout()
fig.savefig(out / "whatif_trajectories.png", dpi=120)

# %% [markdown]
# ## 2. A small sweep: the full programme's effect across academic pressure

# %%
sweep = rs.sweep("quickstart_sweep", replicates=1 if small else 8)
rows = sweep.sweep.query(
    "strategy == 'full_programme' and subgroup == 'all' and outcome == 'resilience'"
)
by_load = rows.groupby("stress.academic_load")["diff"].agg(["mean", "min", "max"])
print(by_load)
fig, ax = plt.subplots(figsize=(6, 3.5))
ax.errorbar(
    by_load.index,
    by_load["mean"],
    yerr=[by_load["mean"] - by_load["min"], by_load["max"] - by_load["mean"]],
    marker="o",
    capsize=3,
)
ax.set_xlabel("stress.academic_load")
ax.set_ylabel("Δ resilience vs usual practice")
ax.set_title("Full programme across the sweep (range over the other parameters)")
fig.tight_layout()
fig.savefig(out / "sweep_effect.png", dpi=120)

# %% [markdown]
# ## 3. Sobol' indices with SALib, each point a resim run
#
# SALib draws the design, resim runs each point (same students, same seed:
# common random numbers), SALib analyses the outputs.

# %%
problem = {
    "num_vars": 3,
    "names": [
        "stress.academic_load",
        "population.rural_share",
        "strategies.full_programme.contact_book.coverage",
    ],
    "bounds": [[0.06, 0.12], [0.0, 1.0], [0.2, 1.0]],
}
base = rs.Scenario.load("quickstart").set(
    {"population.schools": 1, "population.classes_per_school": 1} if small else {}
)
n = 4 if small else 64  # a power of two
design = sobol_sample.sample(problem, n, calc_second_order=False, seed=1)


def effect(values):
    """The full programme's end-of-run effect on resilience at one point."""
    sc = base.set(dict(zip(problem["names"], map(float, values))))
    res = rs.run(sc, replicates=replicates, seed=2019, progress=False)
    e = res.effects.query(
        "strategy == 'full_programme' and subgroup == 'all' and outcome == 'resilience'"
    )
    return float(e["diff"].iloc[0])


y = np.array([effect(v) for v in design])
indices = sobol_analyze.analyze(problem, y, calc_second_order=False, seed=1)
for name, s1, st in zip(problem["names"], indices["S1"], indices["ST"]):
    print(f"{name:50s} S1 {s1:+.3f}  ST {st:+.3f}")

fig, ax = plt.subplots(figsize=(6, 3.5))
x = np.arange(len(problem["names"]))
ax.bar(x - 0.2, indices["S1"], width=0.4, label="S1 (first order)")
ax.bar(x + 0.2, indices["ST"], width=0.4, label="ST (total)")
ax.set_xticks(x, [p.split(".")[-1] for p in problem["names"]])
ax.set_ylabel("Sobol' index")
ax.set_title(f"What drives the full programme's effect ({len(design)} runs)")
ax.legend()
fig.tight_layout()
fig.savefig(out / "sobol_indices.png", dpi=120)
print(f"plots in {out}")
