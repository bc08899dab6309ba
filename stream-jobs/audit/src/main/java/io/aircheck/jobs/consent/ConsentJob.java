package io.aircheck.jobs.consent;

import io.aircheck.config.KafkaSettings;
import io.aircheck.jobs.io.ObjectStoreFactory;
import io.aircheck.jobs.kafka.KafkaConnectors;
import io.aircheck.jobs.kafka.SourceRecord;
import io.aircheck.protocol.Topics;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * The consent job: {@code room.events} (consent changes) and {@code archive.recordings} (finalized
 * recordings) in; for every session with a speaker who withdrew consent, a public copy mixed
 * without them under {@code mix/public/} (Ogg Opus, M4A, VOD HLS), which search-api serves to
 * listeners and researchers while auditors keep the compliance master.
 */
public final class ConsentJob {
    public static final String NAME = "consent-job";

    private ConsentJob() {}

    public static DataStream<PublicMixUpdate> build(
            DataStream<SourceRecord> inputs, ObjectStoreFactory store) {
        return inputs.process(new ParseConsentInputFunction())
                .name("consent changes and recordings")
                .uid("consent-parse")
                .keyBy(ConsentInput::roomId)
                .process(new ConsentFunction(store))
                .name("public mixes")
                .uid("consent-public-mix");
    }

    public static void wire(
            StreamExecutionEnvironment env, KafkaSettings kafka, ObjectStoreFactory store) {
        DataStream<SourceRecord> inputs =
                env.fromSource(
                                KafkaConnectors.source(
                                        kafka,
                                        List.of(Topics.ROOM_EVENTS, Topics.ARCHIVE_RECORDINGS),
                                        "aircheck-consent"),
                                WatermarkStrategy.noWatermarks(),
                                "room.events+archive.recordings")
                        .uid("aircheck-consent-source");
        build(inputs, store)
                .sinkTo(new DiscardingSink<>())
                .name("public mix updates")
                .uid("consent-updates-sink");
    }
}
