package io.loadgen.engine;

import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;

/** Creates the run's producers; the CLI wraps it to bind each one's metrics. */
@FunctionalInterface
public interface ProducerFactory {

    ProducerFactory KAFKA = KafkaProducer::new;

    Producer<byte[], byte[]> create(Map<String, Object> config);
}
