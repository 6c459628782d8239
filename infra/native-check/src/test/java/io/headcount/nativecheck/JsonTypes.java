package io.headcount.nativecheck;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;

/**
 * The types Jackson binds in one function, derived from its source code and not from any list of registrations:
 * javac attributes the sources of the function and of its io.headcount dependencies, and every place a value goes
 * into or comes out of JSON gives a root type — the static type of the expression there:
 * <ul>
 * <li>written: {@code Reply.ok(x)}, {@code new Reply(status, x)}, {@code Json.write(x)}, an ObjectMapper's
 * {@code writeValueAsString/writeValueAsBytes/writeValue/valueToTree/convertValue(x, …)}, a {@code @Funq} method's
 * return value, and what the functions given to {@code Invocation.dispatch} or to a {@code ScheduledHttpFunction}'s
 * constructor return (Funqy writes it);</li>
 * <li>read: the result of {@code Request.body}, {@code Json.read}, {@code Json.convert}, an ObjectMapper's
 * {@code readValue/treeToValue/convertValue}, and a {@code @Funq} method's parameters.</li>
 * </ul>
 * From each root, every type Jackson reaches is added: record components, fields and superclasses of classes,
 * element types of collections, maps, optionals and arrays. JDK types and Jackson's own trees are left out.
 * Where a root is {@code Object} or another type that does not say what Jackson will meet, the analysis fails,
 * except inside the plumbing that only passes on a value that a root already named ({@link #PLUMBING}).
 * Values inside a {@code Map<String, Object>} (log lines, webhook bodies) are not followed: they are JDK values.
 */
final class JsonTypes {

    /** How Jackson meets a type; {@code via} says where the analysis first found it. */
    enum Kind { RECORD, ENUM, CLASS }

    /** A constructor or method: name ({@code <init>} for constructors) and erased parameter types. */
    record Member(String name, List<String> parameterTypes, boolean isPublic) {
    }

    /**
     * @param constructor the record's canonical constructor, or a class's no-argument constructor (null if none)
     * @param methods     a record's accessors (every method of an enum or class is required)
     * @param fields      a record's component fields, an enum's constants, a class's instance fields
     */
    record JsonType(String name, Kind kind, Member constructor, List<Member> methods, List<String> fields,
            String via) {
    }

    /** Classes that pass on values whose types their callers' roots already name. */
    static final Set<String> PLUMBING = Set.of(
            "io.headcount.adapters.Json",        // read → convert → treeToValue(Class<T>); write(Object)
            "io.headcount.adapters.Request",     // body(Class<T>) → Json.read
            "io.headcount.adapters.Reply",       // ok(Object) → new Reply(200, body)
            "io.headcount.adapters.Gateway",     // Json.write(reply.body()) of what Reply.ok was given
            "io.headcount.adapters.Invocation"); // returns what dispatch's functions return (roots themselves)

    /** Jackson's own entry points that bind: writers take the value first (writeValue: last), readers return it. */
    private static final Set<String> MAPPERS = Set.of("com.fasterxml.jackson.databind.ObjectMapper",
            "com.fasterxml.jackson.databind.ObjectReader", "com.fasterxml.jackson.databind.ObjectWriter",
            "com.fasterxml.jackson.core.ObjectCodec", "com.fasterxml.jackson.core.JsonParser",
            "com.fasterxml.jackson.core.JsonGenerator");
    private static final Set<String> WRITE_FIRST = Set.of("writeValueAsString", "writeValueAsBytes", "valueToTree",
            "convertValue", "writeObject", "writePOJO");
    private static final Set<String> READ_RESULT = Set.of("readValue", "readValues", "treeToValue", "convertValue",
            "readValueAs", "readValuesAs");

    private final Types types;
    private final Elements elements;
    private final Trees trees;
    private final Map<String, JsonType> found = new TreeMap<>();
    private final List<String> problems = new ArrayList<>();
    /** Methods that call Invocation.dispatch or ScheduledHttpFunction.dispatch, so may return Object to Funqy. */
    private final Set<Element> dispatching = new HashSet<>();

    private JsonTypes(JavacTask task) {
        this.types = task.getTypes();
        this.elements = task.getElements();
        this.trees = Trees.instance(task);
    }

    /** The analysis of {@code sources} (directories of .java files) against {@code classpath}. */
    record Result(Map<String, JsonType> types, List<String> problems) {
    }

