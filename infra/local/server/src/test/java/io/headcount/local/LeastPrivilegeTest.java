package io.headcount.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.AccessTarget;
import com.tngtech.archunit.core.domain.AccessTarget.CodeUnitAccessTarget;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.headcount.adapters.StoreClient;
import io.headcount.adapters.Table;
import io.headcount.adapters.Write;
import io.headcount.localkit.TemplateModel;
import io.headcount.localkit.TemplateModel.FunctionSpec;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Each function in template.yaml may do on the table exactly what its code can do, no more: the DynamoDB actions
 * are derived from the code (every call to {@link Table} and every {@link Write} kind reachable from the function's
 * {@code @Funq} class) and compared with the function's policy statements.
 */
class LeastPrivilegeTest {
    /** What each Table method asks of DynamoDB; "GSI1:Query" is a Query on the index. */
    private static final Map<String, Set<String>> TABLE_METHODS = Map.ofEntries(
            Map.entry("get", Set.of("GetItem")),
            Map.entry("getAll", Set.of("BatchGetItem")),
            Map.entry("query", Set.of("Query")),
            Map.entry("queryBackwards", Set.of("Query")),
            Map.entry("eachPage", Set.of("Query")),
            Map.entry("eachOrg", Set.of("Query")),
            Map.entry("count", Set.of("Query")),
            Map.entry("queryIndex", Set.of("GSI1:Query")),
            Map.entry("queryIndexRange", Set.of("GSI1:Query")),
            // The table or the index, by its argument.
            Map.entry("queryAll", Set.of("Query", "GSI1:Query")),
            Map.entry("put", Set.of("PutItem")),
            Map.entry("putIfAbsent", Set.of("PutItem")),
            Map.entry("putAll", Set.of("BatchWriteItem")),
            Map.entry("deleteAll", Set.of("BatchWriteItem")),
            Map.entry("delete", Set.of("DeleteItem")),
            Map.entry("update", Set.of("UpdateItem")),
            // A transaction needs the action of each of its writes: those come from the Write kinds below.
            Map.entry("transact", Set.of()),
            Map.entry("name", Set.of()));
    /** What each Write method makes, in a transaction or alone: the kinds of write, and the rest build them. */
    private static final Map<String, Set<String>> WRITE_METHODS = Map.ofEntries(
            Map.entry("put", Set.of("PutItem")),
            Map.entry("update", Set.of("UpdateItem")),
            Map.entry("delete", Set.of("DeleteItem")),
            Map.entry("check", Set.of("ConditionCheckItem")),
            Map.entry("asCheck", Set.of("ConditionCheckItem")),
            Map.entry("withUpdate", Set.of()),
            Map.entry("when", Set.of()),
            Map.entry("alsoWhen", Set.of()),
            Map.entry("ifAbsent", Set.of()),
            Map.entry("name", Set.of()),
            Map.entry("value", Set.of()),
            Map.entry("returnOldOnFailure", Set.of()),
            Map.entry("key", Set.of()));
    private static final List<String> CALLED_BY_THE_CONTAINER = List.of("jakarta.annotation.PostConstruct",
            "io.quarkus.runtime.Startup", "io.quarkus.scheduler.Scheduled", "jakarta.enterprise.inject.Produces");

    private static final String FUNQ = "io.quarkus.funqy.Funq";
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.headcount");

    @Test
    void everyFunctionIsAllowedExactlyTheActionsItsCodeUses() {
        TemplateModel template = TemplateModel.load(LocalPaths.template());
        Map<String, String> problems = new LinkedHashMap<>();
        Map<String, Set<String>> derived = new LinkedHashMap<>();
        for (FunctionSpec function : template.functions()) {
            Set<String> needed = needed(funqClass(function.environment().get("QUARKUS_FUNQY_EXPORT")));
            Set<String> allowed = template.tableActions(function.logicalId());
            assertFalse(allowed.isEmpty(), function.logicalId() + " has no statement on the table");
            derived.put(function.logicalId(), needed);
            if (!needed.equals(allowed)) {
                problems.put(function.logicalId(), "allowed " + allowed + ", uses " + needed);
            }
        }
        System.out.println("DynamoDB actions by function: " + derived);
        assertTrue(problems.isEmpty(), problems.toString());
        // Not vacuous: the analysis sees reads, writes and transactions where they are.
        assertTrue(derived.get("JoinCheckFunction").containsAll(Set.of("GetItem", "UpdateItem", "ConditionCheckItem")),
                derived.toString());
        assertTrue(derived.values().stream().allMatch(actions -> actions.contains("Query")), derived.toString());
        assertTrue(derived.values().stream().anyMatch(actions -> !actions.contains("DeleteItem")), derived.toString());
    }

    /** The analysis is sound only if the table is reached through Table alone. */
    @Test
    void onlyTableCallsTheDynamoDbClient() {
        List<String> callers = CLASSES.stream()
                .filter(c -> !c.getPackageName().startsWith("io.headcount.local"))
                .filter(c -> !c.getPackageName().equals("io.headcount.testing"))
                .filter(c -> !c.isEquivalentTo(Table.class) && !c.isEquivalentTo(StoreClient.class))
                .flatMap(c -> c.getMethodCallsFromSelf().stream())
                .filter(call -> call.getTargetOwner().isAssignableTo(DynamoDbClient.class))
                .map(JavaAccess::getDescription)
                .toList();
        assertEquals(List.of(), callers);
    }

