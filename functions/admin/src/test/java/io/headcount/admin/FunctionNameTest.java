package io.headcount.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.quarkus.funqy.Funq;
import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The exported Funqy function is the one the handler declares: a mismatch only shows once deployed. */
class FunctionNameTest {

    @Test
    void theFunqAnnotationCarriesTheFunctionName() throws Exception {
        Method admin = AdminFunction.class.getMethod("admin", APIGatewayV2HTTPEvent.class);
        Funq funq = admin.getAnnotation(Funq.class);
        assertNotNull(funq, "AdminFunction.admin is the @Funq entry point");
        assertEquals(AdminFunction.NAME, funq.value());
        assertEquals(1, Arrays.stream(AdminFunction.class.getMethods())
                .filter(m -> m.isAnnotationPresent(Funq.class)).count(), "exactly one function in this module");
    }

    @Test
    void applicationPropertiesExportsThatName() throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of("src/main/resources/application.properties"),
                StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        assertEquals(AdminFunction.NAME, properties.getProperty("quarkus.funqy.export"));
    }
}
