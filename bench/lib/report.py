#!/usr/bin/env python3
"""Turns the raw runs of bench/compare.sh (runs.csv) into the tables it prints and results.json.

usage: report.py RUNS_CSV SETTINGS_JSON OUTPUT_JSON

Every number comes from the CSV; this script only derives (per-million costs, whole-process rates), takes medians
over the runs that passed (exit 0 and the topic holds exactly the requested records) and forms the ratios of
loadgen to kafka-producer-perf-test that issue 3 sets targets for.
"""
import csv
import json
import statistics
import sys

NAMES = {"A": "loadgen", "B": "perf-test", "C": "kcat", "D": "loadgen image", "J": "loadgen java -jar", "T": "loadgen template", "F": "loadgen template lines"}

# (key, header, format) of the columns printed per run and as medians.
COLUMNS = [
    ("send_rps", "rec/s sending", "{:,.0f}"),
    ("whole_rps", "rec/s whole", "{:,.0f}"),
    ("wall_s", "wall s", "{:.2f}"),
    ("startstop_s", "start+stop s", "{:.2f}"),
    ("mibps", "MiB/s", "{:.1f}"),
    ("cpu_s", "CPU s", "{:.2f}"),
    ("cpu_per_m", "CPU s/M rec", "{:.2f}"),
    ("p99_ms", "p99 ms", "{:.0f}"),
    ("rss_mib", "peak RSS MiB", "{:.0f}"),
    ("broker_cpu_per_m", "broker CPU s/M", "{:.2f}"),
    ("other_cores", "other load (cores)", "{:.2f}"),
]

# Targets of issue 3: (metric, ratio loadgen/perf-test must be >= or <=, bound).
TARGETS = [
    ("send_rps", "records/s while sending", ">=", 1.5),
    ("wall_s", "whole-process time", "<=", 0.7),
    ("cpu_per_m", "CPU s per million records", "<=", 0.7),
]


def num(s):
    return float(s) if s not in ("", None) else None


def derive(row):
    r = dict(row)
    n = int(row["records"])
    wall, user, sys_ = num(row["wall_s"]), num(row["user_s"]), num(row["sys_s"])
    r["records"] = n
    r["round"] = int(row["round"])
    r["wall_s"] = wall
    r["cpu_s"] = (user or 0) + (sys_ or 0) if user is not None else None
    r["cpu_per_m"] = r["cpu_s"] / n * 1e6 if r["cpu_s"] is not None else None
    r["whole_rps"] = n / wall if wall else None
    r["send_rps"] = num(row["send_rps"])
    # Launch to exit minus the time spent sending: JVM/framework start-up, connecting, closing (0 for kcat,
    # whose rate is taken from its wall time).
    r["startstop_s"] = wall - n / r["send_rps"] if wall and r["send_rps"] and row["contender"] != "C" else None
    r["mibps"] = num(row["mibps"])
    r["p99_ms"] = num(row["p99_ms"])
    r["rss_mib"] = num(row["max_rss_kb"]) / 1024 if row["max_rss_kb"] else None
    b = num(row["broker_cpu_s"])
    r["broker_cpu_s"] = b
    r["broker_cpu_per_m"] = b / n * 1e6 if b is not None else None
    o = num(row.get("other_cpu_s"))
    r["other_cpu_s"] = o
    # Other processes' average load in cores during the run: above ~0.5 of 2 cores the run competed for CPU.
    r["other_cores"] = o / wall if o is not None and wall else None
    r["topic_count"] = int(row["topic_count"]) if row["topic_count"] not in ("", None) else None
    r["ok"] = row["status"] == "OK"
    return r


def fmt(v, f):
    return "-" if v is None else f.format(v)


def table(headers, rows):
    widths = [max(len(str(x)) for x in col) for col in zip(headers, *rows)]
    line = lambda cells: "  ".join(str(c).rjust(w) if i else str(c).ljust(w) for i, (c, w) in enumerate(zip(cells, widths)))
    out = [line(headers), line(["-" * w for w in widths])]
    out += [line(r) for r in rows]
    return "\n".join(out)


def median(values):
    vals = [v for v in values if v is not None]
    return statistics.median(vals) if vals else None


NOISY_CORES = 0.5  # other processes' average load during a run above which the run is flagged


def medians_of(runs):
    """Per contender: medians over its passing runs, plus the slowest and fastest sending rate."""
    medians = {}
    for c in ("A", "B", "C", "D", "J", "T", "F"):
        all_c = [r for r in runs if r["contender"] == c]
        if not all_c:
            continue
        ok = [r for r in all_c if r["ok"]]
        m = {k: median(r[k] for r in ok) for k, _, _ in COLUMNS}
        rates = [r["send_rps"] for r in ok if r["send_rps"] is not None]
        m["send_rps_min"] = min(rates) if rates else None
        m["send_rps_max"] = max(rates) if rates else None
        m["runs_ok"] = len(ok)
        m["runs"] = len(all_c)
        medians[NAMES[c]] = m
    return medians


def print_medians(title, medians):
    print(f"\n== {title} ==")
    rows = []
    for name, m in medians.items():
        rng = "-" if m["send_rps_min"] is None else f"{m['send_rps_min']:,.0f}..{m['send_rps_max']:,.0f}"
        rows.append([name] + [fmt(m[k], f) for k, _, f in COLUMNS] + [rng, f"{m['runs_ok']}/{m['runs']}"])
    print(table(["producer"] + [h for _, h, _ in COLUMNS] + ["rec/s sending slowest..fastest", "runs OK"], rows))


