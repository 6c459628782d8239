package io.headcount.summarize;

import com.huaban.analysis.jieba.JiebaSegmenter;
import io.headcount.domain.Digest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Chinese (and mixed) text into words with jieba: its dictionary loads once per instance, on first use, so
 * requests that never segment never pay for it.
 */
final class Segmentation {

    private Segmentation() {
    }

    private static final class Loaded {
        static final JiebaSegmenter SEGMENTER = new JiebaSegmenter();
        static final List<String> STOP_WORDS = read("/stopwords.txt");
    }

    static Digest.Segmenter segmenter() {
        return text -> Loaded.SEGMENTER.sentenceProcess(text);
    }

    static List<String> stopWords() {
        return Loaded.STOP_WORDS;
    }

    private static List<String> read(String resource) {
        try (InputStream in = Segmentation.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing");
            }
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
