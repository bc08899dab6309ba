package io.aircheck.infra.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.elasticsearch.Version;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.index.analysis.PreBuiltAnalyzerProviderFactory;
import org.elasticsearch.index.analysis.PreConfiguredTokenFilter;
import org.elasticsearch.index.analysis.TokenFilterFactory;
import org.elasticsearch.plugins.PluginDescriptor;
import org.junit.jupiter.api.Test;

class AircheckAnalysisPluginTest {

    private final AircheckAnalysisPlugin plugin = new AircheckAnalysisPlugin();

    @Test
    void descriptorIsAcceptedByTheElasticsearchItIsBuiltAgainst() throws IOException {
        try (InputStream in =
                getClass()
                        .getResourceAsStream(
                                "/META-INF/aircheck-analysis/plugin-descriptor.properties")) {
            assertThat(in).as("descriptor packaged in the jar").isNotNull();
            PluginDescriptor descriptor = PluginDescriptor.readInternalDescriptorFromStream(in);

            assertThat(descriptor.getName()).isEqualTo("aircheck-analysis");
            assertThat(descriptor.getClassname()).isEqualTo(AircheckAnalysisPlugin.class.getName());
            assertThat(descriptor.getElasticsearchVersion()).isEqualTo(Version.CURRENT.toString());
            assertThat(descriptor.getJavaVersion()).isEqualTo("17");
        }
    }

    @Test
    void registersTheStockNames() {
        assertThat(plugin.getAnalyzers()).containsOnlyKeys("english");
        assertThat(plugin.getPreBuiltAnalyzerProviderFactories())
                .extracting(PreBuiltAnalyzerProviderFactory::getName)
                .containsExactly("english");
        assertThat(plugin.getTokenFilters())
                .containsOnlyKeys("porter_stem", "stemmer", "asciifolding");
        assertThat(plugin.getPreConfiguredTokenFilters())
                .extracting(PreConfiguredTokenFilter::getName)
                .containsExactlyInAnyOrder("porter_stem", "stemmer", "asciifolding");
    }

    @Test
    void englishAnalyzerDropsStopWordsAndStems() throws IOException {
        // Lucene's English stop set is the short one (33 words): "the" goes, "were" stays, as on a
        // stock node
        try (Analyzer english = new EnglishAnalyzer()) {
            assertThat(tokens(english.tokenStream("text", "The speakers were running")))
                    .containsExactly("speaker", "were", "run");
        }
    }

    @Test
    void stemmerLanguagesMapToTheStockLuceneFilters() throws IOException {
        assertThat(filtered(stemmer("english"), "speakers running"))
                .containsExactly("speaker", "run");
        assertThat(filtered(stemmer("porter"), "recordings")).containsExactly("record");
        assertThat(filtered(stemmer("porter2"), "generously")).containsExactly("generous");
        assertThat(filtered(stemmer("light_english"), "speakers")).containsExactly("speaker");
        assertThat(filtered(stemmer("minimal_english"), "rooms running"))
                .containsExactly("room", "running");
        assertThat(filtered(stemmer("possessive_english"), "host's rooms"))
                .containsExactly("host", "rooms");
    }

    @Test
    void stemmerDefaultsToPorterAndAcceptsTheNameAlias() throws IOException {
        TokenFilterFactory byDefault = new StemmerTokenFilterFactory("s", Settings.EMPTY);
        TokenFilterFactory byName =
                new StemmerTokenFilterFactory(
                        "s", Settings.builder().put("name", "minimal_english").build());

        assertThat(filtered(byDefault, "running")).containsExactly("run");
        assertThat(filtered(byName, "running")).containsExactly("running");
    }

    @Test
    void stemmerRefusesALanguageItDoesNotProvide() {
        assertThatThrownBy(() -> stemmer("german"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[german]")
                .hasMessageContaining("possessive_english");
    }

    @Test
    void asciiFoldingFoldsAndCanKeepTheOriginal() throws IOException {
        TokenFilterFactory folding = new AsciiFoldingTokenFilterFactory("f", Settings.EMPTY);
        TokenFilterFactory preserving =
                new AsciiFoldingTokenFilterFactory(
                        "f", Settings.builder().put("preserve_original", true).build());

        assertThat(filtered(folding, "café Zoë")).containsExactly("cafe", "Zoe");
        assertThat(filtered(preserving, "café")).containsExactly("cafe", "café");
        assertThat(
                        tokens(
                                ((AsciiFoldingTokenFilterFactory) preserving)
                                        .normalize(tokenizer("café"))))
                .containsExactly("cafe");
    }

    @Test
    void porterStemFilterStems() throws IOException {
        assertThat(filtered(new PorterStemTokenFilterFactory("p", Settings.EMPTY), "listeners"))
                .containsExactly("listen");
    }

    private static TokenFilterFactory stemmer(String language) {
        return new StemmerTokenFilterFactory(
                "s", Settings.builder().put("language", language).build());
    }

    private static List<String> filtered(TokenFilterFactory factory, String text)
            throws IOException {
        return tokens(factory.create(tokenizer(text)));
    }

    private static Tokenizer tokenizer(String text) {
        Tokenizer tokenizer = new StandardTokenizer();
        tokenizer.setReader(new StringReader(text));
        return tokenizer;
    }

    private static List<String> tokens(TokenStream stream) throws IOException {
        List<String> out = new ArrayList<>();
        try (stream) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                out.add(term.toString());
            }
            stream.end();
        }
        return out;
    }
}
