package io.headcount.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.headcount.localkit.TemplateModel;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** docs/openapi.yaml describes exactly the HTTP API of template.yaml, and every route as the contract has it. */
class OpenApiTest {
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");

    @SuppressWarnings("unchecked")
    static Map<String, Object> document() throws IOException {
        try (Reader reader = Files.newBufferedReader(TemplateTest.ROOT.resolve("docs/openapi.yaml"))) {
            return new Yaml().load(reader);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Object>> operations(Map<String, Object> doc) {
        Map<String, Map<String, Object>> out = new java.util.TreeMap<>();
        Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) doc.get("paths");
        paths.forEach((path, item) -> item.forEach((method, op) -> {
            if (METHODS.contains(method)) {
                out.put(method.toUpperCase() + " " + path, (Map<String, Object>) op);
            }
        }));
        return out;
    }

    @Test
    void theDocumentHasExactlyTheTemplatesRoutes() throws IOException {
        Set<String> template = new TreeSet<>();
        for (TemplateModel.FunctionSpec f : TemplateTest.TEMPLATE.functions()) {
            f.routes().forEach(r -> template.add(r.method().toUpperCase() + " " + r.path()));
        }
        assertEquals(template, operations(document()).keySet());
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyRouteNeedsATokenAndAnswersErrorsInTheOneShape() throws IOException {
        Map<String, Object> doc = document();
        assertEquals(List.of(Map.of("bearer", List.of())), doc.get("security"));
        Pattern pathParameter = Pattern.compile("\\{(\\w+)}");
        List<String> problems = new ArrayList<>();
        operations(doc).forEach((route, op) -> {
            Map<String, Object> responses = (Map<String, Object>) op.get("responses");
            for (String status : List.of("401", "403")) {
                if (!Map.of("$ref", "#/components/responses/Error").equals(responses.get(status))) {
                    problems.add(route + " lacks the error answer " + status);
                }
            }
            responses.forEach((status, response) -> {
                if (status.startsWith("4") || status.startsWith("5")) {
                    if (!Map.of("$ref", "#/components/responses/Error").equals(response)) {
                        problems.add(route + " answers " + status + " in another shape");
                    }
                }
            });
            Set<String> declared = new TreeSet<>();
            for (Object p : (List<Object>) op.getOrDefault("parameters", List.of())) {
                Map<String, Object> parameter = (Map<String, Object>) p;
                Object ref = parameter.get("$ref");
                if (ref != null) {
                    parameter = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) doc
                            .get("components")).get("parameters")).get(ref.toString().substring(
                            "#/components/parameters/".length()));
                }
                if ("path".equals(parameter.get("in"))) {
                    declared.add(parameter.get("name").toString());
                }
            }
            Set<String> inPath = new TreeSet<>();
            Matcher m = pathParameter.matcher(route);
            while (m.find()) {
                inPath.add(m.group(1));
            }
            if (!declared.equals(inPath)) {
                problems.add(route + " declares path parameters " + declared + ", its path has " + inPath);
            }
        });
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }
}
