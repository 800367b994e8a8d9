#!/usr/bin/env python3
"""Where a loadgen run's CPU went, from async-profiler's collapsed stacks (one line per stack: frames;... count).

Each sample goes to the first category whose pattern it matches, checked in the order below, so a record's
compression inside send() counts as compression, not as send(). Percentages are of all samples of the process
(CPU time: itimer or cpu event), so start-up, JIT and GC are on the same scale as sending.
"""
import collections
import sys

# (category, substrings: a stack matching any of them belongs to it), first match wins.
CATEGORIES = [
    ("JIT compiler threads", ["CompileBroker::"]),
    ("garbage collection", ["GenCollectedHeap", "SerialHeap", "DefNewGeneration", "G1CollectedHeap", "VM_GC_Operation",
                            "GCTaskThread", "WorkerThread::run"]),
    ("start-up: Quarkus boot (main thread)", ["io/quarkus/runner/ApplicationImpl.doStart",
                                              "io/quarkus/runner/recorded/", "QuarkusEntryPoint.main;io/quarkus/bootstrap"]),
    ("start-up: producer and admin creation, metadata", ["KafkaProducer.<init>", "KafkaAdminClient", "Admin.create",
                                                        "partitionsFor", "TopicPreparer"]),
    ("sender: lz4/zstd/gzip/snappy compression", ["LZ4_", "Lz4BlockOutputStream", "net/jpountz", "zstd", "Zstd",
                                                  "java/util/zip/Deflater", "xerial/snappy"]),
    ("sender: record generation (our code)", ["io/loadgen/payload/"]),
    ("sender: client send()/append", ["KafkaProducer.send", "KafkaProducer.doSend", "RecordAccumulator.append"]),
    ("sender: loop, clocks, counters (our code)", ["io/loadgen/engine/SenderThread"]),
    ("I/O thread: ack callbacks and stats (our code)", ["io/loadgen/engine/AckCallback", "io/loadgen/stats/"]),
    ("I/O thread: batch completion (client)", ["completeFutureAndFireCallbacks", "ProducerBatch.complete",
                                                "ProducerBatch.done", "FutureRecordMetadata"]),
    ("I/O thread: network, requests (client)", ["org/apache/kafka/clients/producer/internals/Sender",
                                                 "org/apache/kafka/common/network", "NetworkClient"]),
    ("reporting: progress, summary, metrics", ["io/loadgen/report/", "io/loadgen/metrics/", "ProgressTicker"]),
    ("command: picocli, spec (our code)", ["io/loadgen/cli/", "picocli/"]),
    ("class loading (elsewhere)", ["ClassLoader.loadClass", "defineClass", "SystemDictionary::"]),
]


def main(path):
    total = 0
    per_category = collections.Counter()
    uncategorized = collections.Counter()
    for line in open(path, encoding="utf-8", errors="replace"):
        stack, _, count = line.rstrip("\n").rpartition(" ")
        if not count.isdigit():
            continue
        n = int(count)
        total += n
        for name, patterns in CATEGORIES:
            if any(p in stack for p in patterns):
                per_category[name] += n
                break
        else:
            per_category["other"] += n
            uncategorized[stack.split(";")[-1][:90]] += n
    if total == 0:
        sys.exit(f"no samples in {path}")
    print(f"{'where the CPU went':<52} {'samples':>8} {'share':>7}")
    for name, n in per_category.most_common():
        print(f"{name:<52} {n:>8} {100 * n / total:>6.1f}%")
    print(f"{'total (1 sample = 1 ms of CPU with the defaults)':<52} {total:>8}")
    print("\ntop leaf frames in 'other':")
    for frame, n in uncategorized.most_common(8):
        print(f"  {n:>6}  {frame}")


if __name__ == "__main__":
    main(sys.argv[1])
