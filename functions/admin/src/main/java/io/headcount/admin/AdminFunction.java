package io.headcount.admin;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.headcount.adapters.ApiError;
import io.headcount.adapters.Gateway;
import io.headcount.adapters.Reply;
import io.headcount.adapters.Request;
import io.headcount.adapters.RoutedFunction;
import io.headcount.domain.Access;
import io.headcount.domain.Checked;
import io.headcount.domain.ConnectorSpec;
import io.headcount.domain.Group;
import io.headcount.domain.GroupSpec;
import io.headcount.domain.MemberSpec;
import io.headcount.domain.Policy;
import io.headcount.domain.PolicySpec;
import io.headcount.domain.WebhookSpec;
import io.headcount.seating.GroupArchive;
import io.quarkus.funqy.Funq;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** admin: groups and the member roster of an org. */
@ApplicationScoped
public class AdminFunction extends RoutedFunction {
    public static final String NAME = "admin";
    static final String PUT_GROUP = "PUT /orgs/{org}/groups/{group}";
    static final String GET_GROUP = "GET /orgs/{org}/groups/{group}";
    static final String LIST_GROUPS = "GET /orgs/{org}/groups";
    static final String PUT_MEMBER = "PUT /orgs/{org}/members/{user}";
    static final String GET_MEMBER = "GET /orgs/{org}/members/{user}";
    static final String PUT_CONNECTOR = "PUT /orgs/{org}/connectors/{platform}";
    static final String GET_CONNECTOR = "GET /orgs/{org}/connectors/{platform}";
    static final String PUT_POLICY = "PUT /orgs/{org}/policy";
    static final String GET_POLICY = "GET /orgs/{org}/policy";
    static final String PUT_WEBHOOK = "PUT /orgs/{org}/groups/{group}/webhook";
    static final String GET_WEBHOOK = "GET /orgs/{org}/groups/{group}/webhook";
    static final String IMPORT_MEMBERS = "POST /orgs/{org}/members:import";
    static final String ARCHIVE_GROUP = "POST /orgs/{org}/groups/{group}/archive";

    private final Roster roster;
    private final RosterImport rosterImport;
    private final GroupArchive archive;

    AdminFunction(Gateway gateway, Roster roster, RosterImport rosterImport, GroupArchive archive) {
        super(NAME, gateway);
        this.roster = roster;
        this.rosterImport = rosterImport;
        this.archive = archive;
        routes(Map.ofEntries(Map.entry(PUT_GROUP, this::putGroup), Map.entry(GET_GROUP, this::getGroup),
                Map.entry(LIST_GROUPS, this::listGroups), Map.entry(PUT_MEMBER, this::putMember),
                Map.entry(GET_MEMBER, this::getMember), Map.entry(PUT_CONNECTOR, this::putConnector),
                Map.entry(GET_CONNECTOR, this::getConnector), Map.entry(PUT_WEBHOOK, this::putWebhook),
                Map.entry(GET_WEBHOOK, this::getWebhook), Map.entry(PUT_POLICY, this::putPolicy),
                Map.entry(GET_POLICY, this::getPolicy), Map.entry(IMPORT_MEMBERS, this::importMembers),
                Map.entry(ARCHIVE_GROUP, this::archiveGroup)));
    }

    @Funq(NAME)
    public APIGatewayV2HTTPResponse admin(APIGatewayV2HTTPEvent event) {
        return handle(event);
    }

    private Reply putGroup(Request request) {
        String org = administered(request);
        String groupId = request.id("group");
        GroupSpec spec = request.body(GroupSpec.class);
        Group group = valid(spec.toGroup(groupId, roster.policy(org), null));
        return Reply.ok(GroupView.of(roster.saveGroup(org, group)));
    }

    private Reply getGroup(Request request) {
        String org = administered(request);
        String groupId = request.id("group");
        return Reply.ok(roster.group(org, groupId).map(GroupView::of)
                .orElseThrow(() -> ApiError.notFound("group " + groupId)));
    }

    private Reply listGroups(Request request) {
        String org = administered(request);
        Roster.GroupPage page = roster.groups(org, request.query("after").orElse(null));
        return Reply.ok(new GroupList(page.groups().stream().map(GroupView::of).toList(), page.next()));
    }

    private Reply putMember(Request request) {
        String org = administered(request);
        String userId = request.id("user");
        MemberSpec spec = request.body(MemberSpec.class);
        valid(spec.toMember(userId, null));
        return Reply.ok(MemberView.of(roster.saveMember(org, userId, spec)));
    }

