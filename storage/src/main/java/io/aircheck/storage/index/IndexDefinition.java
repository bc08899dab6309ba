package io.aircheck.storage.index;

import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.regex.Pattern;

/**
 * A versioned index: readers and writers use the {@code alias}; it points at the concrete index
 * {@code alias-v{version}}, created from the settings and mappings in {@code mappingResource} (a
 * classpath resource holding {@code {"settings": ..., "mappings": ...}}). A rebuild creates the
 * next version and swaps the alias ({@link IndexBootstrap#swapAlias}).
 */
public record IndexDefinition(String alias, int version, String mappingResource, String generation)
        implements java.io.Serializable {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,200}");
    private static final Pattern GENERATION = Pattern.compile("[a-z0-9]{0,32}");

    /** The index of a version as first created (no rebuild generation). */
    public IndexDefinition(String alias, int version, String mappingResource) {
        this(alias, version, mappingResource, "");
    }

    public IndexDefinition {
        if (alias == null || !NAME.matcher(alias).matches()) {
            throw new IllegalArgumentException("not a valid index alias: '" + alias + "'");
        }
        if (version < 1) {
            throw new IllegalArgumentException("version must be >= 1: " + version);
        }
        if (mappingResource == null || mappingResource.isBlank()) {
            throw new IllegalArgumentException("mapping resource missing for " + alias);
        }
        generation = generation == null ? "" : generation;
        if (!GENERATION.matcher(generation).matches()) {
            throw new IllegalArgumentException("not a valid generation: '" + generation + "'");
        }
    }

    /**
     * The concrete index this version lives in, e.g. {@code rooms-v1}, or {@code
     * rooms-v1-g20261125t2100} for a rebuild of it.
     */
    public String concreteIndex() {
        return alias + "-v" + version + (generation.isEmpty() ? "" : "-" + generation);
    }

    /** The same version rebuilt into a fresh concrete index named by {@code newGeneration}. */
    public IndexDefinition withGeneration(String newGeneration) {
        return new IndexDefinition(alias, version, mappingResource, newGeneration);
    }

    /** The alias a rebuild writes through while readers still use {@link #alias()}. */
    public String stagingAlias() {
        return alias + "-rebuild";
    }

    /** The same mappings under another alias (tests use one alias each). */
    public IndexDefinition withAlias(String newAlias) {
        return new IndexDefinition(newAlias, version, mappingResource, generation);
    }

    /** The next version of this index, with its own mapping resource. */
    public IndexDefinition nextVersion(String newMappingResource) {
        return new IndexDefinition(alias, version + 1, newMappingResource);
    }

    /** Opens the mapping resource; the caller closes it. */
    public InputStream openMapping() {
        InputStream in =
                IndexDefinition.class.getClassLoader().getResourceAsStream(mappingResource);
        if (in == null) {
            throw new UncheckedIOException(
                    new java.io.FileNotFoundException(
                            "mapping resource " + mappingResource + " not on the classpath"));
        }
        return in;
    }
}
