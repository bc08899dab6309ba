package io.aircheck.infra.analysis;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.index.analysis.AbstractTokenFilterFactory;

/** {@code porter_stem}: Lucene's {@link PorterStemFilter}; expects lower-cased input. */
final class PorterStemTokenFilterFactory extends AbstractTokenFilterFactory {

    PorterStemTokenFilterFactory(String name, Settings settings) {
        super(name, settings);
    }

    @Override
    public TokenStream create(TokenStream tokenStream) {
        return new PorterStemFilter(tokenStream);
    }
}
