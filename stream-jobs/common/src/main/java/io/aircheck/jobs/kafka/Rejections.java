package io.aircheck.jobs.kafka;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.util.OutputTag;

/** The side output every operator sends refused records to. */
public final class Rejections {
    public static final OutputTag<Rejected> TAG =
            new OutputTag<>("rejected", TypeInformation.of(Rejected.class));

    private Rejections() {}
}
