package io.headcount.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTest {

    static List<Csv.Record> all(String text) {
        Csv csv = new Csv(text);
        List<Csv.Record> records = new ArrayList<>();
        for (Csv.Record r = csv.next(); r != null; r = csv.next()) {
            records.add(r);
        }
        return records;
    }

    @Test
    void plainRecordsKnowTheirLines() {
        List<Csv.Record> records = all("userId,name\nli.lei,李雷\r\nhan.mei,韩梅梅\n");
        assertEquals(List.of(new Csv.Record(1, List.of("userId", "name")), new Csv.Record(2, List.of("li.lei", "李雷")),
                new Csv.Record(3, List.of("han.mei", "韩梅梅"))), records);
    }

    @Test
    void quotedFieldsHoldCommasQuotesAndLineBreaks() {
        List<Csv.Record> records = all("a,b\n\"Zhang, \"\"Sam\"\"\",x\n\"two\r\nlines\",\"\"\nlast,\"y\"");
        assertEquals(4, records.size());
        assertEquals(List.of("Zhang, \"Sam\"", "x"), records.get(1).fields());
        assertEquals(2, records.get(1).line());
        assertEquals(List.of("two\r\nlines", ""), records.get(2).fields());
        assertEquals(3, records.get(2).line());
        assertEquals(List.of("last", "y"), records.get(3).fields());
        assertEquals(5, records.get(3).line(), "the record after a two-line field starts on line 5");
    }

    @Test
    void emptyLinesAreSkippedButCounted() {
        List<Csv.Record> records = all("\n\nh\n\nv1\n\n\nv2\n\n");
        assertEquals(List.of(new Csv.Record(3, List.of("h")), new Csv.Record(5, List.of("v1")),
                new Csv.Record(8, List.of("v2"))), records);
    }

    @Test
    void emptyFieldsAndLoneCarriageReturns() {
        List<Csv.Record> records = all("a,,c,\rx");
        assertEquals(List.of(new Csv.Record(1, List.of("a", "", "c", "")), new Csv.Record(2, List.of("x"))), records);
        assertNull(new Csv("").next());
    }

    @Test
    void anUnterminatedQuoteIsMalformedNamingItsLine() {
        Csv.Malformed e = assertThrows(Csv.Malformed.class, () -> all("h\nok\n\"never closed,\nmore\n"));
        assertTrue(e.getMessage().contains("line 3"), e.getMessage());
    }

    @Test
    void aStrayQuoteIsMalformed() {
        Csv.Malformed inside = assertThrows(Csv.Malformed.class, () -> all("h\nab\"c\n"));
        assertTrue(inside.getMessage().contains("line 2"), inside.getMessage());
        Csv.Malformed after = assertThrows(Csv.Malformed.class, () -> all("h\n\"ab\"c,d\n"));
        assertTrue(after.getMessage().contains("line 2"), after.getMessage());
    }
}
