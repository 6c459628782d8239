package io.headcount.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The demo org in infra/local/demo: {@code members.csv} (userId,name,function,projects with projects separated by
 * ';') and {@code groups.json} ({@code {org, groups: [{groupId, ...PUT body..., join: [userId...], capAfterJoins?}]}}).
 */
public record DemoData(String org, List<Member> members, List<Group> groups) {
    static final ObjectMapper JSON = new ObjectMapper();

    public record Member(String userId, String name, String function, List<String> projects) {
    }

    /**
     * @param body          the PUT body of the group
     * @param join          who joins it, in this order, through the join route
     * @param capAfterJoins if set, the cap the group gets after the joins (lowering it leaves the group over cap)
     */
    public record Group(String groupId, ObjectNode body, List<String> join, Integer capAfterJoins) {
    }

    public static DemoData load(Path dir) {
        return new DemoData(org(dir), members(dir.resolve("members.csv")), groups(dir.resolve("groups.json")));
    }

    private static String org(Path dir) {
        return readJson(dir.resolve("groups.json")).path("org").asText("demo");
    }

    static List<Member> members(Path csv) {
        List<String> lines;
        try {
            lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + csv, e);
        }
        List<Member> members = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#") || (i == 0 && line.startsWith("userId,"))) {
                continue;
            }
            String[] cells = line.split(",", -1);
            if (cells.length != 4) {
                throw new IllegalArgumentException(csv + ":" + (i + 1) + ": expected userId,name,function,projects");
            }
            List<String> projects = cells[3].isBlank() ? List.of()
                    : Arrays.stream(cells[3].split(";")).map(String::strip).filter(p -> !p.isEmpty()).toList();
            members.add(new Member(cells[0].strip(), cells[1].strip(), cells[2].strip(), projects));
        }
        return List.copyOf(members);
    }

    static List<Group> groups(Path file) {
        List<Group> groups = new ArrayList<>();
        for (JsonNode node : readJson(file).path("groups")) {
            ObjectNode body = ((ObjectNode) node).deepCopy();
            String groupId = body.remove("groupId").asText();
            List<String> join = new ArrayList<>();
            JsonNode joins = body.remove("join");
            if (joins != null) {
                joins.forEach(j -> join.add(j.asText()));
            }
            JsonNode lower = body.remove("capAfterJoins");
            groups.add(new Group(groupId, body, List.copyOf(join), lower == null ? null : lower.asInt()));
        }
        return List.copyOf(groups);
    }

    private static JsonNode readJson(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
