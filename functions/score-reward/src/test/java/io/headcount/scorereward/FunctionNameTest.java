package io.headcount.scorereward;

import io.headcount.testing.FunctionChecks;
import org.junit.jupiter.api.Test;

/** The exported Funqy function is the one the handler declares, and the package carries no HTTP server. */
class FunctionNameTest {

    @Test
    void oneFunctionNamedAsExported() throws Exception {
        FunctionChecks.assertOneFunctionNamed(ScoreRewardFunction.class, ScoreRewardFunction.NAME);
    }

    @Test
    void noHttpServerIsPackaged() {
        FunctionChecks.assertNoHttpServer();
    }
}
