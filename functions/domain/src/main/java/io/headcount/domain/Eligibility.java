package io.headcount.domain;

/** Who may join a FUNCTION or PROJECT group. GENERAL groups are open to every active member. */
public enum Eligibility {
    /** Function groups take members of that function, project groups members of that project. */
    MATCH,
    ANY
}