    private Reply importMembers(Request request) {
        String org = administered(request);
        RosterFile.Rows file = RosterFile.read(request.header("content-type").orElse(null),
                request.bytes(RosterFile.MAX_BYTES));
        return Reply.ok(rosterImport.run(org, file));
    }

    private Reply archiveGroup(Request request) {
        String org = administered(request);
        String groupId = request.id("group");
        return Reply.ok(archive.archive(org, groupId).map(GroupView::of)
                .orElseThrow(() -> ApiError.notFound("group " + groupId)));
    }

    private Reply getMember(Request request) {
        String org = request.id("org");
        String userId = request.id("user");
        if (!Access.mayReadMember(request.caller(), org, userId)) {
            throw ApiError.forbidden();
        }
        return Reply.ok(roster.member(org, userId).map(MemberView::of)
                .orElseThrow(() -> ApiError.notFound("member " + userId)));
    }

    private Reply putConnector(Request request) {
        String org = administered(request);
        String platform = platform(request);
        ConnectorSpec spec = valid(request.body(ConnectorSpec.class).check(platform));
        roster.saveConnector(org, platform, spec);
        return Reply.ok(new ConnectorView(platform, spec.configured()));
    }

    private Reply getConnector(Request request) {
        String org = administered(request);
        String platform = platform(request);
        return Reply.ok(new ConnectorView(platform, roster.connector(org, platform).configured()));
    }

    private Reply putPolicy(Request request) {
        String org = administered(request);
        PolicySpec spec = request.body(PolicySpec.class);
        Policy policy = valid(spec.apply(roster.policy(org)));
        return Reply.ok(PolicyView.of(roster.savePolicy(org, policy)));
    }

    private Reply getPolicy(Request request) {
        String org = administered(request);
        return Reply.ok(PolicyView.of(roster.policy(org)));
    }

    /** The policy as the API answers it: the language as its tag, score weights by name. */
    record PolicyView(int cap, int minSize, int hardCap, int maxGroupsPerMember, String eligibility, String overflow,
            int inactivityDays, String timeZone, String language, int retentionDays, List<String> topicTags,
            boolean requireTags, Map<String, Integer> scoreWeights, int noticeDays, boolean autoApply) {
        static PolicyView of(Policy p) {
            return new PolicyView(p.cap(), p.minSize(), p.hardCap(), p.maxGroupsPerMember(), p.eligibility().name(),
                    p.overflow().name(), p.inactivityDays(), p.timeZone(), p.language().tag(), p.retentionDays(),
                    p.topicTags(), p.requireTags(), p.weights().points(), p.noticeDays(), p.autoApply());
        }
    }

    private Reply putWebhook(Request request) {
        String org = administered(request);
        String groupId = request.id("group");
        WebhookSpec spec = valid(request.body(WebhookSpec.class).check());
        roster.group(org, groupId).orElseThrow(() -> ApiError.notFound("group " + groupId));
        return Reply.ok(WebhookView.of(groupId, roster.saveWebhook(org, groupId, spec)));
    }

    private Reply getWebhook(Request request) {
        String org = administered(request);
        String groupId = request.id("group");
        roster.group(org, groupId).orElseThrow(() -> ApiError.notFound("group " + groupId));
        return Reply.ok(WebhookView.of(groupId, roster.webhook(org, groupId)));
    }

    /**
     * A group's digest webhook without its credentials: the platform, the host, and whether a secret is set
     * ({@code platform} absent when there is none).
     */
    record WebhookView(String groupId, String platform, String host, boolean signed) {
        static WebhookView of(String groupId, Optional<WebhookSpec> webhook) {
            return webhook.map(w -> new WebhookView(groupId, w.platform(), URI.create(w.url()).getHost(),
                    w.secret() != null)).orElse(new WebhookView(groupId, null, null, false));
        }
    }

    /** A platform's connector settings, by name only: the values are never given back. */
    record ConnectorView(String platform, List<String> configured) {
    }

    private static String platform(Request request) {
        String platform = request.id("platform");
        if (!ConnectorSpec.PLATFORMS.contains(platform)) {
            throw ApiError.notFound("connector " + platform);
        }
        return platform;
    }

    /** One page of groups; {@code next} is absent on the last page. */
    record GroupList(List<GroupView> groups, String next) {
    }

    /** The org of the path, once the caller is known to administer it. */
    private static String administered(Request request) {
        String org = request.id("org");
        if (!Access.mayAdminister(request.caller(), org)) {
            throw ApiError.forbidden();
        }
        return org;
    }

    private static <T> T valid(Checked<T> checked) {
        if (!checked.isValid()) {
            throw ApiError.invalid(checked.violations());
        }
        return checked.value();
    }
}
