package io.aircheck.infra.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SharedTestServersITCase {

    @Test
    void eachServerStartsOncePerJvm() {
        EmbeddedKafka kafka = SharedTestServers.kafka();
        EmbeddedS3 s3 = SharedTestServers.s3();
        EmbeddedElasticsearch elasticsearch = SharedTestServers.elasticsearch();

        assertThat(SharedTestServers.kafka()).isSameAs(kafka);
        assertThat(SharedTestServers.s3()).isSameAs(s3);
        assertThat(SharedTestServers.elasticsearch()).isSameAs(elasticsearch);

        assertThat(kafka.bootstrapServers()).startsWith("127.0.0.1:");
        assertThat(s3.endpoint().getHost()).isEqualTo("127.0.0.1");
        assertThat(s3.accessKey()).isEqualTo("test-access");
        assertThat(s3.secretKey()).isEqualTo("test-secret-key-0123456789");
        assertThat(elasticsearch.url().getHost()).isEqualTo("127.0.0.1");
        kafka.createTopics(List.of("shared.test"), 1);
    }
}
