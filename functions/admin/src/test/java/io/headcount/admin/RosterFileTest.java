package io.headcount.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.headcount.adapters.ApiError;
import io.headcount.adapters.ErrorCode;
import io.headcount.domain.MemberSpec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading roster files, without the store: what is refused whole, and how rows are numbered and read. */
class RosterFileTest {

    static RosterFile.Rows csv(String text) {
        return RosterFile.read("text/csv", text.getBytes(StandardCharsets.UTF_8));
    }

    static ApiError refused(String contentType, byte[] body) {
        return assertThrows(ApiError.class, () -> RosterFile.read(contentType, body));
    }

    static ApiError refusedCsv(String text) {
        return refused("text/csv", text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void csvRowsAreNumberedByTheLineTheyStartOn() {
        RosterFile.Rows file = csv("\uFEFFUserId , NAME,function,projects,status,slack,feishu,dingtalk,wecom\r\n"
                + "li.lei,\"Li, \"\"Lei\"\"\",after-sales,p1; p-2 ;,,U1,,,\r\n"
                + "han.mei,\"韩\n梅梅\",sales,,LEFT,,ou_1,manager1,HanMei\r\n"
                + "\r\n"
                + "wang.fang,王芳,sales,,,,,,\r\n");
        assertEquals(RosterFile.Format.CSV, file.format());
        List<RosterFile.Row> rows = file.rows();
        assertEquals(List.of(2, 3, 6), rows.stream().map(RosterFile.Row::row).toList());

        RosterFile.Row li = rows.get(0);
        assertEquals("li.lei", li.userId());
        assertEquals(new MemberSpec("Li, \"Lei\"", "after-sales", List.of("p1", "p-2"), Map.of("slack", "U1"),
                "ACTIVE"), li.spec());
        assertEquals(new MemberSpec("韩\n梅梅", "sales", List.of(), Map.of("feishu", "ou_1", "dingtalk", "manager1",
                "wecom", "HanMei"), "LEFT"), rows.get(1).spec());
        assertEquals("ACTIVE", rows.get(2).spec().status(), "ACTIVE unless the file says LEFT");
    }

    @Test
    void onlyUserIdIsRequiredInTheHeaderAndAbsentColumnsAreEmpty() {
        RosterFile.Row row = csv("userId\nli.lei\n").rows().get(0);
        assertEquals(new MemberSpec(null, null, List.of(), Map.of(), "ACTIVE"), row.spec());
    }

    @Test
    void aRowWithTheWrongNumberOfFieldsIsThatRowsProblem() {
        List<RosterFile.Row> rows = csv("userId,name,function\nli.lei,李雷,sales,extra\nhan.mei,韩梅梅\nok,好,sales\n")
                .rows();
        assertEquals("row", rows.get(0).problem().field());
        assertTrue(rows.get(0).problem().problem().contains("4 fields"), rows.get(0).problem().problem());
        assertEquals("li.lei", rows.get(0).userId());
        assertEquals("row", rows.get(1).problem().field());
        assertNull(rows.get(2).problem());
    }

    @Test
    void headerProblemsRefuseTheWholeFile() {
        ApiError unknown = refusedCsv("userId,name,email\nli.lei,李雷,a@b.c\n");
        assertEquals(ErrorCode.INVALID_INPUT, unknown.code());
        assertEquals("email", unknown.violations().get(0).field());
        ApiError odd = refusedCsv("userId,\"na me\"\nli.lei,李雷\n");
        assertEquals("column 2", odd.violations().get(0).field(), "a name that is not plain is not echoed");

        assertEquals(ErrorCode.MALFORMED_REQUEST, refusedCsv("name,function\n李雷,sales\n").code());
        assertEquals(ErrorCode.MALFORMED_REQUEST, refusedCsv("userId,name,Name\nli.lei,a,b\n").code());
        assertEquals(ErrorCode.MALFORMED_REQUEST, refusedCsv("userId,,name\n").code());
        assertEquals(ErrorCode.MALFORMED_REQUEST, refusedCsv("\n\n").code());
        assertEquals(ErrorCode.MALFORMED_REQUEST, refusedCsv("userId,name\nli.lei,\"李雷\n").code());
    }

    @Test
    void theContentTypeChoosesTheReaderAndMustBeOneOfTwo() {
        byte[] csv = "userId\nli.lei\n".getBytes(StandardCharsets.UTF_8);
        assertEquals(1, RosterFile.read("text/csv; charset=UTF-8", csv).rows().size());
        assertEquals(1, RosterFile.read("Text/CSV;charset=\"utf-8\"", csv).rows().size());
        for (String type : new String[] {null, "text/plain", "application/x-www-form-urlencoded", "text/csv; charset=gbk",
                "application/jsonx"}) {
            ApiError e = refused(type, csv);
            assertEquals(ErrorCode.MALFORMED_REQUEST, e.code(), String.valueOf(type));
        }
    }

    @Test
    void badUtf8IsRefused() {
        byte[] body = {'u', 's', 'e', 'r', 'I', 'd', '\n', (byte) 0xC0, (byte) 0x80, '\n'};
        assertEquals(ErrorCode.MALFORMED_REQUEST, refused("text/csv", body).code());
        assertEquals(ErrorCode.MALFORMED_REQUEST, refused("application/json", body).code());
    }

    @Test
    void moreThan5000RowsAreTooLarge() {
        StringBuilder text = new StringBuilder("userId\n");
        for (int i = 0; i < RosterFile.MAX_ROWS; i++) {
            text.append('u').append(i).append('\n');
        }
        assertEquals(RosterFile.MAX_ROWS, csv(text.toString()).rows().size());
        assertEquals(ErrorCode.PAYLOAD_TOO_LARGE, refusedCsv(text + "one-more\n").code());
    }

    @Test
    void jsonMembersAreNumberedFromOne() {
        RosterFile.Rows file = RosterFile.read("application/json", ("{\"members\":[{\"userId\":\"li.lei\",\"name\":\"李雷\","
                + "\"function\":\"sales\",\"projects\":[\"p1\"],\"platformUserIds\":{\"slack\":\"U1\"}},"
                + "{\"userId\":\"han.mei\",\"status\":\"LEFT\"}]}").getBytes(StandardCharsets.UTF_8));
        assertEquals(RosterFile.Format.JSON, file.format());
        assertEquals(List.of(1, 2), file.rows().stream().map(RosterFile.Row::row).toList());
        assertEquals(new MemberSpec("李雷", "sales", List.of("p1"), Map.of("slack", "U1"), "ACTIVE"),
                file.rows().get(0).spec());
        assertEquals("LEFT", file.rows().get(1).spec().status());
    }

    @Test
    void jsonOfTheWrongShapeIsRefusedWhole() {
        assertEquals(ErrorCode.MALFORMED_REQUEST, refused("application/json", "{\"members\":[".getBytes()).code());
        for (String body : new String[] {"[]", "{}", "{\"members\":{}}", "{\"members\":[1]}", "{\"members\":[null]}",
                "{\"members\":[{\"userId\":\"u\",\"email\":\"x\"}]}", "{\"members\":[],\"extra\":1}",
                "{\"members\":[{\"userId\":\"u\",\"projects\":\"p1\"}]}"}) {
            assertEquals(ErrorCode.INVALID_INPUT, refused("application/json", body.getBytes()).code(), body);
        }
    }

    @Test
    void csvFieldNamesAreTheColumns() {
        assertEquals("slack", RosterFile.Format.CSV.field("platformUserIds.slack"));
        assertEquals("projects", RosterFile.Format.CSV.field("projects[2]"));
        assertEquals("entry 3 must be valid", RosterFile.Format.CSV.message("projects[2]", "must be valid"));
        assertEquals("platformUserIds.slack", RosterFile.Format.JSON.field("platformUserIds.slack"));
        assertEquals("projects[2]", RosterFile.Format.JSON.field("projects[2]"));
    }
}