    /** Every public method of Table and Write is accounted for: a new one must be added above. */
    @Test
    void everyTableAndWriteMethodIsMapped() {
        assertEquals(new TreeSet<>(TABLE_METHODS.keySet()), publicMethods(Table.class));
        assertEquals(new TreeSet<>(WRITE_METHODS.keySet()), publicMethods(Write.class));
    }

    private static Set<String> publicMethods(Class<?> type) {
        return CLASSES.get(type).getMethods().stream()
                .filter(m -> m.getModifiers().contains(JavaModifier.PUBLIC))
                .map(JavaMethod::getName).collect(Collectors.toCollection(TreeSet::new));
    }

    private static JavaClass funqClass(String export) {
        List<JavaClass> found = CLASSES.stream()
                .filter(c -> funqMethods(c).contains(export))
                .toList();
        assertEquals(1, found.size(), "@Funq(\"" + export + "\"): " + found);
        return found.get(0);
    }

    /** The names of a class's @Funq methods, read by name: Funqy is not on this module's classpath. */
    private static List<String> funqMethods(JavaClass c) {
        return c.getMethods().stream().filter(m -> m.isAnnotatedWith(FUNQ))
                .map(m -> String.valueOf(m.getAnnotationOfType(FUNQ).get("value").orElse(m.getName()))).toList();
    }

    /**
     * The actions of every Table call and Write reachable from the function: a call graph from every method of the
     * function's own package (its handler and the beans only it has), through the shared modules, where a call to an
     * interface or an overridable method reaches every implementation in io.headcount.
     */
    private static Set<String> needed(JavaClass function) {
        Set<JavaCodeUnit> reached = new HashSet<>();
        Deque<JavaCodeUnit> next = new ArrayDeque<>();
        CLASSES.stream().filter(c -> c.getPackageName().equals(function.getPackageName()))
                .forEach(c -> next.addAll(c.getCodeUnits()));
        // What the container calls in the shared modules, unasked: producers, observers, start-up and timers.
        Set<String> functionPackages = CLASSES.stream().filter(c -> !funqMethods(c).isEmpty())
                .map(JavaClass::getPackageName).collect(Collectors.toSet());
        CLASSES.stream().filter(c -> ours(c) && !functionPackages.contains(c.getPackageName()))
                .flatMap(c -> c.getCodeUnits().stream())
                .filter(u -> CALLED_BY_THE_CONTAINER.stream().anyMatch(u::isAnnotatedWith)
                        || u.getParameters().stream().anyMatch(p -> p.isAnnotatedWith(
                                "jakarta.enterprise.event.Observes")))
                .forEach(next::add);
        Set<String> actions = new TreeSet<>();
        while (!next.isEmpty()) {
            JavaCodeUnit unit = next.poll();
            if (!reached.add(unit)) {
                continue;
            }
            Stream.of(unit.getMethodCallsFromSelf(), unit.getConstructorCallsFromSelf(),
                            unit.getMethodReferencesFromSelf(), unit.getConstructorReferencesFromSelf())
                    .flatMap(Set::stream)
                    .map(access -> (CodeUnitAccessTarget) access.getTarget())
                    .forEach(target -> {
                        actions.addAll(actionsOf(target));
                        JavaClass owner = target.getOwner();
                        if (ours(owner) && !owner.isEquivalentTo(Table.class) && !owner.isEquivalentTo(Write.class)) {
                            target.resolveMember().ifPresent(next::add);
                            overrides(owner, target).forEach(next::add);
                        }
                    });
        }
        return actions;
    }

    /** The methods of io.headcount subclasses and implementations that a call to this target may dispatch to. */
    private static Stream<JavaCodeUnit> overrides(JavaClass owner, CodeUnitAccessTarget target) {
        List<String> parameters = target.getRawParameterTypes().stream().map(JavaClass::getName).toList();
        return owner.getAllSubclasses().stream().filter(LeastPrivilegeTest::ours)
                .flatMap(c -> c.getCodeUnits().stream())
                .filter(u -> u.getName().equals(target.getName()) && u.getOwner() != owner
                        && u.getRawParameterTypes().stream().map(JavaClass::getName).toList().equals(parameters));
    }

    private static boolean ours(JavaClass c) {
        return c.getPackageName().startsWith("io.headcount.") && !c.getPackageName().startsWith("io.headcount.local")
                && !c.getPackageName().startsWith("io.headcount.domain");
    }

    private static Set<String> actionsOf(AccessTarget target) {
        if (target.getOwner().isEquivalentTo(Table.class)) {
            return TABLE_METHODS.getOrDefault(target.getName(), Set.of());
        }
        if (target.getOwner().isEquivalentTo(Write.class)) {
            return WRITE_METHODS.getOrDefault(target.getName(), Set.of());
        }
        return Set.of();
    }
}
