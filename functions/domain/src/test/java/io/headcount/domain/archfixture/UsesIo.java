package io.headcount.domain.archfixture;

import java.io.File;

/** Deliberately impure: proves the purity rule can fail. Test code only, never imported with the main classes. */
public final class UsesIo {
    private UsesIo() {
    }

    public static boolean exists(String path) {
        return new File(path).exists();
    }
}
