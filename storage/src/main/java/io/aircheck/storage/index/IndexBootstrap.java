package io.aircheck.storage.index;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.indices.update_aliases.Action;
import io.aircheck.storage.IndexException;
import io.aircheck.storage.RetryPolicy;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Creates the versioned indexes and their aliases at start-up. Every step is idempotent and
 * tolerates another process doing the same at the same time.
 */
public final class IndexBootstrap {
    private static final Logger LOG = LoggerFactory.getLogger(IndexBootstrap.class);
    private static final ElasticsearchCall CALL = new ElasticsearchCall(RetryPolicy.defaults());
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private IndexBootstrap() {}

    /**
     * Creates the definition's concrete index if missing and, if the alias does not exist yet,
     * points it there. An alias that already exists is left alone (a rebuild may have moved it to a
     * newer version); a warning says so when it points elsewhere.
     */
    public static void ensure(ElasticsearchClient client, IndexDefinition definition) {
        String alias = definition.alias();
        String index = definition.concreteIndex();
        List<String> targets = aliasTargets(client, alias);
        if (targets.isEmpty() && isIndex(client, alias)) {
            // the name resolves: to an index of that name, or to the alias another process has
            // just made (a get of the name answers with the concrete indices it stands for)
            List<String> resolved = resolve(client, alias);
            if (resolved.isEmpty() || resolved.contains(alias)) {
                throw new IndexException(
                        false,
                        "Elasticsearch has an index named '"
                                + alias
                                + "' where the alias should be (written before the bootstrap?):"
                                + " delete it, then restart",
                        null);
            }
            targets = resolved;
        }
        createIndex(client, definition);
        if (targets.isEmpty()) {
            Action add = Action.of(a -> a.add(x -> x.index(index).alias(alias)));
            CALL.run(
                    "add alias '" + alias + "'",
                    () -> client.indices().updateAliases(u -> u.actions(add)));
            LOG.info("alias '{}' -> '{}'", alias, index);
        } else if (targets.equals(List.of(index))) {
            addMissingFields(client, definition);
        } else {
            LOG.warn(
                    "alias '{}' points at {}, not at '{}' (this code's version): left as it is",
                    alias,
                    targets,
                    index);
        }
    }

    /**
     * Adds to the definition's existing concrete index the fields its mapping resource has and the
     * index lacks (an additive change within a version, e.g. a new derived field: documents written
     * before it simply do not have it until a rebuild). A changed field is not touched here: that
     * is a new version, deployed by a rebuild. Returns the names of the fields added.
     */
    public static List<String> addMissingFields(
            ElasticsearchClient client, IndexDefinition definition) {
        String index = definition.concreteIndex();
        JsonNode wanted = mappingProperties(definition);
        var existing =
                CALL.run(
                                "get mapping of '" + index + "'",
                                () -> client.indices().getMapping(g -> g.index(index)))
                        .result();
        java.util.Set<String> have =
                existing.containsKey(index)
                        ? existing.get(index).mappings().properties().keySet()
                        : java.util.Set.of();
        ObjectNode missing = JSON.createObjectNode();
        for (String field : wanted.propertyNames()) {
            if (!have.contains(field)) {
                missing.set(field, wanted.get(field));
            }
        }
        if (missing.isEmpty()) {
            return List.of();
        }
        ObjectNode body = JSON.createObjectNode();
        body.set("properties", missing);
        byte[] json = JSON.writeValueAsBytes(body);
        CALL.run(
                "add fields to '" + index + "'",
                () ->
                        client.indices()
                                .putMapping(
                                        m ->
                                                m.index(index)
                                                        .withJson(
                                                                new java.io.ByteArrayInputStream(
                                                                        json))));
        List<String> added = List.copyOf(missing.propertyNames());
        LOG.info(
                "added fields {} to '{}' (documents written before have them after a rebuild)",
                added,
                index);
        return added;
    }

