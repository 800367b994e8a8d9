#!/usr/bin/env python3
"""Write N seed-format JSON log lines, the records `loadgen run` generates by default:

  {"Timestamp":"2026-11-25T12:00:01.123456789Z","Level":"INFO","Message":"Test log message 42","ResourceID":"resource-2"}

Line i has Message "Test log message i", ResourceID "resource-(i mod 10)", a Level drawn uniformly (the app's
default weights 1,1,1,1) from a fixed seed, and a Timestamp 1 microsecond after the previous line's. Output is
deterministic, so every run of the benchmark compares the same bytes.

usage: seed_lines.py COUNT OUTPUT_FILE
"""
import random
import sys
from datetime import datetime, timezone

LEVELS = ("INFO", "WARN", "ERROR", "DEBUG")
BASE_EPOCH = int(datetime(2026, 11, 25, 12, 0, 0, tzinfo=timezone.utc).timestamp())
STEP_NS = 1_000


def main() -> None:
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    count, out = int(sys.argv[1]), sys.argv[2]
    rnd = random.Random(42)
    second_text = {}
    with open(out, "w", encoding="ascii", buffering=1 << 20) as f:
        buf = []
        for i in range(count):
            ns = i * STEP_NS
            sec = BASE_EPOCH + ns // 1_000_000_000
            prefix = second_text.get(sec)
            if prefix is None:  # format the date once per second, like the app's formatter
                prefix = datetime.fromtimestamp(sec, timezone.utc).strftime("%Y-%m-%dT%H:%M:%S")
                second_text = {sec: prefix}
            buf.append('{"Timestamp":"%s.%09dZ","Level":"%s","Message":"Test log message %d","ResourceID":"resource-%d"}\n'
                       % (prefix, ns % 1_000_000_000, LEVELS[rnd.randrange(4)], i, i % 10))
            if len(buf) >= 10_000:
                f.write("".join(buf))
                buf.clear()
        f.write("".join(buf))


if __name__ == "__main__":
    main()
