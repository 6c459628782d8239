package io.headcount.packagecheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.headcount.localkit.TemplateModel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our Lambda Java runtime on the simplest function.zip there is (the empty cold-start baseline): it answers, reports
 * a function's exception in Lambda's error shape and keeps serving, and reports a handler it cannot load as an init
 * error and exits.
 */
class JavaRuntimeTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration TIMEOUT = Duration.ofSeconds(120);
    static final String FUNQY_HANDLER = "io.quarkus.funqy.lambda.FunqyStreamHandler::handleRequest";

    @TempDir
    static Path temp;
    static Path taskRoot;
    static PackagedFunction echo;

    @BeforeAll
    static void start() {
        Path zip = FunctionZips.require(TemplateModel.projectRoot(), FunctionZips.EMPTY_FUNCTION);
        taskRoot = PackagedFunction.unzip(zip, temp.resolve("empty"));
        echo = PackagedFunction.start("empty", taskRoot, FUNQY_HANDLER, Map.of(), PackagedFunction.lambdaJvmOptions(),
                temp.resolve("empty.log"), null);
    }

    @AfterAll
    static void stop() {
        if (echo != null) {
            echo.close();
        }
    }

    @Test
    void answersEveryInvocationWithWhatTheFunctionWrote() throws Exception {
        String event = "{\"hello\":\"世界\",\"n\":[1,2]}";
        for (int i = 0; i < 2; i++) {
            RuntimeApiServer.Answer answer = echo.invoke(event, TIMEOUT);
            assertFalse(answer.isError(), answer.text());
            assertEquals(JSON.readTree(event), JSON.readTree(answer.body()), "invocation " + (i + 1));
        }
        assertTrue(echo.isAlive(), "a runtime keeps polling for the next invocation");
    }

    @Test
    void aFunctionExceptionIsPostedAsALambdaErrorAndTheNextInvocationIsServed() throws Exception {
        // Funqy cannot read a JSON array as the echo's Map: an exception inside handleRequest.
        RuntimeApiServer.Answer failed = echo.invoke("[1,2,3]", TIMEOUT);
        assertTrue(failed.isError(), "an error, not a response: " + failed.text());
        JsonNode error = JSON.readTree(failed.body());
        assertEquals(failed.errorType(), error.get("errorType").asText());
        assertTrue(error.get("errorType").asText().contains("."), "a class name: " + error);
        assertTrue(error.has("errorMessage"), error.toString());
        assertTrue(error.get("stackTrace").isArray() && !error.get("stackTrace").isEmpty(), error.toString());

        RuntimeApiServer.Answer after = echo.invoke("{\"again\":true}", TIMEOUT);
        assertFalse(after.isError(), after.text());
        assertTrue(JSON.readTree(after.body()).get("again").asBoolean());
    }

    @Test
    void aHandlerThatCannotBeLoadedIsAnInitErrorAndTheProcessExits() throws Exception {
        try (PackagedFunction missing = PackagedFunction.start("missing", taskRoot,
                "io.headcount.empty.NoSuchHandler::handleRequest", Map.of(), PackagedFunction.lambdaJvmOptions(),
                temp.resolve("missing.log"), "{}")) {
            String error = missing.api().initError().get(TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
            assertEquals("java.lang.ClassNotFoundException", JSON.readTree(error).get("errorType").asText(), error);
            assertEquals(1, missing.awaitExit(30), "exits after reporting: " + missing.log());
        }
    }

    @Test
    void noHttpListenerStartsInsideTheFunction() throws Exception {
        echo.invoke("{}", TIMEOUT);
        String features = FunctionZips.installedFeatures(echo.log());
        assertNotNull(features, "Quarkus logged its installed features: " + echo.log());
        assertFalse(features.contains("vertx-http"), features);
        assertEquals(java.util.Set.of(), echo.listeningPorts(), "no port bound inside the function");
        assertTrue(List.of(features.split(",\\s*")).contains("funqy-amazon-lambda"), features);
    }
}
