package io.headcount.adapters;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Map;

/**
 * An {@link HttpFunction} that serves its table of routes through the {@link Gateway}. The table is set by
 * {@link #routes} from the subclass's constructor body: its routes are the subclass's own methods, which cannot be
 * referred to in the call to {@code super(…)}.
 */
public abstract class RoutedFunction implements HttpFunction {
    private final String name;
    private final Gateway gateway;
    private Map<String, Route> routes = Map.of();

    /** For ArC: the client proxy of an application-scoped subclass needs a constructor without arguments. */
    protected RoutedFunction() {
        this(null, null);
    }

    protected RoutedFunction(String name, Gateway gateway) {
        this.name = name;
        this.gateway = gateway;
    }

    protected void routes(Map<String, Route> routes) {
        this.routes = routes;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
        return gateway.serve(name, event, routes);
    }
}
