package io.headcount.joincheck;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.quarkus.funqy.Funq;
import java.io.InputStream;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The @Funq name, the exported name in application.properties and NAME (which the local run uses) agree. */
class FunctionNameTest {
    @Test
    void oneNameEverywhere() throws Exception {
        Funq funq = JoinCheckFunction.class.getMethod("joinCheck", APIGatewayV2HTTPEvent.class).getAnnotation(Funq.class);
        assertEquals(JoinCheckFunction.NAME, funq.value());
        Properties p = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/application.properties")) {
            p.load(in);
        }
        assertEquals(JoinCheckFunction.NAME, p.getProperty("quarkus.funqy.export"));
    }
}