    static Result of(List<Path> sourceDirs, List<Path> classpath) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("the check needs a JDK (javac), not a JRE");
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT,
                StandardCharsets.UTF_8)) {
            files.setLocationFromPaths(StandardLocation.CLASS_PATH, classpath);
            List<Path> sources = new ArrayList<>();
            for (Path dir : sourceDirs) {
                try (Stream<Path> walk = Files.walk(dir)) {
                    walk.filter(p -> p.toString().endsWith(".java")).sorted().forEach(sources::add);
                }
            }
            JavacTask task = (JavacTask) javac.getTask(null, files, diagnostics,
                    List.of("-proc:none", "--release", "17", "-Xlint:none"), null,
                    files.getJavaFileObjectsFromPaths(sources));
            Iterable<? extends CompilationUnitTree> units = task.parse();
            task.analyze();
            List<String> errors = diagnostics.getDiagnostics().stream()
                    .filter(d -> d.getKind() == Diagnostic.Kind.ERROR).map(Object::toString).toList();
            if (!errors.isEmpty()) {
                throw new IllegalStateException("the sources do not compile: " + errors);
            }
            JsonTypes analysis = new JsonTypes(task);
            for (CompilationUnitTree unit : units) {
                analysis.new Sinks(unit).scan(unit, null);
            }
            return new Result(analysis.found, List.copyOf(analysis.problems));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Finds the places where values go into or come out of JSON. */
    private final class Sinks extends TreePathScanner<Void, Void> {
        private final CompilationUnitTree unit;

        Sinks(CompilationUnitTree unit) {
            this.unit = unit;
        }

        @Override
        public Void visitMethodInvocation(MethodInvocationTree node, Void unused) {
            if (trees.getElement(getCurrentPath()) instanceof ExecutableElement method) {
                String owner = ((TypeElement) method.getEnclosingElement()).getQualifiedName().toString();
                String name = method.getSimpleName().toString();
                List<? extends ExpressionTree> args = node.getArguments();
                switch (owner + "#" + name) {
                    case "io.headcount.adapters.Reply#ok", "io.headcount.adapters.Json#write" ->
                            written(args.get(0), "written by " + name);
                    case "io.headcount.adapters.Request#body", "io.headcount.adapters.Json#read",
                            "io.headcount.adapters.Json#convert" ->
                            root(typeOf(node), "read by " + name, node);
                    // A ScheduledHttpFunction takes its run in super(…) and dispatches through its own dispatch.
                    case "io.headcount.adapters.Invocation#dispatch",
                            "io.headcount.adapters.ScheduledHttpFunction#dispatch",
                            "io.headcount.adapters.ScheduledHttpFunction#<init>" -> {
                        dispatching.add(enclosingMethod());
                        for (ExpressionTree arg : args) {
                            TypeMirror produced = produced(arg);
                            if (produced != null) {
                                root(produced, "returned to Funqy by dispatch", arg);
                            }
                        }
                    }
                    default -> {
                        if (MAPPERS.contains(owner)) {
                            if (WRITE_FIRST.contains(name)) {
                                written(args.get(0), "written by " + name);
                            } else if (name.equals("writeValue")) {
                                written(args.get(args.size() - 1), "written by writeValue");
                            }
                            if (READ_RESULT.contains(name)) {
                                root(typeOf(node), "read by " + name, node);
                            }
                        }
                    }
                }
            }
            return super.visitMethodInvocation(node, unused);
        }

        @Override
        public Void visitNewClass(NewClassTree node, Void unused) {
            Element constructor = trees.getElement(getCurrentPath());
            if (constructor != null && ((TypeElement) constructor.getEnclosingElement()).getQualifiedName()
                    .contentEquals("io.headcount.adapters.Reply") && node.getArguments().size() == 2) {
                written(node.getArguments().get(1), "written as a Reply body");
            }
            return super.visitNewClass(node, unused);
        }

        @Override
        public Void visitMethod(MethodTree node, Void unused) {
            super.visitMethod(node, unused);
            ExecutableElement method = (ExecutableElement) trees.getElement(getCurrentPath());
            boolean funq = method.getAnnotationMirrors().stream().anyMatch(a -> ((TypeElement) a.getAnnotationType()
                    .asElement()).getQualifiedName().contentEquals("io.quarkus.funqy.Funq"));
            if (funq) {
                for (VariableElement p : method.getParameters()) {
                    root(p.asType(), "a @Funq parameter of " + method.getSimpleName(), node);
                }
                TypeMirror returned = method.getReturnType();
                if (isObject(returned)) {
                    // Object is fine only when the value is a dispatch's, whose functions are roots.
                    if (!dispatching.contains(method)) {
                        problem(node, "@Funq " + method.getSimpleName() + " returns Object, not through"
                                + " Invocation.dispatch nor ScheduledHttpFunction.dispatch: say what it returns");
                    }
                } else {
                    root(returned, "returned by @Funq " + method.getSimpleName(), node);
                }
            }
            return null;
        }

        private Element enclosingMethod() {
            for (TreePath p = getCurrentPath(); p != null; p = p.getParentPath()) {
                if (p.getLeaf() instanceof MethodTree) {
                    return trees.getElement(p);
                }
            }
            return null;
        }

        private TypeMirror typeOf(Tree tree) {
            return trees.getTypeMirror(new TreePath(getCurrentPath(), tree));
        }

        /** Each branch of a conditional on its own: as an argument to ok(Object), the whole has type Object. */
        private void written(ExpressionTree value, String how) {
            if (value instanceof ParenthesizedTree p) {
                written(p.getExpression(), how);
            } else if (value instanceof ConditionalExpressionTree c) {
                written(c.getTrueExpression(), how);
                written(c.getFalseExpression(), how);
            } else {
                root(typeOf(value), how, value);
            }
        }

        /** What a function given as an argument returns: a method reference's method, or a lambda's body. */
        private TypeMirror produced(ExpressionTree arg) {
            if (arg instanceof MemberReferenceTree) {
                Element target = trees.getElement(new TreePath(getCurrentPath(), arg));
                return target instanceof ExecutableElement m && m.getReturnType().getKind() != TypeKind.VOID
                        ? returnTypeAsMember(arg, m) : null;
            }
            if (arg instanceof LambdaExpressionTree lambda) {
                if (lambda.getBodyKind() == LambdaExpressionTree.BodyKind.EXPRESSION) {
                    return trees.getTypeMirror(new TreePath(new TreePath(getCurrentPath(), arg), lambda.getBody()));
                }
                problem(arg, "a block lambda given to Invocation.dispatch: use a method reference");
            }
            return null;
        }

        /** The return type as seen from the receiver's type (so a generic method's T is the caller's type). */
        private TypeMirror returnTypeAsMember(ExpressionTree ref, ExecutableElement m) {
            TypeMirror receiver = trees.getTypeMirror(new TreePath(new TreePath(getCurrentPath(), ref),
                    ((MemberReferenceTree) ref).getQualifierExpression()));
            if (receiver instanceof DeclaredType d && !m.getModifiers().contains(Modifier.STATIC)) {
                return ((ExecutableType) types.asMemberOf(d, m)).getReturnType();
            }
            return m.getReturnType();
        }

        private void root(TypeMirror type, String how, Tree where) {
            String enclosing = enclosingClass();
            if (unknown(type)) {
                if (!PLUMBING.contains(enclosing)) {
                    problem(where, how + ", of static type " + type + ": the analysis cannot tell which classes"
                            + " Jackson meets here; give the expression its real type");
                }
                return;
            }
            if (enclosing.equals("io.headcount.adapters.Reply") && how.equals("written as a Reply body")) {
                return; // Reply.ok's own new Reply(200, body), and Reply.text, whose body Gateway never encodes
            }
            reach(type, where(where) + ": " + how);
        }

        private String enclosingClass() {
            for (TreePath p = getCurrentPath(); p != null; p = p.getParentPath()) {
                if (trees.getElement(p) instanceof TypeElement t && p.getLeaf().getKind() != Tree.Kind.IDENTIFIER) {
                    TypeElement top = t;
                    while (top.getEnclosingElement() instanceof TypeElement outer) {
                        top = outer;
                    }
                    return top.getQualifiedName().toString();
                }
            }
            return "";
        }

        private String where(Tree tree) {
            long line = unit.getLineMap().getLineNumber(trees.getSourcePositions().getStartPosition(unit, tree));
            return Path.of(unit.getSourceFile().toUri()).getFileName() + ":" + line;
        }

        private void problem(Tree where, String message) {
            problems.add(where(where) + ": " + message);
        }
    }

    private boolean isObject(TypeMirror type) {
        return type.getKind() == TypeKind.DECLARED
                && ((TypeElement) types.asElement(type)).getQualifiedName().contentEquals("java.lang.Object");
    }

    /** Types that do not say what Jackson meets: Object, type variables, wildcards, interfaces of our own. */
    private boolean unknown(TypeMirror type) {
        return switch (type.getKind()) {
            case TYPEVAR, WILDCARD, INTERSECTION, UNION, ERROR, NONE, NULL -> true;
            case DECLARED -> isObject(type);
            default -> false;
        };
    }

    /** Adds {@code type} and every type Jackson reaches from it. */
    private void reach(TypeMirror type, String via) {
        switch (type.getKind()) {
            case ARRAY -> reach(((ArrayType) type).getComponentType(), via);
            case DECLARED -> reachDeclared((DeclaredType) type, via);
            case WILDCARD -> {
                if (((WildcardType) type).getExtendsBound() != null) {
                    reach(((WildcardType) type).getExtendsBound(), via);
                }
            }
            default -> {
                // primitives, and unbounded type arguments: Map<String, Object> holds JDK values (log lines)
            }
        }
    }

    private void reachDeclared(DeclaredType type, String via) {
        TypeElement element = (TypeElement) type.asElement();
        String qualified = element.getQualifiedName().toString();
        type.getTypeArguments().forEach(arg -> reach(arg, via));
        if (qualified.startsWith("java.") || qualified.startsWith("javax.")
                || qualified.startsWith("com.fasterxml.jackson.")) {
            return; // the JDK's own and Jackson's trees (JsonNode): Jackson handles them without our registration
        }
        String name = elements.getBinaryName(element).toString();
        if (found.containsKey(name)) {
            return;
        }
        switch (element.getKind()) {
            case RECORD -> {
                List<RecordComponentElement> components = List.copyOf(element.getRecordComponents());
                ExecutableElement canonical = ElementFilter.constructorsIn(element.getEnclosedElements()).stream()
                        .filter(c -> erasures(c).equals(components.stream().map(rc -> erasure(rc.asType())).toList()))
                        .findFirst().orElseThrow();
                List<Member> accessors = components.stream().map(rc -> new Member(rc.getSimpleName().toString(),
                        List.of(), true)).toList();
                found.put(name, new JsonType(name, Kind.RECORD, member(canonical), accessors,
                        components.stream().map(rc -> rc.getSimpleName().toString()).toList(), via));
                for (RecordComponentElement rc : components) {
                    reach(rc.asType(), via + " → " + element.getSimpleName());
                }
            }
            case ENUM -> found.put(name, new JsonType(name, Kind.ENUM, null, List.of(),
                    ElementFilter.fieldsIn(element.getEnclosedElements()).stream()
                            .filter(f -> f.getKind() == ElementKind.ENUM_CONSTANT)
                            .map(f -> f.getSimpleName().toString()).toList(), via));
            case CLASS -> {
                if (element.getModifiers().contains(Modifier.ABSTRACT)) {
                    problems.add(via + ": abstract " + name + " — the analysis cannot tell which subclasses Jackson"
                            + " meets");
                    return;
                }
                Member noArgs = ElementFilter.constructorsIn(element.getEnclosedElements()).stream()
                        .filter(c -> c.getParameters().isEmpty()).map(JsonTypes::member).findFirst().orElse(null);
                List<VariableElement> fields = ElementFilter.fieldsIn(element.getEnclosedElements()).stream()
                        .filter(f -> !f.getModifiers().contains(Modifier.STATIC)).toList();
                found.put(name, new JsonType(name, Kind.CLASS, noArgs, List.of(),
                        fields.stream().map(f -> f.getSimpleName().toString()).toList(), via));
                for (VariableElement f : fields) {
                    reach(types.asMemberOf(type, f), via + " → " + element.getSimpleName());
                }
                if (element.getSuperclass() instanceof DeclaredType superclass) {
                    reach(superclass, via + " → " + element.getSimpleName());
                }
            }
            default -> problems.add(via + ": " + element.getKind().toString().toLowerCase(Locale.ROOT) + " " + name
                    + " — the analysis cannot tell which classes Jackson meets");
        }
    }

    private static Member member(ExecutableElement c) {
        return new Member(c.getSimpleName().toString(), erasures(c), c.getModifiers().contains(Modifier.PUBLIC));
    }

    private static List<String> erasures(ExecutableElement c) {
        return c.getParameters().stream().map(p -> erasure(p.asType())).toList();
    }

    /** A parameter type as reflect-config.json names it: binary names, primitives as such, arrays with []. */
    private static String erasure(TypeMirror type) {
        return switch (type.getKind()) {
            case ARRAY -> erasure(((ArrayType) type).getComponentType()) + "[]";
            case DECLARED -> binaryName((TypeElement) ((DeclaredType) type).asElement());
            case TYPEVAR -> erasure(((TypeVariable) type).getUpperBound());
            default -> type.toString();
        };
    }

    private static String binaryName(TypeElement element) {
        if (element.getEnclosingElement() instanceof TypeElement outer) {
            return binaryName(outer) + "$" + element.getSimpleName();
        }
        return element.getQualifiedName().toString();
    }

    /** For messages: the types found, one per line, with where each was met. */
    static String describe(Map<String, JsonType> types) {
        Map<String, String> lines = new LinkedHashMap<>();
        types.values().forEach(t -> lines.put(t.name(), t.kind() + " " + t.name() + "  (" + t.via() + ")"));
        return String.join("\n", lines.values());
    }
}
