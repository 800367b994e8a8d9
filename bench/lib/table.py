#!/usr/bin/env python3
"""One table of a bench/compare.sh --suite: the short (2,000,000 records) and the long (20,000,000) comparison.

usage: table.py SHORT_RESULTS_JSON LONG_RESULTS_JSON     prints the table (markdown)
       table.py --replace TABLE_MD FILE...               puts TABLE_MD between each FILE's bench-table markers
                                                         (refused where README.md would pass 25,000 bytes)

Medians of each contender's runs that passed; in brackets the ratio to kcat (librdkafka), the bar of issue 20:
at or below kcat's CPU per million records in long runs, a short run's whole process at most 1.6 x kcat's.
"""
import json
import sys

BEGIN, END = "<!-- bench-table:begin -->", "<!-- bench-table:end -->"

# (results name, column title) in the order the table shows them; absent contenders are left out.
COLUMNS = [
    ("kcat", "kcat (librdkafka)"),
    ("loadgen", "loadgen: `bin/loadgen`"),
    ("loadgen image", "loadgen: the image"),
    ("perf-test", "kafka-producer-perf-test"),
    ("loadgen java -jar", "`java -jar` (not documented)"),
]

# (which comparison, median key, row title, format, ratio to kcat shown)
ROWS = [
    ("short", "wall_s", "2M records: whole process, s", "{:.2f}", True),
    ("short", "cpu_per_m", "2M records: CPU s per million records", "{:.2f}", True),
    ("long", "whole_rps", "20M records: records/s, whole process", "{:,.0f}", True),
    ("long", "send_rps", "20M records: records/s while sending (kcat: no such figure)", "{:,.0f}", False),
    ("long", "cpu_per_m", "20M records: CPU s per million records", "{:.2f}", True),
    ("long", "rss_mib", "20M records: peak RSS, MiB", "{:.0f}", False),
]


def load(path):
    with open(path) as f:
        return json.load(f)


def cell(results, name, key, fmt, with_ratio):
    m = results["medians"].get(name)
    if not m or m.get(key) is None or not m.get("runs_ok"):
        return "-"
    if name == "kcat" and key == "send_rps":
        return "-"  # compare.sh takes kcat's rate from its wall time: the same as the whole process's
    text = fmt.format(m[key])
    kcat = results["medians"].get("kcat", {}).get(key)
    if with_ratio and kcat and name != "kcat":
        text += f" ({m[key] / kcat:.2f}x)"
    return text


def table(short, long_):
    runs = {"short": short, "long": long_}
    names = [(n, t) for n, t in COLUMNS if n in short["medians"] or n in long_["medians"]]
    s = short["settings"]
    out = [
        f"Commit {s.get('git_commit', '?')}"
        + (" (with uncommitted changes)" if s.get("git_dirty") else "")
        + f", {s['nproc']} cores shared with the broker; {s['compression']}, acks={s['acks']}, "
        f"linger.ms={s['linger_ms']}, batch.size={s['batch_size']}, {s['partitions']} partitions; medians of "
        f"{short['settings']['rounds']} (2M) and {long_['settings']['rounds']} (20M) alternated rounds, each run "
        "counted in the topic; (x): against kcat.",
        "",
        "| run | " + " | ".join(t for _, t in names) + " |",
        "|---" * (len(names) + 1) + "|",
    ]
    for which, key, title, fmt, ratio in ROWS:
        out.append(f"| {title} | " + " | ".join(cell(runs[which], n, key, fmt, ratio) for n, _ in names) + " |")
    return "\n".join(out) + "\n"


README_LIMIT = 25_000  # bytes: the README is the user's manual, details go to docs/


def replace(table_md, path):
    with open(path) as f:
        text = f.read()
    with open(table_md) as f:
        new = f.read().strip("\n")
    start, end = text.find(BEGIN), text.find(END)
    if start < 0 or end < start:
        sys.exit(f"table.py: {path} has no {BEGIN} ... {END} block")
    text = text[: start + len(BEGIN)] + "\n" + new + "\n" + text[end:]
    if path.endswith("README.md") and len(text.encode()) > README_LIMIT:
        sys.exit(f"table.py: {path} would be {len(text.encode()):,} bytes, over {README_LIMIT:,}; left as it was")
    with open(path, "w") as f:
        f.write(text)


def main():
    if len(sys.argv) >= 4 and sys.argv[1] == "--replace":
        for path in sys.argv[3:]:
            replace(sys.argv[2], path)
    elif len(sys.argv) == 3:
        sys.stdout.write(table(load(sys.argv[1]), load(sys.argv[2])))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
