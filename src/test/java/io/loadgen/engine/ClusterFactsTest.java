package io.loadgen.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.server.common.MetadataVersion;
import org.junit.jupiter.api.Test;

/** The names of metadata.version levels stay those of the Kafka release the tests run against. */
class ClusterFactsTest {

    @Test
    void everyLevelTheBrokerKnowsIsNamedAsTheBrokerNamesIt() {
        for (MetadataVersion v : MetadataVersion.VERSIONS) {
            assertThat(ClusterFacts.name(v.featureLevel()))
                    .as("metadata.version level %d: add it to ClusterFacts", v.featureLevel())
                    .isEqualTo(v.version());
        }
    }

    @Test
    void aLevelNewerThanTheTableIsNamedByItsNumber() {
        assertThat(ClusterFacts.name((short) 999)).isEqualTo("level 999");
        assertThat(ClusterFacts.name((short) 1)).isEqualTo("level 1");
    }
}
