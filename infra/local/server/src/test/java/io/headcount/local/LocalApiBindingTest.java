package io.headcount.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.headcount.adapters.HttpFunction;
import io.headcount.localkit.TemplateModel.FunctionSpec;
import io.headcount.localkit.TemplateModel.RouteSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Startup refuses a template it cannot serve completely, and says why. */
class LocalApiBindingTest {

    record Fake(String name) implements HttpFunction {
        @Override
        public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
            return new APIGatewayV2HTTPResponse();
        }
    }

    private static FunctionSpec spec(String id, String export, RouteSpec... routes) {
        return new FunctionSpec(id, null, null, null,
                export == null ? Map.of() : Map.of(LocalApi.EXPORT_VARIABLE, export), List.of(routes));
    }

    @Test
    void everyRouteIsBoundToTheFunctionOfItsExport() {
        List<LocalApi.Binding> bound = LocalApi.bind(
                List.of(spec("JoinCheckFunction", "joinCheck", new RouteSpec("POST", "/orgs/{org}/groups/{group}/join")),
                        spec("Timer", null)),
                List.of(new Fake("joinCheck"), new Fake("admin")));
        assertEquals(1, bound.size());
        assertEquals("joinCheck", bound.get(0).function().name());
        assertEquals("JoinCheckFunction", bound.get(0).functionLogicalId());
    }

    @Test
    void aMissingFunctionBeanFailsStartupNamingIt() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> LocalApi.bind(
                List.of(spec("IngestFunction", "ingest", new RouteSpec("POST", "/orgs/{org}/events")),
                        spec("NoExport", null, new RouteSpec("GET", "/x"))),
                List.of(new Fake("admin"))));
        assertTrue(e.getMessage().contains("no HttpFunction bean named 'ingest'"), e.getMessage());
        assertTrue(e.getMessage().contains("POST /orgs/{org}/events"), e.getMessage());
        assertTrue(e.getMessage().contains("NoExport"), e.getMessage());
    }

    @Test
    void duplicateRouteKeysAndNamesAreRefused() {
        assertThrows(IllegalStateException.class, () -> LocalApi.bind(
                List.of(spec("A", "a", new RouteSpec("GET", "/x")), spec("B", "a", new RouteSpec("GET", "/x"))),
                List.of(new Fake("a"))));
        assertThrows(IllegalStateException.class, () -> LocalApi.bind(List.of(), List.of(new Fake("a"), new Fake("a"))));
    }
}
