package io.loadgen.spec;

/**
 * Who sends: sender threads, and the producers they share (a KafkaProducer is thread-safe, and fewer of them batch
 * more records per request).
 *
 * @param threads   sender threads
 * @param producers KafkaProducer instances shared by the threads
 */
public record Senders(int threads, int producers) {}
