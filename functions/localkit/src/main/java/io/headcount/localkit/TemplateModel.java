package io.headcount.localkit;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;

/**
 * The SAM template.yaml, read so that local tables, routes and schedules come from the one
 * definition that is deployed, never from a copy that can drift.
 */
public final class TemplateModel {

    public record FunctionSpec(String logicalId, String codeUri, String handler, String runtime,
                               Map<String, String> environment, List<RouteSpec> routes) {
    }

    public record RouteSpec(String method, String path) {
    }

    public record ScheduleSpec(String functionLogicalId, String name, String expression, String timezone,
                               String input) {
    }

    private final Map<String, Object> template;

    private TemplateModel(Map<String, Object> template) {
        this.template = template;
    }

    public static TemplateModel load(Path templateYaml) {
        Yaml yaml = new Yaml(new CloudFormationConstructor());
        try (Reader reader = Files.newBufferedReader(templateYaml, StandardCharsets.UTF_8)) {
            Object root = yaml.load(reader);
            if (!(root instanceof Map<?, ?>)) {
                throw new IllegalArgumentException(templateYaml + " is not a YAML mapping");
            }
            return new TemplateModel(cast(root));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + templateYaml, e);
        }
    }

    /**
     * The repository root: the nearest directory holding both pom.xml and template.yaml, searched
     * upwards from {@code -Dheadcount.root} if set (a module directory is fine), else from the
     * working directory.
     */
    public static Path projectRoot() {
        String property = System.getProperty("headcount.root");
        boolean given = property != null && !property.isBlank();
        Path start = Path.of(given ? property : System.getProperty("user.dir")).toAbsolutePath().normalize();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isRegularFile(dir.resolve("template.yaml"))) {
                return dir;
            }
        }
        if (given) {
            return start;
        }
        throw new IllegalStateException("no directory with pom.xml and template.yaml above " + start
                + "; set -Dheadcount.root");
    }

    /**
     * The DynamoDB actions a function's policy statements allow on the table ({@code !GetAtt Table.Arn}), named as
     * {@link DynamoDbActions} names them: {@code "GetItem"}, and {@code "GSI1:Query"} for the index's ARN. Statements
     * on other resources are left out; so is any that is not a plain Allow.
     */
    public Set<String> tableActions(String functionLogicalId) {
        Set<String> actions = new TreeSet<>();
        for (Object policy : list(map(map(resources().get(functionLogicalId)).get("Properties")).get("Policies"))) {
            for (Object s : list(map(policy).get("Statement"))) {
                Map<String, Object> statement = map(s);
                Object resource = statement.get("Resource");
                String prefix = Map.of("Fn::GetAtt", "Table.Arn").equals(resource) ? ""
                        : Map.of("Fn::Sub", "${Table.Arn}/index/GSI1").equals(resource) ? "GSI1:" : null;
                if (prefix == null || !"Allow".equals(statement.get("Effect"))) {
                    continue;
                }
                Object action = statement.get("Action");
                for (Object a : action instanceof List<?> several ? several : List.of(action)) {
                    String name = String.valueOf(a);
                    if (name.startsWith("dynamodb:")) {
                        actions.add(prefix + name.substring("dynamodb:".length()));
                    }
                }
            }
        }
        return actions;
    }

    /** The raw Resources section; intrinsic functions appear as maps such as {@code {"Fn::Sub": ...}}. */
    public Map<String, Object> resources() {
        return Collections.unmodifiableMap(map(template.get("Resources")));
    }

    /** A CreateTableRequest for a table resource; the name is the caller's, since the template's is usually a !Sub. */
    public CreateTableRequest createTableRequest(String tableLogicalId, String tableName) {
        Map<String, Object> properties = tableProperties(tableLogicalId);
        CreateTableRequest.Builder request = CreateTableRequest.builder()
                .tableName(tableName)
                .attributeDefinitions(list(properties.get("AttributeDefinitions")).stream()
                        .map(TemplateModel::map)
                        .map(a -> AttributeDefinition.builder()
                                .attributeName(text(a.get("AttributeName")))
                                .attributeType(text(a.get("AttributeType")))
                                .build())
                        .toList())
                .keySchema(keySchema(properties.get("KeySchema")));

        // CloudFormation defaults to PROVISIONED, which only makes sense with a throughput given.
        BillingMode billing = properties.containsKey("BillingMode")
                ? BillingMode.fromValue(text(properties.get("BillingMode")))
                : properties.containsKey("ProvisionedThroughput") ? BillingMode.PROVISIONED : BillingMode.PAY_PER_REQUEST;
        request.billingMode(billing);
        boolean provisioned = billing == BillingMode.PROVISIONED;
        if (provisioned) {
            request.provisionedThroughput(throughput(properties.get("ProvisionedThroughput")));
        }

        List<GlobalSecondaryIndex> globalIndexes = new ArrayList<>();
        for (Object item : list(properties.get("GlobalSecondaryIndexes"))) {
            Map<String, Object> index = map(item);
            GlobalSecondaryIndex.Builder gsi = GlobalSecondaryIndex.builder()
                    .indexName(text(index.get("IndexName")))
                    .keySchema(keySchema(index.get("KeySchema")))
                    .projection(projection(index.get("Projection")));
            if (provisioned) {
                gsi.provisionedThroughput(throughput(index.get("ProvisionedThroughput")));
            }
            globalIndexes.add(gsi.build());
        }
        if (!globalIndexes.isEmpty()) {
            request.globalSecondaryIndexes(globalIndexes);
        }

        List<LocalSecondaryIndex> localIndexes = list(properties.get("LocalSecondaryIndexes")).stream()
                .map(TemplateModel::map)
                .map(index -> LocalSecondaryIndex.builder()
                        .indexName(text(index.get("IndexName")))
                        .keySchema(keySchema(index.get("KeySchema")))
                        .projection(projection(index.get("Projection")))
                        .build())
                .toList();
        if (!localIndexes.isEmpty()) {
            request.localSecondaryIndexes(localIndexes);
        }
        return request.build();
    }

    public Optional<String> ttlAttribute(String tableLogicalId) {
        Map<String, Object> ttl = map(tableProperties(tableLogicalId).get("TimeToLiveSpecification"));
        if (ttl.isEmpty() || !"true".equalsIgnoreCase(String.valueOf(ttl.get("Enabled")))) {
            return Optional.empty();
        }
        return Optional.of(text(ttl.get("AttributeName")));
    }

    /** Every AWS::Serverless::Function, in template order. */
    public List<FunctionSpec> functions() {
        Map<String, Object> globals = map(map(template.get("Globals")).get("Function"));
        List<FunctionSpec> functions = new ArrayList<>();
        serverlessFunctions().forEach((logicalId, properties) -> {
            Map<String, String> environment = new LinkedHashMap<>();
            mergeEnvironment(environment, globals);
            mergeEnvironment(environment, properties);
            List<RouteSpec> routes = new ArrayList<>();
            events(properties, "HttpApi").forEach((name, event) -> routes.add(new RouteSpec(
                    // An HttpApi event without Method/Path is SAM's catch-all route.
                    String.valueOf(event.getOrDefault("Method", "ANY")).toUpperCase(Locale.ROOT),
                    String.valueOf(event.getOrDefault("Path", "$default")))));
            functions.add(new FunctionSpec(logicalId,
                    plainOrNull(properties.getOrDefault("CodeUri", globals.get("CodeUri"))),
                    plainOrNull(properties.getOrDefault("Handler", globals.get("Handler"))),
                    plainOrNull(properties.getOrDefault("Runtime", globals.get("Runtime"))),
                    Collections.unmodifiableMap(environment),
                    List.copyOf(routes)));
        });
        return List.copyOf(functions);
    }

    /**
     * The name of every environment variable a function gets from Globals and its own properties, including those
     * whose value is an intrinsic ({@code !Ref Table}) and so missing from {@link FunctionSpec#environment()}: what
     * a local stand-in must fill, by the names the deployed function will see.
     */
    public Set<String> environmentNames(String functionLogicalId) {
        Map<String, Object> properties = serverlessFunctions().get(functionLogicalId);
        if (properties == null) {
            throw new IllegalArgumentException(functionLogicalId + " is not an AWS::Serverless::Function in the template");
        }
        Set<String> names = new TreeSet<>();
        names.addAll(map(map(map(map(template.get("Globals")).get("Function")).get("Environment")).get("Variables")).keySet());
        names.addAll(map(map(properties.get("Environment")).get("Variables")).keySet());
        return Collections.unmodifiableSet(names);
    }

    /** Every ScheduleV2 event; the timezone defaults to UTC and the name to the event's key. */
    public List<ScheduleSpec> schedules() {
        List<ScheduleSpec> schedules = new ArrayList<>();
        serverlessFunctions().forEach((logicalId, properties) ->
                events(properties, "ScheduleV2").forEach((eventName, event) -> schedules.add(new ScheduleSpec(
                        logicalId,
                        // A Name built with !Sub cannot be resolved locally; the event's key names it then.
                        Optional.ofNullable(plainOrNull(event.get("Name"))).orElse(eventName),
                        resolved(event.get("ScheduleExpression")),
                        event.containsKey("ScheduleExpressionTimezone")
                                ? resolved(event.get("ScheduleExpressionTimezone")) : "UTC",
                        event.containsKey("Input") ? resolved(event.get("Input")) : null))));
        return List.copyOf(schedules);
    }

    private Map<String, Object> tableProperties(String tableLogicalId) {
        Map<String, Object> resource = map(resources().get(tableLogicalId));
        if (!"AWS::DynamoDB::Table".equals(resource.get("Type"))) {
            throw new IllegalArgumentException(tableLogicalId + " is not an AWS::DynamoDB::Table in the template");
        }
        return map(resource.get("Properties"));
    }

    /** Logical id → Properties of every AWS::Serverless::Function. */
    private Map<String, Map<String, Object>> serverlessFunctions() {
        Map<String, Map<String, Object>> functions = new LinkedHashMap<>();
        resources().forEach((logicalId, value) -> {
            Map<String, Object> resource = map(value);
            if ("AWS::Serverless::Function".equals(resource.get("Type"))) {
                functions.put(logicalId, map(resource.get("Properties")));
            }
        });
        return functions;
    }

    /** Event name → Properties of a function's events of one type. */
    private static Map<String, Map<String, Object>> events(Map<String, Object> functionProperties, String type) {
        Map<String, Map<String, Object>> events = new LinkedHashMap<>();
        map(functionProperties.get("Events")).forEach((name, value) -> {
            Map<String, Object> event = map(value);
            if (type.equals(event.get("Type"))) {
                events.put(name, map(event.get("Properties")));
            }
        });
        return events;
    }

    /** Later values win, as in SAM; a value we cannot resolve locally (an intrinsic) removes the key. */
    private static void mergeEnvironment(Map<String, String> environment, Map<String, Object> properties) {
        map(map(properties.get("Environment")).get("Variables")).forEach((name, value) -> {
            String plain = plainOrNull(value);
            if (plain == null) {
                environment.remove(name);
            } else {
                environment.put(name, plain);
            }
        });
    }

    private static List<KeySchemaElement> keySchema(Object value) {
        return list(value).stream()
                .map(TemplateModel::map)
                .map(k -> KeySchemaElement.builder()
                        .attributeName(text(k.get("AttributeName")))
                        .keyType(text(k.get("KeyType")))
                        .build())
                .toList();
    }

    private static Projection projection(Object value) {
        Map<String, Object> projection = map(value);
        Projection.Builder builder = Projection.builder().projectionType(text(projection.getOrDefault("ProjectionType", "KEYS_ONLY")));
        List<String> nonKey = list(projection.get("NonKeyAttributes")).stream().map(TemplateModel::text).toList();
        if (!nonKey.isEmpty()) {
            builder.nonKeyAttributes(nonKey);
        }
        return builder.build();
    }

    private static ProvisionedThroughput throughput(Object value) {
        Map<String, Object> throughput = map(value);
        return ProvisionedThroughput.builder()
                .readCapacityUnits(Long.parseLong(text(throughput.get("ReadCapacityUnits"))))
                .writeCapacityUnits(Long.parseLong(text(throughput.get("WriteCapacityUnits"))))
                .build();
    }

    /** A scalar as text; intrinsics and missing values are errors where a table needs a literal. */
    /** A literal, or a {@code !Ref} to a parameter, taken at its default (what a deploy without overrides gets). */
    private String resolved(Object value) {
        if (value instanceof Map<?, ?> ref && ref.size() == 1 && ref.get("Ref") instanceof String name) {
            Map<String, Object> parameter = map(map(template.get("Parameters")).get(name));
            return text(parameter.get("Default"));
        }
        return text(value);
    }

    private static String text(Object value) {
        String plain = plainOrNull(value);
        if (plain == null) {
            throw new IllegalArgumentException("expected a literal value in the template, found " + value);
        }
        return plain;
    }

    private static String plainOrNull(Object value) {
        return value instanceof String || value instanceof Number || value instanceof Boolean ? String.valueOf(value) : null;
    }

    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> ? cast(value) : Map.of();
    }

    private static List<?> list(Object value) {
        return value instanceof List<?> list ? list : List.of();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Object map) {
        return (Map<String, Object>) map;
    }

    /** Reads CloudFormation's short-form tags as their long form: {@code !Sub x} → {@code {"Fn::Sub": x}}. */
    private static final class CloudFormationConstructor extends SafeConstructor {

        private static final List<String> FUNCTIONS = List.of("Sub", "GetAtt", "If", "Equals", "Select", "Join",
                "FindInMap", "Not", "And", "Or", "Split", "ImportValue", "Base64", "GetAZs", "Cidr",
                "Transform", "Length", "ToJsonString");

        CloudFormationConstructor() {
            super(new LoaderOptions());
            yamlConstructors.put(new Tag("!Ref"), new LongForm("Ref"));
            yamlConstructors.put(new Tag("!Condition"), new LongForm("Condition"));
            FUNCTIONS.forEach(name -> yamlConstructors.put(new Tag("!" + name), new LongForm("Fn::" + name)));
        }

        private final class LongForm extends AbstractConstruct {
            private final String key;

            LongForm(String key) {
                this.key = key;
            }

            @Override
            public Object construct(Node node) {
                Object value;
                if (node instanceof ScalarNode scalar) {
                    value = constructScalar(scalar);
                } else if (node instanceof SequenceNode sequence) {
                    value = constructSequence(sequence);
                } else {
                    value = constructMapping((MappingNode) node);
                }
                return Map.of(key, value);
            }
        }
    }
}
