package io.aircheck.infra.analysis;

import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.elasticsearch.index.analysis.AnalyzerProvider;
import org.elasticsearch.index.analysis.PreBuiltAnalyzerProviderFactory;
import org.elasticsearch.index.analysis.PreConfiguredTokenFilter;
import org.elasticsearch.index.analysis.TokenFilterFactory;
import org.elasticsearch.indices.analysis.AnalysisModule.AnalysisProvider;
import org.elasticsearch.indices.analysis.PreBuiltCacheFactory.CachingStrategy;
import org.elasticsearch.plugins.AnalysisPlugin;
import org.elasticsearch.plugins.Plugin;

/**
 * Registers the English analysis components of Elasticsearch's {@code analysis-common} module under
 * the same names, built on the same Lucene classes, for distributions that lack that module (the
 * integ-test-zip the embedded stack runs). Index mappings therefore stay identical to what a stock
 * cluster accepts.
 *
 * <ul>
 *   <li>analyzer {@code english}: by name in a mapping, and as {@code "type": "english"} with
 *       {@code stopwords} / {@code stem_exclusion};
 *   <li>token filter {@code porter_stem};
 *   <li>token filter {@code stemmer} with the English languages ({@code english}, {@code porter},
 *       {@code porter2}, {@code light_english}, {@code minimal_english}, {@code
 *       possessive_english});
 *   <li>token filter {@code asciifolding}, with {@code preserve_original}.
 * </ul>
 *
 * <p>A stock cluster has no {@code english_possessive} filter: possessives are the {@code stemmer}
 * filter with {@code "language": "possessive_english"}, which this plugin supports as well.
 */
public class AircheckAnalysisPlugin extends Plugin implements AnalysisPlugin {

    @Override
    public Map<String, AnalysisProvider<AnalyzerProvider<? extends Analyzer>>> getAnalyzers() {
        return Map.of("english", EnglishAnalyzerProvider::new);
    }

    @Override
    public List<PreBuiltAnalyzerProviderFactory> getPreBuiltAnalyzerProviderFactories() {
        return List.of(
                new PreBuiltAnalyzerProviderFactory(
                        "english", CachingStrategy.LUCENE, EnglishAnalyzer::new));
    }

    @Override
    public Map<String, AnalysisProvider<TokenFilterFactory>> getTokenFilters() {
        return Map.of(
                "porter_stem",
                        (indexSettings, env, name, settings) ->
                                new PorterStemTokenFilterFactory(name, settings),
                "stemmer",
                        (indexSettings, env, name, settings) ->
                                new StemmerTokenFilterFactory(name, settings),
                "asciifolding",
                        (indexSettings, env, name, settings) ->
                                new AsciiFoldingTokenFilterFactory(name, settings));
    }

    @Override
    public List<PreConfiguredTokenFilter> getPreConfiguredTokenFilters() {
        return List.of(
                PreConfiguredTokenFilter.singleton("porter_stem", false, PorterStemFilter::new),
                PreConfiguredTokenFilter.singleton("stemmer", false, PorterStemFilter::new),
                PreConfiguredTokenFilter.singleton("asciifolding", true, ASCIIFoldingFilter::new));
    }
}
