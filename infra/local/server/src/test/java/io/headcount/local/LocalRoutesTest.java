package io.headcount.local;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.headcount.localkit.TemplateModel;
import io.headcount.localkit.TemplateModel.FunctionSpec;
import io.headcount.localkit.TemplateModel.RouteSpec;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The local server serves exactly the HTTP routes of template.yaml, through the functions' own code. */
@QuarkusTest
@QuarkusTestResource(value = LocalStoreResource.class, restrictToAnnotatedClass = false)
class LocalRoutesTest {
    @TestHTTPResource("/")
    URL server;

    /**
     * Quarkus points RestAssured at quarkus.lambda.mock-event-server.test-port when that is set, and the adapters'
     * config sets it for the Lambda apps; this app has no Lambda mock server, so aim at the HTTP listener itself.
     */
    @BeforeEach
    void aimRestAssuredAtTheListener() {
        RestAssured.port = server.getPort();
    }

    @Inject
    LocalStore store;

    @Test
    void everyRouteOfTheTemplateReachesItsFunction() {
        List<String> checked = new ArrayList<>();
        for (FunctionSpec function : TemplateModel.load(LocalPaths.template()).functions()) {
            for (RouteSpec route : function.routes()) {
                String path = route.path().replaceAll("\\{([A-Za-z0-9_]+)\\+?}", "x-$1");
                // No token: the function's own authentication answers 401 JSON, so routing reached it.
                Response response = given().urlEncodingEnabled(false)
                        .contentType(ContentType.JSON).body("{}")
                        .request(route.method(), path);
                response.then().statusCode(401).contentType(ContentType.JSON)
                        .body("error", equalTo("UNAUTHORIZED"))
                        .header("apigw-requestid", notNullValue());
                checked.add(route.method() + " " + route.path());
            }
        }
        assertFalse(checked.isEmpty(), "template.yaml declares no HTTP routes");
        assertTrue(checked.contains("POST /orgs/{org}/groups/{group}/join"), checked.toString());
    }

    @Test
    void unknownPathsAre404AndOtherMethods405() {
        given().get("/no/such/route").then().statusCode(404).contentType(ContentType.JSON)
                .body("error", equalTo("NOT_FOUND")).body("message", equalTo("no such route"));
        given().get("/orgs/demo/groups/g1/join/extra").then().statusCode(404);
        given().delete("/orgs/demo/groups/g1").then().statusCode(405).contentType(ContentType.JSON)
                .body("error", equalTo("METHOD_NOT_ALLOWED")).header("Allow", equalTo("GET, PUT"));
        given().get("/orgs/demo/groups/g1/join").then().statusCode(405).header("Allow", equalTo("POST"));
    }

    @Test
    void bodiesOver2MbAre413Json() {
        byte[] big = new byte[HttpFront.MAX_BODY_BYTES + 1];
        java.util.Arrays.fill(big, (byte) 'a');
        given().contentType(ContentType.JSON).body(big).post("/orgs/demo/groups/g1/join")
                .then().statusCode(413).contentType(ContentType.JSON).body("error", equalTo("PAYLOAD_TOO_LARGE"));
        // Just under the limit reaches the function, which has its own, smaller limit.
        byte[] fits = new byte[HttpFront.MAX_BODY_BYTES];
        java.util.Arrays.fill(fits, (byte) ' ');
        given().contentType(ContentType.JSON).body(fits).post("/orgs/demo/groups/g1/join")
                .then().statusCode(401);
    }

    @Test
    void aGroupAMemberAJoinAndTheSeatsEndToEnd() {
        store.ensureTable(); // creating the table again is harmless
        String admin = LocalStoreResource.tokens().mint("admin", "e2e", "alice", 300);
        String bot = LocalStoreResource.tokens().mint("bot", "e2e", "connector", 300);

        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body("{\"name\":\"华东客户维护群\",\"kind\":\"FUNCTION\",\"key\":\"customer-maintenance\",\"cap\":15,"
                        + "\"admins\":[],\"overflow\":\"WAITLIST\",\"welcome\":\"欢迎 {name} 加入！发言请以【话题】开头。\"}")
                .put("/orgs/e2e/groups/cm-east")
                .then().statusCode(200).body("groupId", equalTo("cm-east")).body("members", equalTo(0));
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body("{\"name\":\"王芳\",\"function\":\"customer-maintenance\",\"projects\":[]}")
                .put("/orgs/e2e/members/wang.fang")
                .then().statusCode(200);
        given().auth().oauth2(bot).contentType(ContentType.JSON)
                .body("{\"userId\":\"wang.fang\"}")
                .post("/orgs/e2e/groups/cm-east/join")
                .then().statusCode(200).body("decision", equalTo("ADMITTED")).body("groupId", equalTo("cm-east"))
                .body("message", org.hamcrest.Matchers.containsString("欢迎 王芳 加入"));
        // Percent-encoded path segments arrive decoded in pathParameters, as API Gateway delivers them.
        given().urlEncodingEnabled(false).auth().oauth2(bot)
                .get("/orgs/e%32e/groups/cm%2Deast/seats")
                .then().statusCode(200).body("members", equalTo(1)).body("cap", equalTo(15))
                .body("free", equalTo(14)).body("waitlist", equalTo(0));
    }

    @Test
    void aRosterImportAsTheReadmeSendsItAndAnArchive() {
        store.ensureTable();
        String admin = LocalStoreResource.tokens().mint("admin", "e2e-import", "alice", 300);
        String csv = "userId,name,function,projects,status,wecom\n"
                + "zhao.kai,赵凯,customer-maintenance,p-key-accounts,,ZhaoKai\n"
                + "lin.xiaoyu,\"林晓雨, 华东\",after-sales,p-huadong-2027;p-key-accounts,,\n"
                + "chen.hao,陈浩,market-expansion,,LEFT,\n"
                + "wu.fei,吴飞,售后,,,\n";
        // Exactly "text/csv", as curl sends it (RestAssured would otherwise add "; charset=ISO-8859-1").
        given().config(RestAssured.config().encoderConfig(EncoderConfig.encoderConfig()
                        .appendDefaultContentCharsetToContentTypeIfUndefined(false)))
                .auth().oauth2(admin).contentType("text/csv").body(csv.getBytes(StandardCharsets.UTF_8))
                .post("/orgs/e2e-import/members:import")
                .then().statusCode(200).body("rows", equalTo(4)).body("upserted", equalTo(3))
                .body("skipped", equalTo(1)).body("errors[0].row", equalTo(5))
                .body("errors[0].userId", equalTo("wu.fei")).body("errors[0].field", equalTo("function"));
        given().auth().oauth2(admin).get("/orgs/e2e-import/members/lin.xiaoyu")
                .then().statusCode(200).body("name", equalTo("林晓雨, 华东"));

        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body("{\"name\":\"华东售后群\",\"kind\":\"FUNCTION\",\"key\":\"after-sales\",\"cap\":15,\"admins\":[]}")
                .put("/orgs/e2e-import/groups/as-east").then().statusCode(200);
        given().auth().oauth2(admin).post("/orgs/e2e-import/groups/as-east/archive")
                .then().statusCode(200).body("status", equalTo("ARCHIVED")).body("members", equalTo(0));
    }
}
