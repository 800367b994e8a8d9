package io.loadgen.spec;

/** What each record's value is made of. */
public enum PayloadType {
    /** The seed blog's JSON log line: Timestamp, Level, Message, ResourceID. */
    SEED,
    /** Random letters of a fixed size, comparable to kafka-producer-perf-test's --record-size. */
    FIXED,
    /** Lines of a file, one record per line, in order, wrapping around. */
    FILE,
    /** Records made from a template: text with placeholders for times, numbers, choices, words and stack traces. */
    TEMPLATE
}
