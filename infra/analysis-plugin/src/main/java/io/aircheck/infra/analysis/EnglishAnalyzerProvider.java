package io.aircheck.infra.analysis;

import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.index.IndexSettings;
import org.elasticsearch.index.analysis.AbstractIndexAnalyzerProvider;
import org.elasticsearch.index.analysis.Analysis;

/**
 * {@code "type": "english"}: Lucene's {@link EnglishAnalyzer} with the settings a stock cluster
 * reads, {@code stopwords} / {@code stopwords_path} (default {@code _english_}) and {@code
 * stem_exclusion}.
 */
final class EnglishAnalyzerProvider extends AbstractIndexAnalyzerProvider<EnglishAnalyzer> {

    private final EnglishAnalyzer analyzer;

    EnglishAnalyzerProvider(
            IndexSettings indexSettings, Environment env, String name, Settings settings) {
        super(name, settings);
        analyzer =
                new EnglishAnalyzer(
                        Analysis.parseStopWords(env, settings, EnglishAnalyzer.getDefaultStopSet()),
                        Analysis.parseStemExclusion(settings, CharArraySet.EMPTY_SET));
    }

    @Override
    public EnglishAnalyzer get() {
        return analyzer;
    }
}
