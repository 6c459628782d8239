package io.headcount.nativecheck;

import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.TreeScanner;
import com.sun.source.util.Trees;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.lang.model.element.Modifier;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * The classpath resources a function's own code loads, derived from its sources: every call of
 * {@code getResource}, {@code getResourceAsStream}, {@code getResources} or their {@code getSystem…} forms with one
 * argument, whatever its receiver (a method of ours with such a name counts too: better a resource too many than
 * one too few), and the resource names that argument can take. javac only parses the sources (no attribution, so
 * it stays fast); a name is followed through:
 * <ul>
 * <li>string literals, {@code +} of followed parts, and both branches of {@code ?:};</li>
 * <li>a {@code final} field of a class in the same file, or a local variable never assigned again, with an
 * initializer;</li>
 * <li>a parameter of the enclosing method: every call of that method in the sources (unqualified from the same
 * file, or qualified by the class's simple name or {@code this}) gives its argument there.</li>
 * </ul>
 * Anything else (a name built from a variable, a constant of another class, a method without callers) is a
 * problem: the check cannot say what is loaded, so it fails rather than miss it. Names follow {@link Class}'s rule
 * (a leading {@code /} is the root, else relative to the file's package) unless the call is on a ClassLoader
 * ({@code getSystem…}, or a receiver that is a {@code get…ClassLoader()} call or a name containing "loader").
 */
final class LoadedResources {

    /** Names that load a classpath resource in java.lang.Class, ClassLoader and Module. */
    static final Set<String> LOADERS = Set.of("getResource", "getResourceAsStream", "getResources",
            "getSystemResource", "getSystemResourceAsStream", "getSystemResources");

    /** How deep parameters are followed through callers (a loader called by a helper called by a helper…). */
    private static final int DEPTH = 6;

    /**
     * @param resources each resource name (no leading slash) and where it was found
     * @param problems  calls whose resource the analysis could not name
     */
    record Result(Map<String, String> resources, List<String> problems) {
    }

    private final List<CompilationUnitTree> units = new ArrayList<>();
    private final Trees trees;
    private final Map<String, String> found = new TreeMap<>();
    private final List<String> problems = new ArrayList<>();

    private LoadedResources(JavacTask task) {
        this.trees = Trees.instance(task);
    }

    static Result inSources(List<Path> sourceDirs) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("the check needs a JDK (javac), not a JRE");
        }
        try (StandardJavaFileManager files = javac.getStandardFileManager(null, Locale.ROOT,
                StandardCharsets.UTF_8)) {
            List<Path> sources = new ArrayList<>();
            for (Path dir : new TreeSet<>(sourceDirs)) {
                try (Stream<Path> walk = Files.walk(dir)) {
                    walk.filter(p -> p.toString().endsWith(".java")).sorted().forEach(sources::add);
                }
            }
            JavacTask task = (JavacTask) javac.getTask(null, files, null, List.of("-proc:none"), null,
                    files.getJavaFileObjectsFromPaths(sources));
            LoadedResources analysis = new LoadedResources(task);
            task.parse().forEach(analysis.units::add);
            for (CompilationUnitTree unit : analysis.units) {
                analysis.new Calls().scan(unit, null);
            }
            return new Result(Collections.unmodifiableMap(new TreeMap<>(analysis.found)),
                    List.copyOf(analysis.problems));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Finds the calls that load a resource. */
    private final class Calls extends TreePathScanner<Void, Void> {
        @Override
        public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
            String name = methodName(call);
            if (LOADERS.contains(name) && call.getArguments().size() == 1) {
                TreePath argument = new TreePath(getCurrentPath(), call.getArguments().get(0));
                List<String> names = values(argument, DEPTH);
                String where = where(getCurrentPath()) + ": " + name + "(" + call.getArguments().get(0) + ")";
                if (names == null || names.isEmpty()) {
                    problems.add(where + ": cannot tell which resource it loads (not a constant, nor a parameter"
                            + " every caller passes a constant for): declare what it loads in NativeResourcesTest");
                } else {
                    for (String value : names) {
                        found.putIfAbsent(resolve(value, call, getCurrentPath().getCompilationUnit()), where);
                    }
                }
            }
            return super.visitMethodInvocation(call, unused);
        }
    }

    /** The resource path {@code name} stands for, as the receiver of {@code call} resolves it. */
    private static String resolve(String name, MethodInvocationTree call, CompilationUnitTree unit) {
        if (name.startsWith("/")) {
            return name.substring(1);
        }
        if (methodName(call).startsWith("getSystem") || !(call.getMethodSelect() instanceof MemberSelectTree select)
                || onClassLoader(select.getExpression())) {
            return name;
        }
        String pkg = unit.getPackageName() == null ? "" : unit.getPackageName().toString().replace('.', '/');
        return pkg.isEmpty() ? name : pkg + "/" + name;
    }

    private static boolean onClassLoader(ExpressionTree receiver) {
        if (receiver instanceof MethodInvocationTree call) {
            return methodName(call).endsWith("ClassLoader");
        }
        if (receiver instanceof IdentifierTree id) {
            return id.getName().toString().toLowerCase(Locale.ROOT).contains("loader");
        }
        if (receiver instanceof MemberSelectTree select) {
            return select.getIdentifier().toString().toLowerCase(Locale.ROOT).contains("loader");
        }
        return false;
    }

    /** Every string {@code path}'s expression can take, or null when one of them cannot be told. */
    private List<String> values(TreePath path, int depth) {
        Tree tree = path.getLeaf();
        if (depth < 0) {
            return null;
        }
        if (tree instanceof ParenthesizedTree p) {
            return values(new TreePath(path, p.getExpression()), depth);
        }
        if (tree instanceof LiteralTree literal) {
            Object value = literal.getValue();
            return value == null ? null : List.of(String.valueOf(value));
        }
        if (tree instanceof ConditionalExpressionTree c) {
            List<String> a = values(new TreePath(path, c.getTrueExpression()), depth);
            List<String> b = values(new TreePath(path, c.getFalseExpression()), depth);
            if (a == null || b == null) {
                return null;
            }
            List<String> both = new ArrayList<>(a);
            both.addAll(b);
            return both;
        }
        if (tree instanceof BinaryTree b && b.getKind() == Tree.Kind.PLUS) {
            List<String> left = values(new TreePath(path, b.getLeftOperand()), depth);
            List<String> right = values(new TreePath(path, b.getRightOperand()), depth);
            if (left == null || right == null) {
                return null;
            }
            List<String> joined = new ArrayList<>();
            left.forEach(l -> right.forEach(r -> joined.add(l + r)));
            return joined;
        }
        if (tree instanceof IdentifierTree id) {
            return identifier(path, id.getName().toString(), depth);
        }
        return null;
    }

    /** A name: the innermost parameter, local variable or field of that name around {@code path}. */
    private List<String> identifier(TreePath path, String name, int depth) {
        for (TreePath p = path.getParentPath(); p != null; p = p.getParentPath()) {
            Tree scope = p.getLeaf();
            if (scope instanceof MethodTree method) {
                for (int i = 0; i < method.getParameters().size(); i++) {
                    if (method.getParameters().get(i).getName().contentEquals(name)) {
                        return parameter(p, method, i, depth);
                    }
                }
                VariableTree local = local(method, name);
                if (local != null) {
                    return local.getInitializer() == null || assigned(method, name) ? null
                            : values(trees.getPath(p.getCompilationUnit(), local.getInitializer()), depth - 1);
                }
            } else if (scope instanceof ClassTree type) {
                for (Tree member : type.getMembers()) {
                    if (member instanceof VariableTree field && field.getName().contentEquals(name)) {
                        boolean isFinal = field.getModifiers().getFlags().contains(Modifier.FINAL);
                        return !isFinal || field.getInitializer() == null ? null
                                : values(trees.getPath(p.getCompilationUnit(), field.getInitializer()), depth - 1);
                    }
                }
            }
        }
        return null;
    }

    /** The arguments every call of {@code method} passes at {@code index}, or null if one cannot be told. */
    private List<String> parameter(TreePath methodPath, MethodTree method, int index, int depth) {
        ClassTree owner = (ClassTree) methodPath.getParentPath().getLeaf();
        CompilationUnitTree home = methodPath.getCompilationUnit();
        String methodName = method.getName().toString();
        int arity = method.getParameters().size();
        List<String> all = new ArrayList<>();
        boolean[] any = {false};
        boolean[] unknown = {false};
        for (CompilationUnitTree unit : units) {
            new TreePathScanner<Void, Void>() {
                @Override
                public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
                    boolean same = call.getArguments().size() == arity && methodName.equals(methodName(call))
                            && (call.getMethodSelect() instanceof IdentifierTree ? unit == home
                            : call.getMethodSelect() instanceof MemberSelectTree s
                            && (s.getExpression().toString().equals(owner.getSimpleName().toString())
                            || s.getExpression().toString().equals("this") && unit == home));
                    if (same) {
                        any[0] = true;
                        List<String> v = values(new TreePath(getCurrentPath(), call.getArguments().get(index)),
                                depth - 1);
                        if (v == null) {
                            unknown[0] = true;
                        } else {
                            all.addAll(v);
                        }
                    }
                    return super.visitMethodInvocation(call, unused);
                }
            }.scan(unit, null);
        }
        return !any[0] || unknown[0] ? null : all;
    }

    private static VariableTree local(MethodTree method, String name) {
        VariableTree[] found = {null};
        new TreeScanner<Void, Void>() {
            @Override
            public Void visitVariable(VariableTree variable, Void unused) {
                if (variable.getName().contentEquals(name)) {
                    found[0] = variable;
                }
                return super.visitVariable(variable, unused);
            }
        }.scan(method.getBody(), null);
        return found[0];
    }

    private static boolean assigned(MethodTree method, String name) {
        return method.getBody() != null && new TreeScanner<Boolean, Void>() {
            @Override
            public Boolean visitAssignment(AssignmentTree a, Void unused) {
                return a.getVariable().toString().equals(name) || Boolean.TRUE.equals(super.visitAssignment(a, unused));
            }

            @Override
            public Boolean visitCompoundAssignment(CompoundAssignmentTree a, Void unused) {
                return a.getVariable().toString().equals(name)
                        || Boolean.TRUE.equals(super.visitCompoundAssignment(a, unused));
            }

            @Override
            public Boolean reduce(Boolean a, Boolean b) {
                return Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b);
            }
        }.scan(method.getBody(), null) == Boolean.TRUE;
    }

    private static String methodName(MethodInvocationTree call) {
        ExpressionTree select = call.getMethodSelect();
        if (select instanceof MemberSelectTree s) {
            return s.getIdentifier().toString();
        }
        return select instanceof IdentifierTree id ? id.getName().toString() : "";
    }

    private String where(TreePath path) {
        CompilationUnitTree unit = path.getCompilationUnit();
        SourcePositions positions = trees.getSourcePositions();
        long line = unit.getLineMap().getLineNumber(positions.getStartPosition(unit, path.getLeaf()));
        JavaFileObject file = unit.getSourceFile();
        String name = Path.of(file.toUri()).getFileName().toString();
        return name + ":" + line;
    }

    /**
     * The resources of a library jar that its own classes name: the jar's entries (not classes, not META-INF/)
     * whose path, with or without a leading slash, is a string constant in one of its class files. What a library
     * can load by a constant name is among these; it is how the declared libraries in NativeResourcesTest are
     * checked against the jar they come from.
     */
    static Set<String> namedByOwnClasses(Path jar) {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            Set<String> resources = new HashSet<>();
            Set<String> strings = new HashSet<>();
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                ZipEntry entry = e.nextElement();
                String name = entry.getName();
                if (entry.isDirectory() || name.startsWith("META-INF/")) {
                    continue;
                }
                if (name.endsWith(".class")) {
                    try (InputStream in = zip.getInputStream(entry)) {
                        strings.addAll(stringConstants(in));
                    }
                } else {
                    resources.add(name);
                }
            }
            Set<String> named = new TreeSet<>();
            for (String s : strings) {
                String name = s.startsWith("/") ? s.substring(1) : s;
                if (resources.contains(name)) {
                    named.add(name);
                }
            }
            return named;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code CONSTANT_String} values of a class file's constant pool (JVMS 4.4). */
    static Set<String> stringConstants(InputStream classFile) throws IOException {
        DataInputStream in = new DataInputStream(classFile);
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file");
        }
        in.readUnsignedShort();
        in.readUnsignedShort();
        int count = in.readUnsignedShort();
        String[] utf8 = new String[count];
        List<Integer> stringIndexes = new ArrayList<>();
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> utf8[i] = in.readUTF();
                case 8 -> stringIndexes.add(in.readUnsignedShort());
                case 7, 16, 19, 20 -> in.skipBytes(2);
                case 15 -> in.skipBytes(3);
                case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipBytes(4);
                case 5, 6 -> {
                    in.skipBytes(8);
                    i++;
                }
                default -> throw new IOException("unknown constant pool tag " + tag);
            }
        }
        Set<String> strings = new HashSet<>();
        for (int index : stringIndexes) {
            strings.add(utf8[index]);
        }
        return strings;
    }
}
