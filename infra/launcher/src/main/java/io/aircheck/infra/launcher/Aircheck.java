package io.aircheck.infra.launcher;

import io.aircheck.api.ApiConfig;
import io.aircheck.api.SearchApi;
import io.aircheck.capture.gateway.CaptureConfig;
import io.aircheck.capture.gateway.CaptureGateway;
import io.aircheck.config.ConfigException;
import io.aircheck.config.S3Settings;
import io.aircheck.jobs.JobsConfig;
import io.aircheck.jobs.rebuild.ProjectionRebuild;
import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one command: {@code up} starts the whole stack on this machine (embedded Kafka, S3 server and
 * Elasticsearch unless external ones are configured, the stream jobs in Flink local mode, the
 * capture gateway and search-api) and runs until Ctrl-C; {@code demo} does the same and plays a
 * simulated room through it, then prints where to replay it.
 */
public final class Aircheck {
    private static final Logger LOG = LoggerFactory.getLogger(Aircheck.class);

    private Aircheck() {}

    public static void main(String[] args) {
        String command = args.length == 0 ? "up" : args[0];
        PrintStream out = System.out;
        if (command.equals("settings")) {
            out.print(AllSettings.markdown());
            return;
        }
        if (command.equals("rebuild")) {
            try {
                ProjectionRebuild.run(
                        JobsConfig.fromEnv(System.getenv()), ProjectionRebuild.allPlans(), out);
                System.exit(0);
            } catch (ConfigException e) {
                System.err.println(e.getMessage());
                System.exit(2);
            } catch (Exception e) {
                LOG.error("rebuild failed", e);
                System.err.println("rebuild failed: " + e.getMessage());
                System.exit(1);
            }
        }
        Integer archiveExit =
                ArchiveCommands.run(
                        command,
                        java.util.Arrays.copyOfRange(args, Math.min(1, args.length), args.length),
                        System.getenv(),
                        out,
                        System.err);
        if (archiveExit != null) {
            System.exit(archiveExit);
        }
        if (!command.equals("up") && !command.equals("demo")) {
            out.println(
                    "usage: aircheck [up|demo [--speed N] [--exit]|rebuild|settings|keygen|export|verify|verify-audit|retention]");
            out.println("  up     start the stack and run until Ctrl-C");
            out.println("  demo   start the stack, record a simulated room, print its replay URL");
            out.println(
                    "         (--speed: times real time, default 4; --exit: stop once the room is replayable)");
            out.println(ArchiveCommands.USAGE);
            System.exit(command.equals("help") || command.equals("--help") ? 0 : 2);
        }
        boolean exitAfterDemo = false;
        double speed = 4;
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--exit")) {
                exitAfterDemo = true;
            } else if (args[i].equals("--speed") && i + 1 < args.length) {
                speed = Double.parseDouble(args[++i]);
            } else {
                out.println("unknown option " + args[i]);
                System.exit(2);
            }
        }
        try {
            long started = System.nanoTime();
            RunningStack stack = RunningStack.start(System.getenv());
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime()
                    .addShutdownHook(
                            new Thread(
                                    () -> {
                                        out.println("stopping aircheck…");
                                        stack.close();
                                        stopped.countDown();
                                    },
                                    "aircheck-shutdown"));
            out.printf("aircheck is up in %.1f s%n", (System.nanoTime() - started) / 1e9);
            stack.printEndpoints(out);
            if (command.equals("demo")) {
                DemoRoom.Result room = new DemoRoom(stack, speed).run(out);
                out.printf(
                        "demo room replayable %.1f s after start: %s%n",
                        (System.nanoTime() - started) / 1e9, room.replayUrl());
                if (exitAfterDemo) {
                    System.exit(0);
                }
            }
            out.println("Press Ctrl-C to stop.");
            stopped.await();
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        } catch (Exception e) {
            LOG.error("aircheck failed", e);
            System.err.println("aircheck failed: " + e.getMessage());
            System.exit(1);
        }
    }

    /** Everything the command started, in start order, closed in reverse. */
    static final class RunningStack implements AutoCloseable {
        final StackConfig config;
        final EmbeddedStack servers;
        final Map<String, String> env;
        final JobRunner jobs;
        final CaptureGateway gateway;
        final CaptureConfig captureConfig;
        final SearchApi api;
        final ApiConfig apiConfig;

        private RunningStack(
                StackConfig config,
                EmbeddedStack servers,
                Map<String, String> env,
                JobRunner jobs,
                CaptureGateway gateway,
                CaptureConfig captureConfig,
                SearchApi api,
                ApiConfig apiConfig) {
            this.config = config;
            this.servers = servers;
            this.env = env;
            this.jobs = jobs;
            this.gateway = gateway;
            this.captureConfig = captureConfig;
            this.api = api;
            this.apiConfig = apiConfig;
        }

        static RunningStack start(Map<String, String> callerEnv) throws Exception {
            StackConfig config = StackConfig.fromEnv(callerEnv);
            // Validate every deployable's settings before starting anything.
            CaptureConfig.fromEnv(callerEnv);
            JobsConfig.fromEnv(callerEnv);
            ApiConfig.fromEnv(callerEnv);
            EmbeddedStack servers = EmbeddedStack.start(config, callerEnv);
            JobRunner jobs = null;
            CaptureGateway gateway = null;
            try {
                Map<String, String> env = servers.env();
                ApiConfig apiConfig = ApiConfig.fromEnv(env);
                SearchApi api =
                        SearchApi.start(apiConfig); // also creates the bucket and the indexes
                try {
                    jobs = JobRunner.start(JobsConfig.fromEnv(env), config);
                    CaptureConfig captureConfig = CaptureConfig.fromEnv(env);
                    gateway = CaptureGateway.start(captureConfig);
                    return new RunningStack(
                            config, servers, env, jobs, gateway, captureConfig, api, apiConfig);
                } catch (Exception e) {
                    if (gateway != null) {
                        gateway.close();
                    }
                    if (jobs != null) {
                        jobs.close();
                    }
                    api.close();
                    throw e;
                }
            } catch (Exception e) {
                servers.close();
                throw e;
            }
        }

        String apiUrl() {
            return "http://" + apiConfig.host() + ":" + api.port();
        }

        String gatewayUrl() {
            return gateway.baseUrl();
        }

        void printEndpoints(PrintStream out) {
            S3Settings s3 = apiConfig.s3();
            out.println("  replay and search  " + apiUrl() + "/");
            out.println(
                    "  capture gateway    "
                            + gatewayUrl()
                            + "  (ingest credentials: AIRCHECK_INGEST_CREDENTIALS, default simulator:aircheck-dev-ingest)");
            if (captureConfig.rtp().sharedPort() > 0) {
                out.println(
                        "  RTP/Opus ingest    udp://"
                                + captureConfig.host()
                                + ":"
                                + captureConfig.rtp().sharedPort()
                                + "  (bind a track: POST "
                                + gatewayUrl()
                                + "/v1/rooms/{room}/rtp-bindings)");
            }
            out.println("  Kafka              " + env.get("AIRCHECK_KAFKA_BOOTSTRAP"));
            out.println(
                    "  S3                 "
                            + s3.endpoint()
                            + "  bucket "
                            + s3.bucket()
                            + "  access key "
                            + s3.accessKey()
                            + "  secret key "
                            + s3.secretKey());
            out.println("  Elasticsearch      " + apiConfig.elasticsearch().url());
            if (config.flinkWebPort() > 0) {
                out.println("  Flink web UI       http://127.0.0.1:" + config.flinkWebPort() + "/");
            }
            out.println("  data directory     " + config.dataDir().toAbsolutePath());
        }

        @Override
        public void close() {
            gateway.close();
            jobs.close();
            api.close();
            servers.close();
        }
    }
}
