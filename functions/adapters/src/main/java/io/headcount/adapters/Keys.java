package io.headcount.adapters;

import io.headcount.domain.Group;
import io.headcount.domain.GroupKind;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Every key of the single table, in one place. Items and their access patterns:
 *
 * <pre>
 * item          PK                          SK                 GSI1PK                    GSI1SK
 * policy        ORG#o                       POLICY
 * group         ORG#o                       GROUP#g            ORG#o#POOL#KIND#key       GROUP#g
 * member        ORG#o                       MEMBER#u
 * seat          ORG#o#GROUP#g               SEAT#u             ORG#o#MEMBER#u            GROUP#g
 * pool seat     ORG#o#POOL#KIND#key         SEAT#u
 * queue entry   ORG#o#GROUP#g               WAIT#<millis>#u
 * queue ticket  ORG#o#GROUP#g               WAITING#u
 * chat link     ORG#o                       CHAT#chatId               (owner = group id)
 * user link     ORG#o                       PUSER#platform#userId     (owner = member id)
 * connector     ORG#o                       CONNECTOR#platform        (webhook signing settings)
 * message       ORG#o#MSG#platform#id       MESSAGE            ORG#o#GROUP#g#DAY#date    millis#platform#id
 * chat change   ORG#o#EVENT#platform#id     EVENT                     (member joined/left, once)
 * group activity ORG#o#GROUP#g              ACTIVITY
 * member activity ORG#o#MEMBER#u            ACTIVITY
 * digest        ORG#o#GROUP#g               DIGEST#period#date ORG#o#DIGEST#period#date  GROUP#g
 * group webhook ORG#o#GROUP#g               WEBHOOK                   (where its digest is posted)
 * week's scores ORG#o#SCORES                WEEK#monday               (streaks, recognition)
 * reward ledger ORG#o#LEDGER#monday         MEMBER#u#AWARD#a          (written once)
 * org listing   ORGS                        ORG#o                     (every org, for scheduled jobs)
 * regroup plan  ORG#o#PLANS                 PLAN#planId               (header: status, counts; newest last)
 * plan ops      ORG#o#PLAN#planId           OPS#00000                 (the operations, a JSON array per chunk)
 * plan step     ORG#o#PLAN#planId           STEP#000000               (step done: written once, with the step)
 * </pre>
 *
 * A pool seat says which group of a pool a member sits in; creating it in the same transaction as the seat keeps
 * every member to one seat per pool. Messages are keyed by their platform id, so a redelivered webhook finds its
 * message; their GSI1 keys file them by group and UTC day for the digest and the scores.
 */
public final class Keys {
    public static final String PK = "PK";
    public static final String SK = "SK";
    public static final String GSI1 = "GSI1";
    public static final String GSI1PK = "GSI1PK";
    public static final String GSI1SK = "GSI1SK";
    /** Epoch seconds after which DynamoDB deletes the item (message events, expired records). */
    public static final String TTL = "expiresAt";

    private Keys() {
    }

    public record Key(String pk, String sk) {
        public Map<String, AttributeValue> toMap() {
            return Map.of(PK, Attrs.s(pk), SK, Attrs.s(sk));
        }

        public static Key of(Map<String, AttributeValue> item) {
            return new Key(item.get(PK).s(), item.get(SK).s());
        }
    }

    public static String org(String org) {
        return "ORG#" + org;
    }

    public static Key policy(String org) {
        return new Key(org(org), "POLICY");
    }

    public static Key group(String org, String group) {
        return new Key(org(org), "GROUP#" + group);
    }

    public static String groupPrefix() {
        return "GROUP#";
    }

    public static Key member(String org, String user) {
        return new Key(org(org), memberPrefix() + user);
    }

    public static String memberPrefix() {
        return "MEMBER#";
    }

    public static String groupPartition(String org, String group) {
        return org(org) + "#GROUP#" + group;
    }

    public static Key seat(String org, String group, String user) {
        return new Key(groupPartition(org, group), "SEAT#" + user);
    }

    public static String seatPrefix() {
        return "SEAT#";
    }

    public static String memberSeats(String org, String user) {
        return org(org) + "#MEMBER#" + user;
    }

    public static String pool(String org, GroupKind kind, String key) {
        return org(org) + "#POOL#" + kind + "#" + key;
    }

    public static String pool(String org, Group group) {
        return pool(org, group.kind(), group.key());
    }

    public static Key poolSeat(String poolPartition, String user) {
        return new Key(poolPartition, "SEAT#" + user);
    }

    /** Queue entries sort by arrival time, then member: the head of the queue is the first entry. */
    public static Key queueEntry(String org, String group, long epochMillis, String user) {
        return new Key(groupPartition(org, group), String.format("WAIT#%013d#%s", epochMillis, user));
    }

