package io.headcount.packagecheck;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What AWS Lambda's managed Java runtime does around a function, small enough to read, so that a test can run a
 * {@code function.zip} the way Lambda runs it: read {@code AWS_LAMBDA_RUNTIME_API} and {@code _HANDLER}, load and
 * instantiate the handler class (its constructor and static initialiser are the init phase), then loop: take the
 * next invocation, call {@code handleRequest(InputStream, OutputStream, Context)}, post the response, or post the
 * error in Lambda's JSON error shape. A handler that cannot be loaded is posted to {@code /runtime/init/error} and
 * the process exits, as Lambda discards such an environment.
 *
 * <p>Run as {@code java -cp <runtime classes>:<function>:<function>/lib/* io.headcount.packagecheck.JavaRuntime}.
 * Only stream handlers are taken (a {@link RequestStreamHandler}, or a public method with the same parameters,
 * with or without the Context); Quarkus and Funqy deploy one. Only the JDK and aws-lambda-java-core (already in
 * every function's lib) are used, and {@link HttpURLConnection} rather than java.net.http, whose start-up would be
 * counted in the function's cold start.
 */
public final class JavaRuntime {
    static final String API_VERSION = "2018-06-01";

    private JavaRuntime() {
    }

    public static void main(String[] args) {
        RuntimeApi api = new RuntimeApi(required("AWS_LAMBDA_RUNTIME_API"));
        StreamHandler handler;
        try {
            handler = StreamHandler.load(required("_HANDLER"), ClassLoader.getSystemClassLoader());
        } catch (Throwable t) {
            Throwable cause = unwrap(t);
            cause.printStackTrace();
            api.initError(cause);
            System.exit(1);
            return;
        }
        PrintStream out = System.out;
        while (true) {
            RuntimeApi.Invocation invocation = api.next();
            if (invocation.traceId() != null) {
                // Where the AWS SDK's X-Ray integration looks for the trace of the current invocation.
                System.setProperty("com.amazonaws.xray.traceHeader", invocation.traceId());
            }
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            try {
                handler.handle(new ByteArrayInputStream(invocation.body()), response,
                        new LambdaContext(invocation, new StdoutLogger(out)));
            } catch (Throwable t) {
                Throwable cause = unwrap(t);
                cause.printStackTrace();
                api.error(invocation.requestId(), cause);
                continue;
            }
            api.respond(invocation.requestId(), response.toByteArray());
        }
    }

    private static String required(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            System.err.println("JavaRuntime: " + name + " is not set");
            System.exit(2);
        }
        return value;
    }

    /** The exception the function threw, not the reflection or class-initialisation wrapper around it. */
    static Throwable unwrap(Throwable t) {
        Throwable cause = t;
        while ((cause instanceof InvocationTargetException || cause instanceof ExceptionInInitializerError)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** Lambda's error shape: {@code {"errorMessage", "errorType", "stackTrace"}}. */
    static String errorJson(Throwable t) {
        String frames = Arrays.stream(t.getStackTrace()).map(f -> quote(f.toString()))
                .collect(Collectors.joining(","));
        return "{\"errorMessage\":" + quote(String.valueOf(t.getMessage())) + ",\"errorType\":"
                + quote(t.getClass().getName()) + ",\"stackTrace\":[" + frames + "]}";
    }

    static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    /** The handler named by {@code _HANDLER}: {@code package.Class::method}, or {@code package.Class}. */
    interface StreamHandler {
        void handle(InputStream in, OutputStream out, Context context) throws Exception;

        static StreamHandler load(String name, ClassLoader loader) throws Exception {
            int separator = name.indexOf("::");
            String className = separator < 0 ? name : name.substring(0, separator);
            String methodName = separator < 0 ? "handleRequest" : name.substring(separator + 2);
            // Initialised here, as Lambda does at init: a static initialiser that fails is an init error.
            Class<?> type = Class.forName(className, true, loader);
            Object instance = type.getDeclaredConstructor().newInstance();
            if (instance instanceof RequestStreamHandler streamHandler && methodName.equals("handleRequest")) {
                return streamHandler::handleRequest;
            }
            for (Method m : type.getMethods()) {
                List<Class<?>> p = List.of(m.getParameterTypes());
                if (!m.getName().equals(methodName)) {
                    continue;
                }
                if (p.equals(List.of(InputStream.class, OutputStream.class, Context.class))) {
                    return (in, out, context) -> m.invoke(instance, in, out, context);
                }
                if (p.equals(List.of(InputStream.class, OutputStream.class))) {
                    return (in, out, context) -> m.invoke(instance, in, out);
                }
            }
            throw new NoSuchMethodException(className + " has no public " + methodName
                    + "(InputStream, OutputStream[, Context]); only stream handlers are supported here");
        }
    }

    /** The Runtime API client: plain HTTP/1.1 to the endpoint Lambda names in AWS_LAMBDA_RUNTIME_API. */
    static final class RuntimeApi {
        record Invocation(String requestId, long deadlineMs, String functionArn, String traceId,
                String clientContext, String cognitoIdentity, byte[] body) {
        }

        private final String base;

        RuntimeApi(String hostAndPort) {
            this.base = "http://" + hostAndPort + "/" + API_VERSION + "/runtime/";
        }

        /** Waits as long as it takes: Lambda freezes the process here between invocations. */
        Invocation next() {
            while (true) {
                try {
                    HttpURLConnection c = open("invocation/next", "GET");
                    int status = c.getResponseCode();
                    byte[] body = readAll(status < 400 ? c.getInputStream() : c.getErrorStream());
                    if (status != 200) {
                        throw new IllegalStateException("GET invocation/next answered " + status + ": "
                                + new String(body, StandardCharsets.UTF_8));
                    }
                    String deadline = c.getHeaderField("Lambda-Runtime-Deadline-Ms");
                    return new Invocation(c.getHeaderField("Lambda-Runtime-Aws-Request-Id"),
                            deadline == null ? 0 : Long.parseLong(deadline),
                            c.getHeaderField("Lambda-Runtime-Invoked-Function-Arn"),
                            c.getHeaderField("Lambda-Runtime-Trace-Id"),
                            c.getHeaderField("Lambda-Runtime-Client-Context"),
                            c.getHeaderField("Lambda-Runtime-Cognito-Identity"), body);
                } catch (IOException e) {
                    // The Runtime API went away: nothing will ever invoke this process again.
                    System.err.println("JavaRuntime: the Runtime API is gone (" + e + "); exiting");
                    System.exit(3);
                }
            }
        }

        void respond(String requestId, byte[] body) {
            post("invocation/" + requestId + "/response", body, Map.of());
        }

        void error(String requestId, Throwable t) {
            post("invocation/" + requestId + "/error", errorJson(t).getBytes(StandardCharsets.UTF_8),
                    Map.of("Lambda-Runtime-Function-Error-Type", t.getClass().getName()));
        }

        void initError(Throwable t) {
            post("init/error", errorJson(t).getBytes(StandardCharsets.UTF_8),
                    Map.of("Lambda-Runtime-Function-Error-Type", "Runtime." + t.getClass().getSimpleName()));
        }

        private void post(String path, byte[] body, Map<String, String> headers) {
            try {
                HttpURLConnection c = open(path, "POST");
                c.setDoOutput(true);
                c.setFixedLengthStreamingMode(body.length);
                c.setRequestProperty("Content-Type", "application/json");
                headers.forEach(c::setRequestProperty);
                try (OutputStream out = c.getOutputStream()) {
                    out.write(body);
                }
                int status = c.getResponseCode();
                readAll(status < 400 ? c.getInputStream() : c.getErrorStream());
                if (status != 202) {
                    System.err.println("JavaRuntime: POST " + path + " answered " + status);
                }
            } catch (IOException e) {
                System.err.println("JavaRuntime: POST " + path + " failed: " + e);
            }
        }

        private HttpURLConnection open(String path, String method) throws IOException {
            HttpURLConnection c = (HttpURLConnection) URI.create(base + path).toURL().openConnection();
            c.setRequestMethod(method);
            c.setConnectTimeout(5_000);
            c.setReadTimeout(0);
            return c;
        }

        private static byte[] readAll(InputStream in) throws IOException {
            if (in == null) {
                return new byte[0];
            }
            try (in) {
                return in.readAllBytes();
            }
        }
    }

    /** The Context of one invocation, from the Runtime API's headers and the environment Lambda sets. */
    record LambdaContext(RuntimeApi.Invocation invocation, LambdaLogger logger) implements Context {
        @Override
        public String getAwsRequestId() {
            return invocation.requestId();
        }

        @Override
        public String getLogGroupName() {
            return System.getenv("AWS_LAMBDA_LOG_GROUP_NAME");
        }

        @Override
        public String getLogStreamName() {
            return System.getenv("AWS_LAMBDA_LOG_STREAM_NAME");
        }

        @Override
        public String getFunctionName() {
            return System.getenv("AWS_LAMBDA_FUNCTION_NAME");
        }

        @Override
        public String getFunctionVersion() {
            return System.getenv("AWS_LAMBDA_FUNCTION_VERSION");
        }

        @Override
        public String getInvokedFunctionArn() {
            return invocation.functionArn();
        }

        @Override
        public CognitoIdentity getIdentity() {
            return null;
        }

        @Override
        public ClientContext getClientContext() {
            return null;
        }

        @Override
        public int getRemainingTimeInMillis() {
            long left = invocation.deadlineMs() - System.currentTimeMillis();
            return (int) Math.max(0, Math.min(Integer.MAX_VALUE, left));
        }

        @Override
        public int getMemoryLimitInMB() {
            String memory = System.getenv("AWS_LAMBDA_FUNCTION_MEMORY_SIZE");
            return memory == null ? 0 : Integer.parseInt(memory);
        }

        @Override
        public LambdaLogger getLogger() {
            return logger;
        }

        @Override
        public String getXrayTraceId() {
            return invocation.traceId();
        }
    }

    /** Lambda sends a function's stdout to its log stream. */
    record StdoutLogger(PrintStream out) implements LambdaLogger {
        @Override
        public void log(String message) {
            out.print(message);
            out.flush();
        }

        @Override
        public void log(byte[] message) {
            out.write(message, 0, message.length);
            out.flush();
        }
    }
}