def print_ratios(medians):
    """Prints and returns the ratios loadgen / perf-test of the medians, against issue 3's targets."""
    ratios = {}
    a, b, c = medians.get("loadgen"), medians.get("perf-test"), medians.get("kcat")

    def ratio(x, y, key):
        return x[key] / y[key] if x and y and x.get(key) and y.get(key) else None

    if a and b:
        print("\nratios loadgen / perf-test (medians):")
        rows = []
        for key, label, op, bound in TARGETS:
            q = ratio(a, b, key)
            ratios[key] = q
            met = None if q is None else (q >= bound if op == ">=" else q <= bound)
            rows.append([label, fmt(q, "{:.2f}"), f"{op} {bound}", "-" if met is None else ("met" if met else "NOT met")])
        q = ratio(a, b, "rss_mib")
        ratios["rss_mib"] = q
        rows.append(["peak RSS", fmt(q, "{:.2f}"), "(info)", ""])
        print(table(["metric", "ratio", "target", ""], rows))
    t = medians.get("loadgen template")
    if a and t:
        # Issue 18: shaped records at generator speed, at least 0.8 x the seed payload's rate.
        q = ratio(t, a, "send_rps")
        ratios["template_send_rps"] = q
        met = "-" if q is None else ("met" if q >= 0.8 else "NOT met")
        print(f"\nloadgen template / loadgen seed, records/s while sending: {fmt(q, '{:.2f}')} (issue 18: >= 0.8) {met}")
        q = ratio(t, a, "cpu_per_m")
        ratios["template_cpu_per_m"] = q
        print(f"loadgen template / loadgen seed, CPU s per million records: {fmt(q, '{:.2f}')} (info)")
        f = medians.get("loadgen template lines")
        if f:
            # The same records read from a file: equal bytes, no generation. What the template itself costs.
            q = ratio(t, f, "send_rps")
            ratios["template_vs_lines_send_rps"] = q
            print(f"loadgen template / the same records from a file, records/s while sending: {fmt(q, '{:.2f}')}")
            q = ratio(t, f, "cpu_per_m")
            ratios["template_vs_lines_cpu_per_m"] = q
            print(f"loadgen template / the same records from a file, CPU s per million records: {fmt(q, '{:.2f}')}")
    if a and c:
        q = ratio(a, c, "send_rps")
        ratios["send_rps_vs_kcat"] = q
        print(f"loadgen / kcat, records/s while sending: {fmt(q, '{:.2f}')} (moonshot: >= 1.0)")
        q = ratio(a, c, "cpu_per_m")
        ratios["cpu_per_m_vs_kcat"] = q
        print(f"loadgen / kcat, CPU s per million records: {fmt(q, '{:.2f}')} (issue 20: <= 1.0)")
    d = medians.get("loadgen image")
    if a and d:
        # Issue 15: the image within 10% of bin/loadgen.
        print("\nratios loadgen image / loadgen via bin/loadgen (medians):")
        rows = []
        for key, label in (("wall_s", "whole-process time"), ("cpu_per_m", "CPU s per million records"),
                           ("send_rps", "records/s while sending")):
            q = ratio(d, a, key)
            ratios["image_" + key] = q
            bound = 0.9 if key == "send_rps" else 1.1
            met = None if q is None else (q >= bound if key == "send_rps" else q <= bound)
            rows.append([label, fmt(q, "{:.2f}"), (">= " if key == "send_rps" else "<= ") + str(bound),
                         "-" if met is None else ("met" if met else "NOT met")])
        print(table(["metric", "ratio", "target", ""], rows))
    return ratios


def main():
    runs_csv, settings_json, out_json = sys.argv[1:4]
    with open(runs_csv, newline="") as f:
        runs = [derive(r) for r in csv.DictReader(f)]
    with open(settings_json) as f:
        settings = json.load(f)

    print("\n== Runs (in the order they ran) ==")
    rows = []
    for r in runs:
        rows.append([r["round"], NAMES[r["contender"]]] + [fmt(r[k], f) for k, _, f in COLUMNS]
                    + [fmt(r["topic_count"], "{:,}"), r["status"] + (f" ({r['note']})" if r["note"] else "")])
    print(table(["round", "producer"] + [h for _, h, _ in COLUMNS] + ["topic count", "status"], rows))

    title = f"{settings['records']:,} records, compression {settings['compression']}"
    medians = medians_of(runs)
    print_medians(f"Medians over the runs that passed ({title})", medians)
    ratios = print_ratios(medians)

    # The machine is shared: runs during someone else's build are flagged, and medians over the quiet runs alone
    # are printed next to the full ones, when every contender has at least one quiet run.
    noisy = [r for r in runs if r["other_cores"] is not None and r["other_cores"] > NOISY_CORES]
    quiet = {"medians": None, "ratios": None}
    if noisy:
        print(f"\nnote: {len(noisy)} of {len(runs)} run(s) shared the CPU with other processes (> {NOISY_CORES} cores on "
              "average): " + ", ".join(f"round {r['round']} {NAMES[r['contender']]} ({r['other_cores']:.2f})" for r in noisy)
              + "; their numbers are pessimistic")
        quiet_runs = [r for r in runs if r not in noisy]
        qm = medians_of(quiet_runs)
        if len(qm) == len(medians) and all(m["runs_ok"] for m in qm.values()):
            print_medians(f"Medians over the quiet runs only ({title})", qm)
            quiet = {"medians": qm, "ratios": print_ratios(qm)}
        else:
            print("(too few quiet runs for quiet-only medians)")

    failed = [r for r in runs if not r["ok"]]
    if failed:
        print(f"\n{len(failed)} run(s) FAILED: " + ", ".join(f"round {r['round']} {NAMES[r['contender']]} ({r['note']})" for r in failed))

    with open(out_json, "w") as f:
        json.dump({"settings": settings, "runs": runs, "medians": medians, "ratios_loadgen_over_perftest": ratios,
                   "quiet_runs_only": quiet}, 
                  f, indent=2)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
