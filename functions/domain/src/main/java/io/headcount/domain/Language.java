package io.headcount.domain;

import java.util.Arrays;
import java.util.Optional;

/** Language of the human messages and digests of an org. */
public enum Language {
    ZH_CN("zh-CN"), EN("en");

    private final String tag;

    Language(String tag) {
        this.tag = tag;
    }

    public String tag() {
        return tag;
    }

    public static Optional<Language> fromTag(String tag) {
        return Arrays.stream(values()).filter(l -> l.tag.equalsIgnoreCase(tag)).findFirst();
    }
}