    public static Key queueEntry(String org, String group, String sortKey) {
        return new Key(groupPartition(org, group), sortKey);
    }

    public static String queuePrefix() {
        return "WAIT#";
    }

    /** A chat platform's chat or channel id, linked to the group that names it as its platformChatId. */
    public static Key chatLink(String org, String platformChatId) {
        return new Key(org(org), "CHAT#" + platformChatId);
    }

    /** A chat platform's user id, linked to the member that lists it in platformUserIds. */
    public static Key userLink(String org, String platform, String platformUserId) {
        return new Key(org(org), "PUSER#" + platform + "#" + platformUserId);
    }

    public static Key queueTicket(String org, String group, String user) {
        return new Key(groupPartition(org, group), queueTicketPrefix() + user);
    }

    public static String queueTicketPrefix() {
        return "WAITING#";
    }

    public static Key connector(String org, String platform) {
        return new Key(org(org), "CONNECTOR#" + platform);
    }

    /** A message event, by the platform's own message id (for Slack, channel and ts: ts is unique per channel). */
    public static Key message(String org, String platform, String messageId) {
        return new Key(org(org) + "#MSG#" + platform + "#" + messageId, "MESSAGE");
    }

    /** The GSI1 partition of one group's messages of one UTC day (yyyy-MM-dd). */
    public static String groupDay(String org, String group, LocalDate utcDay) {
        return groupPartition(org, group) + "#DAY#" + utcDay;
    }

    /** Messages of a day partition sort by time: a range of times is a range of sort keys. */
    public static String groupDaySort(Instant at, String platform, String messageId) {
        return String.format("%013d#%s#%s", at.toEpochMilli(), platform, messageId);
    }

    /** A change of a chat's members the platform reported, kept so a redelivery changes nothing. */
    public static Key chatChange(String org, String platform, String changeId) {
        return new Key(org(org) + "#EVENT#" + platform + "#" + changeId, "EVENT");
    }

    public static Key groupActivity(String org, String group) {
        return new Key(groupPartition(org, group), "ACTIVITY");
    }

    public static Key memberActivity(String org, String user) {
        return new Key(memberSeats(org, user), "ACTIVITY");
    }

    /** A group's digest of one period (DAY or WEEK) starting on {@code firstDay}: a re-run overwrites it. */
    public static Key digest(String org, String group, String period, LocalDate firstDay) {
        return new Key(groupPartition(org, group), "DIGEST#" + period + "#" + firstDay);
    }

    /** The GSI1 partition of all of an org's digests of one period: the org roll-up reads it. */
    public static String digestsOf(String org, String period, LocalDate firstDay) {
        return org(org) + "#DIGEST#" + period + "#" + firstDay;
    }

    public static final String ORGS = "ORGS";

    /** Every org that has a group is listed here, so that scheduled jobs find them without a Scan. */
    public static Key orgListing(String org) {
        return new Key(ORGS, org(org));
    }

    /** A group's incoming webhook for its digest. */
    public static Key webhook(String org, String group) {
        return new Key(groupPartition(org, group), "WEBHOOK");
    }

    /** An org's scores of the ISO week starting {@code monday}: the streaks the next week builds on. */
    public static Key scoreWeek(String org, LocalDate monday) {
        return new Key(org(org) + "#SCORES", "WEEK#" + monday);
    }

    /** One award to one member for one week: written once, however often the weekly job runs. */
    public static Key ledger(String org, LocalDate monday, String user, String award) {
        return new Key(org(org) + "#LEDGER#" + monday, "MEMBER#" + user + "#AWARD#" + award);
    }

    public static String ledgerWeek(String org, LocalDate monday) {
        return org(org) + "#LEDGER#" + monday;
    }

    /** The partition of an org's regroup plan headers; plan ids start with their UTC time, so they sort by age. */
    public static String plans(String org) {
        return org(org) + "#PLANS";
    }

    public static Key plan(String org, String planId) {
        return new Key(plans(org), planPrefix() + planId);
    }

    public static String planPrefix() {
        return "PLAN#";
    }

    /** The partition of one plan's operation chunks and step markers. */
    public static String planPartition(String org, String planId) {
        return org(org) + "#PLAN#" + planId;
    }

    /** The {@code index}th chunk of a plan's operations (a JSON array). */
    public static Key planOperations(String org, String planId, int index) {
        return new Key(planPartition(org, planId), String.format("%s%05d", planOperationsPrefix(), index));
    }

    public static String planOperationsPrefix() {
        return "OPS#";
    }

    /** Step {@code index} of a plan was applied: written in the step's own transaction, only if absent. */
    public static Key planStep(String org, String planId, int index) {
        return new Key(planPartition(org, planId), String.format("%s%06d", planStepPrefix(), index));
    }

    public static String planStepPrefix() {
        return "STEP#";
    }
}
