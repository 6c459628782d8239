package io.headcount.joincheck;

import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * A deployed function answers Lambda invocations only: no HTTP server may be on its classpath (it would cost
 * cold-start time and open a port for nothing). JWTs are verified with the SmallRye JWT library for this reason.
 */
class NoHttpListenerTest {
    @Test
    void noVertxHttpServerIsPackaged() {
        assertThrows(ClassNotFoundException.class, () -> Class.forName("io.quarkus.vertx.http.runtime.VertxHttpRecorder"));
        assertThrows(ClassNotFoundException.class, () -> Class.forName("io.vertx.core.http.HttpServer"));
        assertThrows(ClassNotFoundException.class, () -> Class.forName("io.netty.channel.Channel"));
    }
}
