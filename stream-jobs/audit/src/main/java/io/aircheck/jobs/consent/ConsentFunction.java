package io.aircheck.jobs.consent;

import io.aircheck.jobs.io.ObjectStoreFactory;
import io.aircheck.storage.ObjectStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Per room (keyed by room id): follows each session's consent and its finalized recording; when a
 * speaker who withdrew consent has a track in it, renders the public copy without every withdrawn
 * speaker ({@link PublicMixRenderer}); when the withdrawals change, renders it again; when no
 * withdrawn speaker is left (consent given back), removes the marker so the original is served
 * again. The compliance master and tracks are never touched. A failed render is retried a minute
 * later.
 */
public final class ConsentFunction
        extends KeyedProcessFunction<String, ConsentInput, PublicMixUpdate> {
    private static final Logger LOG = LoggerFactory.getLogger(ConsentFunction.class);
    static final long RETRY_MS = 60_000;

    private final ObjectStoreFactory storeFactory;
    private transient MapState<String, ConsentState> sessions;
    private transient ObjectStore store;
    private transient PublicMixRenderer renderer;
    private transient Counter rendered;
    private transient Counter failed;

    public ConsentFunction(ObjectStoreFactory storeFactory) {
        this.storeFactory = storeFactory;
    }

    @Override
    public void open(OpenContext openContext) {
        sessions =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "sessions",
                                        Types.STRING,
                                        TypeInformation.of(ConsentState.class)));
        store = storeFactory.open();
        renderer = new PublicMixRenderer(store);
        rendered = getRuntimeContext().getMetricGroup().counter("publicMixesRendered");
        failed = getRuntimeContext().getMetricGroup().counter("publicMixRendersFailed");
    }

    @Override
    public void close() {
        if (store != null) {
            store.close();
        }
    }

    @Override
    public void processElement(ConsentInput input, Context ctx, Collector<PublicMixUpdate> out)
            throws Exception {
        ConsentState state = sessions.get(input.sessionId());
        if (state == null) {
            state = new ConsentState();
        }
        if (input.consent() != null) {
            state.consent.put(input.participantId(), input.consent());
        }
        if (input.recording() != null) {
            state.recording = input.recording();
        }
        update(
                input.roomId(),
                input.sessionId(),
                state,
                out,
                ctx.timerService().currentProcessingTime(),
                ctx.timerService());
        sessions.put(input.sessionId(), state);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<PublicMixUpdate> out)
            throws Exception {
        List<String> pending = new ArrayList<>();
        for (var e : sessions.entries()) {
            if (e.getValue().retry) {
                pending.add(e.getKey());
            }
        }
        for (String sessionId : pending) {
            ConsentState state = sessions.get(sessionId);
            update(ctx.getCurrentKey(), sessionId, state, out, timestamp, ctx.timerService());
            sessions.put(sessionId, state);
        }
    }

    private void update(
            String roomId,
            String sessionId,
            ConsentState state,
            Collector<PublicMixUpdate> out,
            long now,
            org.apache.flink.streaming.api.TimerService timers) {
        if (state.recording == null) {
            return;
        }
        Set<String> withdrawn = PublicMix.leftOut(state.recording, state.withdrawn());
        boolean needed = PublicMix.needed(state.recording, withdrawn);
        String signature = needed ? PublicMix.signature(withdrawn) : null;
        if (java.util.Objects.equals(signature, state.rendered) && !state.retry) {
            return;
        }
        MDC.put("roomId", roomId);
        MDC.put("sessionId", sessionId);
        try {
            if (needed) {
                renderer.render(state.recording, withdrawn);
                rendered.inc();
                out.collect(
                        new PublicMixUpdate(
                                roomId,
                                sessionId,
                                "rendered",
                                List.copyOf(new TreeSet<>(withdrawn))));
            } else {
                store.delete(PublicMix.marker(roomId, sessionId));
                LOG.info(
                        "no withdrawn speaker left in {}/{}: the original mix is public again",
                        roomId,
                        sessionId);
                out.collect(new PublicMixUpdate(roomId, sessionId, "withdrawn", List.of()));
            }
            state.rendered = signature;
            state.retry = false;
        } catch (Exception e) {
            failed.inc();
            state.retry = true;
            timers.registerProcessingTimeTimer(now + RETRY_MS);
            LOG.error(
                    "public mix of {}/{} without {} failed; retrying in {} s",
                    roomId,
                    sessionId,
                    signature,
                    RETRY_MS / 1000,
                    e);
        } finally {
            MDC.remove("roomId");
            MDC.remove("sessionId");
        }
    }
}