    private static JsonNode mappingProperties(IndexDefinition definition) {
        try (InputStream mapping = definition.openMapping()) {
            return JSON.readTree(mapping).path("mappings").path("properties");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Creates the definition's concrete index (e.g. {@code rooms-v2} for a rebuild) if missing,
     * without touching the alias. Returns whether this call created it.
     */
    public static boolean createIndex(ElasticsearchClient client, IndexDefinition definition) {
        String index = definition.concreteIndex();
        if (isIndex(client, index)) {
            return false;
        }
        try {
            CALL.run(
                    "create index '" + index + "'",
                    () -> {
                        try (InputStream mapping = definition.openMapping()) {
                            return client.indices().create(c -> c.index(index).withJson(mapping));
                        }
                    });
            LOG.info("created index '{}' from {}", index, definition.mappingResource());
            return true;
        } catch (IndexException e) {
            if ("resource_already_exists_exception"
                    .equals(ElasticsearchFailures.errorType(e.getCause()))) {
                return false; // another process created it first
            }
            throw e;
        }
    }

    /**
     * Points the alias at the definition's concrete index and at nothing else, in one atomic {@code
     * _aliases} call (remove from every current target, add the new one): readers see the old index
     * or the new one, never none. The concrete index must exist ({@link #createIndex}). Returns the
     * indices the alias was removed from.
     */
    public static List<String> swapAlias(ElasticsearchClient client, IndexDefinition definition) {
        String alias = definition.alias();
        String index = definition.concreteIndex();
        List<String> previous = new ArrayList<>(aliasTargets(client, alias));
        previous.remove(index);
        List<Action> actions = new ArrayList<>();
        for (String old : previous) {
            actions.add(Action.of(a -> a.remove(r -> r.index(old).alias(alias))));
        }
        actions.add(Action.of(a -> a.add(add -> add.index(index).alias(alias))));
        CALL.run(
                "swap alias '" + alias + "' to '" + index + "'",
                () -> client.indices().updateAliases(u -> u.actions(actions)));
        LOG.info("alias '{}' -> '{}' (was {})", alias, index, previous);
        return List.copyOf(previous);
    }

    /**
     * Starts a rebuild into the definition's (new) concrete index: creates it and points the
     * staging alias at it, so that the rebuild can write while readers still read the old index.
     */
    public static void beginRebuild(ElasticsearchClient client, IndexDefinition rebuilt) {
        createIndex(client, rebuilt);
        String staging = rebuilt.stagingAlias();
        List<Action> actions = new ArrayList<>();
        for (String old : aliasTargets(client, staging)) {
            actions.add(Action.of(a -> a.remove(r -> r.index(old).alias(staging))));
        }
        actions.add(
                Action.of(a -> a.add(add -> add.index(rebuilt.concreteIndex()).alias(staging))));
        CALL.run(
                "point '" + staging + "' at '" + rebuilt.concreteIndex() + "'",
                () -> client.indices().updateAliases(u -> u.actions(actions)));
    }

    /**
     * Ends a rebuild: in one atomic {@code _aliases} call, the alias leaves its old indices for the
     * rebuilt one, and the staging alias goes. Returns the old indices (kept, for a roll back).
     */
    public static List<String> completeRebuild(
            ElasticsearchClient client, IndexDefinition rebuilt) {
        String alias = rebuilt.alias();
        String index = rebuilt.concreteIndex();
        List<String> previous = new ArrayList<>(aliasTargets(client, alias));
        previous.remove(index);
        List<Action> actions = new ArrayList<>();
        for (String old : previous) {
            actions.add(Action.of(a -> a.remove(r -> r.index(old).alias(alias))));
        }
        actions.add(Action.of(a -> a.add(add -> add.index(index).alias(alias))));
        actions.add(Action.of(a -> a.remove(r -> r.index(index).alias(rebuilt.stagingAlias()))));
        CALL.run(
                "swap alias '" + alias + "' to '" + index + "'",
                () -> client.indices().updateAliases(u -> u.actions(actions)));
        LOG.info("alias '{}' -> '{}' (rebuilt; was {})", alias, index, previous);
        return List.copyOf(previous);
    }

    /** How many documents an index or alias holds (after a refresh). */
    public static long documentCount(ElasticsearchClient client, String indexOrAlias) {
        CALL.run(
                "refresh '" + indexOrAlias + "'",
                () -> client.indices().refresh(r -> r.index(indexOrAlias)));
        return CALL.run(
                "count '" + indexOrAlias + "'",
                () -> client.count(c -> c.index(indexOrAlias)).count());
    }

    /** The concrete indices {@code name} (an index or an alias) stands for, sorted. */
    private static List<String> resolve(ElasticsearchClient client, String name) {
        return sortedNames(
                "resolve '" + name + "'",
                () -> client.indices().get(g -> g.index(name)).result().keySet());
    }

    /** The index names a call answers with (its result's keys), sorted. */
    private static List<String> sortedNames(
            String what, ElasticsearchCall.Body<java.util.Set<String>> names) {
        return CALL.run(what, names).stream().sorted().toList();
    }

    private static boolean isIndex(ElasticsearchClient client, String name) {
        return CALL.run(
                "check index '" + name + "'",
                () -> client.indices().exists(e -> e.index(name)).value());
    }

    /** The concrete indices the alias points at, sorted; empty when there is no such alias. */
    public static List<String> aliasTargets(ElasticsearchClient client, String alias) {
        boolean exists =
                CALL.run(
                        "check alias '" + alias + "'",
                        () -> client.indices().existsAlias(e -> e.name(alias)).value());
        if (!exists) {
            return List.of();
        }
        return sortedNames(
                "get alias '" + alias + "'",
                () -> client.indices().getAlias(g -> g.name(alias)).result().keySet());
    }
}
