package io.aircheck.infra.analysis;

import java.util.Locale;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishMinimalStemFilter;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.KStemFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.index.analysis.AbstractTokenFilterFactory;
import org.tartarus.snowball.ext.EnglishStemmer;

/**
 * {@code stemmer}: the English subset of the stock filter. The language comes from {@code language}
 * (or its alias {@code name}), default {@code porter}; each maps to the Lucene filter a stock
 * cluster uses. Any other language is refused when the index is created, with a message that names
 * the supported ones.
 */
final class StemmerTokenFilterFactory extends AbstractTokenFilterFactory {

    static final Set<String> LANGUAGES =
            Set.of(
                    "english",
                    "porter",
                    "porter2",
                    "light_english",
                    "minimal_english",
                    "possessive_english");

    private final UnaryOperator<TokenStream> filter;

    StemmerTokenFilterFactory(String name, Settings settings) {
        super(name, settings);
        String language = settings.get("language", settings.get("name", "porter"));
        this.filter = filterFor(language.toLowerCase(Locale.ROOT));
    }

    static UnaryOperator<TokenStream> filterFor(String language) {
        switch (language) {
            case "english":
            case "porter":
                return PorterStemFilter::new;
            case "porter2":
                return in -> new SnowballFilter(in, new EnglishStemmer());
            case "light_english":
                return KStemFilter::new;
            case "minimal_english":
                return EnglishMinimalStemFilter::new;
            case "possessive_english":
                return EnglishPossessiveFilter::new;
            default:
                throw new IllegalArgumentException(
                        "stemmer language ["
                                + language
                                + "] is not provided by the aircheck-analysis plugin; supported: "
                                + LANGUAGES.stream().sorted().toList());
        }
    }

    @Override
    public TokenStream create(TokenStream tokenStream) {
        return filter.apply(tokenStream);
    }
}
