package io.headcount.admin;

import io.headcount.domain.ConnectorSpec;
import io.headcount.domain.GroupSpec;
import io.headcount.domain.MemberSpec;
import io.headcount.domain.PolicySpec;
import io.headcount.domain.WebhookSpec;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * admin's JSON types, registered for reflection so Jackson may bind them in a native image too (the error body is
 * registered by the adapters): request bodies, the views answered, the import's answer and the JSON roster form.
 * Nested records (ImportAnswer.RowError) are registered with their outer one. Domain records are listed here
 * because functions/domain stays free of Quarkus. infra/native-check derives the list from the code and checks
 * the native build registers every one.
 */
@RegisterForReflection(targets = {GroupSpec.class, MemberSpec.class, ConnectorSpec.class, PolicySpec.class,
        WebhookSpec.class, GroupView.class, MemberView.class, ImportAnswer.class, AdminFunction.GroupList.class,
        AdminFunction.PolicyView.class, AdminFunction.ConnectorView.class, AdminFunction.WebhookView.class,
        RosterFile.ImportedRoster.class, RosterFile.ImportedMember.class})
final class NativeJson {
    private NativeJson() {
    }
}
