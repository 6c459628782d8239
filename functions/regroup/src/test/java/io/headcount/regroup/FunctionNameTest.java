package io.headcount.regroup;

import io.headcount.testing.FunctionChecks;
import org.junit.jupiter.api.Test;

/** The exported Funqy function is the one the handler declares, and the package carries no HTTP server. */
class FunctionNameTest {

    @Test
    void oneFunctionNamedAsExported() throws Exception {
        FunctionChecks.assertOneFunctionNamed(RegroupFunction.class, RegroupFunction.NAME);
    }

    @Test
    void noHttpServerIsPackaged() {
        FunctionChecks.assertNoHttpServer();
    }
}
