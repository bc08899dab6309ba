package io.aircheck.infra.analysis;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.index.analysis.AbstractTokenFilterFactory;
import org.elasticsearch.index.analysis.NormalizingTokenFilterFactory;
import org.elasticsearch.index.analysis.TokenFilterFactory;

/**
 * {@code asciifolding}: Lucene's {@link ASCIIFoldingFilter} ({@code café} becomes {@code cafe}),
 * with the stock {@code preserve_original} setting (default false). Usable in normalizers too.
 */
final class AsciiFoldingTokenFilterFactory extends AbstractTokenFilterFactory
        implements NormalizingTokenFilterFactory {

    static final String PRESERVE_ORIGINAL = "preserve_original";

    private final boolean preserveOriginal;

    AsciiFoldingTokenFilterFactory(String name, Settings settings) {
        super(name, settings);
        preserveOriginal = settings.getAsBoolean(PRESERVE_ORIGINAL, false);
    }

    @Override
    public TokenStream create(TokenStream tokenStream) {
        return new ASCIIFoldingFilter(tokenStream, preserveOriginal);
    }

    @Override
    public TokenStream normalize(TokenStream tokenStream) {
        // a normalizer must emit exactly one token: never keep the original beside the folded one
        return new ASCIIFoldingFilter(tokenStream, false);
    }

    @Override
    public TokenFilterFactory getSynonymFilter() {
        // synonym rules are parsed with a filter that emits one token per position
        return preserveOriginal ? new AsciiFoldingTokenFilterFactory(name(), Settings.EMPTY) : this;
    }
}
